// The per-example reference (updateMiniBatch, Algorithm 4) as a Stepper of the engine's training
// loop (loop.ts), and examples packed into the engine's PackedSet. sgd (sgd.ts) and
// trainRegularised (regularised-training.ts) are this stepper driven by that loop.
import { feedforward } from '../feedforward';
import type { Network } from '../network';
import type { StepOptions } from '../optimize';
import { type Example, evaluate, isFiniteNetwork, updateMiniBatch } from '../train';
import { PIXEL_SCALE, type PackedSet, type Stepper, isPixelBytes } from './loop';

/**
 * Rows order[start … end − 1] of a packed set as examples: views of the rows, not copies (pixel
 * bytes are divided by PIXEL_SCALE into a new row).
 */
export function rowsAsExamples(X: ArrayLike<number>, Y: ArrayLike<number>, nIn: number, nOut: number, rows: ArrayLike<number>, start: number, end: number): Example[] {
  const ys = Y as Float64Array;
  const out: Example[] = [];
  for (let i = start; i < end; i++) {
    const r = rows[i];
    const x = isPixelBytes(X) ? Float64Array.from(X.subarray(r * nIn, (r + 1) * nIn), (p) => p / PIXEL_SCALE) : (X as Float64Array).subarray(r * nIn, (r + 1) * nIn);
    out.push({ x, y: ys.subarray(r * nOut, (r + 1) * nOut) });
  }
  return out;
}

/** One minibatch step of the definition: updateMiniBatch, or a regularised variant of it. */
export type MiniBatchUpdate = (net: Network, batch: readonly Example[], options: StepOptions) => void;

/**
 * The definition as a Stepper: `update` (updateMiniBatch unless given) on each batch (the examples
 * are views of the packed rows), costs by a forward pass before each step (withCosts; off, costs[b]
 * is left as it is and a non-finite batch does not stop the slice).
 */
export function referenceStepper(net: Network, options: { withCosts?: boolean; update?: MiniBatchUpdate } = {}): Stepper {
  const withCosts = options.withCosts ?? true;
  const update = options.update ?? updateMiniBatch;
  const L = net.sizes.length - 1;
  const nIn = net.sizes[0];
  const nOut = net.sizes[L];
  return {
    net,
    path: 'reference',
    trainRows(X, Y, order, start, end, batchSize, maxBatches, step, costs) {
      let done = 0;
      for (let s = start; s < end && done < maxBatches; s += batchSize) {
        const batch = rowsAsExamples(X, Y, nIn, nOut, order, s, Math.min(end, s + batchSize));
        let c = 0;
        if (withCosts) for (const e of batch) c += net.cost.value(feedforward(net, e.x).as[L], e.y);
        update(net, batch, step);
        if (withCosts) costs[done] = c;
        done++;
        if (withCosts && !Number.isFinite(c)) break;
      }
      return done;
    },
    evaluateRows(X, Y, count) {
      if (count === 0) return { cost: NaN, accuracy: NaN, correct: 0 };
      const all = Array.from({ length: count }, (_, i) => i);
      const e = evaluate(net, rowsAsExamples(X, Y, nIn, nOut, all, 0, count));
      return { cost: e.cost, accuracy: e.accuracy, correct: Math.round(e.accuracy * count) };
    },
    findNonFinite() {
      if (isFiniteNetwork(net)) return null;
      for (let i = 0; i < L; i++) {
        if (!net.weights[i].data.every(Number.isFinite)) return { layer: i + 1, quantity: 'weights' };
        if (!net.biases[i].every(Number.isFinite)) return { layer: i + 1, quantity: 'biases' };
      }
      return null;
    },
    sumSquaredWeights() {
      let s = 0;
      for (const w of net.weights) for (const v of w.data) s += v * v;
      return s;
    },
    sync: () => net,
  };
}

/** Examples as a packed set (rows of x and of y), for the engine's training loop. */
export function packExamples(data: readonly Example[]): PackedSet {
  const nIn = data[0]?.x.length ?? 0;
  const nOut = data[0]?.y.length ?? 0;
  const x = new Float64Array(data.length * nIn);
  const y = new Float64Array(data.length * nOut);
  data.forEach((e, i) => {
    if (e.x.length !== nIn || e.y.length !== nOut) throw new RangeError(`example ${i} has ${e.x.length} inputs and ${e.y.length} targets; example 0 has ${nIn} and ${nOut}`);
    x.set(e.x, i * nIn);
    y.set(e.y, i * nOut);
  });
  return { count: data.length, x, y };
}

