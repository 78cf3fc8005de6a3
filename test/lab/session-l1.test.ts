// The lab's L1 option (chapter 14): a session with regulariser 'l1' trains exactly the engine's
// L1 update (trainRegularised with regulariser 'l1', the reference path), and differs from L2.
import { describe, expect, it } from 'vitest';
import { makeToy2D, packPoints } from '../../src/data/toy2d';
import { createNetwork, smallWeightFraction, sumAbsWeights, trainRegularised } from '../../src/engine/index';
import { SMALL_WEIGHT } from '../../src/lab/l1';
import { type LoadedData, createSession, shuffleSeed } from '../../src/lab/session';
import type { LabEvent, TrainConfig } from '../../src/lab/protocol';

const set = makeToy2D({ name: 'spiral', count: 120, noise: 0.1, testFraction: 0.25, seed: 4 });
const data: LoadedData = { nIn: 2, nOut: 1, train: packPoints(set.train, 1), test: packPoints(set.test, 1) };
const base: TrainConfig = { sizes: [2, 8, 8, 1], activations: ['tanh', 'tanh', 'sigmoid'], cost: 'cross-entropy', init: 'scaled', seed: 11, eta: 0.5, lambda: 3, batchSize: 10, epochs: 5 };

function run(config: TrainConfig) {
  const events: LabEvent[] = [];
  let t = 0;
  const s = createSession(config, data, (e) => events.push(e), { now: () => (t += 1) });
  while (s.work(1000));
  return s;
}

describe('lab session: L1', () => {
  it('regulariser l1 is the engine’s L1 update: same costs, accuracies, Σ|w| and small-weight fraction as trainRegularised, to 1e-12', () => {
    const s = run({ ...base, regulariser: 'l1' });
    const ref = createNetwork({ sizes: base.sizes, activations: base.activations, cost: base.cost, init: base.init, seed: base.seed });
    const history = trainRegularised(ref, set.train, { epochs: 5, batchSize: 10, eta: 0.5, lambda: 3, regulariser: 'l1', seed: shuffleSeed(base.seed), testData: set.test });
    expect(s.history.length).toBe(5);
    s.history.forEach((r, i) => {
      expect(Math.abs(r.trainCost! - history[i].trainCost)).toBeLessThan(1e-12);
      expect(Math.abs(r.testCost! - history[i].testCost!)).toBeLessThan(1e-12);
      expect(Math.abs(r.weightNorm1! - history[i].sumAbsWeights)).toBeLessThan(1e-9);
    });
    expect(s.history[4].weightNorm1).toBeCloseTo(sumAbsWeights(ref), 9);
    expect(s.history[4].smallWeights).toBe(smallWeightFraction(ref, SMALL_WEIGHT));
  });

  it('l2 with the field set is the plain λ run plus the weight statistics; l1 trains a different network', () => {
    const plain = run(base);
    const l2 = run({ ...base, regulariser: 'l2' });
    const l1 = run({ ...base, regulariser: 'l1' });
    expect(plain.history[4].weightNorm1).toBeUndefined();
    expect(l2.history[4].trainCost).toBe(plain.history[4].trainCost);
    expect(l2.history[4].weightNorm1).toBeGreaterThan(0);
    expect(l1.history[4].trainCost).not.toBe(l2.history[4].trainCost);
  });

  it('refuses an unknown regulariser and L1 in float32, with a message', () => {
    expect(() => createSession({ ...base, regulariser: 'l3' as 'l1' }, data, () => {})).toThrow(/'l2' or 'l1'/);
    expect(() => createSession({ ...base, regulariser: 'l1', dtype: 'float32' }, data, () => {})).toThrow(/float64/);
  });
});
