import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext } from 'playwright-core';
import { launch, waitForIslands } from './harness';
import { expectShown, num, openWidget, typeInto, widgetAxe } from './widget-helpers';
import { neuronRun, quadratic, crossEntropy } from '../../src/engine/index.ts';
import { DIVERGENCE_BOUND } from '../../components/widgets/Slowdown-state';

const PATH = '/chapters/07-learning-slowdown/';
let context: BrowserContext;
beforeAll(async () => {
  context = await launch();
});
afterAll(async () => {
  await context?.close();
});

describe('Slowdown widget', () => {
  it('shows the engine run for the chosen start and cost, and keeps it in the URL', async () => {
    const { page, problems, root } = await openWidget(context, PATH, 'slowdown');
    await root.getByTestId('sd-cost-crossEntropy').check();
    await typeInto(root, 'sd-w1', '1.5');
    const runs = [
      neuronRun({ w: 1.5, b: 0.9, eta: 0.15, epochs: 300, cost: crossEntropy, x: 1, y: 0 }),
      neuronRun({ w: 2, b: 2, eta: 0.15, epochs: 300, cost: crossEntropy, x: 1, y: 0 }),
    ];
    for (const r of [0, 1]) {
      const run = runs[r];
      const last = run.a.length - 1;
      expectShown(await num(root, `sd-w-${r + 1}`), run.w[last]);
      expectShown(await num(root, `sd-bias-${r + 1}`), run.b[last]);
      expectShown(await num(root, `sd-a-${r + 1}`), run.a[last]);
      expectShown(await num(root, `sd-c-${r + 1}`), run.cost[last]);
    }
    await expect.poll(() => new URL(page.url()).searchParams.get('sd')).toBe('1.5,0.9,2,2,0.15,300,ce,300');
    expect(await widgetAxe(page, 'slowdown')).toEqual([]);

    // Reset shows epoch 0 (the start itself); step advances one epoch.
    await root.getByTestId('sd-reset').click();
    expect(await num(root, 'sd-epoch')).toBe(0);
    await root.getByTestId('sd-step').click();
    expect(await num(root, 'sd-epoch')).toBe(1);
    expectShown(await num(root, 'sd-a-1'), runs[0].a[1]);
    await root.getByTestId('sd-step').click();
    expect(await num(root, 'sd-epoch')).toBe(2);
    // The epoch shown is part of the address.
    await expect.poll(() => new URL(page.url()).searchParams.get('sd')).toBe('1.5,0.9,2,2,0.15,300,ce,2');

    // Reload: the state and the epoch shown come back from the URL.
    await page.reload({ waitUntil: 'load' });
    const again = page.locator('figure[data-widget="slowdown"]');
    await again.scrollIntoViewIfNeeded();
    await waitForIslands(page);
    await expect.poll(async () => again.getByTestId('sd-cost-crossEntropy').isChecked()).toBe(true);
    await expect.poll(async () => num(again, 'sd-epoch')).toBe(2);
    for (const r of [0, 1]) {
      expectShown(await num(again, `sd-w-${r + 1}`), runs[r].w[2]);
      expectShown(await num(again, `sd-a-${r + 1}`), runs[r].a[2]);
    }
    expect(problems).toEqual([]);
  });

  it('play animates to the last epoch; the η slider works from the keyboard', async () => {
    const { problems, root } = await openWidget(context, PATH, 'slowdown');
    await root.getByTestId('sd-reset').click();
    expect(await num(root, 'sd-epoch')).toBe(0);
    await root.getByTestId('sd-play').click();
    await expect.poll(async () => num(root, 'sd-epoch'), { timeout: 20_000 }).toBe(300);
    await expect.poll(async () => root.getByTestId('sd-play').textContent()).toBe('Play');

    // Keyboard: one ArrowRight on the η slider moves η by its step (0.01) and reruns the engine.
    await root.getByLabel('η slider').focus();
    await root.getByLabel('η slider').press('ArrowRight');
    await expect.poll(async () => num(root, 'sd-eta')).toBe(0.16);
    const run = neuronRun({ w: 0.6, b: 0.9, eta: 0.16, epochs: 300, cost: quadratic, x: 1, y: 0 });
    expectShown(await num(root, 'sd-a-1'), run.a[run.a.length - 1]);
    expect(problems).toEqual([]);
  });

  it('rejects η beyond 10⁹, NaN, empty and 1e308 with a message and keeps the last good run', async () => {
    const { problems, root } = await openWidget(context, PATH, 'slowdown');
    const before = await num(root, 'sd-a-1');
    for (const [bad, message] of [['2e9', /η must be in \(0, 1000000000\]/], ['NaN', /not a finite number/], ['', /enter a number/], ['1e308', /η must be in/]] as const) {
      await typeInto(root, 'sd-eta', bad);
      await expect.poll(async () => root.getByTestId('sd-error').textContent()).toMatch(message);
      expect(await num(root, 'sd-a-1')).toBe(before);
    }
    expect(await root.getByTestId('sd-diverged').count()).toBe(0);
    expect(problems).toEqual([]);
  });

  it('every kit field reads numbers as the page prints them: the minus sign U+2212 is a minus; 0x1, 1e-400 and 0,5 are refused with a message naming the problem', async () => {
    const { page, problems, root } = await openWidget(context, PATH, 'slowdown');
    await typeInto(root, 'sd-w1', '\u22121.5');
    await expect.poll(() => new URL(page.url()).searchParams.get('sd')?.split(',')[0]).toBe('-1.5');
    expect(await root.getByTestId('sd-error').count()).toBe(0);
    const before = await num(root, 'sd-a-1');
    for (const [bad, message] of [['0x1', /hexadecimal/], ['1e-400', /too small to represent/], ['0,5', /decimal comma/]] as const) {
      await typeInto(root, 'sd-eta', bad);
      await expect.poll(async () => root.getByTestId('sd-error').textContent()).toMatch(message);
      expect(await root.getByTestId('sd-eta').getAttribute('aria-invalid')).toBe('true');
      expect(await num(root, 'sd-a-1')).toBe(before);
    }
    expect(problems).toEqual([]);
  });

  it('a huge η diverges: the runs stop at the epoch the engine reports, the widget says so and still works', async () => {
    const { page, problems, root } = await openWidget(context, PATH, 'slowdown');
    const eta = 1e8;
    await typeInto(root, 'sd-eta', String(eta));
    const runs = [
      neuronRun({ w: 0.6, b: 0.9, eta, epochs: 300, cost: quadratic, x: 1, y: 0, bound: DIVERGENCE_BOUND }),
      neuronRun({ w: 2, b: 2, eta, epochs: 300, cost: quadratic, x: 1, y: 0, bound: DIVERGENCE_BOUND }),
    ];
    const diverged = runs.map((r) => r.divergedAt).filter((d): d is number => d !== null);
    expect(diverged.length).toBeGreaterThan(0); // the engine says this η diverges
    const k = Math.min(...diverged);
    await expect.poll(async () => root.getByTestId('sd-diverged').textContent()).toMatch(new RegExp(`^diverged at epoch ${k} — try a smaller η`));
    expect(await root.getByTestId('sd-diverged').getAttribute('role')).toBe('alert');
    expect(await num(root, 'sd-epoch')).toBe(k);
    for (const r of [0, 1]) {
      // w and b have left [−10⁶, 10⁶]: shown in exponent form, three significant digits.
      expectShown(await num(root, `sd-w-${r + 1}`), runs[r].w[k], 3);
      expectShown(await num(root, `sd-bias-${r + 1}`), runs[r].b[k], 3);
      expectShown(await num(root, `sd-a-${r + 1}`), runs[r].a[k]);
    }
    expect(await root.getByTestId('sd-step').isDisabled()).toBe(true);
    // Play starts again from epoch 0 and stops at the divergence.
    await root.getByTestId('sd-play').click();
    await expect.poll(async () => num(root, 'sd-epoch')).toBe(k);
    await expect.poll(async () => root.getByTestId('sd-play').textContent()).toBe('Play');
    expect(await root.getByTestId('sd-diverged').count()).toBe(1);
    await expect.poll(() => new URL(page.url()).searchParams.get('sd')).toBe(`0.6,0.9,2,2,${eta},300,q,${k}`);
    expect(await widgetAxe(page, 'slowdown')).toEqual([]);

    // Back to a sensible η: no message, the full 300 epochs, the engine's numbers.
    await typeInto(root, 'sd-eta', '0.15');
    await expect.poll(async () => root.getByTestId('sd-diverged').count()).toBe(0);
    expect(await num(root, 'sd-epoch')).toBe(300);
    const run = neuronRun({ w: 0.6, b: 0.9, eta: 0.15, epochs: 300, cost: quadratic, x: 1, y: 0 });
    expectShown(await num(root, 'sd-a-1'), run.a[300]);
    expect(problems).toEqual([]);
  });

  it('an address with an epoch shows that epoch', async () => {
    const { problems, root } = await openWidget(context, `${PATH}?sd=0.6,0.9,2,2,0.15,300,q,42`, 'slowdown');
    await expect.poll(async () => num(root, 'sd-epoch')).toBe(42);
    const run = neuronRun({ w: 2, b: 2, eta: 0.15, epochs: 300, cost: quadratic, x: 1, y: 0 });
    expectShown(await num(root, 'sd-a-2'), run.a[42]);
    expectShown(await num(root, 'sd-c-2'), run.cost[42]);
    expect(problems).toEqual([]);
  });

  it.each(['oops', '0.6,0.9,2,2,0.15,300,q,301', '0.6,0.9,2,2,0.15,300,q,-1', '0.6,0.9,2,2,0.15,300,q,abc', '0.6,0.9,2,2,2e9,300,q,0'])(
    'falls back to the defaults with a notice when the URL state is invalid (sd=%s)',
    async (bad) => {
      const { problems, root } = await openWidget(context, `${PATH}?sd=${encodeURIComponent(bad)}`, 'slowdown');
      await expect.poll(async () => root.getByTestId('sd-notice').textContent()).toMatch(/invalid setting .*showing the defaults/);
      expect(await num(root, 'sd-epoch')).toBe(300);
      const run = neuronRun({ w: 0.6, b: 0.9, eta: 0.15, epochs: 300, cost: quadratic, x: 1, y: 0 });
      expectShown(await num(root, 'sd-a-1'), run.a[run.a.length - 1]);
      expect(problems).toEqual([]);
    },
  );
});
