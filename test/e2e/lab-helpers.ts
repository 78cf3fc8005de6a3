// Helpers for the lab end-to-end tests: open a lab widget with a long-task recorder installed
// before any page script runs, and read what it recorded.
import type { BrowserContext, Locator, Page } from 'playwright-core';
import { baseUrl, watch, waitForIslands } from './harness';

/** Installed before the page's own scripts: every main-thread long task (> 50 ms) is kept. */
const LONGTASK_RECORDER = `
  window.__longTasks = [];
  try {
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) window.__longTasks.push({ start: e.startTime, duration: e.duration });
    }).observe({ type: 'longtask', buffered: true });
  } catch (e) { window.__longTasks = null; }
`;

export async function openLab(context: BrowserContext, path: string, widget: string): Promise<{ page: Page; problems: string[]; root: Locator }> {
  const page = await context.newPage();
  await page.addInitScript(LONGTASK_RECORDER);
  const problems = watch(page);
  await page.goto(new URL(path, baseUrl()).href, { waitUntil: 'load' });
  const root = page.locator(`figure[data-widget="${widget}"]`);
  await root.scrollIntoViewIfNeeded();
  await waitForIslands(page);
  return { page, problems, root };
}

export async function now(page: Page): Promise<number> {
  return page.evaluate(() => performance.now());
}

/** Long tasks that started in [from, to] (page clock, ms); throws if the recorder is unsupported. */
export async function longTasks(page: Page, from: number, to: number): Promise<{ start: number; duration: number }[]> {
  const all = await page.evaluate(() => (window as unknown as { __longTasks: { start: number; duration: number }[] | null }).__longTasks);
  if (all === null) throw new Error("this Chromium does not report 'longtask' entries");
  return all.filter((t) => t.start >= from && t.start <= to);
}

export async function text(root: Locator, testid: string): Promise<string> {
  return ((await root.getByTestId(testid).textContent()) ?? '').trim();
}

/** A percentage cell such as "87.5%" as a fraction (NaN for "–"). */
export async function fraction(root: Locator, testid: string): Promise<number> {
  const t = await text(root, testid);
  return t.endsWith('%') ? Number(t.slice(0, -1)) / 100 : NaN;
}

export async function commit(root: Locator, testid: string, value: string) {
  const field = root.getByTestId(testid);
  await field.fill(value);
  await field.press('Enter');
  await field.blur();
}
