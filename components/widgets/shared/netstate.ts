// Pure state helpers shared by the network widgets (ForwardPass, BackpropStepper, BatchMatrices,
// AugmentedBias): a network's parameters as plain arrays, their URL form, and parsing of typed
// vectors. No DOM, no maths beyond copying numbers: every quantity the widgets show comes from the
// engine; these only build the engine's input (a model JSON for `fromJSON`).
import { MODEL_FORMAT, fromJSON, type ModelJSON, type Network } from '../../../src/engine/index';
import { parseNumber, type NumberRule } from '../../kit/number';

/** The parameters a reader edits: weights[l][j][k] is the text's w^{l+1}_{jk}, biases[l][j] is b^{l+1}_j. */
export interface Params {
  sizes: number[];
  weights: number[][][];
  biases: number[][];
}

/** Parameters and inputs share one range: wide enough to saturate σ, far from overflow. */
export const PARAM_RULE: NumberRule = { label: 'value', min: -10, max: 10 };
export const rule = (label: string, base: NumberRule = PARAM_RULE): NumberRule => ({ ...base, label });

/** The model JSON of an all-sigmoid, quadratic-cost network with these parameters. */
export function modelOf(p: Params): ModelJSON {
  return {
    format: MODEL_FORMAT,
    sizes: p.sizes.slice(),
    activations: p.sizes.slice(1).map(() => 'sigmoid'),
    cost: 'quadratic',
    weights: p.weights.map((w) => w.map((r) => r.slice())),
    biases: p.biases.map((b) => b.slice()),
  };
}

/** The engine's network for these parameters (fromJSON validates shapes and finiteness). */
export function networkOf(p: Params): Network {
  return fromJSON(modelOf(p));
}

/** The editable parameters of an engine network. */
export function paramsOf(net: Network): Params {
  return { sizes: net.sizes.slice(), weights: net.weights.map((w) => w.toArray()), biases: net.biases.map((b) => Array.from(b)) };
}

/** Every parameter in a fixed order: layer by layer, the rows of w then b. */
export function flatten(p: Params): number[] {
  const out: number[] = [];
  p.weights.forEach((w, l) => {
    w.forEach((r) => out.push(...r));
    out.push(...p.biases[l]);
  });
  return out;
}

/** The inverse of flatten for a given shape; null when the count is wrong. */
export function unflatten(sizes: number[], flat: number[]): Params | null {
  let i = 0;
  const weights: number[][][] = [];
  const biases: number[][] = [];
  for (let l = 1; l < sizes.length; l++) {
    const w: number[][] = [];
    for (let j = 0; j < sizes[l]; j++) {
      w.push(flat.slice(i, i + sizes[l - 1]));
      i += sizes[l - 1];
    }
    weights.push(w);
    biases.push(flat.slice(i, i + sizes[l]));
    i += sizes[l];
  }
  if (i !== flat.length || weights.some((w) => w.some((r) => r.length !== w[0].length))) return null;
  if (biases.some((b, l) => b.length !== sizes[l + 1])) return null;
  return { sizes: sizes.slice(), weights, biases };
}

/** A copy of p with one weight (kind 'w', index [l, j, k]) or bias (kind 'b', [l, j]) replaced. */
export function withParam(p: Params, kind: 'w' | 'b', l: number, j: number, k: number, v: number): Params {
  const weights = p.weights.map((w) => w.map((r) => r.slice()));
  const biases = p.biases.map((b) => b.slice());
  if (kind === 'w') weights[l][j][k] = v;
  else biases[l][j] = v;
  return { sizes: p.sizes.slice(), weights, biases };
}

/** Numbers in a URL value: comma-separated, shortest exact form. */
export type ParsedList = { ok: true; value: number[] } | { ok: false; message: string };

/** A vector typed by the reader ("1, 0.5, -1"); the message says which entry is wrong and why. */
export function parseVector(text: string, n: number, r: NumberRule): ParsedList {
  const parts = text.split(/[,;\s]+/).filter((s) => s !== '');
  if (parts.length !== n) return { ok: false, message: `${r.label}: enter ${n} number${n === 1 ? '' : 's'} separated by commas; got ${parts.length}.` };
  const value: number[] = [];
  for (let i = 0; i < n; i++) {
    const p = parseNumber(parts[i], { ...r, label: `${r.label}${n > 1 ? ` entry ${i + 1}` : ''}` });
    if (!p.ok) return p;
    value.push(p.value);
  }
  return { ok: true, value };
}

/** Layer sizes typed as "2-3-1" or "2,3,1": 2 to 5 layers of 1 to `maxSize` neurons. */
export function parseSizes(text: string, maxSize = 4): ParsedList {
  const parts = text.split(/[-,\s→>]+/).filter((s) => s !== '');
  if (parts.length < 2 || parts.length > 5) return { ok: false, message: `shape: give 2 to 5 layer sizes like 2-3-1; got ${parts.length}.` };
  const value: number[] = [];
  for (const part of parts) {
    const p = parseNumber(part, { label: 'shape: a layer size', min: 1, max: maxSize, integer: true });
    if (!p.ok) return p;
    value.push(p.value);
  }
  return { ok: true, value };
}
