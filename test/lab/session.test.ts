// The training loop of the lab, driven directly (no Worker, fake clock): it is the engine's SGD,
// reproducible from the seed, and it pauses, steps, changes η between epochs and reports divergence.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { makeToy2D, packPoints } from '../../src/data/toy2d';
import { createNetwork, predict, createRng, evaluate, fromJSON, sgd, sumSquaredWeights, updateMiniBatch } from '../../src/engine/index';
import { type LoadedData, createSession, shuffleSeed } from '../../src/lab/session';
import type { EpochRecord, LabEvent, LabEventOf, TrainConfig } from '../../src/lab/protocol';

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
    while (s.work(1000));
    expect(s.epoch).toBe(before + 1);
    expect(s.state).toBe('paused');
    s.step('batch');
    while (s.work(1000));
    expect(s.state).toBe('paused');
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

const progressOf = (events: LabEvent[]) => events.filter((e): e is LabEventOf<'progress'> => e.type === 'progress');

describe('lab session: a step runs through the sliced loop', () => {
  // Batch 1 on 90 examples: 90 minibatches per epoch, far more than one 5 ms slice of the fake clock.
  const slow: TrainConfig = { ...base, batchSize: 1, epochs: 0, progressIntervalMs: 5 };

  it('step only sets the goal: work() trains it in slices, progress events arrive during it, a pause mid-step is honoured and loses nothing', () => {
    const events: LabEvent[] = [];
    const s = createSession(slow, data, (e) => events.push(e), { now: fakeClock() });
    s.pause();
    const mark = events.length;
    s.step('epoch');
    expect([s.state, s.stepping, s.epoch]).toEqual(['running', true, 0]);
    for (let i = 0; i < 5; i++) expect(s.work(5)).toBe(true); // still stepping after five slices
    const during = progressOf(events.slice(mark));
    expect(during.length).toBeGreaterThan(2);
    expect(during.every((e) => e.state === 'running')).toBe(true);
    const last = during.at(-1)!;
    expect(last.batch).toBeGreaterThan(0);
    expect(last.batch).toBeLessThan(last.batchesPerEpoch);
    expect(s.epoch).toBe(0);
    s.pause();
    expect([s.state, s.stepping]).toEqual(['paused', false]);
    const paused = events.at(-1)!;
    expect(paused.type).toBe('paused');
    if (paused.type !== 'paused') return;
    expect(paused.epoch).toBe(0);
    expect(paused.batch).toBeGreaterThanOrEqual(last.batch);
    expect(paused.batch).toBeLessThan(last.batchesPerEpoch);
    const frozen = events.length;
    expect(s.work(1000)).toBe(false);
    expect(events.length).toBe(frozen);
    // Stepping again finishes the epoch: the record equals the one of an uninterrupted run.
    s.step('epoch');
    while (s.work(5));
    expect([s.state, s.epoch]).toEqual(['paused', 1]);
    const end = events.at(-1)!;
    expect(end.type === 'paused' && [end.epoch, end.batch]).toEqual([1, 0]);
    expect(curve(s.history)).toEqual(curve(runToEnd({ ...slow, epochs: 1 }).s.history));
  });

  it('stop during a step ends the run at once, with the model so far', () => {
    const events: LabEvent[] = [];
    const s = createSession(slow, data, (e) => events.push(e), { now: fakeClock() });
    s.pause();
    s.step('epoch');
    s.work(5);
    s.work(5);
    const batchesDone = progressOf(events).at(-1)!.batch;
    expect(batchesDone).toBeGreaterThan(0);
    s.stop();
    expect([s.state, s.stepping, s.epoch]).toEqual(['done', false, 0]);
    const done = events.at(-1)!;
    expect(done.type === 'done' && done.reason).toBe('stopped');
    expect(s.work(1000)).toBe(false);
  });

  it('η set during a step waits for the next epoch; the step’s epoch keeps the old η', () => {
    const s = createSession(slow, data, () => {}, { now: fakeClock() });
    s.pause();
    s.step('epoch');
    s.work(5);
    s.set({ eta: 0.05 });
    while (s.work(5));
    s.step('epoch');
    while (s.work(5));
    expect(s.history.map((r) => r.eta)).toEqual([slow.eta, 0.05]);
  });

  it('step("batch") trains exactly one minibatch; steps asked for during a step queue; resume during a step keeps running', () => {
    const events: LabEvent[] = [];
    const s = createSession(slow, data, (e) => events.push(e), { now: fakeClock() });
    s.pause();
    s.step('batch');
    while (s.work(5));
    const one = events.at(-1)!;
    expect(one.type === 'paused' && [one.epoch, one.batch]).toEqual([0, 1]);
    const mark = events.length;
    s.step('epoch');
    s.step('epoch'); // queued behind the first
    while (s.work(5));
    expect([s.state, s.epoch]).toEqual(['paused', 2]);
    expect(events.slice(mark).filter((e) => e.type === 'paused').length).toBe(1);
    s.step('epoch');
    s.work(5);
    s.resume();
    expect([s.state, s.stepping]).toEqual(['running', false]);
    let guard = 0;
    while (s.epoch < 5 && guard++ < 10_000) expect(s.work(5)).toBe(true);
    expect(s.state).toBe('running');
    // The uninterrupted run of 5 epochs has the same curve.
    expect(curve(s.history.slice(0, 5))).toEqual(curve(runToEnd({ ...slow, epochs: 5 }).s.history));
  });
});

