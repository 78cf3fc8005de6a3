// Helpers for the lab end-to-end tests: open a lab widget, commit values to its fields, read its
// text, and leave its page as a reader would.
import { expect } from 'vitest';
import type { BrowserContext, Locator, Page } from 'playwright-core';
import { baseUrl, watch, waitForIslands } from './harness';

export async function openLab(context: BrowserContext, path: string, widget: string): Promise<{ page: Page; problems: string[]; root: Locator }> {
  const page = await context.newPage();
  const problems = watch(page);
  await page.goto(new URL(path, baseUrl()).href, { waitUntil: 'load' });
  const root = page.locator(`figure[data-widget="${widget}"]`);
  await root.scrollIntoViewIfNeeded();
  await waitForIslands(page);
  return { page, problems, root };
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

/** Close the page as a reader leaving it (beforeunload runs) and return the dialogs it raised. */
export async function leave(page: Page): Promise<string[]> {
  const dialogs: string[] = [];
  page.on('dialog', (d) => {
    dialogs.push(d.type());
    void d.accept();
  });
  await page.close({ runBeforeUnload: true });
  await expect.poll(() => page.isClosed(), { timeout: 10_000 }).toBe(true);
  return dialogs;
}
