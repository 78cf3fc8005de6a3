// The training loop of the lab, driven directly (no Worker, fake clock): it is the engine's SGD,
// reproducible from the seed, and it pauses, steps, changes η between epochs and reports divergence.
import { describe, expect, it } from 'vitest';
import { makeToy2D, packPoints } from '../../src/data/toy2d';
import { createNetwork, predict, createRng, evaluate, fromJSON, sgd, sumSquaredWeights, updateMiniBatch } from '../../src/engine/index';
import { type LoadedData, createSession, shuffleSeed } from '../../src/lab/session';
import type { EpochRecord, LabEvent, TrainConfig } from '../../src/lab/protocol';

const set = makeToy2D({ name: 'spiral', count: 120, noise: 0.1, testFraction: 0.25, seed: 4 });
const data: LoadedData = { nIn: 2, nOut: 1, train: packPoints(set.train, 1), test: packPoints(set.test, 1) };
const base: TrainConfig = { sizes: [2, 8, 8, 1], activations: ['tanh', 'tanh', 'sigmoid'], cost: 'cross-entropy', init: 'scaled', seed: 11, eta: 0.5, batchSize: 10, epochs: 6 };

/** A clock that moves 1 ms each time it is read. */
const fakeClock = () => {
  let t = 0;
  return () => (t += 1);
};

function runToEnd(config: TrainConfig, d: LoadedData = data) {
  const events: LabEvent[] = [];
  const s = createSession(config, d, (e) => events.push(e), { now: fakeClock() });
  while (s.work(1000));
  return { s, events };
}

const curve = (h: readonly EpochRecord[]) => h.map(({ seconds: _s, ...rest }) => rest);

