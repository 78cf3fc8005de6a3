// The benchmark workloads of issues 7 and 17, run on every path of the engine through its one
// training loop (createEpochLoop, src/engine/fast/loop.ts), one epoch per call:
//   reference = updateMiniBatch / evaluate (the per-example definition, referenceStepper),
//   ts-f64 / ts-f32     = the TypeScript kernels (createTsTrainer),
//   wasm-f64 / wasm-f32 = the WebAssembly SIMD kernels (createWasmTrainer, built by scripts/build-wasm.mjs).
// All see the same initial network (seeded) and the same minibatch order (seeded shuffle).
import { readFileSync, existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { type Example, type Network, createNetwork, createRng, evaluate, referenceStepper } from '../src/engine/index';
import { type FastWasm, type Stepper, type StepperPath, createEpochLoop, createTsTrainer, createWasmTrainer, loadFastWasm } from '../src/engine/fast';
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

let wasm: Promise<FastWasm> | null = null;
/** The built WebAssembly kernels (src/engine/wasm/build/, compiled by scripts/build-wasm.mjs). */
export function benchWasm(): Promise<FastWasm> {
  const file = (name: string) => readFileSync(fileURLToPath(new URL(`../src/engine/wasm/build/${name}`, import.meta.url)));
  return (wasm ??= loadFastWasm({ f64: file('f64.wasm'), f32: file('f32.wasm') }));
}

export const PATHS: StepperPath[] = ['reference', 'ts-f64', 'ts-f32', 'wasm-f64', 'wasm-f32'];

/** A stepper of the given path for net (batch buffers sized for batchSize). */
export function stepperFor(path: StepperPath, net: Network, batchSize: number, kernels: FastWasm): Stepper {
  if (path === 'reference') return referenceStepper(net, { withCosts: false });
  const dtype = path.endsWith('f64') ? 'float64' : 'float32';
  return path.startsWith('wasm') ? createWasmTrainer(net, { batchSize, dtype, wasm: kernels }) : createTsTrainer(net, { batchSize, dtype });
}

/** Epochs of one path on the packed digits through the engine's loop: each epoch's CPU and wall seconds (training only) and the final test accuracy. */
export async function timePath(path: StepperPath, spec: NetSpec, d: Digits, epochs: number, seed: number): Promise<{ timings: Timing[]; testAccuracy: number }> {
  const net = makeNet(spec, seed);
  const { train, test } = d.packed;
  const stepper = stepperFor(path, net, spec.batchSize, await benchWasm());
  const loop = createEpochLoop(stepper, train, createRng(seed + 1));
  const step = { eta: spec.eta, lambda: spec.lambda, n: train.count };
  const timings: Timing[] = [];
  for (let e = 0; e < epochs; e++) timings.push(time(() => loop.next(Infinity, step, spec.batchSize)));
  return { timings, testAccuracy: stepper.evaluateRows(test.x, test.y, test.count).accuracy };
}

/** timePath summarised: median CPU seconds per epoch and the rest (epochStats). */
export async function runPath(path: StepperPath, spec: NetSpec, d: Digits, epochs: number, seed: number, flops: number): Promise<EpochStats> {
  const { timings, testAccuracy } = await timePath(path, spec, d, epochs, seed);
  return epochStats(timings, testAccuracy, flops);
}

/**
 * Test accuracy after `epochs` epochs. The WebAssembly Float64 path is the reference's arithmetic to 1e-12
 * (test/engine/wasm.test.ts), so by default it stands in for it; 'reference' runs the definition itself.
 */
export async function accuracyAfter(spec: NetSpec, d: Digits, epochs: number, seed: number, path: StepperPath = 'wasm-f64'): Promise<number> {
  return (await runPath(path, spec, d, epochs, seed, 1)).testAccuracy;
}

export interface StepsStats {
  stepsPerSecond: number;
  steps: number;
  cpuSeconds: number;
  testAccuracy: number;
}

/** Workload C: minibatch steps per CPU second on the spiral (an epoch of 20 minibatches per call), for about `seconds` of CPU time. */
export async function runPlayground(path: StepperPath, seconds: number, seed = 1): Promise<StepsStats> {
  const spec = WORKLOAD_C;
  const set = makeToy2D({ name: 'spiral', count: 400, noise: 0.1, testFraction: 0.5, seed });
  const net = makeNet(spec, seed);
  const n = set.train.length;
  const stepper = stepperFor(path, net, spec.batchSize, await benchWasm());
  const loop = createEpochLoop(stepper, packPoints(set.train, 1), createRng(seed + 1));
  const step = { eta: spec.eta, lambda: 0, n };
  let steps = 0;
  let cpu = 0;
  while (cpu < seconds) {
    cpu += time(() => {
      steps += loop.next(Infinity, step, spec.batchSize).batches;
    }).cpu;
  }
  return { stepsPerSecond: steps / cpu, steps, cpuSeconds: cpu, testAccuracy: evaluate(stepper.sync(), set.test).accuracy };
}
