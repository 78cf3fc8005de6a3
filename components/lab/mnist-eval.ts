// Reading a network's answers on the test digits on the page: the confusion matrix and the digits
// it gets wrong, from the engine's own forward pass (predict), tallied as the training worker
// tallies its reports (src/lab/report.ts). A run's reports come from the worker ('report' events);
// the page computes one only for an uploaded model, in slices of a few milliseconds with a yield
// between them, so it never holds the main thread for long.
import { predict, type Network } from '../../src/engine/index.ts';
import type { TestMistake, TestSummary } from '../../src/lab/protocol';
import { argmax, closeSummary, emptySummary, tally } from '../../src/lab/report';

export { argmax };
export const PIXELS = 784;

/** Digits packed row by row: pixels is count × 784 in [0, 1], labels the digits 0–9. */
export interface DigitSet {
  count: number;
  pixels: Float64Array;
  labels: Uint8Array;
}

export type Mistake = TestMistake;
export type TestReport = TestSummary;

export function digitAt(set: DigitSet, i: number): Float64Array {
  return set.pixels.subarray(i * PIXELS, (i + 1) * PIXELS);
}

/** All at once (tests, small sets). */
export function testReport(net: Network, set: DigitSet, keepMistakes = 24): TestReport {
  const report = emptySummary();
  for (let i = 0; i < set.count; i++) tally(report, i, set.labels[i], predict(net, digitAt(set, i)), keepMistakes);
  return closeSummary(report);
}

const clock = () => (typeof performance !== 'undefined' ? performance.now() : Date.now());

/**
 * The same, in slices with a macrotask between them: a slice ends after `chunk` digits or once it
 * has taken `budgetMs` (default 8 ms), whichever comes first, so a slow device still yields often.
 * `cancelled()` stops early (null).
 */
export async function testReportChunked(net: Network, set: DigitSet, options: { chunk?: number; budgetMs?: number; keepMistakes?: number; cancelled?: () => boolean; now?: () => number } = {}): Promise<TestReport | null> {
  const { chunk = 100, budgetMs = 8, keepMistakes = 24, cancelled = () => false, now = clock } = options;
  const report = emptySummary();
  let i = 0;
  while (i < set.count) {
    if (cancelled()) return null;
    const t0 = now();
    const end = Math.min(set.count, i + chunk);
    do {
      tally(report, i, set.labels[i], predict(net, digitAt(set, i)), keepMistakes);
      i++;
    } while (i < end && now() - t0 < budgetMs);
    await new Promise((r) => setTimeout(r, 0));
  }
  return cancelled() ? null : closeSummary(report);
}
