import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext } from 'playwright-core';
import { launch } from './harness';
import { expectShown, num, openWidget, typeInto, widgetAxe } from './widget-helpers';
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
      await expect.poll(async () => Math.abs((await num(root, `init-sd-pred-${init}`)) - s.predictedSd) < 1e-3 * s.predictedSd).toBe(true);
      await expect.poll(async () => root.locator('table[data-busy]').getAttribute('data-busy')).toBe('false');
      // "sd of z" is the sample sd of the z drawn; the predicted sd sits beside it, labelled so.
      expectShown(await num(root, `init-sd-${init}`), s.sampleSd, 4);
      expectShown(await num(root, `init-sd-pred-${init}`), s.predictedSd, 4);
      expectShown(await num(root, `init-frac-${init}`), 100 * s.saturatedFraction, 4);
      expectShown(await num(root, `init-pred-${init}`), 100 * s.predictedFraction, 4);
    }
    // The point of the chapter: scaled weights saturate far fewer neurons.
    expect(await num(root, 'init-frac-scaled')).toBeLessThan(await num(root, 'init-frac-standard'));
    await expect.poll(() => new URL(page.url()).searchParams.get('init')).toBe('200,1;uniform');
    expect(await widgetAxe(page, 'init-saturation')).toEqual([]);
    expect(await root.locator('svg[role="img"]').count()).toBe(2);
    expect(problems).toEqual([]);
  });

  it('n_in = 0, 2.5 or text shows a message and keeps the last numbers', async () => {
    const { problems, root } = await openWidget(context, PATH, 'init-saturation');
    const before = await num(root, 'init-frac-standard');
    for (const [bad, message] of [['0', /nᵢₙ must be in \[1, 1000\]/], ['2.5', /whole number/], ['lots', /is not a number; use digits/], ['1e308', /nᵢₙ must be in/]] as const) {
      await typeInto(root, 'init-nin', bad);
      await expect.poll(async () => root.getByTestId('init-error').textContent()).toMatch(message);
      expect(await num(root, 'init-frac-standard')).toBe(before);
    }
    expect(problems).toEqual([]);
  });

  it.each(['0,1;bernoulli', '200,1;gaussian', '200,2.5;uniform', 'abc', '200;uniform', '200,1,1;uniform'])(
    'a malformed address (init=%s) gives the defaults and a notice',
    async (bad) => {
      const { problems, root } = await openWidget(context, `${PATH}?init=${encodeURIComponent(bad)}`, 'init-saturation');
      await expect.poll(async () => root.getByTestId('init-notice').textContent()).toMatch(/invalid setting .*showing the defaults/);
      expect(await num(root, 'init-nin')).toBe(1000);
      await expect.poll(async () => root.locator('table[data-busy]').getAttribute('data-busy')).toBe('false');
      for (const init of ['standard', 'scaled'] as const) {
        const s = sampleSaturation({ nIn: 1000, neurons: 1000, init, inputs: 'bernoulli', seed: 1, threshold: 0.01 });
        expectShown(await num(root, `init-sd-${init}`), s.sampleSd, 4);
        expectShown(await num(root, `init-frac-${init}`), 100 * s.saturatedFraction, 4);
      }
      expect(problems).toEqual([]);
    },
  );
});
