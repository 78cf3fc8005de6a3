import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext } from 'playwright-core';
import { launch } from './harness';
import { commit, fraction, openLab, text } from './lab-helpers';
import { widgetAxe } from './widget-helpers';
import { readFileSync } from 'node:fs';
import { l2Factor } from '../../src/engine/index.ts';
import { packMnistSplit, parseMnist } from '../../src/data/mnist';
import { createSession } from '../../src/lab/session';
import { pct, fmt } from '../../components/kit/format';
import { L1_DEFAULTS, TRAIN_COUNT, VALIDATION_COUNT, earlyStopOf, overfittingConfig } from '../../components/lab/overfitting-state';

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
    await expect.poll(() => new URL(page.url()).searchParams.get('ofl2')).toBe('20');
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

describe('Overfitting and L1 (chapter 14)', () => {
  it('opens on L1 with its own defaults, trains λ = 0 and L1 side by side: the table holds the worker’s numbers, L1 has the smaller Σ|w| and more weights near 0, early stopping is marked; a bad patience gets a message', async () => {
    const { page, problems, root } = await openLab(context, '/chapters/14-overfitting/', 'overfitting');
    await expect.poll(() => root.locator('#of-reg').inputValue()).toBe('l1');
    await expect.poll(() => root.getByTestId('of-lambda').inputValue()).toBe(String(L1_DEFAULTS.lambda));
    await commit(root, 'of-epochs', '3');
    await commit(root, 'of-patience', '1');
    await root.getByTestId('of-train').click();
    await expect.poll(async () => [await text(root, 'of-epoch-0'), await text(root, 'of-epoch-1')], { timeout: 90_000 }).toEqual(['3', '3']);
    await expect.poll(() => text(root, 'of-verdict'), { timeout: 10_000 }).toMatch(/^After epoch 3: .*L1/);
    // The same two runs in Node, as the worker trains them: the page shows exactly these numbers.
    const { train, test } = packMnistSplit(parseMnist(readFileSync('public/data/mnist.bin')), { trainCount: TRAIN_COUNT, testCount: VALIDATION_COUNT });
    const settings = { ...L1_DEFAULTS, epochs: 3, patience: 1 };
    for (const [i, lambda] of [[0, 0], [1, L1_DEFAULTS.lambda]] as const) {
      const s = createSession(overfittingConfig(settings, lambda), { nIn: 784, nOut: 10, train, test }, () => {});
      while (s.work(1e9));
      const h = s.history[2];
      expect(await text(root, `of-train-${i}`)).toBe(pct(h.trainAccuracy, 1));
      expect(await text(root, `of-test-${i}`)).toBe(pct(h.testAccuracy, 1));
      expect(await text(root, `of-abs-${i}`)).toBe(fmt(h.weightNorm1));
      expect(await text(root, `of-small-${i}`)).toBe(pct(h.smallWeights, 1));
      const es = earlyStopOf(s.history, 1)!;
      expect(await text(root, `of-best-${i}`)).toBe(`${pct(es.bestValue, 1)} (${es.bestEpoch})`);
      expect(await text(root, `of-stop-${i}`)).toBe(String(es.stopEpoch ?? 'not yet'));
    }
    expect(Number(await text(root, 'of-abs-1'))).toBeLessThan(Number(await text(root, 'of-abs-0')));
    expect(await fraction(root, 'of-small-1')).toBeGreaterThan(await fraction(root, 'of-small-0'));
    expect(await root.locator('svg[aria-label="Sum of absolute weights per epoch for both runs"]').count()).toBe(1);
    await expect.poll(() => new URL(page.url()).searchParams.get('ofreg')).toBe('l1');
    // A patience that is not a whole number of epochs ≥ 1 gets a message, and Train waits.
    await commit(root, 'of-patience', '0');
    await expect.poll(() => text(root, 'of-error')).toContain('patience');
    expect(await root.getByTestId('of-train').isDisabled()).toBe(true);
    await commit(root, 'of-patience', '5');
    await expect.poll(() => root.getByTestId('of-error').count()).toBe(0);
    expect(await widgetAxe(page, 'overfitting')).toEqual([]);
    expect(problems).toEqual([]);
  });
});
