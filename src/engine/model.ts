// The model JSON format: a network's shape, activations, cost and parameters as plain JSON, e.g.
// { "format": "backprop-notebook/model@1", "sizes": [2,3,1], "activations": ["sigmoid","sigmoid"],
//   "cost": "quadratic", "weights": [[[…],[…],[…]], [[…,…,…]]], "biases": [[…,…,…], […]] }
// weights[l][j][k] is the weight from neuron k of layer l to neuron j of layer l + 1.
import { activations as knownActivations, getActivation } from './activations';
import { costs as knownCosts, getCost } from './costs';
import { Matrix } from './matrix';
import { type Network, MAX_LAYER_SIZE } from './network';

export const MODEL_FORMAT = 'backprop-notebook/model@1';

export interface ModelJSON {
  format: typeof MODEL_FORMAT;
  sizes: number[];
  activations: string[];
  cost: string;
  weights: number[][][];
  biases: number[][];
}

/** A model file that cannot be read; the message says what is wrong and where. */
export class ModelError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ModelError';
  }
}

export function toJSON(net: Network): ModelJSON {
  return {
    format: MODEL_FORMAT,
    sizes: net.sizes.slice(),
    activations: net.activations.map((a) => a.name),
    cost: net.cost.name,
    weights: net.weights.map((w) => w.toArray()),
    biases: net.biases.map((b) => Array.from(b)),
  };
}

function show(v: unknown): string {
  if (typeof v === 'string') return JSON.stringify(v.length > 40 ? `${v.slice(0, 40)}…` : v);
  if (v === null || typeof v !== 'object') return String(v);
  return Array.isArray(v) ? 'an array' : 'an object';
}

function fail(message: string): never {
  throw new ModelError(message);
}

function finite(v: unknown, where: string): number {
  if (typeof v !== 'number' || !Number.isFinite(v)) fail(`${where} is not a finite number (got ${show(v)})`);
  return v;
}

function array(v: unknown, where: string, length: number): unknown[] {
  if (!Array.isArray(v)) fail(`${where} must be an array (got ${show(v)})`);
  if (v.length !== length) fail(`${where} has ${v.length} entries; expected ${length}`);
  return v;
}

/** Read and validate a model; accepts the parsed object or its JSON text. Throws ModelError. */
export function fromJSON(json: unknown): Network {
  let m: unknown = json;
  if (typeof json === 'string') {
    try {
      m = JSON.parse(json);
    } catch (e) {
      fail(`the file is not valid JSON: ${(e as Error).message}`);
    }
  }
  if (m === null || typeof m !== 'object' || Array.isArray(m)) fail(`a model must be a JSON object (got ${show(m)})`);
  const o = m as Record<string, unknown>;
  if (o.format !== MODEL_FORMAT) fail(`format must be "${MODEL_FORMAT}" (got ${show(o.format)})`);
  if (!Array.isArray(o.sizes) || o.sizes.length < 2) fail('sizes must be an array of at least two layer sizes, e.g. [2, 3, 1]');
  const sizes = o.sizes.map((n, i) => {
    if (!Number.isInteger(n) || (n as number) < 1) fail(`sizes[${i}] must be a whole number ≥ 1 (got ${show(n)})`);
    if ((n as number) > MAX_LAYER_SIZE) fail(`sizes[${i}] = ${n} is more than ${MAX_LAYER_SIZE} neurons`);
    return n as number;
  });
  const L = sizes.length - 1;
  const actNames = array(o.activations, 'activations', L);
  const acts = actNames.map((name, i) => {
    if (typeof name !== 'string' || !Object.hasOwn(knownActivations, name)) {
      fail(`activations[${i}] must be one of ${Object.keys(knownActivations).join(', ')} (got ${show(name)})`);
    }
    return getActivation(name);
  });
  if (typeof o.cost !== 'string' || !Object.hasOwn(knownCosts, o.cost)) fail(`cost must be one of ${Object.keys(knownCosts).join(', ')} (got ${show(o.cost)})`);
  const cost = getCost(o.cost);
  acts.forEach((a, i) => {
    if (a.name === 'softmax' && i !== L - 1) fail(`activations[${i}] is softmax, which the course uses only on the output layer`);
  });
  if (acts[L - 1].name === 'softmax' && cost.name === 'cross-entropy') {
    fail('a softmax output goes with the log-likelihood (or quadratic) cost, not cross-entropy');
  }
  const weightsIn = array(o.weights, 'weights', L);
  const biasesIn = array(o.biases, 'biases', L);
  const weights: Matrix[] = [];
  const biases: Float64Array[] = [];
  for (let l = 0; l < L; l++) {
    const rows = array(weightsIn[l], `weights[${l}]`, sizes[l + 1]);
    const w = new Matrix(sizes[l + 1], sizes[l]);
    rows.forEach((row, j) => {
      const r = array(row, `weights[${l}][${j}]`, sizes[l]);
      r.forEach((v, k) => w.set(j, k, finite(v, `weights[${l}][${j}][${k}]`)));
    });
    const bRow = array(biasesIn[l], `biases[${l}]`, sizes[l + 1]);
    biases.push(Float64Array.from(bRow, (v, j) => finite(v, `biases[${l}][${j}]`)));
    weights.push(w);
  }
  return { sizes, activations: acts, cost, weights, biases };
}
