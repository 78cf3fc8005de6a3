// The backprop stepper on chapters 5 and 3: every number shown at each step (forward z and a, the
// cost, δ by BP1/BP2, the BP4 outer-product grid and BP3) equals the engine's for that state, the
// finite-difference table equals gradientCheck's, and bad input is reported inside the widget.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext, Locator } from 'playwright-core';
import { launch } from './harness';
import { expectSameModel, expectShown, num, openWidget, typeInto, widgetAxe } from './widget-helpers';
import { backprop, createNetwork, feedforward, fromJSON, gradientCheck, matTVec, quadratic, toJSON, type Network } from '../../src/engine/index.ts';
import { WORKED_EXAMPLE } from '../../components/widgets/BackpropStepper-state';
import { sub, sup } from '../../components/widgets/shared/notation';

let context: BrowserContext;
beforeAll(async () => {
  context = await launch();
});
afterAll(async () => {
  await context?.close();
});

const stepText = (root: Locator) => root.getByTestId('bs-step').textContent();

/** Walk every step with "Next step" and check each one's numbers against the engine. */
async function walk(root: Locator, net: Network, x: number[], y: number[]) {
  const L = net.sizes.length - 1;
  const ff = feedforward(net, x);
  const bp = backprop(net, x, y);
  const total = 3 * L + 2;
  expect(await stepText(root)).toMatch(new RegExp(`^Step 1 of ${total}\\.`));
  for (let l = 1; l <= L; l++) {
    await root.getByTestId('bs-next').press('Enter'); // keyboard operable
    await expect.poll(() => stepText(root)).toMatch(`Forward pass, layer ${l}`);
    for (let j = 0; j < net.sizes[l]; j++) {
      expectShown(await num(root, `bs-fwd-${j + 1}-1`), ff.zs[l - 1][j]);
      expectShown(await num(root, `bs-fwd-${j + 1}-2`), ff.as[l][j]);
    }
  }
  await root.getByTestId('bs-next').click();
  expectShown(await num(root, 'bs-cost'), quadratic.value(ff.as[L], y));
  await root.getByTestId('bs-next').click();
  expect(await stepText(root)).toMatch('BP1');
  for (let j = 0; j < net.sizes[L]; j++) expectShown(await num(root, `bs-delta-${j + 1}-3`), bp.deltas[L - 1][j]);
  for (let l = L - 1; l >= 1; l--) {
    await root.getByTestId('bs-next').click();
    expect(await stepText(root)).toMatch(`BP2, layer ${l}`);
    const back = matTVec(net.weights[l], bp.deltas[l]);
    const wT = net.weights[l].transpose();
    for (let j = 0; j < net.sizes[l]; j++) {
      expectShown(await num(root, `bs-delta-${j + 1}-1`), back[j]);
      expectShown(await num(root, `bs-delta-${j + 1}-3`), bp.deltas[l - 1][j]);
      for (let k = 0; k < net.sizes[l + 1]; k++) expectShown(await num(root, `bs-wT-${j + 1}-${k + 1}`), wT.get(j, k), 4);
    }
  }
  for (let l = L; l >= 1; l--) {
    await root.getByTestId('bs-next').click();
    expect(await stepText(root)).toMatch(`BP3 and BP4, layer ${l}`);
    for (let j = 0; j < net.sizes[l]; j++) {
      expectShown(await num(root, `bs-gb-${j + 1}-1`), bp.nablaB[l - 1][j]);
      for (let k = 0; k < net.sizes[l - 1]; k++) expectShown(await num(root, `bs-gw-${j + 1}-${k + 1}`), bp.nablaW[l - 1].get(j, k));
      // BP4 with the numbers substituted, one line per row j (line 1 is BP3):
      // ∂C/∂wˡⱼₖ = a^{l−1}ₖ δˡⱼ = (a^{l−1}) · δˡⱼ = (row j of the outer product).
      const line = (await root.getByTestId(`bs-line-${j + 2}`).textContent()) ?? '';
      const m = /^∂C\/∂w(\S+)ₖ = a\S+ₖ δ(\S+) = \(([^)]*)\) · \(?([^()\s]+)\)? = \(([^)]*)\)$/.exec(line);
      expect(m, line).not.toBeNull();
      const list = (t: string) => t.split(', ').map(Number);
      expect(m![1]).toBe(`${sup(l)}${sub(j + 1)}`);
      expect(m![2]).toBe(`${sup(l)}${sub(j + 1)}`);
      const as = list(m![3]);
      expect(as.length).toBe(net.sizes[l - 1]);
      as.forEach((v, k) => expectShown(v, ff.as[l - 1][k], 4));
      expectShown(Number(m![4]), bp.deltas[l - 1][j], 4);
      const row = list(m![5]);
      expect(row.length).toBe(net.sizes[l - 1]);
      row.forEach((v, k) => expectShown(v, bp.nablaW[l - 1].get(j, k)));
      // and the products are what the factors multiply to (BP4 itself, not just the engine's grid)
      row.forEach((v, k) => expectShown(v, ff.as[l - 1][k] * bp.deltas[l - 1][j]));
    }
    expect(await root.getByTestId(`bs-line-${net.sizes[l] + 2}`).count()).toBe(0);
  }
  expect(await root.getByTestId('bs-next').isDisabled()).toBe(true);
}

