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
  /**
   * The run counts as diverged, and stops, at the first epoch where w, b, a or the cost is not
   * finite or |w| or |b| exceeds this bound (default NEURON_DIVERGENCE_BOUND = 10⁶).
   */
  bound?: number;
}

/** |w| or |b| beyond this counts as divergence: no sensible run of the chapter comes near it. */
const NEURON_DIVERGENCE_BOUND = 1e6;

export interface NeuronRun {
  /** Index e holds the value after e epochs (index 0 is the start). */
  w: number[];
  b: number[];
  a: number[];
  cost: number[];
  /**
   * The first epoch whose state is not finite or beyond the bound, or null if none. A diverged run
   * stops there: the arrays end at that epoch (they hold divergedAt + 1 entries).
   */
  divergedAt: number | null;
}

export function neuronRun({ w, b, eta, epochs, cost, x = 1, y = 0, bound = NEURON_DIVERGENCE_BOUND }: NeuronRunOptions): NeuronRun {
  if (!Number.isInteger(epochs) || epochs < 0) throw new RangeError(`epochs must be a whole number ≥ 0 (got ${epochs})`);
  if (!(bound > 0)) throw new RangeError(`bound must be a positive number (got ${bound})`);
  const c = resolveCost(cost);
  const out: NeuronRun = { w: [], b: [], a: [], cost: [], divergedAt: null };
  let s: NeuronState = { w, b };
  for (let e = 0; e <= epochs; e++) {
    const a = sigmoidScalar(s.w * x + s.b);
    const value = c.value([a], [y]);
    out.w.push(s.w);
    out.b.push(s.b);
    out.a.push(a);
    out.cost.push(value);
    const finite = Number.isFinite(s.w) && Number.isFinite(s.b) && Number.isFinite(a) && Number.isFinite(value);
    if (!finite || Math.abs(s.w) > bound || Math.abs(s.b) > bound) {
      out.divergedAt = e;
      break;
    }
    if (e < epochs) s = neuronStep(s, { eta, cost: c, x, y });
  }
  return out;
}