describe('lab session: changing η, λ and the batch size between epochs', () => {
  it('property: a change at any epoch boundary (while paused) applies at once, to the next epoch, without resetting — the same as the engine’s updateMiniBatch over the same minibatches', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 3 }),
        fc.double({ min: 0.01, max: 1, noNaN: true }),
        fc.double({ min: 0, max: 5, noNaN: true }),
        fc.integer({ min: 1, max: 30 }),
        (k, eta2, lambda2, batch2) => {
          const events: LabEvent[] = [];
          const s = createSession({ ...base, epochs: 4 }, data, (e) => events.push(e), { now: fakeClock() });
          while (s.epoch < k) s.work(1);
          s.pause();
          expect(s.epoch).toBe(k);
          s.set({ eta: eta2, lambda: lambda2, batchSize: batch2 });
          // At a boundary the change is announced at once.
          expect(events.at(-1)).toEqual({ type: 'set', eta: eta2, lambda: lambda2, batchSize: batch2 });
          s.resume();
          while (s.work(1000));
          expect(s.history.map((r) => r.eta)).toEqual([1, 2, 3, 4].map((e) => (e <= k ? base.eta : eta2)));
          expect(s.history.map((r) => r.lambda)).toEqual([1, 2, 3, 4].map((e) => (e <= k ? 0 : lambda2)));
          const ref = createNetwork({ sizes: base.sizes, activations: base.activations, cost: base.cost, init: base.init, seed: base.seed });
          const rng = createRng(shuffleSeed(base.seed));
          const order = set.train.map((_, i) => i);
          for (let e = 1; e <= 4; e++) {
            rng.shuffle(order);
            const [eta, lambda, m] = e <= k ? [base.eta, 0, base.batchSize] : [eta2, lambda2, batch2];
            for (let st = 0; st < order.length; st += m) {
              updateMiniBatch(ref, order.slice(st, st + m).map((i) => set.train[i]), { eta, lambda, n: set.train.length });
            }
            const got = s.history[e - 1].trainCost!;
            if (e === 4) expect(Math.abs(got - evaluate(ref, set.train).cost)).toBeLessThan(1e-12);
          }
          expect(Math.abs(s.history[3].weightNorm2 - sumSquaredWeights(ref))).toBeLessThan(1e-9 * Math.max(1, sumSquaredWeights(ref)));
        },
      ),
      { numRuns: 25 },
    );
  });
});

