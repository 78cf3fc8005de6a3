// The widget kit's reading rule for one typed number: the site-wide literal rule
// (src/input/number-text.ts: U+2212 minus accepted, 0x/0b/0o, decimal comma, underflow and
// overflow refused) plus a range and an optional whole-number rule. The message names the field
// and says what is allowed; it is what the kit's NumberField shows beside the field. Pure (no DOM).
import { readNumberLiteral } from '../../src/input/number-text';

export type Parsed = { ok: true; value: number } | { ok: false; message: string };

export interface NumberRule {
  label: string;
  min: number;
  max: number;
  integer?: boolean;
  /** min itself not allowed (e.g. η > 0). */
  exclusiveMin?: boolean;
  /** Added to the out-of-range message when the value is above max (e.g. why the limit exists). */
  aboveMax?: string;
}

/** The allowed range as the messages write it: [0, 1] or (0, 100]. */
export function rangeText(rule: NumberRule): string {
  return `${rule.exclusiveMin ? '(' : '['}${rule.min}, ${rule.max}]`;
}

/** Parse a typed number against a rule; the message says what was wrong and what is allowed. */
export function parseNumber(text: string, rule: NumberRule): Parsed {
  const trimmed = text.trim();
  if (trimmed === '') return { ok: false, message: `${rule.label}: enter a number.` };
  const read = readNumberLiteral(trimmed);
  if (!read.ok) {
    // "NaN", "abc" and the like: keep the long-standing wording for non-numbers.
    const message = /^[+-]?nan$/i.test(trimmed) || /infinity/i.test(trimmed) ? `“${trimmed}” is not a finite number.` : read.message;
    return { ok: false, message: `${rule.label}: ${message}` };
  }
  const value = read.value;
  if (value < rule.min || value > rule.max || (rule.exclusiveMin && value === rule.min)) {
    const extra = value > rule.max && rule.aboveMax ? ` (${rule.aboveMax})` : '';
    return { ok: false, message: `${rule.label} must be in ${rangeText(rule)}; got ${trimmed}${extra}.` };
  }
  if (rule.integer && !Number.isInteger(value)) return { ok: false, message: `${rule.label} must be a whole number; got ${trimmed}.` };
  return { ok: true, value };
}

/** Parse a comma-separated URL value against a list of rules; null if any part is invalid. */
export function parseNumberList(raw: string | null, rules: NumberRule[]): number[] | null {
  if (raw === null) return null;
  const parts = raw.split(',');
  if (parts.length !== rules.length) return null;
  const out: number[] = [];
  for (let i = 0; i < parts.length; i++) {
    const p = parseNumber(parts[i], rules[i]);
    if (!p.ok) return null;
    out.push(p.value);
  }
  return out;
}
