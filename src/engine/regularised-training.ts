// Training with a regulariser on the reference path (chapter 14, for cells, exercises and tests):
// no penalty, L2 or L1, optionally dropout, as a minibatch update driven by the engine's one
// training loop (createEpochLoop on referenceStepper, as sgd is); and the weight statistics L1 is
// judged by.
import { backprop } from './backprop';
import { createEpochLoop } from './fast/loop';
import { type MiniBatchUpdate, packExamples, referenceStepper } from './fast/reference';
import { Matrix } from './matrix';
import type { Network } from './network';
import { type StepOptions, checkStep, optimize } from './optimize';
import { checkDropout, dropoutBackprop, dropoutMasks, l1Step } from './regularisers';
import { type Rng, createRng } from './rng';
import { type Evaluation, type Example, evaluate } from './train';

/** Σ_w |w| over every weight of every layer (biases excluded), the quantity L1 penalises. */
export function sumAbsWeights(net: Network): number {
  let s = 0;
  for (const w of net.weights) for (const v of w.data) s += Math.abs(v);
  return s;
}

/** Mean cost over the examples plus (λ/n) Σ|w| with n = data.length (the L1-regularised C). */
export function l1TotalCost(net: Network, data: readonly Example[], lambda: number): number {
  return evaluate(net, data).cost + (lambda / data.length) * sumAbsWeights(net);
}


export type RegulariserName = 'none' | 'l2' | 'l1';

export interface RegularisedOptions {
  epochs: number;
  batchSize: number;
  eta: number;
  /** L2: (λ/2n) Σ w²; L1: (λ/n) Σ |w|; n = data.length. Ignored for 'none'. */
  lambda?: number;
  regulariser?: RegulariserName;
  /** Dropout probability of each hidden neuron, one mask per minibatch (default 0: no dropout). */
  dropout?: number;
  seed: number;
  testData?: readonly Example[];
}

export interface RegularisedEpoch {
  epoch: number;
  trainCost: number;
  trainAccuracy: number;
  testCost?: number;
  testAccuracy?: number;
  sumAbsWeights: number;
}

/**
 * The minibatch step with a regulariser: the mean of the per-example gradients (of the masked
 * network when dropout > 0: one mask per minibatch, drawn from masksRng, shared by its examples),
 * then L1's step (l1Step) or L2's / none's (optimize, λ = 0 for none). Mutates net.
 */
export function regularisedUpdate(regulariser: RegulariserName, dropout: number, masksRng: Rng): MiniBatchUpdate {
  checkDropout(dropout);
  return (net, batch, step) => {
    // p = 0: every mask entry is 1, and plain backprop is the same computation (tested).
    const masks = dropout > 0 ? dropoutMasks(net, dropout, masksRng) : null;
    const sumW = net.weights.map((w) => Matrix.zeros(w.rows, w.cols));
    const sumB = net.biases.map((b) => new Float64Array(b.length));
    for (const e of batch) {
      const g = masks ? dropoutBackprop(net, e.x, e.y, masks) : backprop(net, e.x, e.y);
      for (let i = 0; i < sumW.length; i++) {
        const s = sumW[i].data;
        const gw = g.nablaW[i].data;
        for (let k = 0; k < s.length; k++) s[k] += gw[k];
        const sb = sumB[i];
        const gb = g.nablaB[i];
        for (let j = 0; j < sb.length; j++) sb[j] += gb[j];
      }
    }
    const m = batch.length;
    for (const s of sumW) for (let k = 0; k < s.data.length; k++) s.data[k] /= m;
    for (const s of sumB) for (let j = 0; j < s.length; j++) s[j] /= m;
    if (regulariser === 'l1') l1Step(net, sumW, sumB, step);
    else optimize(net, sumW, sumB, step); // L2 (λ > 0) or none (λ = 0)
  };
}

/**
 * Stochastic gradient descent with no regulariser, L2 or L1, optionally with dropout (one mask
 * per minibatch, shared by its examples): regularisedUpdate on the engine's training loop (the
 * shuffle from seed, the masks from seed + 1); the network is evaluated without masks. Mutates net.
 */
export function trainRegularised(net: Network, data: readonly Example[], options: RegularisedOptions): RegularisedEpoch[] {
  const { epochs, batchSize, eta, lambda = 0, regulariser = 'none', dropout = 0, seed, testData } = options;
  checkDropout(dropout);
  if (!(Number.isInteger(batchSize) && batchSize >= 1)) throw new RangeError(`the batch size must be a whole number ≥ 1 (got ${batchSize})`);
  const n = data.length;
  const step: StepOptions = { eta, lambda: regulariser === 'none' ? 0 : lambda, n };
  checkStep(step);
  const update = regularisedUpdate(regulariser, dropout, createRng(seed + 1));
  const loop = createEpochLoop(referenceStepper(net, { withCosts: false, update }), packExamples(data), createRng(seed));
  const history: RegularisedEpoch[] = [];
  for (let epoch = 1; epoch <= epochs; epoch++) {
    loop.next(Infinity, step, batchSize); // one whole epoch
    const tr: Evaluation = evaluate(net, data);
    const rec: RegularisedEpoch = { epoch, trainCost: tr.cost, trainAccuracy: tr.accuracy, sumAbsWeights: sumAbsWeights(net) };
    if (testData) {
      const te = evaluate(net, testData);
      rec.testCost = te.cost;
      rec.testAccuracy = te.accuracy;
    }
    history.push(rec);
  }
  return history;
}

/** The fraction of weights with |w| below a threshold (how sparse the weights are). */
export function smallWeightFraction(net: Network, threshold: number): number {
  let small = 0;
  let all = 0;
  for (const w of net.weights) for (const v of w.data) {
    all++;
    if (Math.abs(v) < threshold) small++;
  }
  return all === 0 ? 0 : small / all;
}
