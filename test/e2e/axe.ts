// axe-core over pages full of mathematics, made cheap without checking less. KaTeX draws every
// formula twice: MathML (what a screen reader reads, checked by axe) and an aria-hidden HTML copy
// for the eye — on chapter 3 some 18,000 of the page's 28,000 elements. axe builds its tree of the
// whole document on every run, whatever the run includes or excludes, so those copies cost seconds
// per run even when excluded (chapter 3: 6.1 s for the page with them excluded, 1.8 s with them set
// aside; a widget's run 4.0 s → 1.1 s). `asideKatexHtml` sets the copies outside `keep` aside for the
// run: each is replaced by an empty inline-block of its size (so the text around it keeps its place,
// to within 1 % of chapter 3's height, and a display formula's scroll box still scrolls), and put
// back afterwards. On chapters 3, 6 and 9 and the errata page, the full results of both ways (every
// rule's passes, incomplete and violations, node by node) were the same, apart from the placeholders
// themselves (passes of 'region' and 'avoid-inline-spacing', the only rules that apply to an empty
// span) and, on the errata, two text nodes next to formulas that axe could not decide ('incomplete')
// with the copies in place and passed without them.
import type { Page } from 'playwright-core';

/** The placeholders' attribute: exclude `[${ASIDE}]` from a run that covers them. */
export const ASIDE = 'data-qa-katex-aside';

/**
 * Set KaTeX's HTML copies aside (those not inside an element matching `keep`); the function
 * returned puts them back. Use in try/finally around the axe run.
 */
export async function asideKatexHtml(page: Page, keep?: string): Promise<() => Promise<void>> {
  await page.evaluate(({ keep, aside }) => {
    const w = window as unknown as { __qaAside?: [Element, Element][] };
    w.__qaAside = [...document.querySelectorAll('.katex-html')].filter((el) => !keep || el.closest(keep) === null).map((el) => {
      const r = el.getBoundingClientRect();
      const ph = document.createElement('span');
      ph.setAttribute(aside, '');
      ph.style.cssText = `display:inline-block;vertical-align:top;width:${Math.max(r.width, el.scrollWidth)}px;height:${r.height}px`;
      el.replaceWith(ph);
      return [ph, el];
    });
  }, { keep, aside: ASIDE });
  return async () => {
    await page.evaluate(() => {
      const w = window as unknown as { __qaAside?: [Element, Element][] };
      for (const [ph, el] of w.__qaAside ?? []) ph.replaceWith(el);
      delete w.__qaAside;
    });
  };
}
