// How precisely a number answer must be given, derived from the exercise's tolerance (no mathjs,
// so the island can say it beside the field before any checker is loaded).
//
// An answer is accepted when |x − ref| ≤ abs + rel·|ref| (checkers.ts: withinTolerance).

export type Tol = { abs?: number; rel?: number };
/** `whole`: the exact answer is a whole number (so "a fraction is fine" would mislead) */
export type Figures = { kind: 'exact'; whole?: boolean } | { kind: 'significant'; digits: number } | { kind: 'decimals'; digits: number };

export const DEFAULT_ABS = 1e-4;
export const DEFAULT_REL = 1e-3;
export const toleranceOf = (ref: number, tol: Tol = {}) => (tol.abs ?? DEFAULT_ABS) + (tol.rel ?? DEFAULT_REL) * Math.abs(ref);

/**
 * The significant figures an answer needs: the fewest s for which the reference rounded to s
 * figures is within the tolerance (so a reader who rounds to s figures is always accepted and one
 * who rounds to s − 1 is not). A reference of 0 needs one figure; a zero tolerance the exact value.
 */
export function figuresNeeded(ref: number, tol: Tol = {}): Figures {
  const t = toleranceOf(ref, tol);
  if (!(t > 0)) return Number.isInteger(ref) ? { kind: 'exact', whole: true } : { kind: 'exact' };
  if (ref === 0 || !Number.isFinite(ref)) return { kind: 'significant', digits: 1 };
  for (let s = 1; s <= 17; s++) if (Math.abs(Number(ref.toPrecision(s)) - ref) <= t) return { kind: 'significant', digits: s };
  return { kind: 'exact' };
}

/** the most demanding of several entries' requirements (a grid) */
export function figuresForAll(refs: number[], tol: Tol = {}): Figures {
  const fs = refs.map((r) => figuresNeeded(r, tol));
  const exact = fs.filter((f) => f.kind === 'exact');
  if (exact.length) return exact.every((f) => f.whole) ? { kind: 'exact', whole: true } : { kind: 'exact' };
  const sig = fs.filter((f): f is { kind: 'significant'; digits: number } => f.kind === 'significant');
  if (sig.length) return { kind: 'significant', digits: Math.max(...sig.map((f) => f.digits)) };
  return { kind: 'decimals', digits: Math.max(0, ...fs.map((f) => (f as { digits: number }).digits)) };
}

export function figuresText(f: Figures): string {
  if (f.kind === 'exact') return f.whole ? 'Give the exact value: a whole number.' : 'Give the exact value (a fraction such as 3/4 is fine).';
  if (f.kind === 'decimals') return f.digits === 0 ? 'Give a whole number.' : `Give at least ${f.digits} decimal place${f.digits > 1 ? 's' : ''}.`;
  return `Give at least ${f.digits} significant figure${f.digits > 1 ? 's' : ''}.`;
}

/** within about 1 % of the reference (and not 0): the reader rounded too early or too much */
export const isClose = (x: number, ref: number) => ref !== 0 && Math.abs(x - ref) <= 0.01 * Math.abs(ref);
