// An editable matrix: one labelled text field per entry. A typed value is parsed against the rule;
// a bad one is reported through onError and the last good value stays in force (the field keeps
// showing what was typed until it is corrected, so the reader can see the mistake).
import { parseNumber, type NumberRule } from '../../kit/number';
import { useDraft } from '../../kit/draft';

export function NumberField({ value, rule, label, testid, onChange, onError }: {
  value: number;
  rule: NumberRule;
  label: string;
  testid: string;
  onChange: (v: number) => void;
  onError: (message: string | null) => void;
}) {
  const { text, typed, committed } = useDraft(value, String);
  return (
    <input
      class="wa-field"
      type="text"
      inputMode="decimal"
      aria-label={label}
      data-testid={testid}
      value={text}
      onInput={(e) => typed((e.currentTarget as HTMLInputElement).value)}
      onChange={(e) => {
        const raw = (e.currentTarget as HTMLInputElement).value;
        const p = parseNumber(raw, { ...rule, label });
        committed(raw, p);
        if (p.ok) {
          onError(null);
          onChange(p.value);
        } else onError(p.message);
      }}
    />
  );
}

export interface NumberGridProps {
  values: number[][];
  rule: NumberRule;
  /** Accessible name of entry (i, j), 0-based, e.g. "x of example 2, feature 1". */
  label: (i: number, j: number) => string;
  /** Fields get data-testid `${testid}-${i + 1}-${j + 1}`. */
  testid: string;
  caption: string;
  rowHeads?: string[];
  colHeads?: string[];
  hotRow?: number;
  onChange: (i: number, j: number, v: number) => void;
  onError: (message: string | null) => void;
}

export function NumberGrid({ values, rule, label, testid, caption, rowHeads, colHeads, hotRow, onChange, onError }: NumberGridProps) {
  return (
    <table class="wa-matrix" data-testid={testid}>
      <caption>{caption}</caption>
      {colHeads && (
        <thead>
          <tr>
            {rowHeads && <td />}
            {colHeads.map((h, j) => (
              <th key={j} scope="col">
                {h}
              </th>
            ))}
          </tr>
        </thead>
      )}
      <tbody>
        {values.map((row, i) => (
          <tr key={i}>
            {rowHeads && (
              <th scope="row" class={hotRow === i ? 'wa-hot' : undefined}>
                {rowHeads[i]}
              </th>
            )}
            {row.map((v, j) => (
              <td key={`${i}-${j}-${values.length}`} class={hotRow === i ? 'wa-hot' : undefined}>
                <NumberField value={v} rule={rule} label={label(i, j)} testid={`${testid}-${i + 1}-${j + 1}`} onError={onError} onChange={(nv) => onChange(i, j, nv)} />
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
