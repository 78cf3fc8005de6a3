// The worker protocol end to end through the typed client, with the host running in-process
// (the same code the Web Worker runs): start, progress, pause/resume, η change, predict,
// getModel, stop, errors, and MNIST loading from the binary with progress.
import { describe, expect, it } from 'vitest';
import { type TrainingClient, createTrainingClient } from '../../src/lab/client';
import { createInProcessWorker } from '../../src/lab/local';
import { LAB_PROTOCOL, type LabEvent, type LabEventOf, type LabEventType, type TrainConfig } from '../../src/lab/protocol';
import { fromJSON, predict } from '../../src/engine/index';
import { encodeMnist, readMnistPackage } from '../../scripts/build-mnist.mjs';

const toy = { kind: 'toy2d', dataset: 'xor', count: 200, noise: 0, testFraction: 0.5, seed: 2 } as const;
const config: TrainConfig = { sizes: [2, 6, 1], activations: ['tanh', 'sigmoid'], cost: 'cross-entropy', init: 'scaled', seed: 5, eta: 0.5, batchSize: 10, epochs: 0, progressIntervalMs: 20 };

function next<T extends LabEventType>(lab: TrainingClient, type: T, pred: (e: LabEventOf<T>) => boolean = () => true): Promise<LabEventOf<T>> {
  return new Promise((resolve) => {
    const off = lab.on(type, (e) => {
      if (pred(e)) {
        off();
        resolve(e);
      }
    });
  });
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('training worker protocol (in-process host)', () => {
  it('start → started (with the 2-D points) → progress with epochs → pause (no more epochs) → set η → resume → stop with the model', async () => {
    const lab = createTrainingClient({ worker: createInProcessWorker() });
    const events: LabEvent[] = [];
    lab.onAny((e) => events.push(e));
    const started = next(lab, 'started');
    lab.start(config, toy);
    const s = await started;
    expect(s.protocol).toBe(LAB_PROTOCOL);
    expect([s.trainCount, s.testCount, s.batchesPerEpoch]).toEqual([100, 100, 10]);
    expect(s.points!.train.x.length).toBe(200);
    await next(lab, 'progress', (e) => e.epochs.length > 0);
    const paused = next(lab, 'paused');
    lab.pause();
    const p = await paused;
    const epochsAtPause = events.filter((e) => e.type === 'progress').flatMap((e) => (e.type === 'progress' ? e.epochs : [])).length;
    await sleep(60);
    const epochsLater = events.filter((e) => e.type === 'progress').flatMap((e) => (e.type === 'progress' ? e.epochs : [])).length;
    expect(epochsLater).toBe(epochsAtPause);
    // Paused mid-epoch, the new η waits for the next epoch (announced by a 'set' event).
    const applied = next(lab, 'set');
    lab.set({ eta: 0.05 });
    lab.resume();
    expect((await applied).eta).toBe(0.05);
    const later = await next(lab, 'progress', (e) => e.epochs.some((r) => r.epoch > p.epoch + 1));
    const rec = later.epochs.find((r) => r.epoch > p.epoch + 1)!;
    expect(rec.eta).toBe(0.05);
    const model = await lab.getModel();
    const net = fromJSON(model);
    const out = await lab.predict(new Float64Array([0.5, 0.5, -0.5, 0.5]), 2);
    expect(out.length).toBe(2);
    // The network can keep training between getModel and predict; both are the engine's numbers.
    expect(Number.isFinite(predict(net, [0.5, 0.5])[0])).toBe(true);
    const done = next(lab, 'done');
    lab.stop();
    const d = await done;
    expect(d.reason).toBe('stopped');
    expect(d.history.length).toBeGreaterThan(p.epoch);
    expect(fromJSON(d.model).sizes).toEqual([2, 6, 1]);
    // After done, predict answers from the final model.
    const final = await lab.predict(new Float64Array([0.5, 0.5]), 1);
    expect(Math.abs(final[0] - predict(fromJSON(d.model), [0.5, 0.5])[0])).toBeLessThan(1e-15);
    lab.dispose();
  });

  it('a bad config or command gives an error event with the reason, and requests reject', async () => {
    const lab = createTrainingClient({ worker: createInProcessWorker() });
    const err = next(lab, 'error');
    lab.start({ ...config, sizes: [3, 6, 1] }, toy);
    expect((await err).message).toMatch(/input layer has 3 neurons/);
    await expect(lab.getModel()).rejects.toThrow(/no training run/);
    const ok = next(lab, 'started');
    lab.start({ ...config, epochs: 1 }, toy);
    await ok;
    await next(lab, 'done');
    await expect(lab.predict(new Float64Array(3), 1)).rejects.toThrow(/count × 2 inputs/);
    const bad = next(lab, 'error');
    lab.set({ eta: Number.NaN });
    expect((await bad).message).toMatch(/η must be a positive finite number/);
    lab.dispose();
  });

  it('a step does not block the worker: progress (running) arrives during it, and a pause sent mid-step is honoured before the epoch ends', { timeout: 10_000 }, async () => {
    // A fake clock (1 ms per read) and batch 1: one epoch of 100 minibatches spans many 10 ms slices.
    let t = 0;
    const lab = createTrainingClient({ worker: createInProcessWorker({ now: () => (t += 1) }) });
    const events: LabEvent[] = [];
    lab.onAny((e) => events.push(e));
    const started = next(lab, 'started');
    lab.start({ ...config, batchSize: 1, progressIntervalMs: 5 }, toy);
    lab.pause();
    const s = await started;
    expect(s.batchesPerEpoch).toBe(100);
    await next(lab, 'paused');
    const mark = events.length;
    const moving = next(lab, 'progress', (e) => e.state === 'running' && e.batch > 0);
    lab.step('epoch');
    const mid = await moving;
    expect(mid.batch).toBeLessThan(mid.batchesPerEpoch);
    const paused = next(lab, 'paused');
    lab.pause();
    const p = await paused;
    expect(p.epoch).toBe(0);
    expect(p.batch).toBeGreaterThanOrEqual(mid.batch);
    expect(p.batch).toBeLessThan(s.batchesPerEpoch);
    expect(events.slice(mark).some((e) => e.type === 'progress' && e.epochs.length > 0)).toBe(false); // the epoch never finished
    // Step again, with a stop sent as soon as it moves: the run ends as stopped, mid-epoch.
    const moving2 = next(lab, 'progress', (e) => e.state === 'running' && e.batch > p.batch);
    lab.step('epoch');
    await moving2;
    const done = next(lab, 'done');
    lab.stop();
    const d = await done;
    expect(d.reason).toBe('stopped');
    expect(d.epochs).toBe(0);
    lab.dispose();
  });

  it('a diverging run ends with a diverged event naming the layer', async () => {
    const lab = createTrainingClient({ worker: createInProcessWorker() });
    const diverged = next(lab, 'diverged');
    lab.start({ ...config, sizes: [2, 6, 6, 1], activations: ['relu', 'relu', 'linear'], cost: 'quadratic', eta: 1e9 }, toy);
    const d = await diverged;
    expect(d.message).toContain(`layer ${d.layer}`);
    expect((await next(lab, 'done')).reason).toBe('diverged');
    lab.dispose();
  });

  it('MNIST: the worker fetches the binary, reports loading progress, and trains on the fixed split', async () => {
    const bytes: Uint8Array = encodeMnist(readMnistPackage());
    const fakeFetch = (async () => new Response(bytes as unknown as BodyInit)) as unknown as typeof fetch;
    const lab = createTrainingClient({ worker: createInProcessWorker({ fetch: fakeFetch }) });
    const loading: number[] = [];
    lab.on('loading', (e) => loading.push(e.loaded / e.total));
    const started = next(lab, 'started');
    lab.start({ sizes: [784, 10, 10], seed: 1, eta: 3, batchSize: 10, epochs: 1, histograms: { sample: 16 } }, { kind: 'mnist', url: '/data/mnist.bin', trainCount: 500, testCount: 200 });
    const s = await started;
    expect([s.trainCount, s.testCount]).toEqual([500, 200]);
    expect(loading.at(-1)).toBe(1);
    const done = await next(lab, 'done');
    expect(done.reason).toBe('completed');
    expect(done.history[0].testAccuracy).toBeGreaterThan(0.2); // better than chance after one epoch
    lab.dispose();
  });
});

describe('host: the speed limit waits with a timer, and a step or a new limit replans the wait', () => {
  it('under a limit the next tick is a delay of 1000 / epochsPerSecond ms; set() and step replace that wait', async () => {
    const { createLabHost } = await import('../../src/lab/host');
    const ticks: (() => void)[] = [];
    const delays: { fn: () => void; ms: number; cancelled: boolean }[] = [];
    const events: LabEvent[] = [];
    const t = 0;
    const host = createLabHost({
      post: (e) => events.push(e),
      schedule: (fn) => ticks.push(fn),
      delay: (fn, ms) => {
        const d = { fn, ms, cancelled: false };
        delays.push(d);
        return { cancel: () => void (d.cancelled = true) };
      },
      now: () => t,
    });
    host.handle({ type: 'start', config: { ...config, epochsPerSecond: 5 }, data: toy });
    await sleep(0);
    expect(events.some((e) => e.type === 'started')).toBe(true);
    // The first tick trains one epoch (the clock stands still), then the host waits 200 ms.
    ticks.shift()!();
    expect(delays.map((d) => d.ms)).toEqual([200]);
    expect(ticks).toEqual([]);
    // A faster limit drops that wait and plans the new one.
    host.handle({ type: 'set', epochsPerSecond: 20 });
    expect(delays[0].cancelled).toBe(true);
    expect(delays[1].ms).toBe(50);
    // Lifting the limit: the next tick is immediate.
    host.handle({ type: 'set', epochsPerSecond: 0 });
    expect(delays[1].cancelled).toBe(true);
    expect(ticks.length).toBe(1);
  });
});

describe('host: Stop is idempotent', () => {
  it('a stop before any start, during loading or after the end is not an error; the next start trains', async () => {
    const lab = createTrainingClient({ worker: createInProcessWorker() });
    const errors: string[] = [];
    lab.on('error', (e) => errors.push(e.message));
    lab.stop();
    lab.start(config, toy);
    lab.stop(); // while the data are being made
    lab.stop();
    await sleep(20);
    // (The first run may have started before its Stop arrived and then ended 'stopped': only a
    // completed run is the second one.)
    const done = next(lab, 'done', (e) => e.reason === 'completed');
    lab.start({ ...config, epochs: 2 }, toy);
    expect((await done).epochs).toBe(2);
    lab.stop();
    lab.stop();
    await sleep(20);
    expect(errors).toEqual([]);
    lab.dispose();
  });
});
