import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { readableWords, readingMinutes, WORDS_PER_FORMULA, WORDS_PER_MINUTE } from '../../src/site/reading-time';

const words = (n: number) => Array.from({ length: n }, (_, i) => `word${i}`).join(' ');

describe('reading time of a chapter', () => {
  it('counts prose words and ignores frontmatter, imports, exports, tags and code fences', () => {
    const mdx = [
      '---', 'title: "A title with five words"', '---', '',
      "import Eq from '../../components/Eq.astro';",
      "export const net = createNetwork({ sizes: [2, 3] });",
      '', 'One two three.', '', '<Eq id="BP1" />', '<ForwardPass client:visible net={net} />',
      '```ts', 'const a = 1; const b = 2;', '```', 'four five',
    ].join('\n');
    expect(readableWords(mdx)).toBe(5);
  });

  it('counts each inline or display formula as WORDS_PER_FORMULA words', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 400 }), fc.integer({ min: 0, max: 20 }), fc.integer({ min: 0, max: 20 }), (n, inline, display) => {
        const mdx = words(n) + ' ' + Array(inline).fill('$a^l_j$').join(' and ').replace(/and/g, '') + '\n' + Array(display).fill('$$\n\\delta^L = \\nabla_a C\n$$').join('\n');
        expect(readableWords(mdx)).toBe(n + (inline + display) * WORDS_PER_FORMULA);
      }),
    );
  });

  it('rounds up to a multiple of 5 minutes at WORDS_PER_MINUTE, 5 at least', () => {
    expect(readingMinutes(words(1))).toBe(5);
    expect(readingMinutes(words(5 * WORDS_PER_MINUTE))).toBe(5);
    expect(readingMinutes(words(5 * WORDS_PER_MINUTE + 1))).toBe(10);
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 20_000 }), (n) => {
        const m = readingMinutes(words(n));
        expect(m % 5).toBe(0);
        expect(m * WORDS_PER_MINUTE).toBeGreaterThanOrEqual(n);
        expect(m === 5 || (m - 5) * WORDS_PER_MINUTE < n).toBe(true);
      }),
      { numRuns: 50 },
    );
  });
});
