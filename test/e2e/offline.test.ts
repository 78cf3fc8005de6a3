// Offline: one online visit to the home page installs the service worker (public/sw.js), which
// precaches every page and built asset listed in dist/sw-manifest.json. Then, with the browser
// context cut from the network, every page (from the sitemap) still opens, its islands hydrate,
// a code cell runs, the MNIST lab says plainly that its digits need the network once, and it works
// offline with its data once that was loaded online.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { launch, openPage, waitForIslands } from './harness';
import { htmlOf, routesWith, sitemapRoutes } from './site';
import { searchUrls } from './search';

let context: BrowserContext;
beforeAll(async () => {
  context = await launch({ serviceWorker: true });
});
afterAll(async () => {
  await context?.setOffline(false).catch(() => {});
  await context?.close();
});

async function swReady(page: Page) {
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
  });
  // controlling this page (clients.claim) means install, so the precache, has finished
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null, undefined, { timeout: 60_000 });
}

describe('offline after one visit', () => {
  it('every page opens offline, islands hydrate, a code cell runs', async () => {
    try {
      await offlineWalk();
    } finally {
      await context.setOffline(false);
    }
  });

  async function offlineWalk() {
    const { page, problems } = await openPage(context, '/');
    await swReady(page);
    expect(problems).toEqual([]);

    await context.setOffline(true);
    // search works offline: Pagefind's index was precached with the pages
    expect((await searchUrls(page, 'softmax')).length, 'offline search results').toBeGreaterThan(0);
    // the Source section is one template over many files: its first page stands for the rest
    const all = sitemapRoutes();
    const source = all.filter((r) => r.startsWith('/source/'));
    const routes = [...all.filter((r) => !r.startsWith('/source/')), ...source.slice(0, 2)];
    const failed: string[] = [];
    for (const route of routes) {
      const res = await page.goto(new URL(route, page.url()).href, { waitUntil: 'load' });
      if (!res || res.status() !== 200) {
        failed.push(`${route}: HTTP ${res?.status()}`);
        continue;
      }
      expect(await page.locator('h1').count(), route).toBeGreaterThan(0);
      await waitForIslands(page);
      if (htmlOf(route).includes('data-widget="mnist-lab"')) {
        // the digits were never loaded online: the lab says plainly that they need the network once
        await expect.poll(() => page.getByTestId('mn-error').textContent(), { timeout: 10_000 }).toMatch(/offline.*not been downloaded/);
        expect(await page.getByTestId('mn-retry').count()).toBe(1);
      }
    }
    expect(failed).toEqual([]);

    const cellRoutes = routesWith('data-cell="');
    if (cellRoutes.length) {
      await page.goto(new URL(cellRoutes[0], page.url()).href);
      const cell = page.locator('.nb-cell').first();
      await cell.scrollIntoViewIfNeeded();
      await waitForIslands(page);
      await cell.locator('.cm-content').waitFor({ timeout: 20_000 });
      await cell.locator('.nb-run').first().click();
      await expect.poll(() => cell.locator('.nb-output').first().textContent(), { timeout: 30_000 }).not.toBe('');
      expect(await cell.locator('.nb-output .nb-error').count(), 'the cell ran offline').toBe(0);
    } else console.log('offline: skipped the code cell check — no code cell in the build');

    expect(offlineProblems(problems)).toEqual([]);
    await page.close();
  }

  /**
   * The page's problems, less what going offline is expected to cause: aborted requests, and the
   * MNIST lab's one request for its digits where the browser does not know it is offline (Debian's
   * Chromium keeps navigator.onLine true under the test's network cut, so the lab asks, the request
   * fails, and the lab says it is offline), with the one console line Chromium logs for each such
   * failure. Any other resource that fails offline (a page or asset not precached) still shows.
   */
  function offlineProblems(problems: string[]): string[] {
    const digits = /^requestfailed: \S+\/data\/mnist\.bin net::ERR_FAILED$/;
    let logged = problems.filter((p) => digits.test(p)).length;
    return problems.filter((p) => {
      if (/net::ERR_ABORTED/.test(p) || digits.test(p)) return false;
      if (p === 'console.error: Failed to load resource: net::ERR_FAILED' && logged > 0) return (logged--, false);
      return true;
    });
  }

  it('the MNIST lab works offline once its data was loaded', async () => {
    const routes = routesWith('data-widget="mnist-lab"');
    if (!routes.length) {
      console.log('offline: skipped the MNIST lab check — no MNIST lab in the build');
      return;
    }
    const { page, problems } = await openPage(context, routes[0]);
    await swReady(page);
    const lab = page.locator('figure[data-widget="mnist-lab"]');
    await lab.scrollIntoViewIfNeeded();
    await waitForIslands(page);
    await page.getByTestId('mn-digits').waitFor({ timeout: 90_000 });

    await context.setOffline(true);
    try {
      await page.reload();
      await lab.scrollIntoViewIfNeeded();
      await waitForIslands(page);
      await page.getByTestId('mn-digits').waitFor({ timeout: 90_000 });
      expect(await page.getByTestId('mn-error').count()).toBe(0);
      expect(problems.filter((p) => !/net::ERR_ABORTED/.test(p))).toEqual([]);
    } finally {
      await context.setOffline(false);
    }
    await page.close();
  });
});
