// A fully-connected network: layer sizes, one activation per layer after the input, a cost,
// and the parameters. net.weights[i] is the text's w^{i+1} (shape n_{i+1} × n_i) and
// net.biases[i] is b^{i+1}: the text numbers layers from 1, arrays count from 0.
import { type Activation, type ActivationName, getActivation } from './activations';
import { type Cost, type CostName, getCost } from './costs';
import { Matrix, type Vec } from './matrix';
import { createRng } from './rng';

export interface Network {
  sizes: number[];
  /** activations[i] is the σ of layer i + 1. */
  activations: Activation[];
  cost: Cost;
  weights: Matrix[];
  biases: Vec[];
}

/**
 * How the first weights are drawn (N(μ, σ²) has variance σ²; n_in, n_out are the sizes of the layer's input and output):
 * - 'standard': weights N(0, 1);
 * - 'scaled': weights N(0, 1/n_in), i.e. standard deviation 1/√n_in (variance 1/n_in);
 * - 'xavier' (Glorot): weights N(0, 2/(n_in + n_out));
 * - 'he': weights N(0, 2/n_in) (for ReLU layers);
 *   biases N(0, 1) in these four;
 * - 'zero': every weight **and every bias** 0 (the symmetry-breaking demonstration: with all
 *   parameters equal, the hidden neurons of a layer stay identical under gradient descent; zero
 *   biases are chosen because random biases alone would already break the symmetry).
 */
export type InitName = 'standard' | 'scaled' | 'xavier' | 'he' | 'zero';

export const INIT_NAMES: readonly InitName[] = ['standard', 'scaled', 'xavier', 'he', 'zero'];

/** The variance of each weight of a layer with nIn inputs and nOut neurons under an initialisation. */
export function initVariance(init: InitName, nIn: number, nOut: number): number {
  switch (init) {
    case 'standard': return 1;
    case 'scaled': return 1 / nIn;
    case 'xavier': return 2 / (nIn + nOut);
    case 'he': return 2 / nIn;
    case 'zero': return 0;
  }
}

export interface NetworkOptions {
  sizes: number[];
  /** One for every layer, or one per layer after the input. Default sigmoid. */
  activations?: ActivationName | Activation | (ActivationName | Activation)[];
  /** Default quadratic. */
  cost?: CostName | Cost;
  /** Default 'standard' (N(0, 1) weights, as in the text's first network); see InitName. */
  init?: InitName;
  /** Default 1. */
  seed?: number;
}

/** Largest layer the engine builds on request: a guard against a typo freezing the page. */
export const MAX_LAYER_SIZE = 5000;

export function resolveActivation(a: ActivationName | Activation): Activation {
  return typeof a === 'string' ? getActivation(a) : a;
}

export function resolveCost(c: CostName | Cost): Cost {
  return typeof c === 'string' ? getCost(c) : c;
}

export function checkSizes(sizes: unknown): number[] {
  if (!Array.isArray(sizes) || sizes.length < 2) {
    throw new RangeError('sizes must list at least two layers, e.g. [2, 3, 1]');
  }
  sizes.forEach((n, i) => {
    if (!Number.isInteger(n) || n < 1) throw new RangeError(`sizes[${i}] must be a whole number ≥ 1 (got ${String(n)})`);
    if (n > MAX_LAYER_SIZE) throw new RangeError(`sizes[${i}] = ${n} is more than ${MAX_LAYER_SIZE} neurons`);
  });
  return sizes as number[];
}

function resolveActivations(spec: NetworkOptions['activations'], layers: number): Activation[] {
  if (spec === undefined) return Array.from({ length: layers }, () => getActivation('sigmoid'));
  if (!Array.isArray(spec)) return Array.from({ length: layers }, () => resolveActivation(spec));
  if (spec.length !== layers) throw new RangeError(`activations has ${spec.length} entries; the network has ${layers} layers after the input`);
  return spec.map(resolveActivation);
}

export function createNetwork(options: NetworkOptions): Network {
  const sizes = checkSizes(options.sizes).slice();
  const layers = sizes.length - 1;
  const activations = resolveActivations(options.activations, layers);
  const cost = resolveCost(options.cost ?? 'quadratic');
  const init = options.init ?? 'standard';
  if (!INIT_NAMES.includes(init)) throw new RangeError(`init must be one of ${INIT_NAMES.map((n) => `'${n}'`).join(', ')} (got ${String(init)})`);
  const rng = createRng(options.seed ?? 1);
  const weights: Matrix[] = [];
  const biases: Vec[] = [];
  for (let i = 0; i < layers; i++) {
    const nIn = sizes[i];
    const nOut = sizes[i + 1];
    const w = new Matrix(nOut, nIn);
    const b = new Float64Array(nOut);
    if (init !== 'zero') {
      const sd = Math.sqrt(initVariance(init, nIn, nOut));
      for (let k = 0; k < w.data.length; k++) w.data[k] = rng.gaussian(0, sd);
      for (let j = 0; j < nOut; j++) b[j] = rng.gaussian(0, 1);
    }
    weights.push(w);
    biases.push(b);
  }
  return { sizes, activations, cost, weights, biases };
}

/** A deep copy of the parameters (activations and cost are shared: they hold no state). */
export function cloneNetwork(net: Network): Network {
  return {
    sizes: net.sizes.slice(),
    activations: net.activations.slice(),
    cost: net.cost,
    weights: net.weights.map((w) => w.clone()),
    biases: net.biases.map((b) => b.slice()),
  };
}

/** The number of weights and biases: Σ_l n_l (n_{l−1} + 1). */
export function parameterCount(net: Pick<Network, 'sizes'>): number {
  let count = 0;
  for (let i = 1; i < net.sizes.length; i++) count += net.sizes[i] * (net.sizes[i - 1] + 1);
  return count;
}

/** Σ w² over every weight (biases excluded): the quantity L2 regularisation penalises. */
export function sumSquaredWeights(net: Network): number {
  let s = 0;
  for (const w of net.weights) for (let k = 0; k < w.data.length; k++) s += w.data[k] * w.data[k];
  return s;
}
