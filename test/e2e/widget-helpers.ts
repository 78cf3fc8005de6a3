// Small helpers for the widget end-to-end tests: open a chapter, bring one widget into view and
// wait for it to hydrate, read a displayed number.
import type { BrowserContext, Locator, Page } from 'playwright-core';
import { expect } from 'vitest';
import { openPage, waitForIslands } from './harness';
import { asideKatexHtml } from './axe';

export async function openWidget(context: BrowserContext, path: string, widget: string): Promise<{ page: Page; problems: string[]; root: Locator }> {
  const { page, problems } = await openPage(context, path);
  const root = page.locator(`figure[data-widget="${widget}"]`);
  await root.scrollIntoViewIfNeeded();
  await waitForIslands(page);
  return { page, problems, root };
}

export async function num(root: Locator, testid: string): Promise<number> {
  const el = root.getByTestId(testid);
  const isField = await el.evaluate((node) => node instanceof HTMLInputElement);
  const text = isField ? await el.inputValue() : ((await el.textContent()) ?? '');
  return Number(text.replace('%', '').trim());
}

/** The displayed value (rounded to `digits` significant digits) agrees with the engine's. */
export function expectShown(shown: number, engine: number, digits = 6) {
  const tol = Math.max(Math.abs(engine) * 10 ** (1 - digits), 1e-12);
  expect(Math.abs(shown - engine)).toBeLessThanOrEqual(tol);
}

/** Type into a text field and commit it (change event). */
export async function typeInto(root: Locator, testid: string, text: string) {
  const field = root.getByTestId(testid);
  await field.fill(text);
  await field.press('Enter');
  await field.blur();
}

/** axe-core violations inside one widget (ids and the first offending node), for `toEqual([])`. */
export async function widgetAxe(page: Page, widget: string): Promise<string[]> {
  const { default: AxeBuilder } = await import('@axe-core/playwright');
  const scope = `figure[data-widget="${widget}"]`;
  // the formulas of the prose around the widget are set aside for the run (test/e2e/axe.ts); the widget's own stay
  const restore = await asideKatexHtml(page, scope);
  try {
    const result = await new AxeBuilder({ page }).include(scope).options({ resultTypes: ['violations'] }).analyze();
    return result.violations.map((v) => `${v.id}: ${v.nodes[0]?.html.slice(0, 100)}`);
  } finally {
    await restore();
  }
}

/**
 * A model JSON shown by a widget equals the engine's: the same fields and shapes, and numbers
 * equal to 1e-12 relative. (The browser's Math.log/Math.cos, used by the seeded Gaussian sampler,
 * may round the last bit differently from Node's, so exact equality would test V8, not the widget.)
 */
export function expectSameModel(shown: unknown, engine: unknown, path = 'model') {
  if (typeof engine === 'number') {
    expect(typeof shown, path).toBe('number');
    expect(Math.abs((shown as number) - engine), path).toBeLessThanOrEqual(1e-12 * Math.max(1, Math.abs(engine)));
  } else if (Array.isArray(engine)) {
    expect(Array.isArray(shown) && shown.length, path).toBe(engine.length);
    engine.forEach((e, i) => expectSameModel((shown as unknown[])[i], e, `${path}[${i}]`));
  } else if (engine && typeof engine === 'object') {
    expect(Object.keys(shown as object).sort(), path).toEqual(Object.keys(engine).sort());
    for (const [k, v] of Object.entries(engine)) expectSameModel((shown as Record<string, unknown>)[k], v, `${path}.${k}`);
  } else expect(shown, path).toEqual(engine);
}
