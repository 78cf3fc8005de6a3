// Code cells in real Chromium: edit a cell, run it, see a number and a chart; an endless loop is
// stopped at the time limit while the page keeps answering clicks; a syntax error names its line;
// document.cookie / localStorage from a cell give an error; a reload keeps the edit; Reset
// restores the original; a session's cells share state through "Run all".
// Expected numbers come from the engine, never typed in here.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext, Page, Locator } from 'playwright-core';
import { launch, openPage, replaceEditorText, waitForIslands } from './harness';
import { sigmoidScalar } from '../../src/engine/index';
import { formatNumber } from '../../src/notebook/format';
import { readFileSync } from 'node:fs';
import { parseMnist } from '../../src/data/mnist';
import { bank } from '../../src/exercises/bank/index';
import type { CodeExercise } from '../../src/exercises/types';

let context: BrowserContext;
beforeAll(async () => { context = await launch(); });
afterAll(async () => { await context?.close(); });

const real = (problems: string[]) => problems.filter((p) => !/requestfailed: .* net::ERR_ABORTED/.test(p));

async function editorOf(page: Page, cell: Locator): Promise<Locator> {
  await cell.scrollIntoViewIfNeeded();
  await waitForIslands(page);
  const content = cell.locator('.cm-content');
  await content.waitFor({ timeout: 20_000 });
  return content;
}
async function runAndWait(cell: Locator, button = '.nb-run') {
  await cell.locator(button).click();
  await cell.locator('.nb-cell[data-status]:not([data-status="running"]), .nb-status:not([data-status="running"])').first().waitFor();
  await cell.page().waitForFunction((el) => el?.getAttribute('data-status') !== 'running', await cell.elementHandle(), { timeout: 30_000 });
}

