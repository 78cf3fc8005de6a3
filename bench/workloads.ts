// The benchmark workloads of issue 7, run on the engine's two paths:
//   reference = updateMiniBatch / evaluate from src/engine (the per-example definition),
//   fast      = createTrainer from src/engine/fast.ts (Float64, and Float32).
// Both see the same initial network (seeded) and the same minibatch order (seeded shuffle).
import { readFileSync, existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { type Example, type Network, cloneNetwork, createNetwork, createRng, evaluate, updateMiniBatch } from '../src/engine/index';
import { type FastDType, createTrainer } from '../src/engine/fast';
import { type MnistData, mnistSplit, packMnistSplit, parseMnist } from '../src/data/mnist';
import { makeToy2D, packPoints } from '../src/data/toy2d';
import { encodeMnist, readMnistPackage } from '../scripts/build-mnist.mjs';
import { type EpochStats, type Timing, epochStats, time } from './measure';

export interface NetSpec {
  sizes: number[];
  activations: 'sigmoid' | ('sigmoid' | 'tanh')[];
  cost: 'quadratic' | 'cross-entropy';
  init: 'standard' | 'scaled';
  eta: number;
  lambda: number;
  batchSize: number;
}

/** Workload A: Nielsen's network.py. */
export const WORKLOAD_A: NetSpec = { sizes: [784, 30, 10], activations: 'sigmoid', cost: 'quadratic', init: 'standard', eta: 3.0, lambda: 0, batchSize: 10 };
/** Workload B: the larger network with cross-entropy and L2. */
export const WORKLOAD_B: NetSpec = { sizes: [784, 100, 10], activations: 'sigmoid', cost: 'cross-entropy', init: 'scaled', eta: 0.5, lambda: 5.0, batchSize: 10 };
/** Workload C: a playground network on the spiral. */
export const WORKLOAD_C: NetSpec = { sizes: [2, 8, 8, 1], activations: ['tanh', 'tanh', 'sigmoid'], cost: 'cross-entropy', init: 'scaled', eta: 0.3, lambda: 0, batchSize: 10 };

export function loadDigits(): MnistData {
  const file = fileURLToPath(new URL('../public/data/mnist.bin', import.meta.url));
  const bytes: Uint8Array = existsSync(file) ? readFileSync(file) : encodeMnist(readMnistPackage());
  return parseMnist(bytes);
}

export function makeNet(spec: NetSpec, seed: number): Network {
  return createNetwork({ sizes: spec.sizes, activations: spec.activations, cost: spec.cost, init: spec.init, seed });
}

export interface Digits {
  train: Example[];
  test: Example[];
  packed: ReturnType<typeof packMnistSplit>;
}

export function digits(data: MnistData): Digits {
  const { train, test } = mnistSplit(data);
  return { train, test, packed: packMnistSplit(data) };
}

/** Epochs of the reference path; returns per-epoch timings and the final test accuracy. */
export function runReference(spec: NetSpec, d: Digits, epochs: number, seed: number, flops: number): EpochStats {
  const net = makeNet(spec, seed);
  const n = d.train.length;
  const rng = createRng(seed + 1);
  const order = d.train.map((_, i) => i);
  const timings: Timing[] = [];
  for (let e = 0; e < epochs; e++) {
    rng.shuffle(order);
    timings.push(
      time(() => {
        for (let s = 0; s < n; s += spec.batchSize) {
          updateMiniBatch(net, order.slice(s, s + spec.batchSize).map((i) => d.train[i]), { eta: spec.eta, lambda: spec.lambda, n });
        }
      }),
    );
  }
  return epochStats(timings, evaluate(net, d.test).accuracy, flops);
}

/** Epochs of the fast path on the packed digits; same initial network and minibatch order. */
export function runFast(spec: NetSpec, d: Digits, epochs: number, seed: number, flops: number, dtype: FastDType): EpochStats {
  const net = makeNet(spec, seed);
  const { train, test } = d.packed;
  const n = train.count;
  const trainer = createTrainer(net, { batchSize: spec.batchSize, dtype });
  const rng = createRng(seed + 1);
  const order = Array.from({ length: n }, (_, i) => i);
  const timings: Timing[] = [];
  const step = { eta: spec.eta, lambda: spec.lambda, n };
  for (let e = 0; e < epochs; e++) {
    rng.shuffle(order);
    timings.push(
      time(() => {
        for (let s = 0; s < n; s += spec.batchSize) trainer.updateMiniBatchRows(train.x, train.y, order, s, Math.min(n, s + spec.batchSize), step);
      }),
    );
  }
  return epochStats(timings, trainer.evaluateRows(test.x, test.y, test.count).accuracy, flops);
}

/**
 * Test accuracy after `epochs` epochs. The fast path is the reference's arithmetic to 1e-12
 * (test/engine/fast.test.ts), so by default it stands in for it; 'reference' runs the definition itself.
 */
export function accuracyAfter(spec: NetSpec, d: Digits, epochs: number, seed: number, path: 'fast' | 'reference' = 'fast'): number {
  return path === 'reference' ? runReference(spec, d, epochs, seed, 1).testAccuracy : runFast(spec, d, epochs, seed, 1, 'float64').testAccuracy;
}

export interface StepsStats {
  stepsPerSecond: number;
  steps: number;
  cpuSeconds: number;
  testAccuracy: number;
}

/** Workload C: minibatch steps per CPU second on the spiral, for about `seconds` of CPU time. */
export function runPlayground(path: 'reference' | FastDType, seconds: number, seed = 1): StepsStats {
  const spec = WORKLOAD_C;
  const set = makeToy2D({ name: 'spiral', count: 400, noise: 0.1, testFraction: 0.5, seed });
  const net = makeNet(spec, seed);
  const n = set.train.length;
  const rng = createRng(seed + 1);
  const order = set.train.map((_, i) => i);
  const step = { eta: spec.eta, lambda: 0, n };
  let steps = 0;
  let cpu = 0;
  const ref = path === 'reference' ? cloneNetwork(net) : null;
  const trainer = path === 'reference' ? null : createTrainer(net, { batchSize: spec.batchSize, dtype: path });
  const packed = packPoints(set.train, 1);
  while (cpu < seconds) {
    rng.shuffle(order);
    cpu += time(() => {
      for (let s = 0; s < n; s += spec.batchSize) {
        if (ref) updateMiniBatch(ref, order.slice(s, s + spec.batchSize).map((i) => set.train[i]), step);
        else trainer!.updateMiniBatchRows(packed.x, packed.y, order, s, s + spec.batchSize, step);
        steps++;
      }
    }).cpu;
  }
  const final = ref ?? trainer!.sync();
  return { stepsPerSecond: steps / cpu, steps, cpuSeconds: cpu, testAccuracy: evaluate(final, set.test).accuracy };
}
