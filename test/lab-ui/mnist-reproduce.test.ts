// Chapter 12's lab: the settings a reader meets first, and the "reproduce the book" runs as the
// worker is asked to train them (components/lab/mnist-reproduce.ts).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createNetwork } from '../../src/engine/index.ts';
import { packMnistSplit, parseMnist } from '../../src/data/mnist';
import { createSession } from '../../src/lab/session';
import type { EpochRecord, LabEvent } from '../../src/lab/protocol';
import { DEFAULT_CONFIG, RECIPES, mnistTrainConfig, type MnistConfig } from '../../components/lab/mnist-state';
import { BOOK_RUNS, SHORT, bookRun, enginePath, formatSeconds, reproduceRequest, summarise } from '../../components/lab/mnist-reproduce';
import { encodeMnist, readMnistPackage } from '../../scripts/build-mnist.mjs';

describe('the first settings of the MNIST lab', () => {
  const data = parseMnist(encodeMnist(readMnistPackage()));
  const { train, test } = packMnistSplit(data);
  /** Test accuracy after one epoch on the 8,000 training digits, by the worker's own session. */
  const oneEpoch = (c: MnistConfig) => {
    const s = createSession(mnistTrainConfig({ ...c, epochs: 1 }, false), { nIn: 784, nOut: 10, train, test }, () => {});
    while (s.work(1e9));
    return s.history[0].testAccuracy!;
  };

  it('show a network that works: one epoch of them beats 85 % on the held-out digits, far above the plain recipe', () => {
    const first = oneEpoch(DEFAULT_CONFIG);
    const plain = oneEpoch(RECIPES.plain.config);
    expect(first).toBeGreaterThan(0.85);
    expect(first).toBeGreaterThan(plain + 0.1);
  }, 20_000);
});

describe('reproduce the book', () => {
  it("the book's settings: 50,000 training digits, minibatch 10, 30 epochs, N(0, 1) weights, sigmoid outputs", () => {
    for (const r of BOOK_RUNS) {
      const { config, data } = reproduceRequest(r, 'full', '/data/mnist-full.bin');
      expect(config).toMatchObject({ batchSize: 10, epochs: 30, init: 'standard', evaluateTrain: false, activations: ['sigmoid', 'sigmoid'] });
      expect(config.histograms).toBeUndefined();
      expect(data).toEqual({ kind: 'mnist', url: '/data/mnist-full.bin', trainCount: 50000, evaluate: r.evaluate });
    }
    expect(reproduceRequest(bookRun('ch1-quadratic'), 'full', 'u').config).toMatchObject({ sizes: [784, 30, 10], cost: 'quadratic', eta: 3, lambda: 0 });
    expect(reproduceRequest(bookRun('ch3-cross-entropy'), 'full', 'u').config).toMatchObject({ sizes: [784, 30, 10], cost: 'cross-entropy', eta: 0.5, lambda: 0 });
    expect(reproduceRequest(bookRun('ch3-l2'), 'full', 'u').config).toMatchObject({ sizes: [784, 100, 10], cost: 'cross-entropy', eta: 0.5, lambda: 5 });
    expect(BOOK_RUNS.map((r) => [r.evaluate, r.book])).toEqual([['test', 0.9542], ['test', 0.9549], ['validation', 0.9792]]);
    // the standard initialisation is the book's: every weight and bias drawn from N(0, 1)
    const net = createNetwork({ sizes: [784, 30, 10], init: reproduceRequest(BOOK_RUNS[0], 'full', 'u').config.init, seed: 3 });
    const w = Array.from(net.weights[0].data);
    const mean = w.reduce((s, v) => s + v, 0) / w.length;
    const variance = w.reduce((s, v) => s + (v - mean) ** 2, 0) / w.length;
    expect(Math.abs(mean)).toBeLessThan(0.02);
    expect(Math.abs(variance - 1)).toBeLessThan(0.03);
  });

  it("chapter 1's printed per-epoch accuracies peak at the reported figure, in the 29th epoch (printed \"Epoch 28\")", () => {
    const pts = bookRun('ch1-quadratic').bookEpochs!;
    const best = pts.reduce((a, b) => (b.accuracy > a.accuracy ? b : a));
    expect(best).toEqual({ epoch: 29, accuracy: bookRun('ch1-quadratic').book });
    expect(pts.every((p) => p.epoch >= 1 && p.epoch <= 30 && p.accuracy > 0.9 && p.accuracy < 1)).toBe(true);
  });

  it('the short check keeps the settings and takes the first digits of each part, for two epochs', () => {
    const full = reproduceRequest(bookRun('ch3-l2'), 'full', 'u');
    const short = reproduceRequest(bookRun('ch3-l2'), 'short', 'u');
    expect(short.config).toEqual({ ...full.config, epochs: SHORT.epochs });
    expect(short.data).toEqual({ ...full.data, trainCount: SHORT.trainCount, testCount: SHORT.evalCount });
  });

  it('summary: best and final accuracy on the evaluated part, the epoch of the best, the training seconds', () => {
    const rec = (epoch: number, testAccuracy: number | undefined, seconds: number): EpochRecord => ({ epoch, testAccuracy, seconds, weightNorm2: 1, eta: 1, lambda: 0 });
    expect(summarise([])).toBeNull();
    expect(summarise([rec(1, undefined, 2)])).toBeNull();
    expect(summarise([rec(1, 0.9, 1.5), rec(2, 0.95, 2), rec(3, 0.94, 2.5)])).toEqual({ epochs: 3, final: 0.94, best: 0.95, bestEpoch: 2, trainSeconds: 6 });
  });

  it('the engine path is shown when the worker names it, and only then', () => {
    const started = { type: 'started', protocol: 'backprop-notebook/lab@1', sizes: [1, 1], parameterCount: 2, trainCount: 1, testCount: 0, batchesPerEpoch: 1 } as LabEvent;
    expect(enginePath(started)).toBeNull();
    expect(enginePath({ ...started, path: 'wasm-simd' } as unknown as LabEvent)).toBe('wasm-simd');
    expect(enginePath({ ...started, engine: 'ts-fast' } as unknown as LabEvent)).toBe('ts-fast');
    expect(enginePath({ type: 'resumed', path: 'x' } as unknown as LabEvent)).toBeNull();
  });

  it('wall times read as seconds, then minutes and seconds', () => {
    expect(formatSeconds(12.34)).toBe('12.3 s');
    expect(formatSeconds(59.99)).toBe('1 min 00 s');
    expect(formatSeconds(125.4)).toBe('2 min 05 s');
    expect(formatSeconds(-1)).toBe('–');
  });
});

it('the lab keeps the full set out of its initial script: the panel is a dynamic import', () => {
  const src = readFileSync('components/lab/MnistLab.tsx', 'utf8');
  expect(src).toMatch(/import\('\.\/ReproducePanel'\)/);
  expect(src).not.toMatch(/^import (?!type ).*ReproducePanel/m);
});
