// "Reproduce the book": Nielsen's three MNIST runs on the full set, as the training worker is asked
// to train them, and what the panel reports about a run. Pure (test/lab-ui/mnist-reproduce.test.ts).
//
// The settings are the book's, checked against its text:
// - chapter 1, network.py: net.SGD(training_data, 30, 10, 3.0, test_data=test_data) on a
//   [784, 30, 10] network, quadratic cost, weights and biases N(0, 1); "95.42 percent at its peak
//   ("Epoch 28")", measured on the 10,000 test digits (best of three runs);
// - chapter 3, network2.py with CrossEntropyCost and net.large_weight_initializer() (the
//   initialisation of chapter 1): SGD(training_data, 30, 10, 0.5, evaluation_data=test_data) →
//   95.49 percent on the test digits;
// - chapter 3, [784, 100, 10], cross-entropy, large_weight_initializer, SGD(training_data, 30, 10,
//   0.5, lmbda=5.0, evaluation_data=validation_data) → "97.92 percent on the validation data".
// network2's L2 step is w → (1 − ηλ/n) w − (η/m) Σ ∂C₀/∂w with n = 50,000, the convention the engine
// uses (λ/2n, n the training-set size).
import type { EpochRecord, LabEvent, TrainConfig } from '../../src/lab/protocol';
import { siteUrl } from '../../src/data/site-url';
import { mnistTrainConfig, type MnistConfig } from './mnist-state';

/** Where the site serves the full set (gzip-compressed, scripts/build-mnist.mjs). */
export function fullSetUrl(): string {
  return siteUrl('data/mnist-full.bin');
}

export const FULL_OFFLINE =
  'You are offline, and the full MNIST set (≈ 11 MB to download) has not been downloaded on this device yet. ' +
  'It is kept for offline use once a run has loaded it online: reconnect, then press Run again.';

export type BookRunId = 'ch1-quadratic' | 'ch3-cross-entropy' | 'ch3-l2';
export type RunLength = 'full' | 'short';

export interface BookRun {
  id: BookRunId;
  label: string;
  config: MnistConfig;
  /** Which held-out part the book measured on. */
  evaluate: 'test' | 'validation';
  /** The book's reported accuracy, a fraction. */
  book: number;
  /** What the book's figure is (which epoch, which data), for the caption. */
  bookSays: string;
  /**
   * Accuracies the book prints per epoch, where it prints them (epoch numbered from 1 here;
   * network.py prints "Epoch 0" after the first epoch of training).
   */
  bookEpochs?: { epoch: number; accuracy: number }[];
}

const base = { batchSize: 10, epochs: 30, trainCount: 50000, seed: 1, init: 'standard' } as const;

export const BOOK_RUNS: BookRun[] = [
  {
    id: 'ch1-quadratic',
    label: 'chapter 1: 784-30-10, quadratic, η = 3',
    config: { ...base, hidden: 30, cost: 'quadratic', eta: 3, lambda: 0 },
    evaluate: 'test',
    book: 0.9542,
    bookSays: 'Nielsen, chapter 1: 95.42 % on the 10,000 test digits, at its best epoch (the 29th of 30, which network.py prints as "Epoch 28"; the best of three runs)',
    // "Epoch 0: 9129 / 10000", 1: 9295, 2: 9348, …, 27: 9528, 28: 9542, 29: 9534
    bookEpochs: [[1, 9129], [2, 9295], [3, 9348], [28, 9528], [29, 9542], [30, 9534]].map(([epoch, right]) => ({ epoch, accuracy: right / 10000 })),
  },
  {
    id: 'ch3-cross-entropy',
    label: 'chapter 3: 784-30-10, cross-entropy, η = 0.5',
    config: { ...base, hidden: 30, cost: 'cross-entropy', eta: 0.5, lambda: 0 },
    evaluate: 'test',
    book: 0.9549,
    bookSays: 'Nielsen, chapter 3: 95.49 % on the 10,000 test digits',
  },
  {
    id: 'ch3-l2',
    label: 'chapter 3: 784-100-10, cross-entropy, λ = 5, η = 0.5',
    config: { ...base, hidden: 100, cost: 'cross-entropy', eta: 0.5, lambda: 5 },
    evaluate: 'validation',
    book: 0.9792,
    bookSays: 'Nielsen, chapter 3: 97.92 % on the 10,000 validation digits, after the last epoch',
  },
];

export function bookRun(id: BookRunId): BookRun {
  const r = BOOK_RUNS.find((b) => b.id === id);
  if (!r) throw new RangeError(`no book run ${JSON.stringify(id)}`);
  return r;
}

/** The short check: the first digits of each part and two epochs (same settings otherwise). */
export const SHORT = { trainCount: 1000, evalCount: 1000, epochs: 2 } as const;

export const LENGTHS: readonly { value: RunLength; label: string }[] = [
  { value: 'full', label: 'the whole run: 50,000 training digits, 30 epochs' },
  { value: 'short', label: `a short check: the first ${SHORT.trainCount.toLocaleString('en-GB')} training digits, ${SHORT.epochs} epochs` },
];

/** What the worker is asked: the config (no histograms, no evaluation on the training set) and the data spec. */
export function reproduceRequest(run: BookRun, length: RunLength, url: string): { config: TrainConfig; data: { kind: 'mnist'; url: string; trainCount: number; testCount?: number; evaluate: 'test' | 'validation' } } {
  const short = length === 'short';
  const c: MnistConfig = { ...run.config, ...(short ? { trainCount: SHORT.trainCount, epochs: SHORT.epochs } : {}) };
  return {
    config: { ...mnistTrainConfig(c, false), evaluateTrain: false },
    data: { kind: 'mnist', url, trainCount: c.trainCount, ...(short ? { testCount: SHORT.evalCount } : {}), evaluate: run.evaluate },
  };
}

export interface RunSummary {
  epochs: number;
  final: number;
  best: number;
  bestEpoch: number;
  /** Seconds of training (the workers' per-epoch figures, evaluation excluded). */
  trainSeconds: number;
}

/** Best and final accuracy on the evaluated part; null before the first epoch. */
export function summarise(history: readonly EpochRecord[]): RunSummary | null {
  const rows = history.filter((h) => h.testAccuracy !== undefined);
  if (!rows.length) return null;
  let best = rows[0];
  for (const h of rows) if (h.testAccuracy! > best.testAccuracy!) best = h;
  const last = rows[rows.length - 1];
  return { epochs: last.epoch, final: last.testAccuracy!, best: best.testAccuracy!, bestEpoch: best.epoch, trainSeconds: history.reduce((s, h) => s + h.seconds, 0) };
}

/**
 * The engine path the worker names in its events, when it names one (a string field `path` or
 * `engine` on 'started' or 'progress'); null otherwise.
 */
export function enginePath(e: LabEvent): string | null {
  if (e.type !== 'started' && e.type !== 'progress') return null;
  const r = e as unknown as Record<string, unknown>;
  for (const k of ['path', 'engine']) if (typeof r[k] === 'string' && r[k]) return r[k] as string;
  return null;
}

/** "12.3 s" or "2 min 05 s". */
export function formatSeconds(s: number): string {
  if (!Number.isFinite(s) || s < 0) return '–';
  if (s < 59.95) return `${s.toFixed(1)} s`;
  const whole = Math.round(s);
  return `${Math.floor(whole / 60)} min ${String(whole % 60).padStart(2, '0')} s`;
}
