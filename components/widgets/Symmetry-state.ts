// The pure part of the Symmetry widget (chapter 11): a 2-3-1 sigmoid network trained by full-batch
// gradient descent on the XOR points (with (1, 1) counted twice, so that the targets do not
// average to ½: on the plain four points every gradient of an all-zero network is exactly 0 and
// nothing would move at all), once from all-zero parameters and once from a random
// initialisation, and what the reader compares: each hidden neuron's weights, bias, outgoing
// weight and activation, and how far apart the neurons are.
import { createNetwork, type InitName, type Network } from '../../src/engine/network';
import { feedforward } from '../../src/engine/feedforward';
import { totalCost, updateMiniBatch, type Example } from '../../src/engine/train';
import { enumField, numberField } from '../kit/url-fields';
import type { NumberRule } from '../kit/number';

export const SYM_SIZES = [2, 3, 1];
export const XOR: Example[] = [
  { x: [0, 0], y: [0] },
  { x: [0, 1], y: [1] },
  { x: [1, 0], y: [1] },
  { x: [1, 1], y: [0] },
  { x: [1, 1], y: [0] },
];
export const RANDOM_INITS = ['standard', 'scaled', 'xavier', 'he'] as const;
export type RandomInit = (typeof RANDOM_INITS)[number];

export const STEPS_RULE: NumberRule = { label: 'steps', min: 0, max: 5000, integer: true };
export const SYM_ETA_RULE: NumberRule = { label: 'η', min: 0, max: 100, exclusiveMin: true };
export const SYM_SEED_RULE: NumberRule = { label: 'seed', min: 1, max: 1e6, integer: true };

export interface SymSettings { steps: number; eta: number; seed: number; init: RandomInit }
export const SYM_DEFAULTS: SymSettings = { steps: 500, eta: 2, seed: 1, init: 'standard' };
export const SYM_PARAM = 'sym';
export const SYM_FIELDS = [
  numberField('steps', 'steps', SYM_DEFAULTS.steps, STEPS_RULE),
  numberField('eta', 'eta', SYM_DEFAULTS.eta, SYM_ETA_RULE),
  numberField('seed', 'seed', SYM_DEFAULTS.seed, SYM_SEED_RULE),
  enumField('init', 'init', SYM_DEFAULTS.init, RANDOM_INITS),
] as const;

/** The network after `steps` full-batch gradient-descent steps on XOR (sigmoid, cross-entropy). */
export function symmetryNetwork(init: InitName, steps: number, eta: number, seed: number): Network {
  const net = createNetwork({ sizes: SYM_SIZES, activations: 'sigmoid', cost: 'cross-entropy', init, seed });
  for (let s = 0; s < steps; s++) updateMiniBatch(net, XOR, { eta });
  return net;
}

export interface HiddenNeuron { w: number[]; b: number; out: number; a: number }

/** Each hidden neuron of layer 1: its incoming weights, its bias, its outgoing weight, its activation for input x. */
export function hiddenNeurons(net: Network, x: readonly number[]): HiddenNeuron[] {
  const a = feedforward(net, x).as[1];
  const w = net.weights[0];
  return Array.from({ length: w.rows }, (_, j) => ({
    w: Array.from({ length: w.cols }, (_, k) => w.get(j, k)),
    b: net.biases[0][j],
    out: net.weights[1].get(0, j),
    a: a[j],
  }));
}

/** The largest difference between hidden neuron j and neuron 1 over all their parameters: 0 means the neurons are identical. */
export function spread(neurons: readonly HiddenNeuron[]): number {
  let d = 0;
  const n0 = neurons[0];
  for (const n of neurons.slice(1)) {
    n.w.forEach((v, k) => (d = Math.max(d, Math.abs(v - n0.w[k]))));
    d = Math.max(d, Math.abs(n.b - n0.b), Math.abs(n.out - n0.out));
  }
  return d;
}

export interface SymSide { init: InitName; neurons: HiddenNeuron[]; spread: number; cost: number; outputs: number[] }

export function symmetrySide(init: InitName, s: SymSettings, probe: readonly number[] = [1, 0]): SymSide {
  const net = symmetryNetwork(init, s.steps, s.eta, s.seed);
  const neurons = hiddenNeurons(net, probe);
  return { init, neurons, spread: spread(neurons), cost: totalCost(net, XOR), outputs: XOR.map((e) => feedforward(net, e.x).as[2][0]) };
}
