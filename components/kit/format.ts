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

/**
 * What a number field shows for a value it did not get from the reader's typing (a seeded weight,
 * a reset, the address): the value itself when it has at most `digits` + 2 significant digits
 * (0.05, 3, 1e-7, −0.25), else rounded to `digits` significant digits, as the chapters print their
 * numbers (−0.27349871… shows as −0.2735 in a box six characters wide). The widget keeps the exact
 * value for its computation until the reader types a new one (NumberField).
 */
export function fieldText(x: number, digits = 4): string {
  const exact = String(x);
  if (!Number.isFinite(x)) return exact;
  const mantissa = exact.replace(/^-/, '').replace(/e.*$/, '').replace('.', '').replace(/^0+/, '');
  return mantissa.length <= digits + 2 ? exact : String(Number(x.toPrecision(digits)));
}
