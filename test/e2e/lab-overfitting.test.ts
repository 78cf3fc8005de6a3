import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext } from 'playwright-core';
import { launch } from './harness';
import { commit, fraction, openLab, text } from './lab-helpers';
import { widgetAxe } from './widget-helpers';
import { l2Factor } from '../../src/engine/index.ts';

const PATH = '/chapters/10-regularisation/';
let context: BrowserContext;
beforeAll(async () => {
  context = await launch();
});
afterAll(async () => {
  await context?.close();
});

describe('Overfitting and L2', () => {
  it('trains λ = 0 and λ > 0 side by side: accuracy rises, L2 keeps Σw² smaller', async () => {
    const { page, problems, root } = await openLab(context, PATH, 'overfitting');
    // A strong λ over few epochs, so the weight decay (1 − ηλ/n per step) is plain to see.
    expect(l2Factor(0.5, 20, 1000)).toBeLessThan(1);
    await commit(root, 'of-lambda', '20');
    await commit(root, 'of-epochs', '4');
    await root.getByTestId('of-train').click();
    await expect.poll(async () => [await text(root, 'of-epoch-0'), await text(root, 'of-epoch-1')], { timeout: 90_000 }).toEqual(['4', '4']);
    for (const i of [0, 1]) {
      expect(await fraction(root, `of-train-${i}`)).toBeGreaterThan(0.5);
      expect(await fraction(root, `of-test-${i}`)).toBeGreaterThan(0.5);
    }
    const norm = async (i: number) => Number(await text(root, `of-norm-${i}`));
    expect(await norm(1)).toBeLessThan(await norm(0));
    expect(await root.locator('svg[aria-label="Sum of squared weights per epoch for both runs"]').count()).toBe(1);
    // The held-out digits are "validation" everywhere in the widget, and a sentence says what the runs show.
    await expect.poll(() => text(root, 'of-verdict'), { timeout: 10_000 }).toMatch(/^After epoch 4: .*validation/);
    expect(await root.textContent()).not.toMatch(/\btest\b/);
    expect(new URL(page.url()).searchParams.get('ofl2')).toBe('20');
    expect(await widgetAxe(page, 'overfitting')).toEqual([]);
    expect(problems).toEqual([]);
  });

  it('rejects a negative λ, and λ = 0 for the regularised run (it would repeat the λ = 0 run), with a message; Train waits for a good λ', async () => {
    const { problems, root } = await openLab(context, PATH, 'overfitting');
    await commit(root, 'of-lambda', '-1');
    await expect.poll(() => text(root, 'of-error')).toContain('λ must be in');
    expect(await root.getByTestId('of-train').isDisabled()).toBe(true);
    await commit(root, 'of-lambda', '0');
    await expect.poll(() => text(root, 'of-error')).toContain('must be greater than 0: the other run already has λ = 0');
    expect(await root.getByTestId('of-train').isDisabled()).toBe(true);
    await commit(root, 'of-lambda', '2');
    await expect.poll(() => root.getByTestId('of-error').count()).toBe(0);
    expect(await root.getByTestId('of-train').isDisabled()).toBe(false);
    expect(problems).toEqual([]);
  });
});
