// Pasting several numbers into one box of an answer grid fills the boxes from there on, row by
// row, as a spreadsheet does: tab-separated (copied from a spreadsheet), newline- or space-separated.

/** The grid's entries after pasting `text` into entry `at`, or null for an ordinary one-value paste. */
export function spreadPaste(entries: readonly string[], at: number, text: string): string[] | null {
  const parts = text.trim().split(/[\t\r\n ]+/).filter((s) => s !== '');
  if (parts.length < 2) return null;
  const out = [...entries];
  for (let k = 0; k < parts.length && at + k < out.length; k++) out[at + k] = parts[k];
  return out;
}
