// Reference answers come from the engine: these are thin adapters from the engine's Float64Array
// and Matrix types to the plain number arrays the exercise bank and its checkers work with.
// Tests (test/exercises/bank.test.ts) check the answers against independent routes (finite differences).
import * as E from '../engine/index';

const arr = (v: ArrayLike<number>) => Array.from(v);
export const sigmoid = (z: number) => E.sigmoidScalar(z);
export const sigmoidPrime = (z: number) => E.sigmoidPrimeScalar(z);
export const matVec = (w: number[][], a: number[]) => arr(E.matVec(E.Matrix.from(w), a));
export const matTVec = (w: number[][], d: number[]) => arr(E.matTVec(E.Matrix.from(w), d));
export const add = (u: number[], v: number[]) => arr(E.addVec(u, v));
export const sub = (u: number[], v: number[]) => arr(E.subVec(u, v));
export const had = (u: number[], v: number[]) => arr(E.hadamard(u, v));
export const outer = (d: number[], a: number[]) => E.outer(d, a).toArray();
export const softmax = (z: number[]) => arr(E.softmax.fn(z));

/** A sigmoid network with the quadratic cost, from plain arrays (weights[l][j][k] as in the model JSON). */
function network(ws: number[][][], bs: number[][]): E.Network {
  const sizes = [ws[0][0].length, ...ws.map((w) => w.length)];
  return E.fromJSON({ format: E.MODEL_FORMAT, sizes, activations: ws.map(() => 'sigmoid'), cost: 'quadratic', weights: ws, biases: bs });
}

/** z, a per layer for a sigmoid network (as[0] = x), by the engine's feedforward. */
export function forward(ws: number[][][], bs: number[][], x: number[]) {
  const { as, zs } = E.feedforward(network(ws, bs), x);
  return { as: as.map(arr), zs: zs.map(arr) };
}

/** δ per layer for the quadratic cost (BP1, BP2), by the engine's backprop. */
export function deltas(ws: number[][][], bs: number[][], x: number[], y: number[]) {
  const net = network(ws, bs);
  const { as, zs } = E.feedforward(net, x);
  const { deltas: ds } = E.backprop(net, x, y);
  return { as: as.map(arr), zs: zs.map(arr), ds: ds.map(arr) };
}

export const fmt = (x: number, d = 3) => (Math.abs(x) < 1e-3 && x !== 0 ? x.toExponential(2) : x.toFixed(d).replace(/\.?0+$/, '') || '0');
export const vtex = (v: number[]) => `\\begin{pmatrix}${v.map((x) => fmt(x)).join('\\\\')}\\end{pmatrix}`;
export const mtex = (m: number[][]) => `\\begin{pmatrix}${m.map((r) => r.map((x) => fmt(x)).join('&')).join('\\\\')}\\end{pmatrix}`;
