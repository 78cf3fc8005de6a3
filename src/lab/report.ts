// A network's test report: the confusion matrix, the accuracy and the first misclassified examples,
// from the engine's own forward pass (predict), one example at a time. The training worker computes
// it (session.report, posted as a 'report' event) so the page never runs forward passes over the
// test set; the page's own chunked version (components/lab/mnist-eval.ts) tallies with the same functions.
import { predict } from '../engine/feedforward';
import { PIXEL_SCALE, isPixelBytes } from '../engine/fast/loop';
import type { Network } from '../engine/network';
import type { TestSummary } from './protocol';

export function argmax(v: ArrayLike<number>): number {
  let best = 0;
  for (let k = 1; k < v.length; k++) if (v[k] > v[best]) best = k;
  return best;
}

export function emptySummary(classes = 10): TestSummary {
  return { confusion: Array.from({ length: classes }, () => new Array<number>(classes).fill(0)), accuracy: NaN, count: 0, mistakes: [] };
}

/** Tally one answer (example `index` with label `label`, the network's outputs). */
export function tally(s: TestSummary, index: number, label: number, outputs: ArrayLike<number>, keepMistakes: number): void {
  const guess = argmax(outputs);
  s.confusion[label][guess]++;
  s.count++;
  if (guess !== label && s.mistakes.length < keepMistakes) s.mistakes.push({ index, label, guess, outputs: Array.from(outputs) });
}

/** Set the accuracy from the diagonal; returns the summary. */
export function closeSummary(s: TestSummary): TestSummary {
  let right = 0;
  for (let d = 0; d < s.confusion.length; d++) right += s.confusion[d][d];
  s.accuracy = s.count ? right / s.count : NaN;
  return s;
}

/**
 * The report over `count` packed examples (x: count × nIn inputs, or pixel bytes standing for
 * byte / PIXEL_SCALE as in the engine's PackedSet; y: count × nOut one-hot targets, the label being the
 * target's argmax), all at once: for the worker, which has no page to yield to.
 */
export function summariseRows(net: Network, x: Float64Array | Uint8Array, y: ArrayLike<number>, count: number, keepMistakes = 24): TestSummary {
  const nIn = net.sizes[0];
  const nOut = net.sizes[net.sizes.length - 1];
  const s = emptySummary(nOut);
  for (let i = 0; i < count; i++) {
    let label = 0;
    for (let k = 1; k < nOut; k++) if (y[i * nOut + k] > y[i * nOut + label]) label = k;
    const row = x.subarray(i * nIn, (i + 1) * nIn);
    tally(s, i, label, predict(net, isPixelBytes(row) ? Float64Array.from(row, (p) => p / PIXEL_SCALE) : row), keepMistakes);
  }
  return closeSummary(s);
}
