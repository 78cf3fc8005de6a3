// Exercises in real Chromium: one exercise of each kind answered wrong and right, progress kept
// across a reload, export → reset → import on the progress page, corrupted store recovered.
// Expected answers come from the bank (which computes them), never typed in here.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFile } from 'node:fs/promises';
import type { BrowserContext, Page, Locator } from 'playwright-core';
import { launch, openPage, waitForIslands } from './harness';
import { bank } from '../../src/exercises/bank/index';
import { paramsFor } from '../../src/exercises/grade';
import { STORE_KEY } from '../../src/exercises/progress';

const CH = '09-softmax';
const PATH = `/chapters/${CH}/`;
let context: BrowserContext;
beforeAll(async () => { context = await launch(); });
afterAll(async () => { await context?.close(); });

const ex = (id: string) => bank[CH].find((e) => e.id === id)! as any;
async function ready(page: Page): Promise<number> {
  await page.locator('.exercises').scrollIntoViewIfNeeded();
  await waitForIslands(page);
  await page.waitForFunction((k) => localStorage.getItem(k) !== null, STORE_KEY);
  return page.evaluate((k) => JSON.parse(localStorage.getItem(k)!).seed as number, STORE_KEY);
}
// a reload aborts requests still in flight (fonts, island chunks); those are not faults of the page
const real = (problems: string[]) => problems.filter((p) => !/requestfailed: .* net::ERR_ABORTED/.test(p));
const card = (page: Page, id: string) => page.locator(`[data-exercise="${id}"]`);
async function check(c: Locator) {
  await c.locator('button[type=submit]').click();
  await c.locator('.ex-feedback p').waitFor();
}

describe('exercises', () => {
  it('each kind right and wrong; progress survives a reload', async () => {
    const { page, problems } = await openPage(context, PATH);
    const seed = await ready(page);

    // number
    const n = card(page, 'softmax-jacobian-entry');
    await n.locator('input.ex-input').fill('not a number');
    await n.locator('input.ex-input').press('Enter');
    await expect.poll(() => n.locator('.ex-feedback').textContent()).toMatch(/not a number/);
    await expect.poll(() => page.evaluate(() => document.activeElement?.className)).toBe('ex-feedback');
    await n.locator('input.ex-input').fill(String(ex('softmax-jacobian-entry').answer(paramsFor(ex('softmax-jacobian-entry'), seed))));
    await check(n);
    await expect.poll(() => n.locator('.ex-feedback').getAttribute('data-ok')).toBe('true');

    // grid
    const g = card(page, 'softmax-values');
    const ans: number[] = ex('softmax-values').answer(paramsFor(ex('softmax-values'), seed));
    const cells = g.locator('input.ex-cell');
    // a known wrong route (the exponentials, not normalised) is named in the feedback
    const slip = ex('softmax-values').slips(paramsFor(ex('softmax-values'), seed))[0] as { values: number[]; message: string };
    for (let i = 0; i < ans.length; i++) await cells.nth(i).fill(String(slip.values[i]));
    await check(g);
    await expect.poll(() => g.locator('.ex-feedback').textContent()).toContain(slip.message);
    await expect.poll(() => cells.nth(0).getAttribute('aria-invalid')).toBe('true');
    for (let i = 0; i < ans.length; i++) await cells.nth(i).fill(String(i === 1 ? ans[i] + 0.3 : ans[i]));
    await check(g);
    await expect.poll(() => cells.nth(1).getAttribute('aria-invalid')).toBe('true');
    await cells.nth(1).fill(String(ans[1]));
    await check(g);
    await expect.poll(() => g.locator('.ex-feedback').getAttribute('data-ok')).toBe('true');

    // expression (slip named, preview rendered)
    const e = card(page, 'softmax-jacobian-expr');
    await e.locator('input.ex-input').fill('a a^T - diag(a)');
    await expect.poll(() => e.locator('.ex-preview .katex').count()).toBeGreaterThan(0);
    await check(e);
    await expect.poll(() => e.locator('.ex-feedback').textContent()).toMatch(/sign error/);
    await e.locator('input.ex-input').fill(ex('softmax-jacobian-expr').spec.reference);
    await check(e);
    await expect.poll(() => e.locator('.ex-feedback').getAttribute('data-ok')).toBe('true');

    // choice (misconception named)
    const c = card(page, 'softmax-props');
    const opts = ex('softmax-props').options as { id: string; correct: boolean; why?: string }[];
    const wrong = opts.find((o) => !o.correct)!;
    await c.locator(`input[value="${wrong.id}"]`).check();
    await check(c);
    await expect.poll(() => c.locator('.ex-feedback').getAttribute('data-ok')).toBe('false');
    await c.locator(`input[value="${wrong.id}"]`).uncheck();
    for (const o of opts.filter((o) => o.correct)) await c.locator(`input[value="${o.id}"]`).check();
    await check(c);
    await expect.poll(() => c.locator('.ex-feedback').getAttribute('data-ok')).toBe('true');

    await page.reload();
    await ready(page);
    for (const id of ['softmax-jacobian-entry', 'softmax-values', 'softmax-jacobian-expr', 'softmax-props']) {
      await expect.poll(() => card(page, id).getAttribute('data-status')).toBe('solved');
    }
    expect(real(problems)).toEqual([]);
    await page.close();
  });

  it('export, reset and re-import progress on the progress page; a foreign file is refused', async () => {
    const { page, problems } = await openPage(context, '/reference/progress/');
    await waitForIslands(page);
    const solvedCell = page.locator(`[data-chapter="${CH}"] .solved`);
    await expect.poll(() => solvedCell.textContent()).toBe('4');
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByText('Export progress (JSON)').click()]);
    const text = await readFile((await download.path())!, 'utf8');
    await page.getByText('Reset progress…').click();
    await page.getByText('Yes, erase').click();
    await expect.poll(() => solvedCell.textContent()).toBe('0');
    const file = page.locator('input[type=file]');
    await file.setInputFiles({ name: 'x.json', mimeType: 'application/json', buffer: Buffer.from('{"format":"something-else"}') });
    await expect.poll(() => page.locator('.progress-msg').textContent()).toMatch(/refused/);
    await expect.poll(() => solvedCell.textContent()).toBe('0');
    await file.setInputFiles({ name: 'p.json', mimeType: 'application/json', buffer: Buffer.from(text) });
    await expect.poll(() => solvedCell.textContent()).toBe('4');
    expect(real(problems)).toEqual([]);
    await page.close();
  });

  it('a corrupted store is reset with a notice and no console error', async () => {
    const { page, problems } = await openPage(context, PATH);
    await page.evaluate((k) => localStorage.setItem(k, '{corrupt'), STORE_KEY);
    await page.reload();
    await page.locator('.exercises').scrollIntoViewIfNeeded();
    await waitForIslands(page);
    await expect.poll(() => page.locator('.exercises .ex-notice').first().textContent()).toMatch(/reset/);
    expect(real(problems)).toEqual([]);
    await page.close();
  });
});