async function expectCheck(root: Locator, net: Network, x: number[], y: number[]) {
  await root.getByTestId('bs-check').click();
  const gc = gradientCheck(net, x, y);
  await expect.poll(() => root.getByTestId('bs-fd').count()).toBe(1);
  expect(await root.locator('[data-testid="bs-fd"] tbody tr').count()).toBe(gc.entries.length);
  for (let i = 0; i < gc.entries.length; i++) {
    expectShown(await num(root, `bs-fd-${i + 1}-bp`), gc.entries[i].backprop);
    expectShown(await num(root, `bs-fd-${i + 1}-num`), gc.entries[i].numeric);
    expect(await num(root, `bs-fd-${i + 1}-rel`)).toBeLessThan(1e-6);
  }
  expectShown(await num(root, 'bs-fd-max'), gc.maxRelError, 2);
}

describe('BackpropStepper widget', () => {
  it('chapter 5: the worked example, step by step and by finite differences, equals the engine', async () => {
    const { page, problems, root } = await openWidget(context, '/chapters/05-worked-example/', 'backprop-stepper');
    const net = fromJSON(WORKED_EXAMPLE);
    await walk(root, net, [1, 0.5, -1], [1]);
    await expect.poll(() => new URL(page.url()).searchParams.get('bs')).toBe('ex;1,0.5,-1;1;10');
    await root.getByTestId('bs-model').locator('summary').click();
    expect(JSON.parse(await root.getByTestId('bs-model-text').inputValue())).toEqual(WORKED_EXAMPLE);
    await expectCheck(root, net, [1, 0.5, -1], [1]);
    expect(await widgetAxe(page, 'backprop-stepper')).toEqual([]);

    // A new example (x, y) for the same network: back to the start, new numbers.
    await root.getByTestId('bs-x').fill('0.2, -0.7, 0.4');
    await root.getByTestId('bs-y').fill('0.3');
    await root.getByTestId('bs-apply-xy').click();
    await root.getByTestId('bs-reset').click();
    await walk(root, net, [0.2, -0.7, 0.4], [0.3]);
    expect(problems).toEqual([]);
  });

  it('chapter 3: a reader-chosen shape with seeded weights', async () => {
    const { page, problems, root } = await openWidget(context, '/chapters/03-four-equations/', 'backprop-stepper');
    await root.getByTestId('bs-custom').check();
    await root.getByTestId('bs-sizes').fill('2-4-3-2');
    await root.getByTestId('bs-seed').fill('7');
    await root.getByTestId('bs-build').click();
    const parse = async (id: string) => ((await root.getByTestId(id).inputValue()) ?? '').split(',').map(Number);
    const x = await parse('bs-x');
    const y = await parse('bs-y');
    expect(x.length).toBe(2);
    expect(y.length).toBe(2);
    const net = createNetwork({ sizes: [2, 4, 3, 2], seed: 7 });
    await walk(root, net, x, y);
    await expectCheck(root, net, x, y);
    await root.getByTestId('bs-model').locator('summary').click();
    expectSameModel(JSON.parse(await root.getByTestId('bs-model-text').inputValue()), toJSON(net));
    // The state is in the URL and a reload restores it.
    await page.reload();
    const again = page.locator('figure[data-widget="backprop-stepper"]');
    await again.scrollIntoViewIfNeeded();
    await expect.poll(() => stepText(again)).toMatch(/^Step 11 of 11\./);
    expectShown(await num(again, 'bs-gw-1-1'), backprop(net, x, y).nablaW[0].get(0, 0));
    expect(await widgetAxe(page, 'backprop-stepper')).toEqual([]);
    expect(problems).toEqual([]);
  });

  it('bad shapes, inputs and addresses show a message and keep the last good network', async () => {
    const { problems, root } = await openWidget(context, '/chapters/05-worked-example/?bs=ex;1,2;1;0', 'backprop-stepper');
    await expect.poll(() => root.getByTestId('bs-notice').count()).toBe(1);
    const before = await root.getByTestId('bs-caption').textContent();
    await root.getByTestId('bs-custom').check();
    for (const [sizes, message] of [['2-9-1', /at most|must be in \[1, 4\]/], ['3', /give 2 to 5 layer sizes/], ['2-x-1', /is not a number; use digits/]] as const) {
      await root.getByTestId('bs-sizes').fill(sizes);
      await root.getByTestId('bs-build').click();
      await expect.poll(() => root.getByTestId('bs-error').textContent()).toMatch(message);
      expect(await root.getByTestId('bs-caption').textContent()).toBe(before);
    }
    for (const [xText, message] of [['1, abc, 2', /x entry 2/], ['1, 2', /enter 3 numbers/], ['1e308, 0, 0', /must be in \[-10, 10\]/]] as const) {
      await typeInto(root, 'bs-x', xText);
      await root.getByTestId('bs-apply-xy').click();
      await expect.poll(() => root.getByTestId('bs-error').textContent()).toMatch(message);
      expect(await root.getByTestId('bs-caption').textContent()).toBe(before);
    }
    expect(problems).toEqual([]);
  });
});

describe('BackpropStepper at phone width, dark theme', () => {
  it('stays inside the column, reads correctly and passes axe at a BP2 step', async () => {
    const phone = await launch({ colorScheme: 'dark', viewport: { width: 375, height: 800 } });
    try {
      const { page, problems, root } = await openWidget(phone, '/chapters/05-worked-example/?bs=ex;1,0.5,-1;1;6', 'backprop-stepper');
      expect((await root.boundingBox())!.width).toBeLessThanOrEqual(375);
      await expect.poll(() => stepText(root)).toMatch(/^Step 7 of 11\. BP2, layer 2/);
      const net = fromJSON(WORKED_EXAMPLE);
      const bp = backprop(net, [1, 0.5, -1], [1]);
      for (let j = 0; j < 2; j++) expectShown(await num(root, `bs-delta-${j + 1}-3`), bp.deltas[1][j]);
      expect(await widgetAxe(page, 'backprop-stepper')).toEqual([]);
      expect(problems).toEqual([]);
    } finally {
      await phone.close();
    }
  });
});
