// Chapter 1 end to end (the foundation's requirement): open the chapter, change an input and a
// weight in the forward-pass explorer, and check every displayed z and a against the engine's
// feedforward for that state; bad input keeps the last good values; URL state round-trips.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext, Locator } from 'playwright-core';
import { launch } from './harness';
import { expectSameModel, expectShown, num, openWidget, typeInto, widgetAxe } from './widget-helpers';
import { createNetwork, feedforward, toJSON, type Network } from '../../src/engine/index.ts';
import { encodeForward, forwardDefaults } from '../../components/widgets/ForwardPass-state';
import { fieldText } from '../../components/kit/format';

const PATH = '/chapters/01-forward-pass/';
let context: BrowserContext;
beforeAll(async () => {
  context = await launch();
});
afterAll(async () => {
  await context?.close();
});

async function expectAllShown(root: Locator, net: Network, x: number[]) {
  const ff = feedforward(net, x);
  for (let l = 1; l < net.sizes.length; l++) {
    for (let j = 0; j < net.sizes[l]; j++) {
      expectShown(await num(root, `fp-z-${l}-${j + 1}`), ff.zs[l - 1][j]);
      expectShown(await num(root, `fp-a-${l}-${j + 1}`), ff.as[l][j]);
    }
  }
}

describe('ForwardPass widget (chapter 1)', () => {
  it('shows the engine’s z and a for every neuron, after changing an input and a weight', async () => {
    const { page, problems, root } = await openWidget(context, PATH, 'forward-pass');
    const net = createNetwork({ sizes: [2, 3, 2], seed: 1 });
    await expectAllShown(root, net, [1, 0.5]);

    // Change the input x1 = 0.3: every activation downstream follows the engine.
    await typeInto(root, 'fp-x1', '0.3');
    await expectAllShown(root, net, [0.3, 0.5]);
    // The displayed output activation equals the engine's value for that input.
    expectShown(await num(root, 'fp-a-2-1'), feedforward(net, [0.3, 0.5]).as[2][0]);

    // Pointing at hidden neuron 3 shows its sum and highlights row 3 of w¹ (the engine's numbers).
    await root.getByTestId('fp-diagram-n-1-3').hover();
    await expect.poll(() => root.getByTestId('fp-eq').textContent()).toMatch(/^z¹₃ = w¹₃₁·a⁰₁ \+ w¹₃₂·a⁰₂ \+ b¹₃ = /);
    expect(await root.locator('[data-testid="fp-wrow"] tbody tr:nth-child(3) td.wa-hot').count()).toBe(3);
    expect(await root.locator('[data-testid="fp-wrow"] td.wa-hot').count()).toBe(3);
    for (let k = 0; k < 2; k++) expectShown(await num(root, `fp-wrow-3-${k + 1}`), net.weights[0].get(2, k), 4);
    expectShown(await num(root, 'fp-wrow-3-3'), net.biases[0][2], 4);
    const eq3 = (await root.getByTestId('fp-eq').textContent()) ?? '';
    expectShown(Number(/ = ([-0-9.e]+);/.exec(eq3)![1]), feedforward(net, [0.3, 0.5]).zs[0][2]);

    // Keyboard: focus output neuron 2, which selects it; edit w²₂₁ and b²₂.
    await root.getByTestId('fp-diagram-n-2-2').focus();
    await expect.poll(() => root.getByTestId('fp-eq').textContent()).toMatch(/^z²₂ = w²₂₁·a¹₁ \+ w²₂₂·a¹₂ \+ w²₂₃·a¹₃ \+ b²₂ = /);
    await typeInto(root, 'fp-w-2-2-1', '-1.5');
    await typeInto(root, 'fp-b-2-2', '0.25');
    net.weights[1].set(1, 0, -1.5);
    net.biases[1][1] = 0.25;
    await expectAllShown(root, net, [0.3, 0.5]);
    // The substituted sum names the weight just typed and ends with the engine's z.
    const eq = (await root.getByTestId('fp-eq').textContent()) ?? '';
    expect(eq).toContain('(-1.5)·');
    expect(eq).toContain('+ 0.25 =');

    // The model JSON is the engine's toJSON of the edited network, ready for fromJSON in a cell.
    await root.getByTestId('fp-model').locator('summary').click();
    expectSameModel(JSON.parse(await root.getByTestId('fp-model-text').inputValue()), toJSON(net));

    // The state is in the URL, the selected neuron (output 2: layer 2, neuron 2) included: a reload restores it.
    const fp = new URL(page.url()).searchParams.get('fp');
    expect(fp?.split(',').slice(0, 2)).toEqual(['0.3', '0.5']);
    expect(fp?.split(';')[1]).toBe('2,2');
    await page.reload();
    const again = page.locator('figure[data-widget="forward-pass"]');
    await again.scrollIntoViewIfNeeded();
    await expect.poll(async () => num(again, 'fp-x1')).toBe(0.3);
    await expectAllShown(again, net, [0.3, 0.5]);
    // The parameter fields are those of output neuron 2, holding the values typed before the reload.
    await expect.poll(async () => num(again, 'fp-w-2-2-1')).toBe(-1.5);
    expect(await num(again, 'fp-b-2-2')).toBe(0.25);
    expect(await again.getByTestId('fp-params').locator('legend').textContent()).toMatch(/output neuron 2/);

    expect(await page.locator('.katex-error').count()).toBe(0);
    expect(await widgetAxe(page, 'forward-pass')).toEqual([]);
    expect(problems).toEqual([]);
  });

  it('bad input shows a message inside the widget and keeps the last good state', async () => {
    const { problems, root } = await openWidget(context, PATH, 'forward-pass');
    const net = createNetwork({ sizes: [2, 3, 2], seed: 1 });
    for (const bad of ['', 'abc', 'NaN', '1e308']) {
      await typeInto(root, 'fp-x2', bad);
      await expect.poll(async () => root.locator('.widget-error[role="alert"]').count()).toBe(1);
      await expectAllShown(root, net, [1, 0.5]);
    }
    expect(await root.getByTestId('fp-error').textContent()).toMatch(/x2 must be in \[-10, 10\]/);
    expect(problems).toEqual([]);
  });

  it('an address selecting hidden neuron 3 opens with its weights to edit', async () => {
    const d = forwardDefaults();
    const { problems, root } = await openWidget(context, `${PATH}?fp=${encodeURIComponent(encodeForward({ ...d, selected: { l: 1, j: 2 } }))}`, 'forward-pass');
    await expect.poll(async () => root.getByTestId('fp-w-1-3-1').count()).toBe(1);
    expect(await root.getByTestId('fp-notice').count()).toBe(0);
    // the seeded weight is shown as the chapter prints it (4 significant digits, it fits the box)
    const w = d.p.weights[0][2][1];
    expect(await root.getByTestId('fp-w-1-3-2').inputValue()).toBe(fieldText(w));
    expect(fieldText(w).length).toBeLessThan(String(w).length);
    await expect.poll(() => root.getByTestId('fp-eq').textContent()).toMatch(/^z¹₃ = /);
    expect(problems).toEqual([]);
  });

  it.each(['1,2,oops', `${encodeForward(forwardDefaults()).split(';')[0]};3,1`, `${encodeForward(forwardDefaults()).split(';')[0]};1,9`, `${encodeForward(forwardDefaults()).split(';')[0]};x`])(
    'an invalid address falls back to the chapter’s network with a notice (fp=%s)',
    async (bad) => {
      const { problems, root } = await openWidget(context, `${PATH}?fp=${encodeURIComponent(bad)}`, 'forward-pass');
      await expect.poll(async () => root.getByTestId('fp-notice').textContent()).toMatch(/invalid setting/);
      await expectAllShown(root, createNetwork({ sizes: [2, 3, 2], seed: 1 }), [1, 0.5]);
      // the default selection: hidden neuron 1
      expect(await root.getByTestId('fp-w-1-1-1').count()).toBe(1);
      expect(problems).toEqual([]);
    },
  );

  it('is usable at phone width in the dark theme', async () => {
    const phone = await launch({ colorScheme: 'dark', viewport: { width: 375, height: 800 } });
    try {
      const { page, problems, root } = await openWidget(phone, PATH, 'forward-pass');
      const box = await root.boundingBox();
      expect(box!.width).toBeLessThanOrEqual(375);
      await typeInto(root, 'fp-x1', '-2');
      await expectAllShown(root, createNetwork({ sizes: [2, 3, 2], seed: 1 }), [-2, 0.5]);
      expect(await widgetAxe(page, 'forward-pass')).toEqual([]);
      expect(problems).toEqual([]);
    } finally {
      await phone.close();
    }
  });

  it('phone width (375 px): the network diagram labels render at least 11 px tall', async () => {
    const phone = await launch({ viewport: { width: 375, height: 800 } });
    try {
      const { page, problems, root } = await openWidget(phone, PATH, 'forward-pass');
      const svg = root.locator('svg.nd').first();
      await svg.scrollIntoViewIfNeeded();
      // The rendered size of a label: its computed font size times the svg's scale (CSS pixels
      // per viewBox unit). Measured for every text of the diagram once the layout has settled.
      const sizes = () =>
        svg.evaluate((el: SVGSVGElement) => {
          const scale = el.getBoundingClientRect().width / el.viewBox.baseVal.width;
          return [...el.querySelectorAll('text')].filter((t) => (t.textContent ?? '').trim() !== '').map((t) => parseFloat(getComputedStyle(t).fontSize) * scale);
        });
      await expect.poll(async () => Math.min(...(await sizes())), { timeout: 10_000 }).toBeGreaterThanOrEqual(11);
      expect((await sizes()).length).toBeGreaterThan(0);
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
      expect(problems).toEqual([]);
    } finally {
      await phone.close();
    }
  });
});
