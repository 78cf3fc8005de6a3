// The training worker's test report ('report' events, config.report): what the page used to
// compute itself with testReportChunked, now computed in the worker. Both are computed here, on
// the same network and the same digits, and must agree exactly.
import { describe, expect, it } from 'vitest';
import { createTrainingClient, type TrainingClient } from '../../src/lab/client';
import { createInProcessWorker } from '../../src/lab/local';
import type { LabEvent, LabEventOf, TrainConfig } from '../../src/lab/protocol';
import { createSession } from '../../src/lab/session';
import { createNetwork, fromJSON, toJSON } from '../../src/engine/index';
import { packMnistSplit, parseMnist } from '../../src/data/mnist';
import { testReport, testReportChunked, type DigitSet } from '../../components/lab/mnist-eval';
import { encodeMnist, readMnistPackage } from '../../scripts/build-mnist.mjs';
import { PIXEL_SCALE } from '../../src/engine/fast/loop';

const bytes: Uint8Array = encodeMnist(readMnistPackage());
const mnist = parseMnist(bytes);

/** The page's copy of the first `count` test digits (as mnist-source.ts loads them: after the training part). */
function pageDigits(count: number): DigitSet {
  const size = mnist.rows * mnist.cols;
  const src = mnist.pixels.subarray(mnist.trainCount * size, (mnist.trainCount + count) * size);
  return { count, pixels: Float64Array.from(src, (v) => v / PIXEL_SCALE), labels: mnist.labels.slice(mnist.trainCount, mnist.trainCount + count) };
}

const config: TrainConfig = { sizes: [784, 12, 10], cost: 'cross-entropy', init: 'scaled', seed: 3, eta: 0.5, batchSize: 10, epochs: 2, report: { keepMistakes: 30 } };

function collect(lab: TrainingClient): { events: LabEvent[]; done: Promise<LabEventOf<'done'>> } {
  const events: LabEvent[] = [];
  const done = new Promise<LabEventOf<'done'>>((resolve) => lab.onAny((e) => (events.push(e), e.type === 'done' && resolve(e))));
  return { events, done };
}

describe("the worker's test report", () => {
  it('reports the untrained network after started and the trained one before done, equal to what the page computes on the same network and digits', async () => {
    const fakeFetch = (async () => new Response(bytes as unknown as BodyInit)) as unknown as typeof fetch;
    const lab = createTrainingClient({ worker: createInProcessWorker({ fetch: fakeFetch }) });
    const { events, done } = collect(lab);
    lab.start(config, { kind: 'mnist', url: '/data/mnist.bin', trainCount: 600, testCount: 400 });
    const end = await done;
    const types = events.map((e) => e.type).filter((t) => t !== 'loading' && t !== 'progress');
    expect(types).toEqual(['started', 'report', 'report', 'done']);
    const [initial, final] = events.filter((e): e is LabEventOf<'report'> => e.type === 'report');
    expect([initial.of, initial.epoch, final.of, final.epoch]).toEqual(['initial', 0, 'final', 2]);

    const digits = pageDigits(400);
    const untrained = createNetwork({ sizes: config.sizes, cost: config.cost, init: config.init, seed: config.seed });
    const trained = fromJSON(end.model);
    expect(initial.report).toEqual(await testReportChunked(untrained, digits, { keepMistakes: 30 }));
    expect(final.report).toEqual(await testReportChunked(trained, digits, { keepMistakes: 30 }));
    // the report's accuracy is the run's own last test accuracy (the fast kernels' evaluation)
    expect(final.report.accuracy).toBe(end.history.at(-1)!.testAccuracy);
    expect(final.report.count).toBe(400);
    expect(final.report.mistakes.length).toBe(30);
    // trained: far better than the untrained network
    expect(final.report.accuracy).toBeGreaterThan(initial.report.accuracy + 0.3);

    // asked for after the run: the same network, so the same report (default: config's 30 mistakes)
    expect(await lab.report()).toEqual(final.report);
    expect((await lab.report(5)).mistakes).toEqual(final.report.mistakes.slice(0, 5));
    lab.dispose();
  });

  it('a report asked for in the middle of a run is the current network’s', () => {
    const { train, test } = packMnistSplit(mnist, { trainCount: 300, testCount: 200 });
    const emitted: LabEvent[] = [];
    const s = createSession({ ...config, epochs: 3 }, { nIn: 784, nOut: 10, train, test }, (e) => emitted.push(e), { now: () => 0 });
    s.step('epoch');
    while (s.work(10));
    expect(s.epoch).toBe(1);
    const net = fromJSON(s.model());
    expect(s.report()).toEqual(testReport(net, pageDigits(200), 30));
    expect(s.report(0).mistakes).toEqual([]);
    expect(() => s.report(-1)).toThrow(/whole number/);
    expect(toJSON(net)).toEqual(s.model());
  });

  it('refuses a report without a test set, or with a bad number of mistakes', () => {
    const { train } = packMnistSplit(mnist, { trainCount: 100, testCount: 10 });
    expect(() => createSession(config, { nIn: 784, nOut: 10, train }, () => {})).toThrow(/needs a test set/);
    const { test } = packMnistSplit(mnist, { trainCount: 100, testCount: 10 });
    expect(() => createSession({ ...config, report: { keepMistakes: 1.5 } }, { nIn: 784, nOut: 10, train, test }, () => {})).toThrow(/keepMistakes/);
    const quiet: LabEvent[] = [];
    const s = createSession({ ...config, report: undefined, epochs: 1 }, { nIn: 784, nOut: 10, train, test }, (e) => quiet.push(e));
    while (s.work(50));
    expect(quiet.some((e) => e.type === 'report')).toBe(false);
  });
});