describe('code cells', () => {
  it('edit, run: a number and a chart; errors; endless loop stopped while the page responds; reload keeps the edit', async () => {
    const { page, problems } = await openPage(context, '/chapters/07-learning-slowdown/');
    const cell = page.locator('.nb-cell[data-cell="slowdown"]');
    const content = await editorOf(page, cell);
    // the shipped cell runs and draws its chart
    await runAndWait(cell);
    expect(await cell.getAttribute('data-status')).toBe('ran');
    await expect.poll(() => cell.locator('.nb-output svg').count()).toBeGreaterThan(0);

    // edit: a number and a chart
    await replaceEditorText(page, content, 'import { sigmoidScalar } from "engine";\ndisplay(Plot.plot({ title: "e2e chart", marks: [Plot.lineY([1, 3, 2])] }));\nsigmoidScalar(0)');
    await runAndWait(cell);
    expect(await cell.getAttribute('data-status')).toBe('ran');
    await expect.poll(() => cell.locator('.nb-output pre.nb-value').last().textContent()).toBe(formatNumber(sigmoidScalar(0)));
    const svg = cell.locator('.nb-output figure.nb-chart svg');
    await svg.first().waitFor();
    expect(await svg.first().getAttribute('role')).toBe('img');
    expect(await cell.locator('.nb-output .nb-caption').first().textContent()).toContain('e2e chart');
    expect(await cell.locator('.nb-output path').count()).toBeGreaterThan(0);
    expect(await cell.locator('.nb-output script, .nb-output foreignObject').count()).toBe(0);

    // syntax error: the reader's line
    await replaceEditorText(page, content, 'const a = 1;\nconst b = (a + ;\n');
    await runAndWait(cell);
    expect(await cell.getAttribute('data-status')).toBe('error');
    expect(await cell.locator('.nb-output .nb-error').textContent()).toMatch(/^Syntax error \(line 2, column \d+\)/);

    // runtime error: message and line
    await replaceEditorText(page, content, 'const a = 1;\n\nthrow new RangeError("too big: " + a);');
    await runAndWait(cell);
    expect(await cell.locator('.nb-output .nb-error').textContent()).toBe('RangeError: too big: 1 (line 3, column 7)');

    // the page's cookies and storage are out of reach
    await page.evaluate(() => { document.cookie = 'secret=1; path=/'; });
    await replaceEditorText(page, content, 'document.cookie');
    await runAndWait(cell);
    expect(await cell.locator('.nb-output .nb-error').textContent()).toMatch(/document is not available in a code cell/);
    await replaceEditorText(page, content, 'localStorage.getItem("backprop-notebook/progress@1")');
    await runAndWait(cell);
    expect(await cell.locator('.nb-output .nb-error').textContent()).toMatch(/localStorage is not available in a code cell/);
    await replaceEditorText(page, content, 'self.localStorage');
    await runAndWait(cell);
    expect(await cell.locator('.nb-output .nb-error').textContent()).toMatch(/localStorage is not available in a code cell/);

    // an endless loop: stopped at the limit (1 s here), and the page answers a click meanwhile
    await cell.locator('.nb-limit input').fill('1');
    await replaceEditorText(page, content, 'let n = 0;\nwhile (true) { n++; }');
    await cell.locator('.nb-run').click();
    expect(await cell.getAttribute('data-status')).toBe('running');
    const hint = page.locator('[data-exercise] button', { hasText: 'Hint' }).first();
    await hint.scrollIntoViewIfNeeded();
    await hint.click();
    await page.locator('.ex-hints li').first().waitFor({ timeout: 5_000 });
    await page.waitForFunction((el) => el?.getAttribute('data-status') === 'stopped', await cell.elementHandle(), { timeout: 15_000 });
    expect(await cell.locator('.nb-message').textContent()).toMatch(/longer than its 1 s limit/);
    // a fresh worker runs the next cell
    await replaceEditorText(page, content, '6 * 7');
    await runAndWait(cell);
    expect(await cell.locator('.nb-output pre').last().textContent()).toBe('42');

    // reload keeps the edit; Reset restores the original
    await page.reload({ waitUntil: 'load' });
    const cell2 = page.locator('.nb-cell[data-cell="slowdown"]');
    const content2 = await editorOf(page, cell2);
    expect(await content2.textContent()).toBe('6 * 7');
    await cell2.locator('.nb-reset').click();
    expect(await content2.textContent()).toContain('neuronRun');
    expect(await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('backprop-notebook/cell@1:')))).toEqual([]);

    expect(real(problems)).toEqual([]);
  });

  it('a session: the second cell needs the first; Run all runs them in order', async () => {
    const { page, problems } = await openPage(context, '/chapters/05-worked-example/');
    const first = page.locator('.nb-cell[data-cell="forward"]');
    const second = page.locator('.nb-cell[data-cell="backward"]');
    await editorOf(page, first);
    await editorOf(page, second);
    await runAndWait(second);
    expect(await second.getAttribute('data-status')).toBe('error');
    expect(await second.locator('.nb-output .nb-error').textContent()).toMatch(/net is not defined/);
    await second.locator('.nb-run-all').click();
    await page.waitForFunction((el) => el?.getAttribute('data-status') === 'ran', await second.elementHandle(), { timeout: 30_000 });
    expect(await first.getAttribute('data-status')).toBe('ran');
    expect(await second.locator('.nb-output table').count()).toBe(2);

    // stopping a run resets the session: the cell above is marked stale and says why; Run all brings it back
    const content2 = await editorOf(page, second);
    await second.locator('.nb-limit input').fill('1');
    await replaceEditorText(page, content2, 'while (true) {}');
    await second.locator('.nb-run').click();
    await page.waitForFunction((el) => el?.getAttribute('data-status') === 'stopped', await second.elementHandle(), { timeout: 15_000 });
    expect(await second.locator('.nb-message').textContent()).toMatch(/session was reset.*Run all/);
    expect(await first.getAttribute('data-status')).toBe('stale');
    expect(await first.locator('.nb-message').textContent()).toMatch(/The session was reset \(stopped after 1 s\).*Run all/);
    await second.locator('.nb-reset').click();
    await second.locator('.nb-run-all').click();
    await page.waitForFunction((el) => el?.getAttribute('data-status') === 'ran', await second.elementHandle(), { timeout: 30_000 });
    expect(await first.getAttribute('data-status')).toBe('ran');
    expect(await second.locator('.nb-output table').count()).toBe(2);
    expect(real(problems)).toEqual([]);
  });

  it('the datasets: a cell loads MNIST from "data", shows its shape, draws a digit and trains; fetch itself stays blocked', async () => {
    const digits = parseMnist(readFileSync('public/data/mnist.bin'));
    const { page, problems } = await openPage(context, '/chapters/12-mnist/');
    const cell = page.locator('.nb-cell[data-cell="mnist-digits"]');
    const content = await editorOf(page, cell);
    await runAndWait(cell);
    expect(await cell.getAttribute('data-status')).toBe('ran');
    expect(await cell.locator('.nb-output pre.nb-log').first().textContent()).toContain(`of ${digits.rows}×${digits.cols} = ${digits.rows * digits.cols} pixels`);
    expect(await cell.locator('.nb-output .nb-caption').first().textContent()).toContain(`labelled ${digits.labels[0]}`);
    expect(await cell.locator('.nb-output figure.nb-chart svg rect').count()).toBeGreaterThan(100);
    expect(await cell.locator('.nb-output table thead th').allTextContents()).toEqual(['epoch', 'trainCost', 'testAccuracy']);
    expect(await cell.locator('.nb-output table tbody tr').count()).toBe(3);
    // the shape of what loadMnist gives, from an edited cell
    await replaceEditorText(page, content, 'import { loadMnist } from "data";\nconst d = await loadMnist({ trainCount: 7, testCount: 3 });\n[d.train.length, d.test.length, d.train[0].x.length, d.train[0].label]');
    await runAndWait(cell);
    expect(await cell.locator('.nb-output table tbody td').allTextContents()).toEqual(['7', '3', String(digits.rows * digits.cols), String(digits.labels[0])]);
    // the worker fetched the digits for the cell; the cell cannot fetch anything itself
    await replaceEditorText(page, content, 'await fetch("/data/mnist.bin")');
    await runAndWait(cell);
    expect(await cell.locator('.nb-output .nb-error').textContent()).toMatch(/fetch is not available in a code cell/);
    expect(real(problems)).toEqual([]);
  });

  it('the reader\'s own activation and own cost: checked, then trained, in the browser', async () => {
    for (const [path, id, charts] of [['/chapters/03-four-equations/', 'own-activation', 1], ['/chapters/08-cross-entropy/', 'compare-costs', 2]] as const) {
      const { page, problems } = await openPage(context, path);
      const cell = page.locator(`.nb-cell[data-cell="${id}"]`);
      await editorOf(page, cell);
      await runAndWait(cell);
      expect(await cell.getAttribute('data-status')).toBe('ran');
      expect(await cell.locator('.nb-output pre.nb-value').allTextContents()).toEqual([expect.stringMatching(/^✓ /)]);
      expect(await cell.locator('.nb-output figure.nb-chart').count()).toBe(charts);
      expect(await cell.locator('.nb-output .nb-caption').last().textContent()).toMatch(/Training cost per epoch with your (activation|cost)/);
      expect(real(problems)).toEqual([]);
    }
  });

  it('a code exercise: a wrong answer shows the first failing case, an endless loop is stopped, the right answer passes', async () => {
    const ex = bank['09-softmax'].find((e) => e.id === 'softmax-code') as CodeExercise;
    const { page, problems } = await openPage(context, '/chapters/09-softmax/');
    const card = page.locator(`[data-exercise="${ex.id}"]`);
    const content = await editorOf(page, card);
    const feedback = card.locator('.ex-feedback');
    // each check replaces the feedback text: wait until it differs from what was there before
    const check = async () => {
      const before = (await feedback.textContent()) ?? '';
      await card.locator('button[type=submit]').click();
      await page.waitForFunction(([el, prev]) => !!el?.querySelector('p') && el.textContent !== prev, [await feedback.elementHandle(), before] as const, { timeout: 20_000 });
      return (await feedback.textContent()) ?? '';
    };
    await replaceEditorText(page, content, ex.wrongCode);
    const wrong = await check();
    expect(await feedback.getAttribute('data-ok')).toBe('false');
    expect(wrong).toMatch(/Test \d+ of \d+ failed .*Input: .+Expected: .+Got: .+/);
    await replaceEditorText(page, content, `function ${ex.fnName}(z: Float64Array) { while (true) {} }`);
    expect(await check()).toMatch(/Stopped after 5 s/);
    await replaceEditorText(page, content, ex.referenceCode);
    expect(await check()).toContain(`All ${ex.cases({ seed: 1 }).length} hidden tests pass`);
    expect(await feedback.getAttribute('data-ok')).toBe('true');
    expect(real(problems)).toEqual([]);
  });
});
