// The widget kit's number formatting, one place for every widget and lab: captions, tables,
// labels and tips. Pure.

/**
 * A number to `digits` significant digits; exponent form below 10⁻³ and from 10⁵ (with the same
 * number of significant digits, so a small gradient can be compared with its finite difference).
 * undefined prints as "–" (nothing measured yet); NaN and ±∞ print as themselves.
 */
export function fmt(x: number | undefined, digits = 4): string {
  if (x === undefined) return '–';
  if (!Number.isFinite(x)) return String(x);
  if (x !== 0 && (Math.abs(x) < 1e-3 || Math.abs(x) >= 1e5)) return x.toExponential(digits - 1);
  return Number(x.toPrecision(digits)).toString();
}

/** A fraction as a percentage with `digits` decimals ("87.5%"); "–" when undefined or NaN. */
export function pct(x: number | undefined, digits = 2): string {
  return x === undefined || Number.isNaN(x) ? '–' : `${(100 * x).toFixed(digits)}%`;
}
