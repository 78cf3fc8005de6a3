// Chapter 3's PathSum and chapter 4's AutodiffGraph: the numbers shown equal the engine's
// (weightPaths and backprop; costGraph and backwardTrace), a bad input is reported in the widget and
// the last good value kept, a malformed address gives the defaults and a notice, a valid address is
// applied, the controls work from the keyboard, and axe finds nothing. One page load per case.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext, Locator } from 'playwright-core';
import { launch } from './harness';
import { expectShown, openWidget, typeInto, widgetAxe } from './widget-helpers';
import { backprop, fromJSON, weightPaths } from '../../src/engine/index.ts';
import { WORKED_MODEL, WORKED_X, WORKED_Y } from '../../src/data/worked-example';
import { adGraph, adNetwork, autodiffDefaults, type AutodiffState } from '../../components/widgets/AutodiffGraph-state';

let context: BrowserContext;
beforeAll(async () => {
  context = await launch();
});
afterAll(async () => {
  await context?.close();
});

const NET = fromJSON(WORKED_MODEL);

/** Every number the widget shows under a data-testid, in one browser call (testid → number). */
async function shown(root: Locator): Promise<Record<string, number>> {
  return root.evaluate((fig) =>
    Object.fromEntries([...fig.querySelectorAll('[data-testid]')].filter((el) => !(el instanceof HTMLInputElement)).map((el) => [el.getAttribute('data-testid'), Number((el.textContent ?? '').trim())])),
  );
}

async function expectPaths(root: Locator, layer: number, j: number, k: number, x: number[]) {
  const r = weightPaths(NET, x, WORKED_Y, layer, j, k);
  const bp4 = backprop(NET, x, WORKED_Y).nablaW[layer - 1].get(j, k);
  // wait for the state (the count and the sum), then check every number from one read
  await expect.poll(async () => { const v = await shown(root); return v['ps-count'] === r.paths.length && Math.abs(v['ps-sum'] - r.sum) <= 1e-5 * Math.abs(r.sum) + 1e-12; }).toBe(true);
  const v = await shown(root);
  for (let i = 0; i < r.paths.length; i++) expectShown(v[`ps-product-${i + 1}`], r.paths[i].product);
  expect(v[`ps-product-${r.paths.length + 1}`]).toBeUndefined();
  expectShown(v['ps-sum'], r.sum);
  expectShown(v['ps-bp4'], bp4);
}

describe('PathSum widget (chapter 3)', () => {
  it('a malformed address gives the defaults and a notice; every weight’s paths and sum equal the engine’s; bad input is refused', async () => {
    const { page, problems, root } = await openWidget(context, '/chapters/03-four-equations/?ps=9-9-9;1,2,3', 'path-sum');
    await expect.poll(() => root.getByTestId('ps-notice').textContent()).toMatch(/invalid setting \(ps=9-9-9;1,2,3\)/);
    expect(await root.getByTestId('ps-weight').inputValue()).toBe('1-1-1');
    await expectPaths(root, 1, 0, 0, WORKED_X);
    // a weight of layer 2 from the keyboard-reachable select, then a new input
    await root.getByTestId('ps-weight').selectOption('2-2-3');
    await expectPaths(root, 2, 1, 2, WORKED_X);
    await typeInto(root, 'ps-x2', '−0.75'); // U+2212 minus is accepted
    await expectPaths(root, 2, 1, 2, [WORKED_X[0], -0.75, WORKED_X[2]]);
    await expect.poll(() => new URL(page.url()).searchParams.get('ps')).toBe(`2-2-3;${WORKED_X[0]},-0.75,${WORKED_X[2]}`);
    await root.getByTestId('ps-weight').selectOption('1-3-2');
    await expectPaths(root, 1, 2, 1, [WORKED_X[0], -0.75, WORKED_X[2]]);
    await typeInto(root, 'ps-x1', 'abc');
    await expect.poll(() => root.getByTestId('ps-error').textContent()).toMatch(/x₁/);
    await expectPaths(root, 1, 2, 1, [WORKED_X[0], -0.75, WORKED_X[2]]);
    // (axe runs on this page in the site-pages gate, which covers this widget; not repeated here)
    expect(problems).toEqual([]);
  });
});

async function expectGraph(root: Locator, s: AutodiffState) {
  const { trace } = adGraph(s.inputs);
  const first = trace.order[0].data;
  await expect.poll(async () => { const v = await shown(root); return v['ad-stepno'] === s.step && Math.abs(v['ad-value-1'] - first) <= 1e-5 * Math.abs(first) + 1e-12; }).toBe(true);
  const v = await shown(root);
  for (let i = 0; i < trace.order.length; i++) {
    expectShown(v[`ad-value-${i + 1}`], trace.order[i].data);
    expectShown(v[`ad-grad-${i + 1}`], trace.grads[s.step][i]);
  }
}

describe('AutodiffGraph widget (chapter 4)', () => {
  it('applies its address, steps the backward pass by keyboard with every value and grad equal to the engine’s, ends at backprop’s gradients', async () => {
    const inputs = { x: 0.5, y: 1, w1: 0.8, b1: -0.3, w2: 1.2, b2: 0.1 };
    const { page, problems, root } = await openWidget(context, '/chapters/04-algorithm/?ad=0.5,1,0.8,-0.3,1.2,0.1;3', 'autodiff-graph');
    await expect.poll(() => root.getByTestId('ad-w2').inputValue()).toBe('1.2');
    await expectGraph(root, { inputs, step: 3 });
    const total = adGraph(inputs).trace.steps.length;
    for (let s = 4; s <= total; s++) await root.getByTestId('ad-step').press('Enter');
    await expectGraph(root, { inputs, step: total });
    expect(await root.getByTestId('ad-step').isDisabled()).toBe(true);
    const bp = backprop(adNetwork(inputs), [inputs.x], [inputs.y]);
    const engine = [bp.nablaW[0].get(0, 0), bp.nablaB[0][0], bp.nablaW[1].get(0, 0), bp.nablaB[1][0]];
    const v = await shown(root);
    for (let i = 0; i < 4; i++) {
      expectShown(v[`ad-auto-${i + 1}`], engine[i]);
      expectShown(v[`ad-bp-${i + 1}`], engine[i]);
    }
    await root.getByTestId('ad-back').press('Enter');
    await expectGraph(root, { inputs, step: total - 1 });
    await root.getByTestId('ad-reset').click();
    await expectGraph(root, { inputs, step: 0 });
    // a bad entry is refused and the graph keeps the last good value; a good one recomputes it
    await typeInto(root, 'ad-x', '1e308');
    await expect.poll(() => root.getByTestId('ad-error').textContent()).toMatch(/x/);
    await expectGraph(root, { inputs, step: 0 });
    await typeInto(root, 'ad-x', '-2');
    await expectGraph(root, { inputs: { ...inputs, x: -2 }, step: 0 });
    expect(await widgetAxe(page, 'autodiff-graph')).toEqual([]);
    expect(problems).toEqual([]);
  });

  it('a malformed address gives the defaults and a notice', async () => {
    const { problems, root } = await openWidget(context, '/chapters/04-algorithm/?ad=1,2,3;99', 'autodiff-graph');
    await expect.poll(() => root.getByTestId('ad-notice').textContent()).toMatch(/invalid setting \(ad=1,2,3;99\)/);
    await expectGraph(root, autodiffDefaults());
    expect(problems).toEqual([]);
  });
});
