// Progress across tabs, a failing save, and the progress page inside another site's frame, in
// Chromium. Expected answers come from the bank (which computes them), never typed in here.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { BrowserContext, Locator, Page } from 'playwright-core';
import { baseUrl, launch, openPage, waitForIslands, watch } from './harness';
import { bank } from '../../src/exercises/bank/index';
import { paramsFor } from '../../src/exercises/grade';
import { STORE_KEY } from '../../src/exercises/progress';
import type { NumberExercise } from '../../src/exercises/types';

let context: BrowserContext;
beforeAll(async () => { context = await launch(); });
afterAll(async () => { await context?.close(); });

const real = (problems: string[]) => problems.filter((p) => !/requestfailed: .* net::ERR_ABORTED/.test(p));
const numberEx = (chapter: string) => bank[chapter].find((e) => e.kind === 'number') as NumberExercise;
const card = (page: Page, id: string) => page.locator(`[data-exercise="${id}"]`);

async function openChapter(path: string) {
  const opened = await openPage(context, path);
  await opened.page.locator('.exercises').scrollIntoViewIfNeeded();
  await waitForIslands(opened.page);
  await opened.page.waitForFunction((k) => localStorage.getItem(k) !== null, STORE_KEY);
  return opened;
}
const stored = (page: Page) => page.evaluate((k) => JSON.parse(localStorage.getItem(k)!), STORE_KEY);
/** answer a number exercise right (the bank's answer for this reader's seed and variant) */
async function solve(page: Page, ex: NumberExercise) {
  const p = await stored(page);
  const c = card(page, ex.id);
  await c.locator('input.ex-input').fill(String(ex.answer(paramsFor(ex, p.seed + (p.exercises[ex.id]?.variant ?? 0)))));
  await c.locator('button[type=submit]').click();
  await expect.poll(() => c.getAttribute('data-status')).toBe('solved');
}
const solvedCount = (row: Locator) => row.locator('.solved').textContent();

describe('progress in several tabs', () => {
  it('answers from two open tabs are both kept; the progress page follows live; a reset is not undone by a tab open before it', async () => {
    const a = numberEx('07-learning-slowdown');
    const b = numberEx('02-cost-and-error');
    const A = await openChapter('/chapters/07-learning-slowdown/');
    const B = await openChapter('/chapters/02-cost-and-error/');
    const P = await openPage(context, '/reference/progress/');
    await waitForIslands(P.page);
    const rowA = P.page.locator('[data-chapter="07-learning-slowdown"]');
    const rowB = P.page.locator('[data-chapter="02-cost-and-error"]');
    await expect.poll(() => solvedCount(rowA)).toBe('0');

    await solve(A.page, a);
    await solve(B.page, b); // B was opened before A's answer: it must not write over it
    const s = await stored(A.page);
    expect(s.exercises[a.id]?.solved).toBe(true);
    expect(s.exercises[b.id]?.solved).toBe(true);
    // the progress page, open all along, shows both without a reload; the other tab shows A's answer too
    await expect.poll(() => solvedCount(rowA)).toBe('1');
    await expect.poll(() => solvedCount(rowB)).toBe('1');
    await expect.poll(() => P.page.locator('.progress-total').textContent()).toMatch(/^2 of \d+ exercises solved/);

    // reset on the progress page, while A is still open with its old copy
    await P.page.getByText('Reset progress…').click();
    await P.page.getByText('Yes, erase').click();
    await expect.poll(() => solvedCount(rowA)).toBe('0');
    await expect.poll(() => card(A.page, a.id).getAttribute('data-status')).toBe('new'); // A saw the reset
    // A now answers another exercise: the reset stays (the earlier solves do not come back)
    const other = bank['07-learning-slowdown'].filter((e) => e.kind === 'number')[1] as NumberExercise;
    await solve(A.page, other);
    const after = await stored(A.page);
    expect(Object.keys(after.exercises)).toEqual([other.id]);
    await expect.poll(() => solvedCount(rowA)).toBe('1');
    await expect.poll(() => solvedCount(rowB)).toBe('0');

    for (const o of [A, B, P]) { expect(real(o.problems)).toEqual([]); await o.page.close(); }
  });

  it('a save that fails (storage full) is said instead of passing silently', async () => {
    const ex = numberEx('07-learning-slowdown');
    const { page, problems } = await openChapter('/chapters/07-learning-slowdown/');
    await page.evaluate(() => { Storage.prototype.setItem = () => { throw new DOMException('The quota has been exceeded.', 'QuotaExceededError'); }; });
    const c = card(page, ex.id);
    await c.locator('input.ex-input').fill('0.123');
    await c.locator('button[type=submit]').click();
    await expect.poll(() => page.locator('.ex-save-failed').textContent()).toMatch(/could not be saved/);
    await expect.poll(() => c.locator('.ex-feedback p').count()).toBe(1); // the answer was still checked
    expect(real(problems)).toEqual([]);
    await page.close();
  });
});

describe('the progress page inside another site’s frame', () => {
  it('refuses import and reset, and says why', async () => {
    const page = await context.newPage();
    const problems = watch(page);
    const target = new URL('/reference/progress/', baseUrl()).href;
    // a page of another origin (another port) that frames the progress page, served by this test
    const framer = createServer((_req, res) => { res.setHeader('content-type', 'text/html'); res.end(`<!doctype html><title>framing</title><iframe src="${target}" width="900" height="700"></iframe>`); });
    await new Promise<void>((ok) => framer.listen(0, '127.0.0.1', ok));
    await page.goto(`http://127.0.0.1:${(framer.address() as AddressInfo).port}/`);
    const frame = page.frameLocator('iframe');
    await expect.poll(() => frame.locator('.progress-framed').textContent(), { timeout: 20_000 }).toMatch(/inside another page’s frame/);
    expect(await frame.locator('input[type=file]').isDisabled()).toBe(true);
    expect(await frame.getByText('Reset progress…').isDisabled()).toBe(true);
    // the same page opened directly offers both
    const direct = await openPage(context, '/reference/progress/');
    await waitForIslands(direct.page);
    expect(await direct.page.locator('.progress-framed').count()).toBe(0);
    expect(await direct.page.getByText('Reset progress…').isDisabled()).toBe(false);
    expect(real(problems)).toEqual([]);
    expect(real(direct.problems)).toEqual([]);
    await page.close();
    await direct.page.close();
    framer.closeAllConnections();
    await new Promise((ok) => framer.close(ok));
  });
});
