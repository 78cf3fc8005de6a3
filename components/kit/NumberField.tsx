// The widget kit's field for one number: a labelled text field (optionally with a range slider
// beside it) read with the kit's rule (number.ts: the site-wide literal rule plus range and
// whole-number rules). A bad entry keeps the last good value, marks the field aria-invalid and
// says why: beside the field, or through `onError` when the widget shows its messages in one place
// (then the widget's message element carries role="alert"). The value is committed on change
// (Enter or leaving the field), as the bad-input walk expects of every text field.
import { parseNumber, type NumberRule, type Parsed } from './number';
import { fieldText } from './format';
import { useDraft } from './draft';
import './kit.css';

export interface NumberFieldProps {
  id: string;
  /** The visible label (default: the rule's label). */
  label?: string;
  /** The reading rule, or a custom check (it should itself use parseNumber). */
  rule: NumberRule | ((text: string) => Parsed);
  value: number;
  onChange: (v: number) => void;
  /** The widget shows the message itself (null when the text is good again). */
  onError?: (message: string | null) => void;
  testid?: string;
  size?: number;
  disabled?: boolean;
  /** A range slider beside the field (its range may be narrower than what the field accepts). */
  slider?: { min: number; max: number; step: number };
}

export function NumberField({ id, label, rule, value, onChange, onError, testid, size = 6, disabled, slider }: NumberFieldProps) {
  // A value from elsewhere is shown rounded (fieldText), as the chapters print numbers; the exact
  // value is what the widget computes with, and stays so until the reader types a new one (a
  // field focused and left unchanged commits nothing). The reader's own text stays as typed
  // while it is about the value in force (useDraft).
  const { text, message, typed, committed } = useDraft(value, fieldText);
  const check = typeof rule === 'function' ? rule : (t: string) => parseNumber(t, rule);
  const name = label ?? (typeof rule === 'function' ? id : rule.label);
  const commit = (raw: string) => {
    const p = check(raw);
    committed(raw, p);
    onError?.(p.ok ? null : p.message);
    if (p.ok) onChange(p.value);
  };
  const messageId = `${id}-message`;
  return (
    <span class={slider ? 'kit-field kit-field-slider' : 'kit-field'}>
      <label for={id}>{name}</label>
      {slider && (
        <input
          type="range"
          aria-label={`${name} slider`}
          min={slider.min}
          max={slider.max}
          step={slider.step}
          value={Math.min(slider.max, Math.max(slider.min, value))}
          disabled={disabled}
          onInput={(e) => commit((e.currentTarget as HTMLInputElement).value)}
        />
      )}
      <input
        id={id}
        data-testid={testid ?? id}
        type="text"
        inputMode="decimal"
        size={size}
        value={text}
        disabled={disabled}
        aria-invalid={message ? 'true' : undefined}
        aria-describedby={message && !onError ? messageId : undefined}
        onChange={(e) => commit((e.currentTarget as HTMLInputElement).value)}
        // the draft follows every keystroke, so a re-render never puts back an older text
        onInput={(e) => typed((e.currentTarget as HTMLInputElement).value)}
      />
      {message && !onError && (
        <span class="widget-error kit-field-message" role="alert" id={messageId} data-testid={`${testid ?? id}-error`}>{message}</span>
      )}
    </span>
  );
}
