// Every chapter in Chromium: no console errors, no KaTeX errors, at least one registered equation
// (<Eq>, rendered as [data-eq]) each with its two links, every <Eq> link lands on a real line
// anchor in the Source section, and prev/next walk the course in reading order.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext } from 'playwright-core';
import { chapters } from '../../src/chapters.mjs';
import { equations } from '../../src/equations';
import { baseUrl, launch, openPage, waitForIslands } from './harness';

let context: BrowserContext;
beforeAll(async () => {
  context = await launch();
});
afterAll(async () => {
  await context?.close();
});

const url = (slug: string) => `/chapters/${slug}/`;

/** '' when the page is no wider than the window, else the outermost element that sticks out past it. */
const sidewaysOverflow = () => {
  const width = document.documentElement.clientWidth;
  if (document.documentElement.scrollWidth <= width) return '';
  const contained = (el: Element) => {
    for (let a = el.parentElement; a && a !== document.body; a = a.parentElement) if (getComputedStyle(a).overflowX !== 'visible') return true;
    return false;
  };
  const culprit = [...document.querySelectorAll('body *')].find((el) => el.getBoundingClientRect().right > width + 1 && !contained(el) && el.parentElement!.getBoundingClientRect().right <= width + 1);
  return `${document.documentElement.scrollWidth} px wide at ${width} px: ${culprit ? `<${culprit.tagName.toLowerCase()} class="${culprit.getAttribute('class') ?? ''}"> “${(culprit.textContent ?? '').trim().slice(0, 60)}”` : 'no single element found'}`;
};
const anchorsChecked = new Map<string, string>();

describe('every chapter', () => {
  it.each(chapters.map((c, i) => [c.slug, i] as const))('%s renders cleanly, links its equations and has prev/next', async (slug, i) => {
    const { page, problems } = await openPage(context, url(slug));
    expect(await page.locator('h1').first().textContent()).toBe(chapters[i].title);
    expect(await page.locator('.katex-error').count()).toBe(0);
    expect(await page.locator('.katex math').count()).toBeGreaterThan(0); // MathML kept for screen readers
    await waitForIslands(page);

    // At least one equation from the registry, each known to it, shown once, with both links.
    const eqIds = await page.locator('[data-eq]').evaluateAll((els) => els.map((e) => e.getAttribute('data-eq')!));
    expect(eqIds.length, `${slug} renders no registered equation (<Eq id="…" />)`).toBeGreaterThanOrEqual(1);
    for (const id of eqIds) expect(equations.some((e) => e.id === id), `${slug}: [data-eq="${id}"] is not in src/equations.ts`).toBe(true);
    expect(new Set(eqIds).size, `${slug} renders an equation twice (duplicate anchor id)`).toBe(eqIds.length);
    expect(await page.locator('[data-eq] [data-eq-link="impl"]').count()).toBe(eqIds.length);
    expect(await page.locator('[data-eq] [data-eq-link="test"]').count()).toBe(eqIds.length);

    // Each equation links to its implementation and its test, at a line that exists.
    const links = await page.locator('[data-eq-link]').evaluateAll((as) => as.map((a) => (a as HTMLAnchorElement).getAttribute('href')!));
    for (const href of links) {
      const [path, hash] = href.split('#');
      expect(hash, `${href} names a line`).toMatch(/^L\d+$/);
      if (!anchorsChecked.has(path)) {
        const res = await context.request.get(new URL(path, baseUrl()).href);
        expect(res.status(), path).toBe(200);
        anchorsChecked.set(path, await res.text());
      }
      expect(anchorsChecked.get(path)).toContain(`id="${hash}"`);
    }

    // On a phone (390 px, every island hydrated) the page does not scroll sideways: a wide formula,
    // table or editor scrolls inside its own box. The message names the element that sticks out.
    await page.setViewportSize({ width: 390, height: 844 });
    await expect.poll(() => page.evaluate(sidewaysOverflow), { timeout: 5_000 }).toBe('');

    // Prev/next follow the reading order.
    // (read only the links that must exist: a locator that matches nothing waits for its timeout;
    // the first chapter has no "previous" link, which cost every run 30 s)
    if (i + 1 < chapters.length) expect(await page.locator('a[rel="next"]').first().getAttribute('href')).toBe(url(chapters[i + 1].slug));
    if (i > 0) expect(await page.locator('a[rel="prev"]').first().getAttribute('href')).toBe(url(chapters[i - 1].slug));
    else expect(await page.locator('a[rel="prev"]').count()).toBe(0);
    expect(problems).toEqual([]);
    await page.close();
  });
});
