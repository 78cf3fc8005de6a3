// The benchmark's book run (bench/book.ts) and its reader of the full set (bench/full-set.ts):
// the reader against small files written the way scripts/build-mnist.mjs writes mnist-full.bin
// (encodeMnistFull, then gzip), the run against the lab's own session on the same digits.
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { encodeMnistFull } from '../../scripts/build-mnist.mjs';
import { BOOK_RUNS, reproduceRequest } from '../../components/lab/mnist-reproduce';
import { createRng } from '../../src/engine/rng';
import { createSession } from '../../src/lab/session';
import { MnistFormatError } from '../../src/data/mnist';
import { acrossSeeds, againstTheBook, chapterOneData, chapterOneRequest, runBookSeed, spread } from '../../bench/book';
import { readFullSet } from '../../bench/full-set';
import { fastWasm } from '../engine/wasm-helpers';
import { PIXEL_SCALE } from '../../src/engine/fast/loop';

const SIZE = 28 * 28;

/** IDX-like parts as readIdx returns them: `count` digits of seeded random pixels, labels i mod 10 (shifted by `shift`). */
function part(count: number, seed: number, shift: number) {
  const rng = createRng(seed);
  const pixels = new Uint8Array(count * SIZE);
  for (let i = 0; i < pixels.length; i++) pixels[i] = rng.int(256);
  const labels = Uint8Array.from({ length: count }, (_, i) => (i + shift) % 10);
  return {
    images: { kind: 'images', count, rows: 28, cols: 28, data: pixels },
    labels: { kind: 'labels', count, data: labels },
  };
}

/** A small full set: `train` + `validation` training-file digits and `test` test-file digits, as build-mnist.mjs encodes them. */
function smallFullSet(train: number, validation: number, test: number) {
  const a = part(train + validation, 7, 0);
  const b = part(test, 8, 3);
  const raw: Uint8Array = encodeMnistFull({ trainImages: a.images, trainLabels: a.labels, testImages: b.images, testLabels: b.labels }, { trainCount: train });
  return { raw, gz: new Uint8Array(gzipSync(raw)), a, b };
}

describe('readFullSet', () => {
  const { raw, gz, a, b } = smallFullSet(30, 6, 12);

  it('reads the gzip file as the build writes it: counts, split and every digit in place', () => {
    expect(gz[0]).toBe(0x1f);
    const d = readFullSet(gz);
    expect([d.count, d.rows, d.cols, d.trainCount, d.validationCount]).toEqual([48, 28, 28, 30, 6]);
    expect(Buffer.from(d.pixels.subarray(0, 36 * SIZE)).equals(Buffer.from(a.images.data))).toBe(true);
    expect(Buffer.from(d.pixels.subarray(36 * SIZE)).equals(Buffer.from(b.images.data))).toBe(true);
    expect(Array.from(d.labels)).toEqual([...a.labels.data, ...b.labels.data]);
  });

  it('reads the uncompressed bytes to the same digits, and refuses a truncated file', () => {
    const d = readFullSet(raw);
    const z = readFullSet(gz);
    expect(Buffer.from(d.pixels).equals(Buffer.from(z.pixels))).toBe(true);
    expect(() => readFullSet(raw.subarray(0, raw.length - 1))).toThrow(MnistFormatError);
    expect(() => readFullSet(gz.subarray(0, gz.length >> 1))).toThrow();
  });

  it('the chapter-1 data: the training digits and the test digits (not the validation ones), packed as byte / PIXEL_SCALE', () => {
    const d = chapterOneData(readFullSet(gz));
    expect([d.nIn, d.nOut, d.train.count, d.test?.count]).toEqual([SIZE, 10, 30, 12]);
    expect(d.train.x[5]).toBe(a.images.data[5] / PIXEL_SCALE);
    expect(d.test!.x[SIZE + 17]).toBe(b.images.data[SIZE + 17] / PIXEL_SCALE);
    // test digit 1 has label (1 + 3) mod 10
    expect(Array.from(d.test!.y.subarray(10, 20)).indexOf(1)).toBe(b.labels.data[1]);
  });
});

