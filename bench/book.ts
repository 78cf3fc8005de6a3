// Nielsen's chapter-1 run (network.py: [784, 30, 10], sigmoid, quadratic, N(0, 1) init, batch 10,
// η = 3, 30 epochs on the 50,000 training digits, the 10,000 test digits evaluated after every
// epoch) in Node on the WebAssembly Float64 path, seeds 1–5 (issue 17 §2). The settings are the
// lab's own: the TrainConfig and data spec that "Reproduce the book" sends the training worker
// (reproduceRequest(BOOK_RUNS[0], 'full', …), components/lab/mnist-reproduce.ts), the network built
// by the worker's buildNetwork and the minibatch order seeded with its shuffleSeed
// (src/lab/session.ts), so seed 1 here is the run the panel's Run button trains.
import { BOOK_RUNS, reproduceRequest, summarise, type BookRun } from '../components/lab/mnist-reproduce';
import { MNIST_FULL_URL, type MnistData, packMnistSplit } from '../src/data/mnist';
import { PIXEL_SCALE, createEpochLoop, createTrainer, type FastWasm } from '../src/engine/fast';
import { createRng } from '../src/engine/rng';
import type { EpochRecord, TrainConfig } from '../src/lab/protocol';
import { buildNetwork, shuffleSeed, type LoadedData } from '../src/lab/session';
import { type Timing, median, time } from './measure';

/** The chapter-1 run of the panel (its id is checked, so a reordered BOOK_RUNS fails loudly). */
export function chapterOneRun(): BookRun {
  const run = BOOK_RUNS[0];
  if (run.id !== 'ch1-quadratic') throw new Error(`BOOK_RUNS[0] is ${run.id}, not the chapter-1 run`);
  return run;
}

/** What the panel asks the worker for the whole chapter-1 run (url: where the page fetches the set). */
export function chapterOneRequest(url: string = MNIST_FULL_URL) {
  return reproduceRequest(chapterOneRun(), 'full', url);
}

/**
 * The training and evaluated digits of the chapter-1 run, packed as the worker packs them (inputs
 * byte / PIXEL_SCALE = byte / 256, as in the book's mnist.pkl.gz). `scale` 255 divides by 255
 * instead (PackOptions): an experiment of the benchmark's (`--pixel-scale=255`), not what the panel
 * trains on.
 */
export function chapterOneData(full: MnistData, scale = PIXEL_SCALE): LoadedData {
  const { data } = chapterOneRequest();
  const { train, test } = packMnistSplit(full, { trainCount: data.trainCount, testCount: data.testCount, evaluate: data.evaluate, scale });
  return { nIn: full.rows * full.cols, nOut: 10, train, test };
}

export interface BookSeedRun {
  seed: number;
  path: string;
  epochs: number;
  /** Test accuracy after each epoch (epoch e at index e − 1). */
  accuracies: number[];
  best: number;
  /** 1-based epoch of the best accuracy (the first, if several tie). */
  bestEpoch: number;
  final: number;
  /** Training only (the minibatch calls), per epoch: median wall and CPU seconds. */
  trainWallPerEpoch: number;
  trainCpuPerEpoch: number;
  /** The whole run, training and the per-epoch evaluation of the 10,000 test digits. */
  wallSeconds: number;
  cpuSeconds: number;
}

/** One seed of the chapter-1 run on the given kernels (WebAssembly when `wasm` is given), `epochs` epochs (default the book's 30). */
export function runBookSeed(data: LoadedData, seed: number, wasm: FastWasm | null, epochs?: number): BookSeedRun {
  const base = chapterOneRequest().config;
  const config: TrainConfig = { ...base, seed, epochs: epochs ?? base.epochs };
  const net = buildNetwork(config, data);
  const trainer = createTrainer(net, { batchSize: config.batchSize, dtype: config.dtype ?? 'float64', wasm });
  const loop = createEpochLoop(trainer, data.train, createRng(shuffleSeed(seed)));
  const test = data.test!;
  const step = { eta: config.eta, lambda: config.lambda ?? 0, n: data.train.count };
  const train: Timing[] = [];
  const history: EpochRecord[] = [];
  let wall = 0;
  let cpu = 0;
  for (let e = 1; e <= config.epochs; e++) {
    let accuracy = NaN;
    const t = time(() => loop.next(Infinity, step, config.batchSize));
    const v = time(() => (accuracy = trainer.evaluateRows(test.x, test.y, test.count).accuracy));
    train.push(t);
    wall += t.wall + v.wall;
    cpu += t.cpu + v.cpu;
    history.push({ epoch: e, testAccuracy: accuracy, weightNorm2: NaN, eta: step.eta, lambda: step.lambda, seconds: t.wall });
  }
  const s = summarise(history)!;
  return {
    seed,
    path: trainer.path,
    epochs: config.epochs,
    accuracies: history.map((h) => h.testAccuracy!),
    best: s.best,
    bestEpoch: s.bestEpoch,
    final: s.final,
    trainWallPerEpoch: median(train.map((t) => t.wall)),
    trainCpuPerEpoch: median(train.map((t) => t.cpu)),
    wallSeconds: wall,
    cpuSeconds: cpu,
  };
}

export interface Spread {
  median: number;
  min: number;
  max: number;
}

/** Median, min and max of some numbers (pure). */
export function spread(xs: readonly number[]): Spread {
  if (!xs.length) throw new RangeError('spread of no numbers');
  return { median: median(xs), min: Math.min(...xs), max: Math.max(...xs) };
}

/** The runs' best and final accuracies (and their whole-run seconds) across seeds (pure). */
export function acrossSeeds(runs: readonly Pick<BookSeedRun, 'best' | 'bestEpoch' | 'final' | 'wallSeconds' | 'cpuSeconds'>[]) {
  return {
    best: spread(runs.map((r) => r.best)),
    bestEpoch: spread(runs.map((r) => r.bestEpoch)),
    final: spread(runs.map((r) => r.final)),
    wallSeconds: spread(runs.map((r) => r.wallSeconds)),
    cpuSeconds: spread(runs.map((r) => r.cpuSeconds)),
  };
}

/**
 * The runs against the book's figure (pure): how many seeds' best reaches it, and the best of each
 * three seeds in turn (1–3, 4–6, …; a short last group is left out), since the book reports the
 * best of three runs.
 */
export function againstTheBook(runs: readonly Pick<BookSeedRun, 'seed' | 'best'>[], book: number) {
  const bestOfThree: { seeds: number[]; best: number }[] = [];
  for (let i = 0; i + 3 <= runs.length; i += 3) {
    const group = runs.slice(i, i + 3);
    bestOfThree.push({ seeds: group.map((r) => r.seed), best: Math.max(...group.map((r) => r.best)) });
  }
  return { reached: runs.filter((r) => r.best >= book).length, bestOfThree };
}
