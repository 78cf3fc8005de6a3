// The home page's course overview, search ranking (chapters before engine source), and the sign
// that a wide formula scrolls sideways.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext } from 'playwright-core';
import { launch, openPage } from './harness';
import { chapters } from '../../src/chapters.mjs';
import { searchUrls } from './search';

let context: BrowserContext;
beforeAll(async () => {
  context = await launch();
});
afterAll(async () => {
  await context?.close();
});

describe('home page', () => {
  it('lists every chapter in reading order with a reading time and its exercises, and says what to know first', async () => {
    const { page, problems } = await openPage(context, '/');
    const rows = page.getByTestId('chapter-list').locator('tbody tr');
    expect(await rows.count()).toBe(chapters.length);
    for (let i = 0; i < chapters.length; i++) {
      const link = rows.nth(i).locator('a');
      expect(await link.getAttribute('href')).toBe(`/chapters/${chapters[i].slug}/`);
      expect(await link.textContent()).toBe(chapters[i].title);
      expect(await rows.nth(i).locator('td').nth(2).textContent()).toMatch(/^\d+ min$/);
      expect(Number(await rows.nth(i).locator('td').nth(3).textContent())).toBeGreaterThan(0);
    }
    expect(await page.getByRole('heading', { name: 'What you need first' }).count()).toBe(1);
    expect(problems).toEqual([]);
    await page.close();
  });
});

describe('search', () => {
  it.each(['softmax', 'sigmoid', 'cross-entropy', 'backprop', 'delta', 'gradient'])('ranks course pages above engine source for “%s”', async (q) => {
    const { page } = await openPage(context, '/');
    const urls = await searchUrls(page, q);
    expect(urls.length, `no results for ${q}`).toBeGreaterThan(0);
    expect(urls[0], urls.join(', ')).not.toMatch(/\/source\//);
    await page.close();
  });
});

describe('wide formulas', () => {
  it('a formula wider than a phone screen scrolls, is focusable, and shows a shadow where it continues', async () => {
    const phone = await launch({ viewport: { width: 375, height: 740 } });
    try {
      const { page } = await openPage(phone, '/chapters/03-four-equations/');
      const found = await page.evaluate(() => {
        const wide = [...document.querySelectorAll<HTMLElement>('.katex-display')].find((el) => el.scrollWidth > el.clientWidth + 4);
        if (!wide) return null;
        const style = getComputedStyle(wide);
        return { tabIndex: wide.tabIndex, attachment: style.backgroundAttachment, images: style.backgroundImage.match(/gradient\(/g)?.length ?? 0, overflow: style.overflowX };
      });
      expect(found, 'a formula wider than 375 px on chapter 3').not.toBeNull();
      expect(found).toEqual({ tabIndex: 0, attachment: 'local, local, scroll, scroll', images: 4, overflow: 'auto' });
    } finally {
      await phone.close();
    }
  });
});
