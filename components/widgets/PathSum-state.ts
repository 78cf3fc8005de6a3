// State of the path-sum widget (chapter 3, "The big picture"): which weight w^l_jk of chapter 5's
// 3→3→2→1 network and which input x. URL: ?ps=<l>-<j>-<k>;<x1>,<x2>,<x3> (l, j, k counted from 1, as
// in the text). Also the labels of a path's factors, as TeX (the chapter) and as plain text (the
// widget). No maths: the factors' values come from the engine's weightPaths.
import type { PathFactor } from '../../src/engine/index';
import { WORKED_MODEL, WORKED_X } from '../../src/data/worked-example';
import { customField, listField, readPacked, writePacked } from '../kit/url-fields';
import { PARAM_RULE } from './shared/netstate';
import { sub, sup } from './shared/notation';

export const PS_PARAM = 'ps';
export const PS_SIZES: readonly number[] = WORKED_MODEL.sizes;

export interface PathSumState {
  /** the text's layer l, 1 … L */
  layer: number;
  /** 0-based neuron of layer l */
  j: number;
  /** 0-based neuron of layer l − 1 */
  k: number;
  x: number[];
}

export function pathSumDefaults(): PathSumState {
  return { layer: 1, j: 0, k: 0, x: WORKED_X.slice() };
}

/** "l-j-k", counted from 1. */
export const weightKey = (s: Pick<PathSumState, 'layer' | 'j' | 'k'>): string => `${s.layer}-${s.j + 1}-${s.k + 1}`;

/** The weight named by "l-j-k" (from 1), or null when the network has no such weight. */
export function parseWeightKey(key: string, sizes: readonly number[] = PS_SIZES): Pick<PathSumState, 'layer' | 'j' | 'k'> | null {
  const m = /^(\d+)-(\d+)-(\d+)$/.exec(key);
  if (!m) return null;
  const [layer, j, k] = [Number(m[1]), Number(m[2]) - 1, Number(m[3]) - 1];
  if (layer < 1 || layer >= sizes.length) return null;
  if (j < 0 || j >= sizes[layer] || k < 0 || k >= sizes[layer - 1]) return null;
  return { layer, j, k };
}

/** Every weight of the network, in the text's order (layer, then j, then k), with its label. */
export function weightOptions(sizes: readonly number[] = PS_SIZES): { value: string; label: string }[] {
  const out: { value: string; label: string }[] = [];
  for (let layer = 1; layer < sizes.length; layer++)
    for (let j = 0; j < sizes[layer]; j++)
      for (let k = 0; k < sizes[layer - 1]; k++) out.push({ value: weightKey({ layer, j, k }), label: `w${sup(layer)}${sub(j + 1)}${sub(k + 1)} (layer ${layer}, j = ${j + 1}, k = ${k + 1})` });
  return out;
}

/** The address as a kit table packed into one parameter: the weight "l-j-k" (j, k from 1) and x. */
export const PATH_SUM_URL = [
  customField(
    'weight',
    'weight',
    { layer: 1, j: 0, k: 0 } as Pick<PathSumState, 'layer' | 'j' | 'k'>,
    (t) => {
      const w = parseWeightKey(t);
      return w ? { ok: true, value: w } : { ok: false, message: 'expected a weight of the network as l-j-k' };
    },
    (w) => weightKey(w),
  ),
  listField('x', 'x', [], PARAM_RULE, PS_SIZES[0], PS_SIZES[0]),
] as const;

export function encodePathSum(s: PathSumState): string {
  return writePacked(PATH_SUM_URL, { weight: s, x: s.x }, ';');
}

export function decodePathSum(raw: string | null): PathSumState | null {
  const v = raw === null ? null : readPacked(PATH_SUM_URL, raw, ';');
  return v && { ...v.weight, x: v.x };
}


/** A factor's name as plain text: x₁ (or a¹₂), σ′(z¹₁), w²₁₁, ∂a³₁/∂z³₂, ∂C/∂a³₁. */
export function factorText(f: PathFactor): string {
  switch (f.kind) {
    case 'input':
      return f.layer === 0 ? `x${sub(f.i + 1)}` : `a${sup(f.layer)}${sub(f.i + 1)}`;
    case 'sigma':
      return f.i === f.j ? `σ′(z${sup(f.layer)}${sub(f.j + 1)})` : `∂a${sup(f.layer)}${sub(f.i + 1)}/∂z${sup(f.layer)}${sub(f.j + 1)}`;
    case 'weight':
      return `w${sup(f.layer)}${sub(f.i + 1)}${sub(f.j + 1)}`;
    case 'cost':
      return `∂C/∂a${sup(f.layer)}${sub(f.i + 1)}`;
  }
}

/** The same name in TeX. */
export function factorTeX(f: PathFactor): string {
  switch (f.kind) {
    case 'input':
      return `a^{${f.layer}}_{${f.i + 1}}`;
    case 'sigma':
      return f.i === f.j ? `\\sigma'(z^{${f.layer}}_{${f.j + 1}})` : `\\frac{\\partial a^{${f.layer}}_{${f.i + 1}}}{\\partial z^{${f.layer}}_{${f.j + 1}}}`;
    case 'weight':
      return `w^{${f.layer}}_{${f.i + 1}${f.j + 1}}`;
    case 'cost':
      return `\\frac{\\partial C}{\\partial a^{${f.layer}}_{${f.i + 1}}}`;
  }
}

/** The path as the neurons it passes through, e.g. "w¹₁₁ → z¹₁ → z²₂ → z³₁ → C" (elementwise σ). */
export function pathText(layer: number, j: number, k: number, zNeurons: readonly number[], aNeurons: readonly number[]): string {
  const steps = zNeurons.map((p, r) => {
    const m = layer + r;
    const z = `z${sup(m)}${sub(p + 1)}`;
    return aNeurons[r] === p ? z : `${z} → a${sup(m)}${sub(aNeurons[r] + 1)}`;
  });
  return [`w${sup(layer)}${sub(j + 1)}${sub(k + 1)}`, ...steps, 'C'].join(' → ');
}
