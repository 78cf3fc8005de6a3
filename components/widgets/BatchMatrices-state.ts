// State of the batch-as-matrices widget (chapter 6): the batch X (N × 2, one example per row), the
// targets Y (N × 2), the highlighted example and the layer whose gradient is compared, for the
// chapter's network createNetwork({ sizes: [2, 3, 2], seed: 1 }).
// URL: ?bm=<X entries row by row>;<Y entries>;<example 1…N>;<layer 1|2>.
import type { NumberRule } from '../kit/number';
import { listField, numberField, readPacked, writePacked } from '../kit/url-fields';

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

const D = BM_SIZES[0];
const OUT = BM_SIZES[BM_SIZES.length - 1];

/** The address as a kit table packed into one parameter (X and Y flattened row by row, the example counted from 1). */
export const BATCH_URL = [
  listField('X', 'x', BATCH_DEFAULTS.X.flat(), X_RULE, D * MIN_N, D * MAX_N),
  listField('Y', 'y', BATCH_DEFAULTS.Y.flat(), Y_RULE, OUT * MIN_N, OUT * MAX_N),
  numberField('example', 'example', 1, { label: 'example', min: 1, max: MAX_N, integer: true }),
  numberField('layer', 'layer', BATCH_DEFAULTS.layer, { label: 'layer', min: 1, max: BM_SIZES.length - 1, integer: true }),
] as const;

export function encodeBatch(s: BatchState): string {
  return writePacked(BATCH_URL, { x: s.X.flat(), y: s.Y.flat(), example: s.example + 1, layer: s.layer }, ';');
}

export function decodeBatch(raw: string | null): BatchState | null {
  if (raw === null) return null;
  // whole rows of X, one row of Y per example, and the highlighted example among them
  const fits = (v: { x: number[]; y: number[]; example: number }) => v.x.length % D === 0 && v.y.length === (v.x.length / D) * OUT && v.example <= v.x.length / D;
  const v = readPacked(BATCH_URL, raw, { sep: ';', check: fits });
  return v && { X: rows(v.x, D), Y: rows(v.y, OUT), example: v.example - 1, layer: v.layer };
}
