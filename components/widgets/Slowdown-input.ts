// Pure input helpers shared by the widgetsB widgets (Slowdown, CostShapes, SoftmaxExplorer,
// InitSaturation): parse what a reader typed, and keep widget state in a namespaced URL param.
// No DOM access outside the two URL functions, so the parsing is unit-tested in Node.

export type Parsed = { ok: true; value: number } | { ok: false; message: string };

export interface NumberRule {
  label: string;
  min: number;
  max: number;
  integer?: boolean;
  /** min itself not allowed (e.g. η > 0). */
  exclusiveMin?: boolean;
}

/** Parse a typed number against a rule; the message says what was wrong and what is allowed. */
export function parseNumber(text: string, rule: NumberRule): Parsed {
  const trimmed = text.trim();
  if (trimmed === '') return { ok: false, message: `${rule.label}: enter a number.` };
  const value = Number(trimmed);
  if (!Number.isFinite(value)) return { ok: false, message: `${rule.label}: “${trimmed}” is not a finite number.` };
  const range = `${rule.exclusiveMin ? '(' : '['}${rule.min}, ${rule.max}]`;
  if (value < rule.min || value > rule.max || (rule.exclusiveMin && value === rule.min))
    return { ok: false, message: `${rule.label} must be in ${range}; got ${trimmed}.` };
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

/** Compact number formatting for captions and labels. */
export function fmt(x: number, digits = 4): string {
  if (!Number.isFinite(x)) return String(x);
  if (x !== 0 && (Math.abs(x) < 1e-3 || Math.abs(x) >= 1e5)) return x.toExponential(2);
  return Number(x.toPrecision(digits)).toString();
}

export function readUrlParam(name: string): string | null {
  if (typeof window === 'undefined') return null;
  return new URLSearchParams(window.location.search).get(name);
}

export function writeUrlParam(name: string, value: string): void {
  if (typeof window === 'undefined') return;
  const url = new URL(window.location.href);
  url.searchParams.set(name, value);
  window.history.replaceState(window.history.state, '', url);
}
