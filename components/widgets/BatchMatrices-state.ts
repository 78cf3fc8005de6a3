// State of the batch-as-matrices widget (chapter 6): the batch X (N × 2, one example per row), the
// targets Y (N × 2), the highlighted example and the layer whose gradient is compared, for the
// chapter's network createNetwork({ sizes: [2, 3, 2], seed: 1 }).
// URL: ?bm=<X entries row by row>;<Y entries>;<example 1…N>;<layer 1|2>.
import { parseNumber, type NumberRule } from '../kit/number';
import { decodeList, encodeList } from './shared/netstate';

export const BM_SIZES = [2, 3, 2];
export const BM_SEED = 1;
export const MIN_N = 1;
export const MAX_N = 5;
export const X_RULE: NumberRule = { label: 'x', min: -10, max: 10 };
export const Y_RULE: NumberRule = { label: 'y', min: 0, max: 1 };

export interface BatchState {
  X: number[][];
  Y: number[][];
  /** 0-based highlighted example. */
  example: number;
  /** The text's layer l (1 or 2) whose weight gradient is compared. */
  layer: number;
}

/** The chapter's batch: the same X and Y as "Both ways, with numbers". */
export const BATCH_DEFAULTS: BatchState = {
  X: [[1, 0.5], [0, -1], [0.5, 2]],
  Y: [[1, 0], [0, 1], [1, 1]],
  example: 0,
  layer: 1,
};

const rows = (flat: number[], width: number) => Array.from({ length: flat.length / width }, (_, i) => flat.slice(i * width, (i + 1) * width));

export function encodeBatch(s: BatchState): string {
  return [encodeList(s.X.flat()), encodeList(s.Y.flat()), String(s.example + 1), String(s.layer)].join(';');
}

export function decodeBatch(raw: string | null): BatchState | null {
  if (raw === null) return null;
  const parts = raw.split(';');
  if (parts.length !== 4) return null;
  const D = BM_SIZES[0];
  const out = BM_SIZES[BM_SIZES.length - 1];
  const x = decodeList(parts[0], X_RULE);
  if (!x || x.length % D !== 0) return null;
  const N = x.length / D;
  if (N < MIN_N || N > MAX_N) return null;
  const y = decodeList(parts[1], Y_RULE, N * out);
  const example = parseNumber(parts[2], { label: 'example', min: 1, max: N, integer: true });
  const layer = parseNumber(parts[3], { label: 'layer', min: 1, max: BM_SIZES.length - 1, integer: true });
  if (!y || !example.ok || !layer.ok) return null;
  return { X: rows(x, D), Y: rows(y, out), example: example.value - 1, layer: layer.value };
}
