// Regressions from the learner's pass over the built site (issue 14), all CSS, on a 390 px phone:
// chapter 3 and the home page. A code exercise's editor must not widen the page; controls in a row
// must not be pushed down by the page's prose spacing; exercise buttons look like the widgets'.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext } from 'playwright-core';
import { hydrateAtLoad, launch, openPage, waitForIslands } from './harness';

let context: BrowserContext;
beforeAll(async () => { context = await launch({ viewport: { width: 390, height: 844 } }); });
afterAll(async () => { await context?.close(); });

describe('learner pass (phone, chapter 3)', () => {
  it('code editors scroll inside their box, rows stay aligned, exercise buttons use the kit style', async () => {
    const { page } = await openPage(context, '/chapters/03-four-equations/', async (p) => { await p.addInitScript(hydrateAtLoad); });
    await waitForIslands(page);
    // the code exercises' editors (CodeMirror, loaded lazily) are in place
    await expect.poll(() => page.locator('.exercise .ex-code-editor .cm-content').count()).toBeGreaterThan(0);

    // 1. the page does not scroll sideways (the editors' longest lines made it 866 px wide)
    const widths = await page.evaluate(() => ({ doc: document.documentElement.scrollWidth, view: innerWidth }));
    expect(widths.doc).toBeLessThanOrEqual(widths.view);
    // …and each editor is no wider than its exercise card
    const editors = await page.evaluate(() => [...document.querySelectorAll('.exercise .ex-code-editor')].map((e) => ({
      editor: e.getBoundingClientRect().right, card: e.closest('.exercise')!.getBoundingClientRect().right,
    })));
    expect(editors.length).toBeGreaterThan(0);
    for (const e of editors) expect(e.editor).toBeLessThanOrEqual(e.card);

    // 2. in a row of controls (widget rows, a cell's Run/Reset/time limit), an item is either on the
    //    same line as the one before it (same top) or wrapped below it — never shifted part-way down
    const misaligned = await page.evaluate(() => {
      const bad: string[] = [];
      for (const row of document.querySelectorAll('.widget .wb-row, .nb-actions')) {
        const items = [...row.children].filter((c) => c.getClientRects().length > 0).map((c) => ({ c, r: c.getBoundingClientRect() }));
        for (let i = 1; i < items.length; i++) {
          const a = items[i - 1].r, b = items[i].r;
          const sameLine = Math.abs(a.top - b.top) < 1 || Math.abs(a.top + a.height / 2 - (b.top + b.height / 2)) < 1;
          const wrapped = b.top >= a.bottom - 1;
          if (!sameLine && !wrapped) bad.push(`${row.className}: “${items[i].c.textContent?.trim()}” ${Math.round(b.top - a.top)} px below “${items[i - 1].c.textContent?.trim()}”`);
        }
      }
      return bad;
    });
    expect(misaligned).toEqual([]);

    // 3. an exercise's Check button has the kit's button look (the widgets' buttons), not the browser's
    const look = await page.evaluate(() => {
      const pick = (b: Element) => { const s = getComputedStyle(b); return { bg: s.backgroundColor, color: s.color, radius: s.borderRadius }; };
      return { exercise: pick(document.querySelector('.exercise button[type=submit]')!), widget: pick(document.querySelector('.widget button')!) };
    });
    expect(look.exercise).toEqual(look.widget);
  });

  it('the home page\'s chapter table fits a phone without scrolling sideways', async () => {
    const { page } = await openPage(context, '/');
    const table = await page.locator('.chapter-list').evaluate((t) => ({ scroll: t.scrollWidth, client: t.clientWidth }));
    expect(table.scroll).toBeLessThanOrEqual(table.client);
  });
});
