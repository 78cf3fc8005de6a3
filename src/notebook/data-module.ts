// The "data" module of code cells: the course datasets, without giving reader code the network.
// The worker (worker.ts) cannot make any request (its sandbox's policy forbids all of them), so it
// hands this module a function that asks the page for one thing only: the site's own digits file
// (public/data/mnist.bin), which the page reads and transfers in; it is decoded by
// src/data/mnist.ts, the same decoder the MNIST lab uses. Reader code gets
// `loadMnist({ trainCount, testCount })` and the seeded 2-D sets; it never sees a URL or a fetch.
import { loadMnist as loadMnistFile, mnistSplit, type MnistData } from '../data/mnist';
import { makeToy2D, packPoints, TOY2D_NAMES, TOY2D_LABELS, TOY2D_DOMAIN } from '../data/toy2d';

/** training digits a cell gets from loadMnist() when it does not say (the file has 8,000) */
export const CELL_MNIST_TRAIN_DEFAULT = 1000;
/** test digits a cell gets from loadMnist() when it does not say (the file has 2,000) */
export const CELL_MNIST_TEST_DEFAULT = 200;

export interface CellMnistOptions {
  /** the first so many of the fixed split's training digits (default 1,000; at most 8,000) */
  trainCount?: number;
  /** the first so many of its test digits (default 200; at most 2,000; 0 for none) */
  testCount?: number;
}

export interface CellDigit { x: Float64Array; y: Float64Array; label: number }

export interface CellMnist {
  /** 28 and 28: x has rows × cols pixels, row by row, scaled to [0, 1] */
  rows: number;
  cols: number;
  /** y is one-hot of length 10; label is the digit 0–9 */
  train: CellDigit[];
  test: CellDigit[];
}

/** what `import … from "data"` gives a cell (content/cells/cell-globals.d.ts types cells with it) */
export interface CellDataModule {
  loadMnist(options?: CellMnistOptions): Promise<CellMnist>;
  makeToy2D: typeof makeToy2D;
  packPoints: typeof packPoints;
  TOY2D_NAMES: typeof TOY2D_NAMES;
  TOY2D_LABELS: typeof TOY2D_LABELS;
  TOY2D_DOMAIN: typeof TOY2D_DOMAIN;
}

/** gives the digits file and nothing else (in the worker: the bytes the page handed in, as a Response) */
export type DigitsFetcher = () => Promise<Response>;

function wholeNumber(name: string, v: unknown, min: number, max: number): number {
  if (typeof v !== 'number' || !Number.isInteger(v) || v < min || v > max) {
    throw new RangeError(`loadMnist: ${name} must be a whole number from ${min} to ${max} (got ${typeof v === 'string' ? JSON.stringify(v) : String(v)})`);
  }
  return v;
}

/**
 * The namespace `import … from "data"` gives a cell. The digits file is asked for once per worker
 * (a failure is retried next time); every call builds fresh example objects.
 */
export function createDataModule(fetchDigits: DigitsFetcher): CellDataModule {
  let file: Promise<MnistData> | null = null;
  const digits = () => {
    // src/data/mnist.ts reads the file through the fetch it is given: give it one that can only
    // give the digits, whatever URL it is asked for
    file ??= loadMnistFile('mnist.bin', { fetch: (() => fetchDigits()) as unknown as typeof fetch }).catch((e: unknown) => {
      file = null;
      const why = e instanceof Error ? e.message : String(e);
      throw new Error(`The digits could not be loaded (${why}). They come from this site; if you are offline, reconnect and run the cell again.`);
    });
    return file;
  };

  async function loadMnist(options: CellMnistOptions = {}): Promise<CellMnist> {
    if (options === null || typeof options !== 'object') throw new TypeError('loadMnist: pass options like { trainCount: 500, testCount: 100 } (or nothing)');
    const data = await digits();
    const trainCount = wholeNumber('trainCount', options.trainCount ?? Math.min(CELL_MNIST_TRAIN_DEFAULT, data.trainCount), 1, data.trainCount);
    const testCount = wholeNumber('testCount', options.testCount ?? Math.min(CELL_MNIST_TEST_DEFAULT, data.count - data.trainCount), 0, data.count - data.trainCount);
    const { train, test } = mnistSplit(data, { trainCount, testCount });
    return { rows: data.rows, cols: data.cols, train: train as CellDigit[], test: test as CellDigit[] };
  }

  return Object.freeze({ loadMnist, makeToy2D, packPoints, TOY2D_NAMES, TOY2D_LABELS, TOY2D_DOMAIN });
}

/** what "data" exports, for the reference page's test */
export const DATA_EXPORTS: readonly (keyof CellDataModule)[] = ['loadMnist', 'makeToy2D', 'packPoints', 'TOY2D_NAMES', 'TOY2D_LABELS', 'TOY2D_DOMAIN'];
