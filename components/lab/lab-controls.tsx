// Small pieces shared by the lab widgets: a labelled text field checked on commit, a labelled
// select, a download helper, and the lab's styles (Starlight variables: both themes work).
import { useEffect, useState } from 'preact/hooks';

type Check<T> = { ok: true; value: T } | { ok: false; message: string };

export interface FieldProps {
  id: string;
  label: string;
  value: number;
  check: (text: string) => Check<number>;
  onChange: (v: number) => void;
  onError: (message: string | null) => void;
  testid?: string;
  size?: number;
  disabled?: boolean;
}

/** A text field for one number: a bad entry shows the reason (onError) and keeps the last good value. */
export function NumberField({ id, label, value, check, onChange, onError, testid, size = 6, disabled }: FieldProps) {
  const [text, setText] = useState(String(value));
  useEffect(() => {
    if (Number(text) !== value) setText(String(value));
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [value]);
  return (
    <span class="lab-field">
      <label for={id}>{label}</label>
      <input
        id={id}
        data-testid={testid ?? id}
        type="text"
        inputMode="decimal"
        size={size}
        value={text}
        disabled={disabled}
        onChange={(e) => {
          const raw = (e.currentTarget as HTMLInputElement).value;
          setText(raw);
          const r = check(raw);
          if (r.ok) {
            onError(null);
            onChange(r.value);
          } else onError(r.message);
        }}
      />
    </span>
  );
}

export function SelectField<T extends string>({ id, label, value, options, onChange, disabled, testid }: {
  id: string;
  label: string;
  value: T;
  options: { value: T; label: string }[];
  onChange: (v: T) => void;
  disabled?: boolean;
  testid?: string;
}) {
  return (
    <span class="lab-field">
      <label for={id}>{label}</label>
      <select id={id} data-testid={testid ?? id} value={value} disabled={disabled} onChange={(e) => onChange((e.currentTarget as HTMLSelectElement).value as T)}>
        {options.map((o) => (
          <option key={o.value} value={o.value}>{o.label}</option>
        ))}
      </select>
    </span>
  );
}

/** Offer `text` as a file download (the model JSON). */
export function downloadText(filename: string, text: string, type = 'application/json'): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** Compact number formatting for captions. */
export function fmt(x: number | undefined, digits = 4): string {
  if (x === undefined || Number.isNaN(x)) return '–';
  if (!Number.isFinite(x)) return String(x);
  if (x !== 0 && (Math.abs(x) < 1e-3 || Math.abs(x) >= 1e5)) return x.toExponential(2);
  return Number(x.toPrecision(digits)).toString();
}

export function pct(x: number | undefined, digits = 2): string {
  return x === undefined || Number.isNaN(x) ? '–' : `${(100 * x).toFixed(digits)}%`;
}


export const LAB_CSS = `
.lab{border:1px solid var(--sl-color-gray-5);border-radius:.5rem;padding:1rem;margin:1.5rem 0;max-width:100%;overflow-x:auto;background:var(--sl-color-bg-nav)}
.lab h3,.lab h4{margin-top:0}
.lab h3{font-size:1.3rem}
.lab h4{font-size:1rem;margin:.75rem 0 .25rem}
.lab .lab-row{display:flex;flex-wrap:wrap;gap:.5rem .9rem;align-items:center;margin:.5rem 0}
.lab .lab-field{display:inline-flex;gap:.35rem;align-items:center}
.lab input,.lab select,.lab button{font:inherit;color:var(--sl-color-text);background:var(--sl-color-bg);border:1px solid var(--sl-color-gray-4);border-radius:.25rem;padding:.15rem .4rem}
.lab input[type=range]{padding:0}
.lab button{cursor:pointer}
.lab button:disabled,.lab select:disabled,.lab input:disabled{opacity:.55;cursor:not-allowed}
.lab :focus-visible{outline:2px solid var(--sl-color-accent);outline-offset:2px}
.lab .lab-grid{display:grid;grid-template-columns:repeat(auto-fit,minmax(260px,1fr));gap:.75rem;margin-top:.5rem}
.lab .widget-error{color:var(--sl-color-red-high,#b00);background:var(--sl-color-red-low,transparent);border-left:3px solid var(--sl-color-red,#d00);padding:.25rem .5rem}
.lab .widget-notice{color:var(--sl-color-gray-2)}
.lab .widget-caption{color:var(--sl-color-gray-2);font-size:.9em}
.lab .widget-plot svg{max-width:100%;height:auto;background:transparent;color:var(--sl-color-text)}
.lab table{font-variant-numeric:tabular-nums;max-width:100%}
.lab .lab-layers{display:flex;flex-wrap:wrap;gap:.4rem;align-items:center}
.lab .lab-layer{display:inline-flex;gap:.2rem;align-items:center;border:1px solid var(--sl-color-gray-5);border-radius:.25rem;padding:.1rem .3rem}
.lab progress{width:min(20rem,100%)}
.lab .lab-bars{display:grid;grid-template-columns:1.2rem 1fr 3.5rem;gap:.1rem .4rem;align-items:center;font-variant-numeric:tabular-nums}
.lab .lab-bar{height:.8rem;background:var(--sl-color-accent);border-radius:.15rem}
.lab .lab-bar-track{background:var(--sl-color-gray-6,#eee)}
`;
