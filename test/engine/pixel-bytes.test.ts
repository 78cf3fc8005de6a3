// Inputs packed as pixel bytes (a Uint8Array x: each byte stands for byte / 256, PackedSet in
// src/engine/fast/loop.ts) train, evaluate and predict exactly as the same inputs packed as
// doubles, on every stepper: the per-example reference, the TypeScript kernels and the
// WebAssembly kernels, in Float64 and Float32. Exactly: the parameters agree to the last bit.
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { type Network, cloneNetwork, createNetwork, createRng } from '../../src/engine/index';
import { type FastWasm, type PackedSet, type Stepper, PIXEL_SCALE, createEpochLoop, createTsTrainer, createWasmTrainer, isPixelBytes, referenceStepper } from '../../src/engine/fast';
import { packMnist, parseMnist } from '../../src/data/mnist';
import { encodeMnist, readMnistPackage } from '../../scripts/build-mnist.mjs';
import { fastWasm } from './wasm-helpers';

let wasm: FastWasm;
beforeAll(async () => {
  wasm = await fastWasm();
});

type Make = (net: Network, batchSize: number) => Stepper & { evaluateRows: Stepper['evaluateRows'] };
const STEPPERS: [string, Make][] = [
  ['reference', (net) => referenceStepper(net)],
  ['TS Float64', (net, b) => createTsTrainer(net, { batchSize: b })],
  ['TS Float32', (net, b) => createTsTrainer(net, { batchSize: b, dtype: 'float32' })],
  ['WebAssembly Float64', (net, b) => createWasmTrainer(net, { batchSize: b, wasm })],
  ['WebAssembly Float32', (net, b) => createWasmTrainer(net, { batchSize: b, wasm, dtype: 'float32' })],
];

/** The same inputs twice: as bytes, and as the doubles byte / PIXEL_SCALE. */
function sets(count: number, nIn: number, nOut: number, seed: number): { bytes: PackedSet; doubles: PackedSet } {
  const rng = createRng(seed);
  const x8 = Uint8Array.from({ length: count * nIn }, () => (rng.next() < 0.3 ? 0 : rng.int(256)));
  const y = Float64Array.from({ length: count * nOut }, () => (rng.next() < 0.5 ? 1 : 0));
  return { bytes: { count, x: x8, y }, doubles: { count, x: Float64Array.from(x8, (p) => p / PIXEL_SCALE), y } };
}

function paramsEqual(a: Network, b: Network): boolean {
  return a.weights.every((w, i) => w.data.every((v, k) => Object.is(v, b.weights[i].data[k]))) && a.biases.every((v, i) => v.every((x, j) => Object.is(x, b.biases[i][j])));
}

