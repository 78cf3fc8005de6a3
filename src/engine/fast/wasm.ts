// The WebAssembly path of the fast trainer: the same interface as the TypeScript trainer
// (trainer.ts), its kernels compiled from AssemblyScript (src/engine/wasm/assembly/kernels.ts,
// 128-bit SIMD: f64x2 for Float64, f32x4 for Float32) by scripts/build-wasm.mjs. This file lays
// out the WebAssembly memory, copies parameters and packed data in, and calls the kernels: a whole
// run of minibatches is one call (trainRows), so nothing crosses the boundary per example.
//
// The engine imports nothing of the project, so it does not fetch or read the .wasm files: the
// caller passes their bytes (or a Response) to loadFastWasm — the lab's worker fetches the built
// files the site serves, Node (tests, bench) reads them from src/engine/wasm/build/.
import { linear, relu, sigmoid, softmax, tanh } from '../activations';
import { crossEntropy, logLikelihood, quadratic } from '../costs';
import type { VecLike } from '../matrix';
import type { Network } from '../network';
import { type StepOptions, checkStep, l2Factor } from '../optimize';
import { firstBad } from './kernels';
import { PIXEL_SCALE, isPixelBytes } from './loop';
import type { Buf, FastDType, FastEvaluation, FastTrainer, FastWasm, LayerView, NonFinite, TrainerOptions } from './types';

type Source = BufferSource | WebAssembly.Module | Response;

async function compile(src: Source): Promise<WebAssembly.Module> {
  if (src instanceof WebAssembly.Module) return src;
  if (typeof Response !== 'undefined' && src instanceof Response) {
    if (!src.ok) throw new Error(`the WebAssembly kernels could not be fetched (HTTP ${src.status} for ${src.url})`);
    return WebAssembly.compile(await src.arrayBuffer());
  }
  return WebAssembly.compile(src as BufferSource);
}

/**
 * Compile the two modules (f64 and f32). Rejects where WebAssembly, or its SIMD, is not available
 * (or the page's policy refuses it): the caller then trains on the TypeScript path.
 */
export async function loadFastWasm(sources: { f64: Source; f32: Source }): Promise<FastWasm> {
  if (typeof WebAssembly === 'undefined') throw new Error('WebAssembly is not available here');
  const [f64, f32] = await Promise.all([compile(sources.f64), compile(sources.f32)]);
  return { f64, f32 };
}

// Codes shared with kernels.ts (the AssemblyScript side); -1: not one of the engine's own. (Functions,
// not module-level tables, so that a page importing the engine without this path loads none of it.)
function actCode(a: unknown): number {
  return a === sigmoid ? 0 : a === tanh ? 1 : a === relu ? 2 : a === linear ? 3 : a === softmax ? 4 : -1;
}
function costCode(c: unknown): number {
  return c === quadratic ? 0 : c === crossEntropy ? 1 : c === logLikelihood ? 2 : -1;
}
const DELTA_A_MINUS_Y = 0;
const DELTA_SOFTMAX_LL = 1;
const DELTA_ELEMENTWISE = 2;
const DELTA_SOFTMAX = 3;

/**
 * Whether the WebAssembly kernels compute this network: every activation and the cost are the
 * engine's own (a reader's own is a JS object whose methods WebAssembly cannot call), and softmax
 * only on the output layer.
 */
export function fastWasmSupports(net: Network): boolean {
  const L = net.activations.length;
  return costCode(net.cost) >= 0 && net.activations.every((a, i) => actCode(a) >= 0 && (a !== softmax || i === L - 1));
}

interface Exports {
  memory: WebAssembly.Memory;
  heapBase(): number;
  trainRows(desc: number, X: number, Y: number, order: number, start: number, end: number, batchSize: number, maxBatches: number, eta: number, decay: number, costs: number): number;
  probeRows(desc: number, X: number, Y: number, order: number, start: number, end: number): number;
  evaluateRows(desc: number, X: number, Y: number, count: number, correctOut: number): number;
  predictRows(desc: number, X: number, count: number, out: number): void;
}

const EVAL_ROWS = 64; // rows per forward pass when evaluating or predicting

