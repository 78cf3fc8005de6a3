// URL state of the softmax explorer: ?sm=z1,z2,…,zn;label (3 ≤ n ≤ 6, label in 0…n−1).
import { parseNumber, type NumberRule } from './Slowdown-input';

export const Z_RULE: NumberRule = { label: 'z', min: -20, max: 20 };
export const SHIFT_RULE: NumberRule = { label: 'c', min: -100, max: 100 };
export const MIN_ENTRIES = 3;
export const MAX_ENTRIES = 6;

export interface SoftmaxState { z: number[]; label: number }
export const SOFTMAX_DEFAULTS: SoftmaxState = { z: [1, 2, 0.5, -1], label: 1 };

export function encodeSoftmax(s: SoftmaxState): string {
  return `${s.z.join(',')};${s.label}`;
}

export function decodeSoftmax(raw: string | null): SoftmaxState | null {
  if (raw === null) return null;
  const [zs, labelText, ...rest] = raw.split(';');
  if (rest.length > 0 || zs === undefined || labelText === undefined) return null;
  const parts = zs.split(',');
  if (parts.length < MIN_ENTRIES || parts.length > MAX_ENTRIES) return null;
  const z: number[] = [];
  for (const p of parts) {
    const r = parseNumber(p, Z_RULE);
    if (!r.ok) return null;
    z.push(r.value);
  }
  const label = parseNumber(labelText, { label: 'label', min: 0, max: z.length - 1, integer: true });
  if (!label.ok) return null;
  return { z, label: label.value };
}