describe('lab session: Float32', () => {
  it('dtype float32 trains in single precision (every parameter is a float32 number) and follows the Float64 run to ~1e-4', () => {
    const f64 = runToEnd(base);
    const f32 = runToEnd({ ...base, dtype: 'float32' });
    const model = (r: ReturnType<typeof runToEnd>) => {
      const d = r.events.find((e) => e.type === 'done');
      if (d?.type !== 'done') throw new Error('no done event');
      return d.model;
    };
    const params = (m: ReturnType<typeof model>) => [...m.weights.flat(2), ...m.biases.flat()];
    const p32 = params(model(f32));
    const p64 = params(model(f64));
    expect(p32.every((w) => Math.fround(w) === w)).toBe(true);
    expect(p64.some((w) => Math.fround(w) !== w)).toBe(true); // the check can tell the two apart
    expect(f32.s.history.length).toBe(f64.s.history.length);
    f32.s.history.forEach((r, i) => {
      const q = f64.s.history[i];
      for (const key of ['trainCost', 'testCost'] as const) expect(Math.abs(r[key]! - q[key]!) / Math.abs(q[key]!)).toBeLessThan(1e-4);
    });
    p32.forEach((w, i) => expect(Math.abs(w - p64[i])).toBeLessThan(1e-4 * Math.max(1, Math.abs(p64[i]))));
    // The model of a Float32 run is an ordinary model: it loads and predicts as the session does.
    const net = fromJSON(model(f32));
    const out = f32.s.predict(new Float64Array([0.3, -0.2]), 1);
    expect(Math.abs(out[0] - predict(net, [0.3, -0.2])[0])).toBeLessThan(1e-6);
  });

  it('an unknown dtype is refused with the value named', () => {
    expect(() => createSession({ ...base, dtype: 'float16' as never }, data, () => {})).toThrow(/dtype must be 'float64' or 'float32' \(got float16\)/);
  });
});

describe('speed limit (epochs per second)', () => {
  // A clock the test moves by hand; reading it does not advance it.
  const handClock = () => {
    let t = 0;
    return { now: () => t, advance: (ms: number) => (t += ms) };
  };

  it('trains at most one epoch per 1000 / epochsPerSecond ms of the clock, and the same curve as without a limit', () => {
    const clock = handClock();
    const s = createSession({ ...base, epochs: 4, epochsPerSecond: 10 }, data, () => {}, { now: clock.now });
    // The clock does not move, so an unlimited run would finish all 4 epochs in one call.
    expect(s.work(50)).toBe(true);
    expect(s.epoch).toBe(1);
    expect(s.waitMs()).toBe(100);
    expect(s.work(50)).toBe(true);
    expect(s.epoch).toBe(1); // still waiting
    clock.advance(60);
    expect(s.waitMs()).toBe(40);
    clock.advance(40);
    expect(s.waitMs()).toBe(0);
    s.work(50);
    expect(s.epoch).toBe(2);
    for (let i = 0; i < 2; i++) {
      clock.advance(100);
      s.work(50);
    }
    expect(s.state).toBe('done');
    expect(curve(s.history)).toEqual(curve(runToEnd({ ...base, epochs: 4 }).s.history));
  });

  it('a step is never held back; the limit can be lifted or changed during a run; a bad rate is refused', () => {
    const clock = handClock();
    const s = createSession({ ...base, epochs: 0, epochsPerSecond: 1 }, data, () => {}, { now: clock.now });
    s.work(50);
    expect(s.epoch).toBe(1);
    s.pause();
    s.step('epoch');
    expect(s.waitMs()).toBe(0);
    while (s.work(50));
    expect(s.epoch).toBe(2);
    s.resume();
    expect(s.waitMs()).toBe(1000);
    s.set({ epochsPerSecond: 0 });
    expect(s.waitMs()).toBe(0);
    s.set({ epochsPerSecond: 4 });
    expect(s.waitMs()).toBe(250);
    expect(() => s.set({ epochsPerSecond: -1 })).toThrow(/epochs per second must be a finite number ≥ 0/);
    expect(() => createSession({ ...base, epochsPerSecond: Number.NaN }, data, () => {})).toThrow(/epochs per second/);
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