/** A trainer on the WebAssembly kernels. Throws if fastWasmSupports(net) is false. */
export function createWasmTrainer(net: Network, options: TrainerOptions & { wasm: FastWasm }): FastTrainer {
  const dtype: FastDType = options.dtype ?? 'float64';
  if (dtype !== 'float64' && dtype !== 'float32') throw new RangeError(`dtype must be 'float64' or 'float32' (got ${String(dtype)})`);
  if (!Number.isInteger(options.batchSize) || options.batchSize < 1) throw new RangeError(`batchSize must be a whole number ≥ 1 (got ${options.batchSize})`);
  if (!fastWasmSupports(net)) throw new RangeError('the WebAssembly kernels compute only the engine’s own activations and costs (softmax on the output layer)');
  const f64 = dtype === 'float64';
  const Arr = f64 ? Float64Array : Float32Array;
  const bpn = f64 ? 8 : 4;
  const ex = new WebAssembly.Instance(f64 ? options.wasm.f64 : options.wasm.f32, {}).exports as unknown as Exports;
  const memory = ex.memory;
  const sizes = net.sizes;
  const L = sizes.length - 1;
  const nIn0 = sizes[0];
  const nOutL = sizes[L];

  // ---- memory: a bump allocator (a trainer's memory lives as long as the trainer)
  let top = ex.heapBase();
  function alloc(bytes: number): number {
    const p = (top + 15) & ~15;
    top = p + bytes;
    const need = top - memory.buffer.byteLength;
    if (need > 0) memory.grow(Math.ceil(need / 65536));
    return p;
  }
  let buffer: ArrayBuffer | null = null;
  let F: Buf = new Arr(0);
  let F64: Float64Array = new Float64Array(0);
  let I32: Int32Array = new Int32Array(0);
  function views(): void {
    if (buffer === memory.buffer) return;
    buffer = memory.buffer;
    F = new Arr(buffer);
    F64 = new Float64Array(buffer);
    I32 = new Int32Array(buffer);
  }
  const arr = (p: number, len: number): Buf => (views(), F.subarray(p / bpn, p / bpn + len));

  // ---- parameters and the descriptor the kernels read
  const W = net.weights.map((w) => alloc(w.data.length * bpn));
  const B = net.biases.map((b) => alloc(b.length * bpn));
  function loadParams(): void {
    for (let i = 0; i < L; i++) {
      arr(W[i], net.weights[i].data.length).set(net.weights[i].data);
      arr(B[i], net.biases[i].length).set(net.biases[i]);
    }
  }
  loadParams();
  const desc = alloc((8 + 8 * L) * 4);
  const actCodes = net.activations.map(actCode);
  const costKind = costCode(net.cost);
  const out = net.activations[L - 1];
  const deltaForm = out === softmax ? (net.cost === logLikelihood ? DELTA_SOFTMAX_LL : DELTA_SOFTMAX) : out === sigmoid && net.cost === crossEntropy ? DELTA_A_MINUS_Y : DELTA_ELEMENTWISE;

  let capacity = 0;
  const Z: number[] = [];
  const A: number[] = []; // A[i]: activations of weights layer i; A0 the input rows
  const E: number[] = [];
  let A0 = 0;
  let Ybuf = 0;
  function ensure(m: number): void {
    if (m <= capacity) return;
    capacity = Math.max(m, options.batchSize, EVAL_ROWS);
    A0 = alloc(capacity * nIn0 * bpn);
    Ybuf = alloc(capacity * nOutL * bpn);
    for (let i = 0; i < L; i++) {
      const n = sizes[i + 1] * capacity * bpn;
      Z[i] = alloc(n);
      A[i] = alloc(n);
      E[i] = alloc(n);
    }
    views();
    const d = desc >> 2;
    I32.fill(0, d, d + 8 + 8 * L);
    I32[d] = L;
    I32[d + 1] = deltaForm;
    I32[d + 2] = costKind;
    I32[d + 3] = A0;
    I32[d + 4] = Ybuf;
    I32[d + 5] = capacity;
    for (let i = 0; i < L; i++) {
      const o = d + 8 + 8 * i;
      I32.set([sizes[i], sizes[i + 1], actCodes[i], W[i], B[i], Z[i], A[i], E[i]], o);
    }
  }
  ensure(options.batchSize);

  // ---- packed sets, copied in once each (by identity; pixel bytes stay bytes), and scratch space
  const sets = new WeakMap<object, { ptr: number; length: number }>();
  function place(src: ArrayLike<number>, ptr: number): void {
    arr(ptr, src.length).set(src);
  }
  function setPtr(src: ArrayLike<number>): number {
    const key = src as unknown as object;
    const hit = sets.get(key);
    if (hit && hit.length === src.length) return hit.ptr;
    const bytes = isPixelBytes(src);
    const ptr = alloc(src.length * (bytes ? 1 : bpn));
    if (bytes) new Uint8Array(memory.buffer, ptr, src.length).set(src);
    else place(src, ptr);
    sets.set(key, { ptr, length: src.length });
    return ptr;
  }
  // The inputs byte / PIXEL_SCALE for every byte, in the trainer's precision: the kernels look pixel
  // bytes up here (the descriptor's D_PIXELS field), getting the very numbers this division gives.
  const pixels = alloc(256 * bpn);
  arr(pixels, 256).set(Float64Array.from({ length: 256 }, (_, p) => p / PIXEL_SCALE));
  /** The kernels read X as pixel bytes or as numbers (the descriptor's D_XBYTES field). */
  function inputsAre(X: ArrayLike<number> | null): void {
    views();
    I32[(desc >> 2) + 6] = X !== null && isPixelBytes(X) ? 1 : 0;
    I32[(desc >> 2) + 7] = pixels;
  }
  let scratch = { ptr: 0, bytes: 0 };
  function scratchFor(bytes: number): number {
    if (bytes > scratch.bytes) scratch = { ptr: alloc(bytes), bytes };
    return scratch.ptr;
  }
  let orderBuf = { ptr: 0, length: 0 };
  function orderPtr(order: ArrayLike<number>, start: number, end: number): number {
    const len = end - start;
    if (len > orderBuf.length) orderBuf = { ptr: alloc(Math.max(len, 1) * 4), length: len };
    views();
    const o = orderBuf.ptr >> 2;
    for (let i = 0; i < len; i++) I32[o + i] = order[start + i];
    return orderBuf.ptr;
  }
  let costBuf = { ptr: 0, length: 0 };
  const correctPtr = alloc(16);

  let lastRows = 0;

  function stepArgs(step: StepOptions): [number, number] {
    checkStep(step);
    return [step.eta, l2Factor(step.eta, step.lambda ?? 0, step.n ?? 1)];
  }

  function checkRows(start: number, end: number): number {
    const m = end - start;
    if (!(m >= 1)) throw new RangeError('a minibatch needs at least one example');
    return m;
  }

  function trainRows(X: ArrayLike<number>, Y: ArrayLike<number>, order: ArrayLike<number>, start: number, end: number, batchSize: number, maxBatches: number, step: StepOptions, costs: Float64Array): number {
    checkRows(start, end);
    if (!Number.isInteger(batchSize) || batchSize < 1) throw new RangeError(`batchSize must be a whole number ≥ 1 (got ${batchSize})`);
    const [eta, decay] = stepArgs(step);
    ensure(Math.min(batchSize, end - start));
    const batches = Math.min(maxBatches, Math.ceil((end - start) / batchSize), costs.length);
    if (batches < 1) return 0;
    const last = Math.min(end, start + batches * batchSize);
    const xp = setPtr(X);
    const yp = setPtr(Y);
    const op = orderPtr(order, start, last);
    if (batches > costBuf.length) costBuf = { ptr: alloc(batches * 8), length: batches };
    inputsAre(X);
    const done = ex.trainRows(desc, xp, yp, op, 0, last - start, batchSize, batches, eta, decay, costBuf.ptr);
    views();
    costs.set(F64.subarray(costBuf.ptr >> 3, (costBuf.ptr >> 3) + done));
    const lastStart = start + (done - 1) * batchSize;
    lastRows = Math.min(end, lastStart + batchSize) - lastStart;
    return done;
  }

  function packRows(vs: readonly VecLike[], width: number, what: string): Float64Array {
    const o = new Float64Array(vs.length * width);
    vs.forEach((v, i) => {
      if (v.length !== width) throw new RangeError(`${what} ${i} has ${v.length} entries; the network expects ${width}`);
      for (let k = 0; k < width; k++) o[i * width + k] = v[k];
    });
    return o;
  }

  /** Vectors passed one call at a time go through scratch memory (not kept). */
  function scratchSet(xs: readonly VecLike[], ys: readonly VecLike[]): { xp: number; yp: number } {
    if (xs.length !== ys.length) throw new RangeError(`${xs.length} inputs but ${ys.length} targets`);
    const X = packRows(xs, nIn0, 'input');
    const Y = packRows(ys, nOutL, 'target');
    const xp = scratchFor((X.length + Y.length) * bpn + 16);
    const yp = (xp + X.length * bpn + 15) & ~15;
    place(X, xp);
    place(Y, yp);
    return { xp, yp };
  }

  function evaluateAt(xp: number, yp: number, count: number): FastEvaluation {
    if (count === 0) return { cost: NaN, accuracy: NaN, correct: 0 };
    const cost = ex.evaluateRows(desc, xp, yp, count, correctPtr);
    views();
    const correct = I32[correctPtr >> 2];
    lastRows = count - Math.floor((count - 1) / capacity) * capacity;
    return { cost: cost / count, accuracy: correct / count, correct };
  }

  function layerViews(): LayerView[] {
    const m = lastRows;
    return sizes.slice(1).map((n, i) => ({ layer: i + 1, rows: m, cols: n, z: arr(Z[i], m * n), a: arr(A[i], m * n), delta: arr(E[i], m * n) }));
  }

  const trainer: FastTrainer = {
    net,
    dtype,
    path: f64 ? 'wasm-f64' : 'wasm-f32',
    updateMiniBatch(xs, ys, step) {
      const m = checkRows(0, xs.length);
      const { xp, yp } = scratchSet(xs, ys);
      const [eta, decay] = stepArgs(step);
      ensure(m);
      if (costBuf.length < 1) costBuf = { ptr: alloc(8), length: 1 };
      inputsAre(null);
      ex.trainRows(desc, xp, yp, 0, 0, m, m, 1, eta, decay, costBuf.ptr);
      lastRows = m;
      views();
      return F64[costBuf.ptr >> 3];
    },
    updateMiniBatchRows(X, Y, order, start, end, step) {
      const costs = new Float64Array(1);
      trainRows(X, Y, order, start, end, end - start, 1, step, costs);
      return costs[0];
    },
    trainRows,
    probeRows(X, Y, order, start, end) {
      const m = checkRows(start, end);
      ensure(m);
      const xp = setPtr(X);
      const yp = setPtr(Y);
      const op = orderPtr(order, start, end);
      inputsAre(X);
      const c = ex.probeRows(desc, xp, yp, op, 0, m);
      lastRows = m;
      return c;
    },
    evaluate(xs, ys) {
      const { xp, yp } = scratchSet(xs, ys);
      inputsAre(null);
      return evaluateAt(xp, yp, xs.length);
    },
    evaluateRows(X, Y, count) {
      if (count === 0) return { cost: NaN, accuracy: NaN, correct: 0 };
      const xp = setPtr(X);
      const yp = setPtr(Y);
      inputsAre(X);
      return evaluateAt(xp, yp, count);
    },
    predictRows(X, count, into) {
      const res = into ?? new Float64Array(count * nOutL);
      if (count === 0) return res;
      const xp = scratchFor(count * nIn0 * bpn + count * nOutL * 8 + 16);
      const op = (xp + count * nIn0 * bpn + 15) & ~15;
      const n = count * nIn0;
      arr(xp, n).set(isPixelBytes(X) ? Float64Array.from(X.subarray(0, n), (p) => p / PIXEL_SCALE) : X.length === n ? X : Array.prototype.slice.call(X, 0, n));
      inputsAre(null);
      ex.predictRows(desc, xp, count, op);
      views();
      res.set(F64.subarray(op >> 3, (op >> 3) + count * nOutL));
      lastRows = count - Math.floor((count - 1) / capacity) * capacity;
      return res;
    },
    layers: layerViews,
    findNonFinite(): NonFinite | null {
      const m = lastRows;
      for (let i = 0; i < L; i++) {
        const len = m * sizes[i + 1];
        if (firstBad(arr(W[i], net.weights[i].data.length), 0, net.weights[i].data.length)) return { layer: i + 1, quantity: 'weights' };
        if (firstBad(arr(B[i], sizes[i + 1]), 0, sizes[i + 1])) return { layer: i + 1, quantity: 'biases' };
        if (firstBad(arr(Z[i], len), 0, len)) return { layer: i + 1, quantity: 'z' };
        if (firstBad(arr(A[i], len), 0, len)) return { layer: i + 1, quantity: 'activation' };
      }
      for (let i = 0; i < L; i++) if (firstBad(arr(E[i], m * sizes[i + 1]), 0, m * sizes[i + 1])) return { layer: i + 1, quantity: 'delta' };
      return null;
    },
    sync() {
      for (let i = 0; i < L; i++) {
        net.weights[i].data.set(arr(W[i], net.weights[i].data.length));
        net.biases[i].set(arr(B[i], sizes[i + 1]));
      }
      return net;
    },
    sumSquaredWeights() {
      let s = 0;
      for (let i = 0; i < L; i++) {
        const w = arr(W[i], net.weights[i].data.length);
        for (let k = 0; k < w.length; k++) s += w[k] * w[k];
      }
      return s;
    },
  };
  return trainer;
}
