// The fast path: Algorithms 1–4 a minibatch at a time, one example per row, on TypeScript kernels
// (kernels.ts, trainer.ts) or on WebAssembly SIMD kernels (wasm.ts, compiled from
// src/engine/wasm/assembly/). Both are optimisations tested to agree with the per-example
// reference (backprop.ts, optimize.ts): test/engine/fast.test.ts and test/engine/wasm.test.ts.
// loop.ts is the one training loop (epoch shuffle, minibatches, evaluation) behind a stepper.
import type { Network } from '../network';
import { createTsTrainer } from './trainer';
import type { FastTrainer, TrainerOptions } from './types';
import { createWasmTrainer, fastWasmSupports } from './wasm';

export type { Buf, FastDType, FastEvaluation, FastPath, FastTrainer, FastWasm, LayerView, NonFinite, TrainerOptions } from './types';
export { createTsTrainer } from './trainer';
export { createWasmTrainer, fastWasmSupports, loadFastWasm } from './wasm';
export { flopsPerEpoch } from './flops';
export * from './loop';
export { packExamples, referenceStepper, rowsAsExamples, type MiniBatchUpdate } from './reference';

/**
 * A fast trainer for net: on the WebAssembly kernels when options.wasm is given and they compute
 * this network (the engine's own activations and costs), otherwise on the TypeScript kernels
 * (a reader's own activation or cost, or no WebAssembly). `trainer.path` says which.
 */
export function createTrainer(net: Network, options: TrainerOptions): FastTrainer {
  if (options.wasm && fastWasmSupports(net)) return createWasmTrainer(net, { ...options, wasm: options.wasm });
  return createTsTrainer(net, options);
}
