// Chapter 10's Overfitting widget: its default settings really show what the chapter says L2
// does. The two runs are trained exactly as the widget's workers train them (createSession with
// overfittingConfig, the same 1,000 training and 1,000 validation digits, the same seed), here in
// Node: the regularised run must end with a higher validation accuracy and a smaller
// train/validation gap than λ = 0. And the widget's sentence says what the runs show, also when
// L2 did not help.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { packMnistSplit, parseMnist } from '../../src/data/mnist';
import { createSession, type LoadedData } from '../../src/lab/session';
import type { EpochRecord } from '../../src/lab/protocol';
import { OVERFITTING_DEFAULTS, TRAIN_COUNT, VALIDATION_COUNT, overfittingConfig, readOverfittingUrl, verdict } from '../../components/lab/overfitting-state';

const FILE = 'public/data/mnist.bin';
let data: LoadedData;
beforeAll(() => {
  if (!existsSync(FILE)) execFileSync(process.execPath, ['scripts/build-mnist.mjs']);
  const mnist = parseMnist(readFileSync(FILE));
  const { train, test } = packMnistSplit(mnist, { trainCount: TRAIN_COUNT, testCount: VALIDATION_COUNT });
  data = { nIn: 784, nOut: 10, train, test };
});

function train(lambda: number): EpochRecord {
  const s = createSession(overfittingConfig(OVERFITTING_DEFAULTS, lambda), data, () => {});
  while (s.work(1e9));
  expect(s.epoch).toBe(OVERFITTING_DEFAULTS.epochs);
  return s.history[s.history.length - 1];
}

describe('Overfitting widget defaults (chapter 10)', () => {
  it('λ > 0 ends with higher validation accuracy and a smaller train/validation gap than λ = 0', () => {
    const plain = train(0);
    const l2 = train(OVERFITTING_DEFAULTS.lambda);
    const gap = (r: EpochRecord) => r.trainAccuracy! - r.testAccuracy!;
    // The unregularised network overfits: near-perfect on its 1,000 digits, far lower on the others.
    expect(gap(plain)).toBeGreaterThan(0.1);
    expect(l2.testAccuracy!).toBeGreaterThan(plain.testAccuracy!);
    expect(gap(l2)).toBeLessThan(gap(plain));
    expect(l2.weightNorm2).toBeLessThan(plain.weightNorm2);
    expect(verdict(plain, l2, OVERFITTING_DEFAULTS.lambda)).toMatch(/^After epoch \d+: L2 helped here/);
  }, 300_000);

  it('says honestly when L2 did not help (or helped only one way)', () => {
    const rec = (train: number, val: number): EpochRecord => ({ epoch: 5, trainAccuracy: train, testAccuracy: val, weightNorm2: 1, eta: 0.5, lambda: 0, seconds: 0 });
    expect(verdict(rec(0.99, 0.9), rec(0.99, 0.85), 50)).toContain('did not help');
    expect(verdict(rec(0.99, 0.9), rec(0.92, 0.88), 5)).toContain('did not raise the validation accuracy');
    expect(verdict(rec(0.99, 0.9), rec(1, 0.91), 5)).toContain('did not shrink');
    expect(verdict(undefined, rec(1, 0.91), 5)).toBeNull();
  });

  it('reads its settings from the address; a malformed or λ = 0 setting gives the defaults and a notice', () => {
    const read = (q: string) => readOverfittingUrl((k) => new URLSearchParams(q).get(k));
    expect(read('')).toEqual({ settings: OVERFITTING_DEFAULTS, notice: null });
    expect(read('ofl2=0.1&ofep=60&ofinit=scaled').settings).toEqual({ ...OVERFITTING_DEFAULTS, lambda: 0.1, epochs: 60, init: 'scaled' });
    for (const q of ['ofl2=0', 'ofl2=-1', 'ofep=61', 'ofinit=zeros', 'ofeta=0x1']) {
      const r = read(q);
      expect(r.settings).toEqual(OVERFITTING_DEFAULTS);
      expect(r.notice).toContain(q);
    }
  });
});
