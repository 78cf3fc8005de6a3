// Stochastic gradient descent over epochs (chapter 4): the engine's one training loop
// (createEpochLoop, fast/loop.ts: shuffle one index array with the seeded generator, minibatches in
// order) driving the definition's minibatch step (referenceStepper: updateMiniBatch, Algorithm 4),
// with an evaluation after each epoch. The lab and the benchmarks drive the same loop with the fast
// kernels as the stepper.
import { createEpochLoop } from './fast/loop';
import { packExamples, referenceStepper } from './fast/reference';
import type { Network } from './network';
import { checkStep } from './optimize';
import { createRng } from './rng';
import { type Example, evaluate, isFiniteNetwork } from './train';

export interface EpochInfo {
  epoch: number;
  trainCost: number;
  trainAccuracy: number;
  testCost?: number;
  testAccuracy?: number;
}

export interface SgdOptions {
  epochs: number;
  batchSize: number;
  eta: number;
  lambda?: number;
  /** Seed of the per-epoch shuffles (default 1). */
  seed?: number;
  testData?: readonly Example[];
  onEpoch?(info: EpochInfo): void;
}

export interface SgdResult {
  history: EpochInfo[];
  /** Set when the parameters stopped being finite numbers: training stops at that epoch. */
  diverged?: { epoch: number; message: string };
}

/**
 * Minibatch stochastic gradient descent: each epoch shuffles the training data with a seeded
 * generator, cuts it into minibatches of batchSize and calls updateMiniBatch on each (the engine's
 * training loop on the reference stepper). Mutates net.
 */
export function sgd(net: Network, data: readonly Example[], options: SgdOptions): SgdResult {
  const { epochs, batchSize, eta, lambda = 0, seed = 1, testData, onEpoch } = options;
  if (!Number.isInteger(epochs) || epochs < 0) throw new RangeError(`epochs must be a whole number ≥ 0 (got ${epochs})`);
  if (!Number.isInteger(batchSize) || batchSize < 1) throw new RangeError(`batchSize must be a whole number ≥ 1 (got ${batchSize})`);
  if (data.length === 0) throw new RangeError('sgd needs at least one training example');
  const step = { eta, lambda, n: data.length };
  checkStep(step);
  const loop = createEpochLoop(referenceStepper(net, { withCosts: false }), packExamples(data), createRng(seed));
  const history: EpochInfo[] = [];
  for (let epoch = 1; epoch <= epochs; epoch++) {
    loop.next(Infinity, step, batchSize); // one whole epoch: it never crosses into the next
    if (!isFiniteNetwork(net)) {
      return { history, diverged: { epoch, message: `diverged at epoch ${epoch} — try a smaller η` } };
    }
    const train = evaluate(net, data);
    const info: EpochInfo = { epoch, trainCost: train.cost, trainAccuracy: train.accuracy };
    if (testData && testData.length > 0) {
      const test = evaluate(net, testData);
      info.testCost = test.cost;
      info.testAccuracy = test.accuracy;
    }
    history.push(info);
    onEpoch?.(info);
  }
  return { history };
}

