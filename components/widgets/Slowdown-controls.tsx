// A labelled range slider plus number field bound to one value. Typing something invalid shows
// the reason (via onError) and keeps the last good value; the slider always holds a good value.
import { useEffect, useState } from 'preact/hooks';
import { parseNumber, type NumberRule } from './Slowdown-input';

export interface NumberControlProps {
  id: string;
  rule: NumberRule;
  value: number;
  /** Slider range (may be narrower than what the number field accepts). */
  sliderMin: number;
  sliderMax: number;
  step: number;
  onChange: (v: number) => void;
  onError: (message: string | null) => void;
  testid?: string;
}

export function NumberControl({ id, rule, value, sliderMin, sliderMax, step, onChange, onError, testid }: NumberControlProps) {
  const [text, setText] = useState(String(value));
  useEffect(() => {
    // Keep the field in step when the value changes from elsewhere (slider, reset, URL).
    if (Number(text) !== value) setText(String(value));
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [value]);
  const commit = (raw: string) => {
    setText(raw);
    const p = parseNumber(raw, rule);
    if (p.ok) {
      onError(null);
      onChange(p.value);
    } else onError(p.message);
  };
  return (
    <div class="wb-control">
      <label for={`${id}-n`}>{rule.label}</label>
      <input
        type="range"
        aria-label={`${rule.label} slider`}
        min={sliderMin}
        max={sliderMax}
        step={step}
        value={Math.min(sliderMax, Math.max(sliderMin, value))}
        onInput={(e) => commit((e.currentTarget as HTMLInputElement).value)}
      />
      <input
        id={`${id}-n`}
        data-testid={testid}
        type="text"
        inputMode="decimal"
        size={7}
        value={text}
        onChange={(e) => commit((e.currentTarget as HTMLInputElement).value)}
      />
    </div>
  );
}

/** Styles shared by the widgetsB widgets (Starlight variables, so both themes work). */
export const WIDGET_CSS = `
.widget{border:1px solid var(--sl-color-gray-5);border-radius:.5rem;padding:1rem;margin:1.5rem 0;max-width:100%;overflow-x:auto}
.widget h3,.widget h4{margin-top:0}
.widget .wb-control{display:flex;flex-wrap:wrap;gap:.5rem;align-items:center;margin:.25rem 0}
.widget .wb-control label{min-width:4.5rem}
.widget .wb-control input[type=range]{flex:1 1 8rem;min-width:6rem}
.widget input,.widget select,.widget button{font:inherit;color:var(--sl-color-text);background:var(--sl-color-bg);border:1px solid var(--sl-color-gray-4);border-radius:.25rem;padding:.15rem .4rem}
.widget button{cursor:pointer}
.widget select{max-width:100%}
.widget :focus-visible{outline:2px solid var(--sl-color-accent);outline-offset:2px}
.widget .wb-row{display:flex;flex-wrap:wrap;gap:.5rem;align-items:center;margin:.5rem 0}
.widget .wb-grid{display:grid;grid-template-columns:repeat(auto-fit,minmax(240px,1fr));gap:.75rem}
.widget .widget-error{color:var(--sl-color-red-high,#b00);border-left:3px solid var(--sl-color-red,#d00);padding-left:.5rem}
.widget .widget-notice{color:var(--sl-color-gray-2)}
.widget .widget-caption{color:var(--sl-color-gray-2);font-size:.9em}
.widget .widget-plot svg{max-width:100%;height:auto;background:transparent;color:var(--sl-color-text)}
.widget table{font-variant-numeric:tabular-nums;max-width:100%}
.widget table caption{white-space:normal;text-align:left;caption-side:bottom;font-size:.85em;color:var(--sl-color-gray-2)}
`;
