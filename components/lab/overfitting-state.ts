// The Overfitting widget of chapter 10: its settings (a URL table), what each of its two runs
// trains, and the sentence that says what the finished runs show. Pure (test/lab-ui/overfitting.test.ts
// trains the defaults with the engine and checks that they show the chapter's effect).
import type { DataSpec, EpochRecord, LabInit, TrainConfig } from '../../src/lab/protocol';
import { parseNumber, type Parsed } from '../kit/number';
import { enumField, numberField, readFields } from '../kit/url-fields';
import { MNIST_RULES } from './mnist-state';

/** Training digits (the first 1,000 of the 8,000) and held-out validation digits (the first 1,000 of the last 2,000). */
export const TRAIN_COUNT = 1000;
export const VALIDATION_COUNT = 1000;

export interface OverfittingSettings {
  lambda: number;
  eta: number;
  epochs: number;
  init: LabInit;
}

/**
 * The defaults show the effect the chapter describes (checked by the engine in
 * test/lab-ui/overfitting.test.ts): with N(0, 1) weights the unregularised network fits the
 * 1,000 training digits almost perfectly and stalls on the validation digits; λ = 2 ends with a
 * higher validation accuracy and a smaller gap.
 */
export const OVERFITTING_DEFAULTS: OverfittingSettings = { lambda: 2, eta: 0.5, epochs: 30, init: 'standard' };

/** λ of the regularised run: as the MNIST lab's λ, but 0 is refused (it would repeat the λ = 0 run). */
export function checkRegularisedLambda(text: string): Parsed {
  const r = parseNumber(text, MNIST_RULES.lambda);
  if (r.ok && r.value === 0) {
    return { ok: false, message: 'λ of the regularised run must be greater than 0: the other run already has λ = 0, so λ = 0 would train the same network twice and show no difference.' };
  }
  return r;
}

export const INIT_OPTIONS: { value: LabInit; label: string }[] = [
  { value: 'standard', label: 'N(0, 1)' },
  { value: 'scaled', label: 'N(0, 1/n_in)' },
];

export const OVERFITTING_URL = [
  numberField('ofl2', 'lambda', OVERFITTING_DEFAULTS.lambda, { ...MNIST_RULES.lambda, exclusiveMin: true }),
  numberField('ofeta', 'eta', OVERFITTING_DEFAULTS.eta, MNIST_RULES.eta),
  numberField('ofep', 'epochs', OVERFITTING_DEFAULTS.epochs, MNIST_RULES.epochs),
  enumField('ofinit', 'init', OVERFITTING_DEFAULTS.init, ['standard', 'scaled'] as const),
] as const;

export function readOverfittingUrl(get: (name: string) => string | null): { settings: OverfittingSettings; notice: string | null } {
  const r = readFields(OVERFITTING_URL, get);
  return { settings: r.values, notice: r.notice };
}

/** What one run trains: 784-30-10, cross-entropy, batch 10, seed 1; only λ differs between the two. */
export function overfittingConfig(s: OverfittingSettings, lambda: number): TrainConfig {
  return {
    sizes: [784, 30, 10],
    activations: ['sigmoid', 'sigmoid'],
    cost: 'cross-entropy',
    init: s.init,
    batchSize: 10,
    seed: 1,
    eta: s.eta,
    lambda,
    epochs: s.epochs,
    progressIntervalMs: 200,
  };
}

export function overfittingData(url: string): Extract<DataSpec, { kind: 'mnist' }> {
  return { kind: 'mnist', url, trainCount: TRAIN_COUNT, testCount: VALIDATION_COUNT };
}

const points = (x: number) => `${(100 * x).toFixed(1)}`;

/**
 * What the two finished runs show, in one sentence (λ = 0 first, then the regularised run). Said
 * as it is: when L2 did not help on these settings the sentence says so.
 */
export function verdict(plain: EpochRecord | undefined, l2: EpochRecord | undefined, lambda: number): string | null {
  if (!plain || !l2 || plain.testAccuracy === undefined || l2.testAccuracy === undefined || plain.trainAccuracy === undefined || l2.trainAccuracy === undefined) return null;
  const gap0 = plain.trainAccuracy - plain.testAccuracy;
  const gap1 = l2.trainAccuracy - l2.testAccuracy;
  const better = l2.testAccuracy > plain.testAccuracy;
  const smaller = gap1 < gap0;
  const acc = `validation accuracy ${points(plain.testAccuracy)} % without L2, ${points(l2.testAccuracy)} % with λ = ${lambda}`;
  const gaps = `gap ${points(gap0)} → ${points(gap1)} points`;
  if (better && smaller) return `After epoch ${l2.epoch}: L2 helped here — ${acc}, and a smaller train/validation ${gaps}.`;
  if (smaller) return `After epoch ${l2.epoch}: L2 narrowed the train/validation ${gaps}, but did not raise the validation accuracy (${acc}). Try another λ or more epochs.`;
  if (better) return `After epoch ${l2.epoch}: ${acc} — higher with L2, though the ${gaps} did not shrink.`;
  return `After epoch ${l2.epoch}: L2 did not help on these settings (${acc}; ${gaps}). This happens: too large a λ underfits, too small a λ changes little in few epochs. Try another λ.`;
}
