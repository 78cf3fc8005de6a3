// State of the autodiff-graph widget (chapter 4): a 1→1→1 sigmoid network with the quadratic cost,
// its input x, target y, the four parameters, and how many steps of the backward pass are shown.
// URL: ?ad=<x>,<y>,<w1>,<b1>,<w2>,<b2>;<step>. Also the graph's layout (columns by depth) and the
// nodes' display names. No maths: values, grads and local derivatives come from the engine's
// costGraph and backwardTrace.
import { type Network, type Value, backwardTrace, costGraph, createNetwork } from '../../src/engine/index';
import { listField, numberField, readPacked, writePacked } from '../kit/url-fields';
import { PARAM_RULE } from './shared/netstate';
import { sub, sup } from './shared/notation';

export const AD_PARAM = 'ad';
export const AD_FIELDS = ['x', 'y', 'w1', 'b1', 'w2', 'b2'] as const;
export type AdField = (typeof AD_FIELDS)[number];

export interface AutodiffState {
  inputs: Record<AdField, number>;
  /** steps of the backward pass taken, 0 … adStepCount() */
  step: number;
}

export function autodiffDefaults(): AutodiffState {
  return { inputs: { x: 1, y: 1, w1: 0.6, b1: -0.2, w2: -0.9, b2: 0.3 }, step: 0 };
}

/** The engine's network for these inputs (x and y are not part of it). */
export function adNetwork(inputs: Record<AdField, number>): Network {
  const net = createNetwork({ sizes: [1, 1, 1], activations: 'sigmoid', cost: 'quadratic' });
  net.weights[0].set(0, 0, inputs.w1);
  net.biases[0][0] = inputs.b1;
  net.weights[1].set(0, 0, inputs.w2);
  net.biases[1][0] = inputs.b2;
  return net;
}

/** The graph and its step-by-step backward pass for these inputs. */
export function adGraph(inputs: Record<AdField, number>) {
  const g = costGraph(adNetwork(inputs), [inputs.x], [inputs.y]);
  return { graph: g, trace: backwardTrace(g.cost) };
}

/** The number of steps of the backward pass (one per operation node; the same for any inputs). */
export const adStepCount = (): number => adGraph(autodiffDefaults().inputs).trace.steps.length;

/** The address as a kit table packed into one parameter: the six inputs in AD_FIELDS order, then the step. */
export const AUTODIFF_URL = [
  listField('inputs', 'values', [], PARAM_RULE, AD_FIELDS.length, AD_FIELDS.length),
  numberField('step', 'step', 0, { label: 'step', min: 0, max: adStepCount(), integer: true }),
] as const;

export function encodeAutodiff(s: AutodiffState): string {
  return writePacked(AUTODIFF_URL, { values: AD_FIELDS.map((f) => s.inputs[f]), step: s.step }, ';');
}

export function decodeAutodiff(raw: string | null): AutodiffState | null {
  const v = raw === null ? null : readPacked(AUTODIFF_URL, raw, ';');
  return v && { inputs: Object.fromEntries(AD_FIELDS.map((f, i) => [f, v.values[i]])) as Record<AdField, number>, step: v.step };
}

/** A node's name for display: x₁, w¹₁₁, b²₁, z¹₁, C, a constant's value, or the operation's symbol. */
export function nodeName(v: Value): string {
  const m = /^([wbz])(\d+)_(\d+)$/.exec(v.label);
  if (m) return `${m[1]}${sup(Number(m[2]))}${[...m[3]].map((d) => sub(Number(d))).join('')}`;
  const x = /^([xy])(\d+)$/.exec(v.label);
  if (x) return `${x[1]}${sub(Number(x[2]))}`;
  if (v.label === 'C') return 'C';
  if (v.parents.length === 0) return v.label || String(v.data);
  return v.op;
}

export interface NodePlace {
  column: number;
  row: number;
}

/**
 * Columns by depth: an operation one column right of its deepest operation parent, a leaf one
 * column left of the first operation that uses it; operations in the middle row, leaves above
 * and below it (alternating when a column has more than one leaf).
 */
export function layout(order: readonly Value[]): NodePlace[] {
  const index = new Map(order.map((v, i) => [v, i]));
  const column = new Array<number>(order.length).fill(0);
  order.forEach((v, i) => {
    if (v.parents.length > 0) column[i] = 1 + Math.max(0, ...v.parents.filter((p) => p.parents.length > 0).map((p) => column[index.get(p)!]));
  });
  const leafColumn = new Array<number>(order.length).fill(Infinity);
  order.forEach((v, i) => {
    for (const p of v.parents) if (p.parents.length === 0) leafColumn[index.get(p)!] = Math.min(leafColumn[index.get(p)!], column[i] - 1);
  });
  const used = new Map<number, number>();
  return order.map((v, i) => {
    if (v.parents.length > 0) return { column: column[i], row: 1 };
    const c = Number.isFinite(leafColumn[i]) ? Math.max(0, leafColumn[i]) : 0;
    const n = used.get(c) ?? 0;
    used.set(c, n + 1);
    return { column: c, row: n % 2 === 0 ? 0 : 2 };
  });
}
