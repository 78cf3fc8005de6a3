// The widget kit's labelled select.
import './kit.css';

export function Select<T extends string>({ id, label, value, options, onChange, disabled, testid }: {
  id: string;
  label: string;
  value: T;
  options: readonly { value: T; label: string }[];
  onChange: (v: T) => void;
  disabled?: boolean;
  testid?: string;
}) {
  return (
    <span class="kit-field">
      <label for={id}>{label}</label>
      <select id={id} data-testid={testid ?? id} value={value} disabled={disabled} onChange={(e) => onChange((e.currentTarget as HTMLSelectElement).value as T)}>
        {options.map((o) => (
          <option key={o.value} value={o.value}>{o.label}</option>
        ))}
      </select>
    </span>
  );
}