describe('the book run', () => {
  it('is the panel’s chapter-1 request: the book’s settings, all 50,000 training digits, evaluated on the test digits', () => {
    const { config, data } = chapterOneRequest('/x');
    expect(config).toEqual(reproduceRequest(BOOK_RUNS[0], 'full', '/x').config);
    expect(BOOK_RUNS[0].id).toBe('ch1-quadratic');
    expect([config.sizes, config.cost, config.init, config.batchSize, config.eta, config.epochs]).toEqual([[784, 30, 10], 'quadratic', 'standard', 10, 3, 30]);
    expect(config.activations).toEqual(['sigmoid', 'sigmoid']);
    expect([data.trainCount, data.evaluate, data.testCount]).toEqual([50000, 'test', undefined]);
  });

  it.each([
    ['TypeScript', false],
    ['WebAssembly', true],
  ])('trains what the lab’s session trains for the same seed (%s kernels): same accuracy after every epoch', async (_, useWasm) => {
    const wasm = useWasm ? await fastWasm() : null;
    const d = chapterOneData(readFullSet(smallFullSet(60, 5, 40).gz));
    const seed = 3;
    const epochs = 3;
    const ours = runBookSeed(d, seed, wasm, epochs);
    expect(ours.path).toBe(useWasm ? 'wasm-f64' : 'ts-f64');
    let clock = 0;
    const s = createSession({ ...chapterOneRequest().config, seed, epochs }, d, () => {}, { wasm, now: () => (clock += 1) });
    while (s.state !== 'done') s.work(10);
    const theirs = s.history.map((h) => h.testAccuracy);
    expect(theirs).toHaveLength(epochs);
    expect(ours.accuracies).toEqual(theirs);
    const best = Math.max(...ours.accuracies);
    expect([ours.best, ours.bestEpoch, ours.final]).toEqual([best, ours.accuracies.indexOf(best) + 1, ours.accuracies[epochs - 1]]);
    // another seed is another run
    expect(runBookSeed(d, seed + 1, wasm, epochs).accuracies).not.toEqual(ours.accuracies);
  });

  it('spread and acrossSeeds: median, min and max of the runs', () => {
    expect(spread([3, 1, 2])).toEqual({ median: 2, min: 1, max: 3 });
    expect(spread([4, 1, 2, 3])).toEqual({ median: 2.5, min: 1, max: 4 });
    expect(() => spread([])).toThrow(RangeError);
    const runs = [0.95, 0.94, 0.96].map((best, i) => ({ best, bestEpoch: 28 + i, final: best - 0.01, wallSeconds: 20 + i, cpuSeconds: 19 + i }));
    const a = acrossSeeds(runs);
    expect(a.best).toEqual({ median: 0.95, min: 0.94, max: 0.96 });
    expect(a.bestEpoch.median).toBe(29);
    expect(a.final.median).toBeCloseTo(0.94, 12);
    expect(a.wallSeconds).toEqual({ median: 21, min: 20, max: 22 });
  });

  it('againstTheBook: counts the seeds at or above the figure and takes the best of each three in turn', () => {
    const runs = [0.95, 0.97, 0.94, 0.93, 0.92, 0.96, 0.99].map((best, i) => ({ seed: i + 1, best }));
    const v = againstTheBook(runs, 0.96);
    expect(v.reached).toBe(3); // 0.97, 0.96 (equal counts) and 0.99
    // the seventh seed is a short group and is left out
    expect(v.bestOfThree).toEqual([
      { seeds: [1, 2, 3], best: 0.97 },
      { seeds: [4, 5, 6], best: 0.96 },
    ]);
    expect(againstTheBook(runs.slice(0, 2), 0.5)).toEqual({ reached: 2, bestOfThree: [] });
  });
});