describe('lab session', () => {
  it('is the engine’s sgd(): same epochs, costs and accuracies as sgd with seed shuffleSeed(seed), to 1e-12', () => {
    const { s, events } = runToEnd(base);
    const done = events.find((e) => e.type === 'done');
    expect(done && done.type === 'done' && done.reason).toBe('completed');
    const ref = createNetwork({ sizes: base.sizes, activations: base.activations, cost: base.cost, init: base.init, seed: base.seed });
    const { history } = sgd(ref, set.train, { epochs: 6, batchSize: 10, eta: 0.5, seed: shuffleSeed(base.seed), testData: set.test });
    expect(s.history.length).toBe(6);
    s.history.forEach((r, i) => {
      expect(r.epoch).toBe(history[i].epoch);
      expect(Math.abs(r.trainCost! - history[i].trainCost)).toBeLessThan(1e-12);
      expect(Math.abs(r.testCost! - history[i].testCost!)).toBeLessThan(1e-12);
      expect(r.trainAccuracy).toBe(history[i].trainAccuracy);
      expect(r.testAccuracy).toBe(history[i].testAccuracy);
    });
    const model = fromJSON(done!.type === 'done' ? done!.model : null);
    expect(Math.abs(sumSquaredWeights(model) - sumSquaredWeights(ref))).toBeLessThan(1e-9);
  });

  it('seeded determinism: the same seed gives the same curve; another seed another curve', () => {
    const a = runToEnd(base).s.history;
    const b = runToEnd(base).s.history;
    const c = runToEnd({ ...base, seed: 12 }).s.history;
    expect(curve(b)).toEqual(curve(a));
    expect(curve(c)).not.toEqual(curve(a));
  });

  it('progress events are throttled to one per progressIntervalMs of the clock, and carry every epoch once', () => {
    const events: LabEvent[] = [];
    const clock = fakeClock();
    const s = createSession({ ...base, epochs: 40, progressIntervalMs: 50 }, data, (e) => events.push(e), { now: clock });
    while (s.work(5));
    const progress = events.filter((e) => e.type === 'progress');
    const elapsed = clock();
    expect(progress.length).toBeLessThanOrEqual(elapsed / 50 + 2);
    expect(progress.length).toBeGreaterThan(1);
    const epochs = progress.flatMap((e) => (e.type === 'progress' ? e.epochs.map((r) => r.epoch) : []));
    expect(epochs).toEqual(Array.from({ length: 40 }, (_, i) => i + 1));
  });

  it('pause stops work, step trains exactly one epoch, resume continues; the curve equals an uninterrupted run', () => {
    const events: LabEvent[] = [];
    const s = createSession(base, data, (e) => events.push(e), { now: fakeClock() });
    s.work(3); // a few minibatches
    s.pause();
    expect(events.some((e) => e.type === 'paused')).toBe(true);
    expect(s.work(1000)).toBe(false);
    const before = s.epoch;
    s.step('epoch');
    expect(s.epoch).toBe(before + 1);
    expect(s.state).toBe('paused');
    s.step('batch');
    s.resume();
    while (s.work(1000));
    expect(curve(s.history)).toEqual(curve(runToEnd(base).s.history));
  });

  it('stop ends the run with the model so far', () => {
    const events: LabEvent[] = [];
    const s = createSession({ ...base, epochs: 0 }, data, (e) => events.push(e), { now: fakeClock() });
    s.work(400);
    s.stop();
    const done = events.at(-1)!;
    expect(done.type).toBe('done');
    if (done.type !== 'done') return;
    expect(done.reason).toBe('stopped');
    expect(done.epochs).toBe(s.epoch);
    expect(fromJSON(done.model).sizes).toEqual(base.sizes);
    expect(s.work(10)).toBe(false);
  });

  it('η and λ changed mid-run apply from the next epoch, without resetting the network', () => {
    const events: LabEvent[] = [];
    const s = createSession({ ...base, epochs: 4 }, data, (e) => events.push(e), { now: fakeClock() });
    while (s.epoch < 2) s.work(1); // one batch at a time until two epochs are done
    s.work(1); // now inside epoch 3
    s.set({ eta: 0.1, lambda: 2 });
    while (s.work(1000));
    expect(s.history.map((r) => r.eta)).toEqual([0.5, 0.5, 0.5, 0.1]);
    expect(s.history.map((r) => r.lambda)).toEqual([0, 0, 0, 2]);
    expect(events.some((e) => e.type === 'set' && e.eta === 0.1 && e.lambda === 2)).toBe(true);
    // The reference: the engine's updateMiniBatch over the same minibatches, η changed after epoch 3.
    const ref = createNetwork({ sizes: base.sizes, activations: base.activations, cost: base.cost, init: base.init, seed: base.seed });
    const rng = createRng(shuffleSeed(base.seed));
    const order = set.train.map((_, i) => i);
    for (let e = 1; e <= 4; e++) {
      rng.shuffle(order);
      const eta = e <= 3 ? 0.5 : 0.1;
      const lambda = e <= 3 ? 0 : 2;
      for (let st = 0; st < order.length; st += 10) {
        updateMiniBatch(ref, order.slice(st, st + 10).map((i) => set.train[i]), { eta, lambda, n: set.train.length });
      }
    }
    expect(Math.abs(s.history[3].trainCost! - evaluate(ref, set.train).cost)).toBeLessThan(1e-12);
  });

  it('bad settings are refused with a message naming the value', () => {
    const s = createSession(base, data, () => {}, { now: fakeClock() });
    expect(() => s.set({ eta: -1 })).toThrow(/η must be a positive finite number \(got -1\)/);
    expect(() => s.set({ lambda: NaN })).toThrow(/λ .*NaN/);
    expect(() => s.set({ batchSize: 1000 })).toThrow(/larger than the 90 training examples/);
    expect(() => createSession({ ...base, sizes: [3, 8, 8, 1] }, data, () => {})).toThrow(/input layer has 3 neurons but each example has 2/);
    expect(() => createSession({ ...base, eta: Infinity }, data, () => {})).toThrow(/η/);
    expect(() => createSession({ ...base, activations: 'softmax' }, data, () => {})).toThrow(/softmax is only for the output layer/);
  });

  it('divergence: η = 1e9 on a ReLU network stops the run and names the layer whose values blew up', () => {
    const cfg: TrainConfig = { sizes: [2, 8, 8, 1], activations: ['relu', 'relu', 'linear'], cost: 'quadratic', seed: 3, eta: 1e9, batchSize: 10, epochs: 50 };
    const { events } = runToEnd(cfg);
    const d = events.find((e) => e.type === 'diverged');
    expect(d).toBeDefined();
    if (d?.type !== 'diverged') return;
    expect(d.layer).toBeGreaterThanOrEqual(1);
    expect(d.layer).toBeLessThanOrEqual(3);
    expect(d.message).toMatch(new RegExp(`layer ${d.layer} blew up`));
    expect(d.message).toMatch(/η = 1000000000 is too large/);
    const done = events.at(-1)!;
    expect(done.type === 'done' && done.reason).toBe('diverged');
  });

  it('histograms: σ′(z) and log₁₀|δ| per layer over the sample, counts = sample × neurons, σ′ computed by the engine', () => {
    const events: LabEvent[] = [];
    const s = createSession({ ...base, activations: 'sigmoid', histograms: { bins: 10, sample: 32 } }, data, (e) => events.push(e), { now: fakeClock() });
    s.work(1);
    s.pause();
    const p = events.filter((e) => e.type === 'progress').at(-1)!;
    if (p.type !== 'progress') throw new Error('no progress');
    expect(p.histograms?.map((h) => h.layer)).toEqual([1, 2, 3]);
    p.histograms!.forEach((h, i) => {
      const neurons = base.sizes[i + 1];
      expect(h.sigmaPrime!.counts.reduce((a, b) => a + b, 0)).toBe(32 * neurons);
      expect(h.deltaLog10.counts.reduce((a, b) => a + b, 0)).toBe(32 * neurons);
      expect(h.sigmaPrime!.edges.at(-1)).toBe(0.25); // σ′ ≤ ¼ for sigmoid
      expect(h.saturated).toBeGreaterThanOrEqual(0);
    });
  });

  it('predict and model: outputs of the current network, model JSON that round-trips', () => {
    const s = createSession(base, data, () => {}, { now: fakeClock() });
    s.work(20);
    s.pause();
    const net = fromJSON(s.model());
    const out = s.predict(new Float64Array([0.1, 0.2, -0.5, 0.7]), 2);
    expect(out.length).toBe(2);
    expect(Math.abs(out[0] - predict(net, [0.1, 0.2])[0])).toBeLessThan(1e-15);
    expect(Math.abs(out[1] - predict(net, [-0.5, 0.7])[0])).toBeLessThan(1e-15);
    expect(() => s.predict(new Float64Array(3), 2)).toThrow(/count × 2 inputs/);
  });
});

describe('histogram bins', () => {
  it('equal-width bins over [lo, hi]: counts sum to the sample, values outside land in the end bins, NaN is skipped', async () => {
    const { histogram } = await import('../../src/lab/histograms');
    const h = histogram([0, 0.1, 0.24, 0.25, 0.3, -1, Number.NaN], 0, 0.25, 5);
    [0, 0.05, 0.1, 0.15, 0.2, 0.25].forEach((e, i) => expect(h.edges[i]).toBeCloseTo(e, 15));
    expect(h.counts).toEqual([2, 0, 1, 0, 3]);
  });
});
