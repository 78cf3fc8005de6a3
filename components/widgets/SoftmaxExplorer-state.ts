// URL state of the softmax explorer: ?sm=z1,z2,…,zn;label;k;c (3 ≤ n ≤ 6, label and k in 0…n−1,
// c in [−100, 100]): the vector, the label, which z_k the "raise" control picks and the constant c
// the "shift" control adds. Links made before k and c were stored (two parts) load with their defaults.
import { parseNumber, type NumberRule } from '../kit/number';

export const Z_RULE: NumberRule = { label: 'z', min: -20, max: 20 };
export const SHIFT_RULE: NumberRule = { label: 'c', min: -100, max: 100 };
export const MIN_ENTRIES = 3;
export const MAX_ENTRIES = 6;

export interface SoftmaxState {
  z: number[];
  label: number;
  /** The index k (from 0) of the entry "raise z_k by 1" raises. */
  raiseK: number;
  /** The constant c "add c to every z" adds. */
  shift: number;
}
export const SOFTMAX_DEFAULTS: SoftmaxState = { z: [1, 2, 0.5, -1], label: 1, raiseK: 0, shift: 5 };

export function encodeSoftmax(s: SoftmaxState): string {
  return `${s.z.join(',')};${s.label};${s.raiseK};${s.shift}`;
}

export function decodeSoftmax(raw: string | null): SoftmaxState | null {
  if (raw === null) return null;
  const parts = raw.split(';');
  if (parts.length !== 2 && parts.length !== 4) return null;
  const [zs, labelText, kText, cText] = parts;
  const entries = zs.split(',');
  if (entries.length < MIN_ENTRIES || entries.length > MAX_ENTRIES) return null;
  const z: number[] = [];
  for (const p of entries) {
    const r = parseNumber(p, Z_RULE);
    if (!r.ok) return null;
    z.push(r.value);
  }
  const index = (text: string, label: string) => parseNumber(text, { label, min: 0, max: z.length - 1, integer: true });
  const label = index(labelText, 'label');
  if (!label.ok) return null;
  if (kText === undefined || cText === undefined) return { z, label: label.value, raiseK: SOFTMAX_DEFAULTS.raiseK, shift: SOFTMAX_DEFAULTS.shift };
  const k = index(kText, 'k');
  const c = parseNumber(cText, SHIFT_RULE);
  if (!k.ok || !c.ok) return null;
  return { z, label: label.value, raiseK: k.value, shift: c.value };
}
