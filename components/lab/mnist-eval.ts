// Reading a trained network's answers on the test digits: the confusion matrix and the digits it
// gets wrong, from the engine's own forward pass (predict). Evaluated in small chunks with a
// yield between them, so the page never holds the main thread for long.
import { predict, type Network } from '../../src/engine/index.ts';

export const PIXELS = 784;

/** Digits packed row by row: pixels is count × 784 in [0, 1], labels the digits 0–9. */
export interface DigitSet {
  count: number;
  pixels: Float64Array;
  labels: Uint8Array;
}

export interface Mistake {
  index: number;
  label: number;
  guess: number;
  outputs: number[];
}

export interface TestReport {
  /** confusion[true][guess] = how many test digits with that label got that answer. */
  confusion: number[][];
  accuracy: number;
  count: number;
  mistakes: Mistake[];
}

export function digitAt(set: DigitSet, i: number): Float64Array {
  return set.pixels.subarray(i * PIXELS, (i + 1) * PIXELS);
}

export function argmax(v: ArrayLike<number>): number {
  let best = 0;
  for (let k = 1; k < v.length; k++) if (v[k] > v[best]) best = k;
  return best;
}

/** Tally one answer. */
function record(report: TestReport, index: number, label: number, outputs: ArrayLike<number>, keep: number) {
  const guess = argmax(outputs);
  report.confusion[label][guess]++;
  report.count++;
  if (guess !== label && report.mistakes.length < keep) report.mistakes.push({ index, label, guess, outputs: Array.from(outputs) });
}

export function emptyReport(): TestReport {
  return { confusion: Array.from({ length: 10 }, () => new Array<number>(10).fill(0)), accuracy: NaN, count: 0, mistakes: [] };
}

function finish(report: TestReport): TestReport {
  let right = 0;
  for (let d = 0; d < 10; d++) right += report.confusion[d][d];
  report.accuracy = report.count ? right / report.count : NaN;
  return report;
}

/** All at once (tests, small sets). */
export function testReport(net: Network, set: DigitSet, keepMistakes = 24): TestReport {
  const report = emptyReport();
  for (let i = 0; i < set.count; i++) record(report, i, set.labels[i], predict(net, digitAt(set, i)), keepMistakes);
  return finish(report);
}

/** The same, in chunks of `chunk` digits with a macrotask between them; `cancelled()` stops early. */
export async function testReportChunked(net: Network, set: DigitSet, options: { chunk?: number; keepMistakes?: number; cancelled?: () => boolean } = {}): Promise<TestReport | null> {
  const { chunk = 100, keepMistakes = 24, cancelled = () => false } = options;
  const report = emptyReport();
  for (let start = 0; start < set.count; start += chunk) {
    if (cancelled()) return null;
    const end = Math.min(set.count, start + chunk);
    for (let i = start; i < end; i++) record(report, i, set.labels[i], predict(net, digitAt(set, i)), keepMistakes);
    await new Promise((r) => setTimeout(r, 0));
  }
  return cancelled() ? null : finish(report);
}
