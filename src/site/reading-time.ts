// Build-time: how long a chapter takes to read, from its MDX source. The estimate counts the words
// of the prose a reader reads (frontmatter, import/export lines, JSX tags and code fences left
// out; each displayed or inline formula counted as a few words) at a stated reading speed.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** Words a minute for careful reading of technical prose (a deliberate, slow figure). */
export const WORDS_PER_MINUTE = 150;
/** A formula is read slower than prose: each counts as this many words. */
export const WORDS_PER_FORMULA = 8;

/** The words a reader reads in an MDX source, formulas counted as WORDS_PER_FORMULA each. */
export function readableWords(mdx: string): number {
  let text = mdx.replace(/^---\n[\s\S]*?\n---\n/, '');
  text = text.replace(/^```[\s\S]*?^```/gm, ' ');
  text = text.replace(/^(import|export)\s.*$/gm, ' ');
  let formulas = 0;
  text = text.replace(/\$\$[\s\S]*?\$\$|\$[^$\n]+\$/g, () => {
    formulas++;
    return ' ';
  });
  // JSX/HTML tags (self-closing or not) and their attributes, then JSX expressions
  text = text.replace(/<[^>]*>/g, ' ').replace(/\{[^{}]*\}/g, ' ');
  const words = text.split(/\s+/).filter((w) => /[A-Za-z0-9]/.test(w)).length;
  return words + formulas * WORDS_PER_FORMULA;
}

/** Minutes to read, rounded up to the next 5. */
export function readingMinutes(mdx: string): number {
  return Math.max(5, Math.ceil(readableWords(mdx) / WORDS_PER_MINUTE / 5) * 5);
}

export function chapterReadingMinutes(slug: string): number {
  return readingMinutes(readFileSync(join(process.cwd(), 'content/chapters', `${slug}.mdx`), 'utf8'));
}
