// URL state of the softmax explorer: ?sm=z1,z2,…,zn;label;k;c (3 ≤ n ≤ 6, label and k in 0…n−1,
// c in [−100, 100]): the vector, the label, which z_k the "raise" control picks and the constant c
// the "shift" control adds. Links made before k and c were stored (two parts) load with their defaults.
import type { NumberRule } from '../kit/number';
import { listField, numberField, readPacked, writePacked } from '../kit/url-fields';

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

/** The address as a kit table packed into one parameter (the two trailing fields may be missing in older links). */
export const SOFTMAX_URL = [
  listField('z', 'z', SOFTMAX_DEFAULTS.z, Z_RULE, MIN_ENTRIES, MAX_ENTRIES),
  numberField('label', 'label', SOFTMAX_DEFAULTS.label, { label: 'label', min: 0, max: MAX_ENTRIES - 1, integer: true }),
  numberField('k', 'raiseK', SOFTMAX_DEFAULTS.raiseK, { label: 'k', min: 0, max: MAX_ENTRIES - 1, integer: true }),
  numberField('c', 'shift', SOFTMAX_DEFAULTS.shift, SHIFT_RULE),
] as const;

export function encodeSoftmax(s: SoftmaxState): string {
  return writePacked(SOFTMAX_URL, s, ';');
}

export function decodeSoftmax(raw: string | null): SoftmaxState | null {
  if (raw === null) return null;
  // the label and k index entries of z
  return readPacked(SOFTMAX_URL, raw, { sep: ';', counts: [2, 4], check: (v) => v.label < v.z.length && v.raiseK < v.z.length });
}
