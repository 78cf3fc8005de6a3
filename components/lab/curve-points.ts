// Which epochs a long learning curve keeps. Every epoch up to EARLY is kept; after that the
// spacing doubles each time the epoch number doubles (2 from epoch 2·EARLY, 4 from 4·EARLY, …).
// A curve of E epochs keeps about EARLY · (1 + log₂(E / EARLY)) points, and the decision for an
// epoch never changes later: the early epochs, where the cost falls fastest, are never thinned
// away (thinning the thinned curve again and again had turned them into a straight line).

export const EARLY = 100;

/** The spacing between kept epochs around `epoch` (1 up to 2·EARLY). */
export function spacingAt(epoch: number): number {
  return epoch < 2 * EARLY ? 1 : 2 ** Math.floor(Math.log2(epoch / EARLY));
}

export function keepEpoch(epoch: number): boolean {
  return epoch <= EARLY || epoch % spacingAt(epoch) === 0;
}

/** The rows to draw: the kept ones, plus the latest (the curve always reaches the present). */
export function curveRows<T extends { epoch: number }>(kept: readonly T[], latest: T | undefined): T[] {
  if (!latest || kept.at(-1)?.epoch === latest.epoch) return kept.slice();
  return [...kept, latest];
}