describe('pixel bytes as inputs', () => {
  it('a Uint8Array of inputs is pixel bytes, each standing for byte / 256 (the scaling of the book’s mnist.pkl.gz)', () => {
    expect(PIXEL_SCALE).toBe(256);
    expect(isPixelBytes(new Uint8Array(2))).toBe(true);
    expect(isPixelBytes(new Float64Array(2))).toBe(false);
    expect(isPixelBytes([1, 2])).toBe(false);
  });

  it.each(STEPPERS)('%s: two epochs, the evaluation and the output errors are those of the doubles, to the last bit', (_, make) => {
    fc.assert(
      fc.property(
        fc.record({
          hidden: fc.array(fc.integer({ min: 1, max: 6 }), { minLength: 0, maxLength: 2 }),
          nIn: fc.integer({ min: 1, max: 9 }),
          nOut: fc.integer({ min: 1, max: 4 }),
          count: fc.integer({ min: 1, max: 24 }),
          batchSize: fc.integer({ min: 1, max: 7 }),
          seed: fc.integer({ min: 1, max: 10_000 }),
          cost: fc.constantFrom('quadratic' as const, 'cross-entropy' as const),
        }),
        (r) => {
          const net = createNetwork({ sizes: [r.nIn, ...r.hidden, r.nOut], cost: r.cost, init: 'scaled', seed: r.seed });
          const { bytes, doubles } = sets(r.count, r.nIn, r.nOut, r.seed + 1);
          const a = make(cloneNetwork(net), r.batchSize);
          const b = make(cloneNetwork(net), r.batchSize);
          const la = createEpochLoop(a, bytes, createRng(r.seed + 2));
          const lb = createEpochLoop(b, doubles, createRng(r.seed + 2));
          const step = { eta: 0.7, lambda: 0.2, n: r.count };
          for (let e = 0; e < 2; e++) expect(la.next(Infinity, step, r.batchSize).costSum).toBe(lb.next(Infinity, step, r.batchSize).costSum);
          expect(paramsEqual(a.sync(), b.sync())).toBe(true);
          expect(a.evaluateRows(bytes.x, bytes.y, r.count)).toEqual(b.evaluateRows(doubles.x, doubles.y, r.count));
          // and they did train (a test that compared two untouched networks would prove nothing)
          expect(paramsEqual(a.sync(), net)).toBe(false);
        },
      ),
      { numRuns: 20 },
    );
  });

  it.each(STEPPERS.slice(1))('%s: probeRows (z, a, δ of a batch) and predictRows of bytes are those of the doubles', (_, make) => {
    const net = createNetwork({ sizes: [7, 5, 3], activations: ['tanh', 'sigmoid'], seed: 4 });
    const { bytes, doubles } = sets(11, 7, 3, 9);
    const a = make(cloneNetwork(net), 11) as ReturnType<typeof createTsTrainer>;
    const b = make(cloneNetwork(net), 11) as ReturnType<typeof createTsTrainer>;
    const order = [3, 1, 4, 1, 5, 9, 2, 6, 5, 3, 5];
    expect(a.probeRows(bytes.x, bytes.y, order, 0, 11)).toBe(b.probeRows(doubles.x, doubles.y, order, 0, 11));
    const la = a.layers();
    const lb = b.layers();
    la.forEach((v, i) => {
      expect(Array.from(v.z)).toEqual(Array.from(lb[i].z));
      expect(Array.from(v.a)).toEqual(Array.from(lb[i].a));
      expect(Array.from(v.delta)).toEqual(Array.from(lb[i].delta));
    });
    expect(Array.from(a.predictRows(bytes.x, 11))).toEqual(Array.from(b.predictRows(doubles.x, 11)));
    expect(Array.from(a.predictRows(bytes.x, 4))).toEqual(Array.from(b.predictRows(doubles.x, 4)));
  });

  it('packMnist with inputs: bytes is a view of the digits’ own pixels (no copy) with the same targets', () => {
    const data = parseMnist(encodeMnist(readMnistPackage()));
    const f = packMnist(data, 100, 130);
    const p = packMnist(data, 100, 130, { inputs: 'bytes' });
    expect(p.x).toBeInstanceOf(Uint8Array);
    expect(p.x.buffer).toBe(data.pixels.buffer);
    expect(p.x.length).toBe(f.x.length);
    expect(Array.from(p.x, (v) => v / PIXEL_SCALE)).toEqual(Array.from(f.x));
    expect(Array.from(p.y)).toEqual(Array.from(f.y));
  });

  it('packMnist divides each byte by 256 by default, as the book’s mnist.pkl.gz does, or by the scale asked for; bytes refuse any other scale', () => {
    const data = parseMnist(encodeMnist(readMnistPackage()));
    const p = packMnist(data, 0, 5);
    const size = data.rows * data.cols;
    const bytes = data.pixels.subarray(0, 5 * size);
    expect(Array.from(p.x)).toEqual(Array.from(bytes, (v) => v / 256));
    // the largest input is 255/256, never 1 (what pylearn2's issue #93 reports of that file)
    expect(Math.max(...bytes)).toBe(255);
    expect(Math.max(...p.x)).toBe(255 / 256);
    expect(Array.from(packMnist(data, 0, 5, { scale: 256 }).x)).toEqual(Array.from(p.x));
    const by255 = packMnist(data, 0, 5, { scale: 255 });
    expect(Array.from(by255.x)).toEqual(Array.from(bytes, (v) => v / 255));
    expect(Math.max(...by255.x)).toBe(1);
    expect(() => packMnist(data, 0, 5, { inputs: 'bytes', scale: 255 })).toThrow(/byte \/ 256/);
    for (const bad of [0, -1, Number.NaN, Infinity]) expect(() => packMnist(data, 0, 5, { scale: bad })).toThrow(/positive/);
  });
});
