import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext } from 'playwright-core';
import { launch } from './harness';
import { expectShown, num, openWidget, typeInto, widgetAxe } from './widgetsB-helpers';
import { sampleSaturation } from '../../src/engine/saturation';

const PATH = '/chapters/11-initialisation/';
let context: BrowserContext;
beforeAll(async () => {
  context = await launch();
});
afterAll(async () => {
  await context?.close();
});

describe('InitSaturation widget', () => {
  it('shows the saturated fractions the engine samples for the chosen n_in and inputs', async () => {
    const { page, problems, root } = await openWidget(context, PATH, 'init-saturation');
    await typeInto(root, 'init-nin', '200');
    await root.getByTestId('init-inputs').selectOption('uniform');
    for (const init of ['standard', 'scaled'] as const) {
      const s = sampleSaturation({ nIn: 200, neurons: 1000, init, inputs: 'uniform', seed: 1, threshold: 0.01 });
      // Sampling runs in a worker: wait until the shown numbers are for this setting.
      await expect.poll(async () => Math.abs((await num(root, `init-sd-${init}`)) - s.predictedSd) < 1e-3 * s.predictedSd).toBe(true);
      await expect.poll(async () => root.locator('table[data-busy]').getAttribute('data-busy')).toBe('false');
      expectShown(await num(root, `init-sd-${init}`), s.predictedSd, 4);
      expectShown(await num(root, `init-frac-${init}`), 100 * s.saturatedFraction, 4);
      expectShown(await num(root, `init-pred-${init}`), 100 * s.predictedFraction, 4);
    }
    // The point of the chapter: scaled weights saturate far fewer neurons.
    expect(await num(root, 'init-frac-scaled')).toBeLessThan(await num(root, 'init-frac-standard'));
    expect(new URL(page.url()).searchParams.get('init')).toBe('200,1;uniform');
    expect(await widgetAxe(page, 'init-saturation')).toEqual([]);
    expect(await root.locator('svg[role="img"]').count()).toBe(2);
    expect(problems).toEqual([]);
  });

  it('n_in = 0, 2.5 or text shows a message and keeps the last numbers', async () => {
    const { problems, root } = await openWidget(context, PATH, 'init-saturation');
    const before = await num(root, 'init-frac-standard');
    for (const bad of ['0', '2.5', 'lots', '1e308']) {
      await typeInto(root, 'init-nin', bad);
      await expect.poll(async () => root.locator('.widget-error[role="alert"]').count()).toBe(1);
      expect(await num(root, 'init-frac-standard')).toBe(before);
    }
    expect(problems).toEqual([]);
  });
});
