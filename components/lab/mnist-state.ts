// The MNIST lab's settings, their limits, the two recipes of chapter 12 and what the worker is
// asked to train. Pure (test/lab-ui/mnist-state.test.ts).
import type { LabCost, LabInit, TrainConfig } from '../../src/lab/protocol';

export interface MnistConfig {
  hidden: number;
  cost: LabCost;
  init: LabInit;
  eta: number;
  lambda: number;
  batchSize: number;
  epochs: number;
  /** How many of the 8,000 training digits to use. */
  trainCount: number;
  seed: number;
}

export const RECIPES: Record<'plain' | 'improved', { label: string; config: MnistConfig; nielsen: number }> = {
  plain: {
    label: '784-30-10, quadratic, N(0,1), η = 3',
    config: { hidden: 30, cost: 'quadratic', init: 'standard', eta: 3, lambda: 0, batchSize: 10, epochs: 5, trainCount: 8000, seed: 1 },
    nielsen: 0.9542,
  },
  improved: {
    label: '784-100-10, cross-entropy, λ = 5, η = 0.5, scaled init',
    config: { hidden: 100, cost: 'cross-entropy', init: 'scaled', eta: 0.5, lambda: 5, batchSize: 10, epochs: 5, trainCount: 8000, seed: 1 },
    nielsen: 0.9792,
  },
};

/** Nielsen's reported accuracies on the full 50,000-image training set: reference lines, not ours. */
export const NIELSEN_LINES = [
  { accuracy: 0.9542, label: 'Nielsen, 50,000 digits: 784-30-10 quadratic 95.42%' },
  { accuracy: 0.9792, label: 'Nielsen, 50,000 digits: 784-100-10 CE λ=5 97.92%' },
];

type Rule = { label: string; min: number; max: number; integer?: boolean; exclusiveMin?: boolean };
export const MNIST_RULES: Record<'hidden' | 'eta' | 'lambda' | 'batchSize' | 'epochs' | 'trainCount' | 'seed', Rule> = {
  hidden: { label: 'hidden neurons', min: 1, max: 300, integer: true },
  eta: { label: 'η', min: 0, max: 100, exclusiveMin: true },
  lambda: { label: 'λ', min: 0, max: 1000 },
  batchSize: { label: 'batch size', min: 1, max: 1000, integer: true },
  epochs: { label: 'epochs', min: 1, max: 60, integer: true },
  trainCount: { label: 'training digits', min: 100, max: 8000, integer: true },
  seed: { label: 'seed', min: 1, max: 1_000_000, integer: true },
};

export function checkMnist(key: keyof typeof MNIST_RULES, text: string): { ok: true; value: number } | { ok: false; message: string } {
  const f = MNIST_RULES[key];
  const t = text.trim();
  const v = Number(t);
  if (t === '' || !Number.isFinite(v)) return { ok: false, message: `${f.label}: “${t}” is not a finite number.` };
  if (v < f.min || v > f.max || (f.exclusiveMin && v === f.min)) {
    const extra = key === 'hidden' && v > f.max ? ' (a larger layer would make each epoch take minutes in a browser)' : '';
    return { ok: false, message: `${f.label} must be in ${f.exclusiveMin ? '(' : '['}${f.min}, ${f.max}]; got ${t}${extra}.` };
  }
  if (f.integer && !Number.isInteger(v)) return { ok: false, message: `${f.label} must be a whole number; got ${t}.` };
  return { ok: true, value: v };
}

/** Log-likelihood goes with a softmax output layer; the other costs with sigmoid outputs. */
export function outputActivation(cost: LabCost): 'softmax' | 'sigmoid' {
  return cost === 'log-likelihood' ? 'softmax' : 'sigmoid';
}

export function mnistTrainConfig(c: MnistConfig, histograms = true): TrainConfig {
  return {
    sizes: [784, c.hidden, 10],
    activations: ['sigmoid', outputActivation(c.cost)],
    cost: c.cost,
    init: c.init,
    seed: c.seed,
    eta: c.eta,
    lambda: c.lambda,
    batchSize: c.batchSize,
    epochs: c.epochs,
    histograms: histograms ? { bins: 20, sample: 64 } : undefined,
    progressIntervalMs: 150,
  };
}
