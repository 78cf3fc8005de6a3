// The TensorFlow.js peers for workload A (devDependencies, used only here): the same network,
// cost, batch size and data through tf.layers, on the `cpu` backend and the `wasm` backend (its
// .wasm files loaded from node_modules by file path; no network).
// TF.js's meanSquaredError averages over the 10 outputs, so its gradient is (2/10)(a − y) against
// the course's (a − y) for C = ½‖a − y‖²: learning rate 15 in TF.js equals η = 3.0 here.
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import type { Digits, NetSpec } from './workloads';
import { type EpochStats, type Timing, epochStats, timeAsync } from './measure';

export type TfBackend = 'cpu' | 'wasm';

/** Load TF.js with its chatter sent to stderr, so `--json` output stays one clean object. */
async function loadTf(backend: TfBackend) {
  const log = console.log;
  const warn = console.warn;
  console.log = (...a: unknown[]) => process.stderr.write(`${a.join(' ')}\n`);
  console.warn = console.log;
  try {
    const tf = await import('@tensorflow/tfjs');
    if (backend === 'wasm') {
      const wasm = await import('@tensorflow/tfjs-backend-wasm');
      const require = createRequire(import.meta.url);
      const dir = dirname(require.resolve('@tensorflow/tfjs-backend-wasm/package.json'));
      wasm.setWasmPaths(`${dir}/dist/`);
    }
    const ok = await tf.setBackend(backend);
    if (!ok) throw new Error(`TF.js backend ${backend} did not initialise`);
    await tf.ready();
    return tf;
  } finally {
    console.log = log;
    console.warn = warn;
  }
}

export async function runTfjs(backend: TfBackend, spec: NetSpec, d: Digits, epochs: number, seed: number, flops: number): Promise<EpochStats> {
  const tf = await loadTf(backend);
  const init = (s: number) => tf.initializers.randomNormal({ mean: 0, stddev: 1, seed: s });
  const model = tf.sequential({
    layers: [
      tf.layers.dense({ units: spec.sizes[1], inputShape: [spec.sizes[0]], activation: 'sigmoid', kernelInitializer: init(seed), biasInitializer: init(seed + 1) }),
      tf.layers.dense({ units: spec.sizes[2], activation: 'sigmoid', kernelInitializer: init(seed + 2), biasInitializer: init(seed + 3) }),
    ],
  });
  // η = 3.0 for ½‖a − y‖² ⇔ 15 for TF.js's mean over 10 outputs (see above).
  model.compile({ optimizer: tf.train.sgd(spec.eta * (spec.sizes[2] / 2)), loss: 'meanSquaredError' });
  const { train, test } = d.packed;
  const xs = tf.tensor2d(Float32Array.from(train.x), [train.count, spec.sizes[0]]);
  const ys = tf.tensor2d(Float32Array.from(train.y), [train.count, spec.sizes[2]]);
  const timings: Timing[] = [];
  for (let e = 0; e < epochs; e++) {
    timings.push(await timeAsync(() => model.fit(xs, ys, { batchSize: spec.batchSize, epochs: 1, shuffle: true, verbose: 0 })));
  }
  const tx = tf.tensor2d(Float32Array.from(test.x), [test.count, spec.sizes[0]]);
  const pred = (model.predict(tx) as import('@tensorflow/tfjs').Tensor).argMax(1).dataSync();
  let right = 0;
  for (let i = 0; i < test.count; i++) if (test.y[i * 10 + pred[i]] === 1) right++;
  tf.dispose([xs, ys, tx]);
  model.dispose();
  return epochStats(timings, right / test.count, flops);
}
