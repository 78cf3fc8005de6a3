// The single sigmoid neuron of the learning-slowdown chapter: one input x, weight w, bias b,
// a = σ(wx + b), trained by gradient descent to output y. With the quadratic cost and x = 1,
// y = 0, the gradient is ∂C/∂w = a σ′(z) = a²(1 − a), so w′ = w − η a²(1 − a): tiny when a ≈ 1.
// With cross-entropy, σ′ cancels and ∂C/∂w = (a − y) x.
import { sigmoid, sigmoidScalar } from './activations';
import { type Cost, type CostName } from './costs';
import { resolveCost } from './network';

export interface NeuronState {
  w: number;
  b: number;
}

export interface NeuronStepOptions {
  eta: number;
  cost: CostName | Cost;
  x?: number;
  y?: number;
}

/** One gradient step. Returns the new (w, b) and the output a and cost C at the old parameters. */
export function neuronStep(state: NeuronState, { eta, cost, x = 1, y = 0 }: NeuronStepOptions): NeuronState & { a: number; cost: number } {
  const c = resolveCost(cost);
  const z = state.w * x + state.b;
  const a = sigmoidScalar(z);
  const delta = c.delta([z], [a], [y], sigmoid)[0];
  return { w: state.w - eta * delta * x, b: state.b - eta * delta, a, cost: c.value([a], [y]) };
}

export interface NeuronRunOptions extends NeuronState {
  eta: number;
  epochs: number;
  cost: CostName | Cost;
  x?: number;
  y?: number;
}

export interface NeuronRun {
  /** Index e holds the value after e epochs (index 0 is the start). */
  w: number[];
  b: number[];
  a: number[];
  cost: number[];
}

export function neuronRun({ w, b, eta, epochs, cost, x = 1, y = 0 }: NeuronRunOptions): NeuronRun {
  if (!Number.isInteger(epochs) || epochs < 0) throw new RangeError(`epochs must be a whole number ≥ 0 (got ${epochs})`);
  const c = resolveCost(cost);
  const out: NeuronRun = { w: [], b: [], a: [], cost: [] };
  let s: NeuronState = { w, b };
  for (let e = 0; e <= epochs; e++) {
    const a = sigmoidScalar(s.w * x + s.b);
    out.w.push(s.w);
    out.b.push(s.b);
    out.a.push(a);
    out.cost.push(c.value([a], [y]));
    if (e < epochs) s = neuronStep(s, { eta, cost: c, x, y });
  }
  return out;
}
