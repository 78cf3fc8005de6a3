// The lab session on the WebAssembly kernels: the same run as the engine's sgd() (to 1e-12 in
// Float64), the same curve whether minibatches go one per call or many per call, the path named,
// and the worker host reporting the path it trains on (and falling back when the kernels fail).
import { beforeAll, describe, expect, it } from 'vitest';
import { makeToy2D, packPoints } from '../../src/data/toy2d';
import { createNetwork, sgd } from '../../src/engine/index';
import type { FastWasm } from '../../src/engine/fast';
import { createLabHost } from '../../src/lab/host';
import { type LoadedData, createSession, shuffleSeed } from '../../src/lab/session';
import type { EpochRecord, LabEvent, TrainConfig } from '../../src/lab/protocol';
import { fastWasm } from '../engine/wasm-helpers';

const set = makeToy2D({ name: 'spiral', count: 120, noise: 0.1, testFraction: 0.25, seed: 4 });
const data: LoadedData = { nIn: 2, nOut: 1, train: packPoints(set.train, 1), test: packPoints(set.test, 1) };
const base: TrainConfig = { sizes: [2, 8, 8, 1], activations: ['tanh', 'tanh', 'sigmoid'], cost: 'cross-entropy', init: 'scaled', seed: 11, eta: 0.5, batchSize: 10, epochs: 6 };
const fakeClock = () => {
  let t = 0;
  return () => (t += 1);
};
const curve = (h: readonly EpochRecord[]) => h.map(({ seconds: _s, ...rest }) => rest);

let wasm: FastWasm;
beforeAll(async () => {
  wasm = await fastWasm();
});

describe('lab session on the WebAssembly kernels', () => {
  it('is the engine’s sgd() to 1e-12, and names its path', () => {
    const s = createSession(base, data, () => {}, { now: fakeClock(), wasm });
    expect(s.path).toBe('wasm-f64');
    while (s.work(1000));
    const ref = createNetwork({ sizes: base.sizes, activations: base.activations, cost: base.cost, init: base.init, seed: base.seed });
    const { history } = sgd(ref, set.train, { epochs: 6, batchSize: 10, eta: 0.5, seed: shuffleSeed(base.seed), testData: set.test });
    expect(s.history.length).toBe(6);
    s.history.forEach((r, i) => {
      expect(Math.abs(r.trainCost! - history[i].trainCost)).toBeLessThan(1e-12);
      expect(Math.abs(r.testCost! - history[i].testCost!)).toBeLessThan(1e-12);
      expect(r.trainAccuracy).toBe(history[i].trainAccuracy);
    });
    expect(createSession({ ...base, dtype: 'float32' }, data, () => {}, { wasm }).path).toBe('wasm-f32');
    expect(createSession(base, data, () => {}).path).toBe('ts-f64');
    expect(createSession({ ...base, kernels: 'ts' }, data, () => {}, { wasm }).path).toBe('ts-f64');
    expect(() => createSession({ ...base, kernels: 'gpu' as never }, data, () => {}, { wasm })).toThrow(/kernels.*gpu/);
  });

  it('many minibatches per call give the curve of one per call (work(1000) vs work(1) on a clock that moves 1 ms a read)', () => {
    const one = createSession(base, data, () => {}, { now: fakeClock(), wasm });
    let calls1 = 0;
    while (one.work(1)) calls1++;
    const many = createSession(base, data, () => {}, { now: fakeClock(), wasm });
    let calls2 = 0;
    while (many.work(1000)) calls2++;
    expect(calls2).toBeLessThan(calls1); // the slices did take several batches per call
    expect(curve(many.history)).toEqual(curve(one.history));
    // and the TypeScript kernels give that curve too (to rounding)
    const ts = createSession(base, data, () => {}, { now: fakeClock() });
    while (ts.work(1000));
    ts.history.forEach((r, i) => expect(Math.abs(r.trainCost! - many.history[i].trainCost!)).toBeLessThan(1e-12));
  });

  it('the worker host compiles the kernels once, says the path in its started event, and falls back to the TS kernels when they fail', async () => {
    for (const [loadWasm, path] of [
      [() => Promise.resolve(wasm), 'wasm-f64'],
      [() => Promise.reject(new Error('no SIMD here')), 'ts-f64'],
      [undefined, 'ts-f64'],
    ] as const) {
      const events: LabEvent[] = [];
      let loads = 0;
      const host = createLabHost({
        post: (e) => events.push(e),
        schedule: (fn) => setTimeout(fn, 0),
        sliceMs: 5,
        loadWasm: loadWasm && (() => (loads++, loadWasm())),
      });
      const cmd = { type: 'start' as const, config: { ...base, epochs: 1 }, data: { kind: 'packed' as const, nIn: 2, nOut: 1, train: data.train, test: data.test } };
      for (let run = 0; run < 2; run++) {
        host.handle(cmd);
        await expect.poll(() => events.filter((e) => e.type === 'done').length).toBe(run + 1);
      }
      const started = events.filter((e) => e.type === 'started');
      expect(started.map((e) => e.type === 'started' && e.path)).toEqual([path, path]);
      expect(loads).toBe(loadWasm ? 1 : 0);
    }
  });
});
