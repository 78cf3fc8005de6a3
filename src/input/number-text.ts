// The reading rules for a number a reader types, shared by every number field of the site (the
// widget kit's field and the exercise checkers). No DOM, no UI: pure functions, unit-tested.
//
// What the page itself prints must be accepted: KaTeX writes the minus sign as U+2212 (and a
// copied number brings it along), so it reads as "-". What JavaScript's Number() accepts but a
// reader never means is refused with a message: hexadecimal/binary/octal prefixes ("0x1",
// "0b11"), "Infinity", and literals that underflow to 0 ("1e-400") or overflow. A decimal comma
// ("0,25") gets a message that names it.

export type NumberText = { ok: true; text: string } | { ok: false; message: string };
export type NumberRead = { ok: true; value: number } | { ok: false; message: string };

/** Minus-like characters a page or a keyboard may produce: U+2212 minus, U+2013 en dash, U+FE63, U+FF0D. */
const MINUS_LIKE = /[\u2212\u2013\uFE63\uFF0D]/g;

/** One numeric literal inside a typed text: digits with an optional fraction and exponent. */
const LITERAL = /(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?/g;

/**
 * Normalise what the reader typed and refuse the forms a reader never means. Returns the text to
 * evaluate (minus signs made ASCII, surrounding space trimmed) or a message saying what is wrong.
 */
export function normalizeNumberText(raw: string): NumberText {
  const text = raw.replace(MINUS_LIKE, '-').replace(/\u00A0/g, ' ').trim();
  if (text === '') return { ok: false, message: 'Enter a number.' };
  if (/\b0[xXbBoO][0-9a-fA-F]/.test(text))
    return { ok: false, message: `“${text}” uses a hexadecimal, binary or octal prefix; write the number in decimal.` };
  if (/\d,\d/.test(text))
    return { ok: false, message: `“${text}” has a decimal comma; write the decimal point as “.” (e.g. 0.25).` };
  if (/infinity/i.test(text)) return { ok: false, message: `“${text}” is not a finite number.` };
  for (const m of text.matchAll(LITERAL)) {
    const lit = m[0];
    const v = Number(lit);
    if (!Number.isFinite(v)) return { ok: false, message: `“${lit}” is too large to represent (the largest is about 1.8e308).` };
    if (v === 0 && /[1-9]/.test(lit.split(/[eE]/)[0]))
      return { ok: false, message: `“${lit}” is too small to represent: it would be read as 0.` };
  }
  return { ok: true, text };
}

/** Read a plain decimal literal (e.g. "−0.25", "3e-2"): the rule for widget fields. */
export function readNumberLiteral(raw: string): NumberRead {
  const n = normalizeNumberText(raw);
  if (!n.ok) return n;
  if (!/^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/.test(n.text))
    return { ok: false, message: `“${n.text}” is not a number; use digits, a “.” and optionally e-notation (e.g. -0.25, 3e-2).` };
  return { ok: true, value: Number(n.text) };
}
