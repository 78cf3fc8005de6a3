// Chapter 13's GradientNorms widget (a deep network trained on digits in a worker) and chapter
// 11's Symmetry widget, in Chromium: the shown numbers are the engine's for the address's
// settings, Stop stops a run, bad input gets a message, and axe finds nothing inside them.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext } from 'playwright-core';
import { launch } from './harness';
import { expectShown, num, openWidget, typeInto, widgetAxe } from './widget-helpers';
import { mnistExample, parseMnist } from '../../src/data/mnist';
import { normsRun, type GnPoint } from '../../components/widgets/GradientNorms-state';
import { symmetrySide } from '../../components/widgets/Symmetry-state';

let context: BrowserContext;
beforeAll(async () => {
  context = await launch();
});
afterAll(async () => {
  await context?.close();
});

describe('GradientNorms widget', () => {
  it('a short run shows the norms the engine computes; the first layer learns slowest; bad input; Stop; axe', async () => {
    const settings = { activation: 'sigmoid', init: 'standard', digits: 60, epochs: 2, eta: 0.1, seed: 1 } as const;
    const { page, problems, root } = await openWidget(context, `/chapters/13-vanishing-gradients/?gn=sigmoid,standard,60,2,0.1,1`, 'gradient-norms');
    await expect.poll(async () => num(root, 'gn-digits')).toBe(60);
    await expect.poll(async () => num(root, 'gn-epochs')).toBe(2);
    await root.getByTestId('gn-train').click();
    await expect.poll(async () => root.getByTestId('gn-status').getAttribute('data-phase'), { timeout: 60_000 }).toBe('done');

    // the same run in Node on the same digits
    const data = parseMnist(readFileSync('public/data/mnist.bin'));
    const run = normsRun(Array.from({ length: 60 }, (_, i) => mnistExample(data, i)), settings);
    const points: GnPoint[] = [];
    for (let p = run.next(); p; p = run.next()) points.push(p as GnPoint);
    expect(await num(root, 'gn-epoch')).toBe(2);
    for (let l = 1; l <= 5; l++) {
      expectShown(await num(root, `gn-first-${l}`), points[0].norms[l - 1], 4);
      expectShown(await num(root, `gn-last-${l}`), points[2].norms[l - 1], 4);
    }
    // the chapter's point: in a sigmoid network the first hidden layer's biases learn slowest
    expect(await num(root, 'gn-last-1')).toBeLessThan(await num(root, 'gn-last-4'));
    expect(await root.locator('svg[role="img"]').count()).toBe(1);
    expect(await widgetAxe(page, 'gradient-norms')).toEqual([]);

    // bad input: a message, and the numbers of the run stay
    const before = await num(root, 'gn-last-1');
    for (const [bad, message] of [['5', /training digits must be in \[10, 8000\]/], ['lots', /is not a number/], ['20.5', /whole number/]] as const) {
      await typeInto(root, 'gn-digits', bad);
      await expect.poll(async () => root.getByTestId('gn-error').textContent()).toMatch(message);
      expect(await num(root, 'gn-last-1')).toBe(before);
    }
    await typeInto(root, 'gn-eta', '0');
    await expect.poll(async () => root.getByTestId('gn-error').textContent()).toMatch(/η must be in \(0, 100\]/);

    // Stop: a long run stops when asked, and the widget is ready for the next
    await typeInto(root, 'gn-eta', '0.1');
    await typeInto(root, 'gn-digits', '2000');
    await typeInto(root, 'gn-epochs', '50');
    await expect.poll(() => new URL(page.url()).searchParams.get('gn')).toBe('sigmoid,standard,2000,50,0.1,1');
    await root.getByTestId('gn-train').click();
    await expect.poll(async () => root.getByTestId('gn-status').getAttribute('data-phase'), { timeout: 30_000 }).toBe('training');
    await root.getByTestId('gn-stop').click();
    await expect.poll(async () => root.getByTestId('gn-status').getAttribute('data-phase')).toBe('stopped');
    expect(await root.getByTestId('gn-train').isEnabled()).toBe(true);
    expect(await root.getByTestId('gn-stop').isEnabled()).toBe(false);
    expect(await root.getByTestId('gn-status').textContent()).toMatch(/^stopped/);
    expect(problems).toEqual([]);
  });

  it('a malformed address gives the defaults and a notice', async () => {
    const { problems, root } = await openWidget(context, `/chapters/13-vanishing-gradients/?gn=sigmoid,xavier,60,2,0.1,1`, 'gradient-norms');
    await expect.poll(async () => root.getByTestId('gn-notice').textContent()).toMatch(/invalid setting .*showing the defaults/);
    expect(await num(root, 'gn-digits')).toBe(1000);
    expect(problems).toEqual([]);
  });
});

describe('Symmetry widget', () => {
  it('shows identical hidden neurons for the zero start and the engine’s numbers for the random one; bad input; axe', async () => {
    const { page, problems, root } = await openWidget(context, '/chapters/11-initialisation/?sym=300,2,3,he', 'symmetry');
    await expect.poll(async () => num(root, 'sym-steps')).toBe(300);
    const s = { steps: 300, eta: 2, seed: 3, init: 'he' } as const;
    const zero = symmetrySide('zero', s);
    const random = symmetrySide('he', s);
    await expect.poll(async () => num(root, 'sym-random-cost')).not.toBe(Number.NaN);
    expectShown(await num(root, 'sym-random-cost'), random.cost, 4);
    expectShown(await num(root, 'sym-zero-cost'), zero.cost, 4);
    expect(await num(root, 'sym-zero-spread')).toBe(0);
    expectShown(await num(root, 'sym-random-spread'), random.spread, 4);
    for (let j = 1; j <= 3; j++) {
      expect(await num(root, `sym-zero-w-${j}`)).toBe(await num(root, 'sym-zero-w-1'));
      expectShown(await num(root, `sym-random-w-${j}`), random.neurons[j - 1].w[0], 4);
    }
    await typeInto(root, 'sym-steps', '-3');
    await expect.poll(async () => root.getByTestId('sym-error').textContent()).toMatch(/steps must be in \[0, 5000\]/);
    expectShown(await num(root, 'sym-random-cost'), random.cost, 4);
    expect(await widgetAxe(page, 'symmetry')).toEqual([]);
    expect(problems).toEqual([]);
  });
});
