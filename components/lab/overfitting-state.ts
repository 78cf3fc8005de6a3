// The Overfitting widget of chapters 10 and 14: its settings (a URL table), what each of its two
// runs trains (λ = 0, and λ with L2 or L1), the early-stopping marks on the validation curve, and
// the sentence that says what the finished runs show. Pure (test/lab-ui/overfitting*.test.ts
// train the defaults with the engine and check that they show the chapters' effects).
import type { DataSpec, EpochRecord, LabInit, TrainConfig } from '../../src/lab/protocol';
import { type EarlyStop, earlyStopping } from '../../src/engine/regularisers';
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
  /** The penalty of the second run: L2 (λ/2n) Σ w² or L1 (λ/n) Σ |w|. */
  regulariser: Regulariser;
  /** Early stopping: the validation curve is marked where "no improvement in this many epochs" stops. */
  patience: number;
}

export type Regulariser = 'l2' | 'l1';
export const REGULARISER_NAME: Record<Regulariser, string> = { l2: 'L2', l1: 'L1' };
export const REGULARISER_OPTIONS: { value: Regulariser; label: string }[] = [
  { value: 'l2', label: 'L2: (λ/2n) Σ w²' },
  { value: 'l1', label: 'L1: (λ/n) Σ |w|' },
];

/**
 * The defaults show the effect the chapter describes (checked by the engine in
 * test/lab-ui/overfitting.test.ts): with N(0, 1) weights the unregularised network fits the
 * 1,000 training digits almost perfectly and stalls on the validation digits; λ = 2 ends with a
 * higher validation accuracy and a smaller gap.
 */
export const OVERFITTING_DEFAULTS: OverfittingSettings = { lambda: 2, eta: 0.5, epochs: 30, init: 'standard', regulariser: 'l2', patience: 5 };

/**
 * Chapter 14's instance: L1 with λ = 0.5 (checked by the engine in test/lab-ui/overfitting-l1.test.ts:
 * a higher validation accuracy than λ = 0 and far more weights near zero than L2's run).
 */
export const L1_DEFAULTS: OverfittingSettings = { ...OVERFITTING_DEFAULTS, regulariser: 'l1', lambda: 0.5 };

/**
 * How many of the two runs train at once on a device with `cores` logical processors
 * (navigator.hardwareConcurrency; unknown counts as one): one worker per core the page does not
 * need, at least one. With two cores, two busy workers would leave the page's drawing waiting for a
 * core, so the runs go one after the other.
 */
export function concurrentRuns(cores: number | undefined): 1 | 2 {
  return Number.isFinite(cores) && (cores as number) >= 3 ? 2 : 1;
}

export const PATIENCE_RULE = { label: 'patience (epochs)', min: 1, max: 60, integer: true };

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

/** The address table for an instance whose defaults are `d` (chapter 10: OVERFITTING_DEFAULTS, chapter 14: L1_DEFAULTS). */
export function overfittingUrl(d: OverfittingSettings) {
  return [
    numberField('ofl2', 'lambda', d.lambda, { ...MNIST_RULES.lambda, exclusiveMin: true }),
    numberField('ofeta', 'eta', d.eta, MNIST_RULES.eta),
    numberField('ofep', 'epochs', d.epochs, MNIST_RULES.epochs),
    enumField('ofinit', 'init', d.init, ['standard', 'scaled'] as const),
    enumField('ofreg', 'regulariser', d.regulariser, ['l2', 'l1'] as const),
    numberField('ofpat', 'patience', d.patience, PATIENCE_RULE),
  ] as const;
}
export const OVERFITTING_URL = overfittingUrl(OVERFITTING_DEFAULTS);

export function readOverfittingUrl(get: (name: string) => string | null, defaults: OverfittingSettings = OVERFITTING_DEFAULTS): { settings: OverfittingSettings; notice: string | null } {
  const r = readFields(overfittingUrl(defaults), get);
  return { settings: r.values, notice: r.notice };
}

/** Where early stopping with the chosen patience marks a run's validation-accuracy curve (null before the first epoch). */
export function earlyStopOf(history: readonly EpochRecord[], patience: number): EarlyStop | null {
  const acc = history.map((h) => h.testAccuracy).filter((a): a is number => a !== undefined);
  return earlyStopping(acc, patience);
}

/** What one run trains: 784-30-10, cross-entropy, batch 10, seed 1; only λ differs between the two (both carry the regulariser, for Σ|w|). */
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
    regulariser: s.regulariser,
    epochs: s.epochs,
    progressIntervalMs: 200,
  };
}

export function overfittingData(url: string): Extract<DataSpec, { kind: 'mnist' }> {
  return { kind: 'mnist', url, trainCount: TRAIN_COUNT, testCount: VALIDATION_COUNT };
}

const points = (x: number) => `${(100 * x).toFixed(1)}`;

/**
 * What the two finished runs show, in one sentence (λ = 0 first, then the regularised run, whose
 * penalty is `name`). Said as it is: when the regulariser did not help the sentence says so.
 */
export function verdict(plain: EpochRecord | undefined, l2: EpochRecord | undefined, lambda: number, name = 'L2'): string | null {
  if (!plain || !l2 || plain.testAccuracy === undefined || l2.testAccuracy === undefined || plain.trainAccuracy === undefined || l2.trainAccuracy === undefined) return null;
  const gap0 = plain.trainAccuracy - plain.testAccuracy;
  const gap1 = l2.trainAccuracy - l2.testAccuracy;
  const better = l2.testAccuracy > plain.testAccuracy;
  const smaller = gap1 < gap0;
  const acc = `validation accuracy ${points(plain.testAccuracy)} % without ${name}, ${points(l2.testAccuracy)} % with ${name} λ = ${lambda}`;
  const gaps = `gap ${points(gap0)} → ${points(gap1)} points`;
  if (better && smaller) return `After epoch ${l2.epoch}: ${name} helped here — ${acc}, and a smaller train/validation ${gaps}.`;
  if (smaller) return `After epoch ${l2.epoch}: ${name} narrowed the train/validation ${gaps}, but did not raise the validation accuracy (${acc}). Try another λ or more epochs.`;
  if (better) return `After epoch ${l2.epoch}: ${acc} — higher with ${name}, though the ${gaps} did not shrink.`;
  return `After epoch ${l2.epoch}: ${name} did not help on these settings (${acc}; ${gaps}). This happens: too large a λ underfits, too small a λ changes little in few epochs. Try another λ.`;
}
