// Chapter 14's instance of the Overfitting widget (preset "l1"): its defaults really show what the
// chapter says L1 does. The two runs are trained exactly as the widget's workers train them
// (createSession with overfittingConfig, the same 1,000 + 1,000 digits, the same seed), in Node.
// Also: the early-stopping marks, the address with the new fields, the sentence naming L1.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { packMnistSplit, parseMnist } from '../../src/data/mnist';
import { earlyStopping } from '../../src/engine/index';
import { createSession, type LoadedData } from '../../src/lab/session';
import type { EpochRecord } from '../../src/lab/protocol';
import { L1_DEFAULTS, OVERFITTING_DEFAULTS, TRAIN_COUNT, VALIDATION_COUNT, earlyStopOf, overfittingConfig, readOverfittingUrl, verdict } from '../../components/lab/overfitting-state';

const FILE = 'public/data/mnist.bin';
let data: LoadedData;
beforeAll(() => {
  if (!existsSync(FILE)) execFileSync(process.execPath, ['scripts/build-mnist.mjs']);
  const { train, test } = packMnistSplit(parseMnist(readFileSync(FILE)), { trainCount: TRAIN_COUNT, testCount: VALIDATION_COUNT });
  data = { nIn: 784, nOut: 10, train, test };
});

function train(lambda: number): readonly EpochRecord[] {
  const s = createSession(overfittingConfig(L1_DEFAULTS, lambda), data, () => {});
  while (s.work(1e9));
  expect(s.epoch).toBe(L1_DEFAULTS.epochs);
  return s.history;
}

const rec = (epoch: number, testAccuracy: number): EpochRecord => ({ epoch, testAccuracy, trainAccuracy: 1, weightNorm2: 1, eta: 0.5, lambda: 0, seconds: 0 });

describe('Overfitting widget, L1 preset (chapter 14)', () => {
  it('L1 (λ = 0.5) ends with a higher validation accuracy than λ = 0, a smaller Σ|w|, and far more weights near 0', () => {
    const plain = train(0);
    const l1 = train(L1_DEFAULTS.lambda);
    const a = plain[plain.length - 1];
    const b = l1[l1.length - 1];
    expect(b.testAccuracy!).toBeGreaterThan(a.testAccuracy!);
    expect(b.weightNorm1!).toBeLessThan(a.weightNorm1! / 2);
    expect(b.smallWeights!).toBeGreaterThan(10 * a.smallWeights!);
    expect(verdict(a, b, L1_DEFAULTS.lambda, 'L1')).toMatch(/^After epoch 30: L1 (helped|narrowed)/);
    // The widget's marks are the engine's early stopping over the validation accuracies.
    expect(earlyStopOf(l1, 5)).toEqual(earlyStopping(l1.map((h) => h.testAccuracy!), 5));
  }, 300_000);

  it('earlyStopOf marks the best epoch and the stop; none before the first epoch', () => {
    const h = [0.5, 0.7, 0.65, 0.66, 0.6].map((v, i) => rec(i + 1, v));
    expect(earlyStopOf(h, 3)).toEqual({ bestEpoch: 2, bestValue: 0.7, stopEpoch: 5 });
    expect(earlyStopOf(h, 4)).toEqual({ bestEpoch: 2, bestValue: 0.7, stopEpoch: null });
    expect(earlyStopOf([], 3)).toBeNull();
  });

  it('reads the penalty and the patience from the address, with each instance’s own defaults; a bad value gives the defaults and a notice', () => {
    const read = (q: string, d = OVERFITTING_DEFAULTS) => readOverfittingUrl((k) => new URLSearchParams(q).get(k), d);
    expect(read('', L1_DEFAULTS)).toEqual({ settings: L1_DEFAULTS, notice: null });
    expect(read('ofreg=l1&ofpat=12').settings).toEqual({ ...OVERFITTING_DEFAULTS, regulariser: 'l1', patience: 12 });
    expect(read('ofreg=l2', L1_DEFAULTS).settings).toEqual({ ...L1_DEFAULTS, regulariser: 'l2' });
    for (const q of ['ofreg=l3', 'ofpat=0', 'ofpat=2.5', 'ofpat=61']) {
      const r = read(q, L1_DEFAULTS);
      expect(r.settings).toEqual(L1_DEFAULTS);
      expect(r.notice).toContain(q);
    }
  });

  it('both runs carry the penalty; only λ differs between them', () => {
    const a = overfittingConfig(L1_DEFAULTS, 0);
    const b = overfittingConfig(L1_DEFAULTS, 0.5);
    expect(a.regulariser).toBe('l1');
    expect({ ...a, lambda: 0.5 }).toEqual(b);
  });
});
