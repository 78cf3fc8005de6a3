import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext } from 'playwright-core';
import { launch } from './harness';
import { expectShown, num, openWidget, typeInto, widgetAxe } from './widget-helpers';
import { sigmoid, quadratic, crossEntropy } from '../../src/engine/index.ts';

const PATH = '/chapters/08-cross-entropy/';
let context: BrowserContext;
beforeAll(async () => {
  context = await launch();
});
afterAll(async () => {
  await context?.close();
});

describe('CostShapes widget', () => {
  it('shows σ′(z) and both |∂C/∂z| at the chosen y and z, as the engine computes them', async () => {
    const { page, problems, root } = await openWidget(context, PATH, 'cost-shapes');
    await typeInto(root, 'cs-y', '0.25');
    await typeInto(root, 'cs-z', '-3');
    const z = Float64Array.of(-3);
    const a = sigmoid.fn(z);
    expectShown(await num(root, 'cs-a'), a[0]);
    expectShown(await num(root, 'cs-sigma-prime'), sigmoid.prime(z)[0]);
    expectShown(await num(root, 'cs-grad-quadratic'), Math.abs(quadratic.delta(z, a, [0.25], sigmoid)[0]));
    expectShown(await num(root, 'cs-grad-ce'), Math.abs(crossEntropy.delta(z, a, [0.25], sigmoid)[0]));
    await expect.poll(() => new URL(page.url()).searchParams.get('cs')).toBe('0.25,-3');
    expect(await widgetAxe(page, 'cost-shapes')).toEqual([]);
    expect(await root.locator('svg[role="img"]').count()).toBeGreaterThanOrEqual(2);
    expect(problems).toEqual([]);
  });

  it('bad y (out of range, text) shows a message and keeps the last numbers', async () => {
    const { problems, root } = await openWidget(context, PATH, 'cost-shapes');
    const before = await num(root, 'cs-grad-quadratic');
    for (const [bad, message] of [['1.5', /target y must be in \[0, 1\]/], ['abc', /is not a number; use digits/], ['1e308', /target y must be in/]] as const) {
      await typeInto(root, 'cs-y', bad);
      await expect.poll(async () => root.getByTestId('cs-error').textContent()).toMatch(message);
      expect(await num(root, 'cs-grad-quadratic')).toBe(before);
    }
    expect(problems).toEqual([]);
  });

  it.each(['2,abc', '0.5', '0.5,9', 'NaN,1', '0.5,1,2', ''])('a malformed address (cs=%s) gives the defaults (y = 0, z = 4) and a notice', async (bad) => {
    const { problems, root } = await openWidget(context, `${PATH}?cs=${encodeURIComponent(bad)}`, 'cost-shapes');
    await expect.poll(async () => root.getByTestId('cs-notice').textContent()).toMatch(/invalid setting .*showing the defaults/);
    expect(await num(root, 'cs-y')).toBe(0);
    expect(await num(root, 'cs-z')).toBe(4);
    const z = Float64Array.of(4);
    const a = sigmoid.fn(z);
    expectShown(await num(root, 'cs-a'), a[0]);
    expectShown(await num(root, 'cs-grad-quadratic'), Math.abs(quadratic.delta(z, a, [0], sigmoid)[0]));
    expectShown(await num(root, 'cs-grad-ce'), Math.abs(crossEntropy.delta(z, a, [0], sigmoid)[0]));
    expect(problems).toEqual([]);
  });
});
