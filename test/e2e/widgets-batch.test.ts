// Chapter 6, batch as matrices: the shapes, Z¹ and A¹ of the batch, each per-example outer product,
// their sum and the batch gradient all equal the engine's for the state set in the widget.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext, Locator } from 'playwright-core';
import { launch } from './harness';
import { expectShown, num, openWidget, typeInto, widgetAxe } from './widget-helpers';
import { backprop, batchBackprop, batchFeedforward, createNetwork, type Matrix } from '../../src/engine/index.ts';

const PATH = '/chapters/06-matrix-form/';
let context: BrowserContext;
beforeAll(async () => {
  context = await launch();
});
afterAll(async () => {
  await context?.close();
});

async function expectMatrix(root: Locator, testid: string, m: Matrix) {
  for (let i = 0; i < m.rows; i++) for (let j = 0; j < m.cols; j++) expectShown(await num(root, `${testid}-${i + 1}-${j + 1}`), m.get(i, j));
}

async function expectState(root: Locator, X: number[][], Y: number[][], layer: number) {
  const net = createNetwork({ sizes: [2, 3, 2], seed: 1 });
  const fwd = batchFeedforward(net, X);
  const batch = batchBackprop(net, X, Y);
  await expectMatrix(root, 'bm-Z', fwd.Zs[0]);
  await expectMatrix(root, 'bm-A', fwd.As[1]);
  await expectMatrix(root, 'bm-batch', batch.nablaW[layer - 1]);
  const per = X.map((x, i) => backprop(net, x, Y[i]));
  for (let i = 0; i < X.length; i++) await expectMatrix(root, `bm-per-${i + 1}`, per[i].nablaW[layer - 1]);
  // The displayed sum equals the engine's batch gradient (the chapter's claim), entry by entry.
  await expectMatrix(root, 'bm-sum', batch.nablaW[layer - 1]);
  for (let j = 0; j < net.sizes[layer]; j++) expectShown(await num(root, `bm-bias-${j + 1}-2`), batch.nablaB[layer - 1][j]);
  expect(await num(root, 'bm-diff')).toBeLessThan(1e-12);
  expect(await root.getByTestId('bm-shape-1').textContent()).toBe(`${X.length} × 2`);
  expect(await root.getByTestId('bm-shape-3').textContent()).toBe(`${X.length} × 3`);
  expect(await root.getByTestId('bm-shape-7').textContent()).toBe(layer === 1 ? '3 × 2' : '2 × 3');
}

describe('BatchMatrices widget (chapter 6)', () => {
  it('follows the engine as examples are edited, added, followed and the layer switched', async () => {
    const { page, problems, root } = await openWidget(context, PATH, 'batch-matrices');
    const X = [[1, 0.5], [0, -1], [0.5, 2]];
    const Y = [[1, 0], [0, 1], [1, 1]];
    await expectState(root, X, Y, 1);

    await typeInto(root, 'bm-x-2-1', '-1.25');
    X[1][0] = -1.25;
    await root.getByTestId('bm-add').click();
    await typeInto(root, 'bm-x-4-1', '0.75');
    await typeInto(root, 'bm-y-4-2', '0.5');
    X.push([0.75, 0]);
    Y.push([0, 0.5]);
    await root.getByTestId('bm-example').selectOption({ value: '3' });
    await expect.poll(() => root.locator('[data-testid="bm-Z"] tbody tr:nth-child(4) td.wa-hot').count()).toBe(3);
    await root.getByTestId('bm-layer').selectOption({ value: '2' });
    await expectState(root, X, Y, 2);
    expect(await num(root, 'bm-row-diff')).toBeLessThan(1e-12);
    await expect.poll(() => new URL(page.url()).searchParams.get('bm')).toBe('1,0.5,-1.25,-1,0.5,2,0.75,0;1,0,0,1,1,1,0,0.5;4;2');
    expect(await widgetAxe(page, 'batch-matrices')).toEqual([]);
    expect(problems).toEqual([]);
  });

  it('bad input and a bad address show a message and keep the last good batch', async () => {
    const { problems, root } = await openWidget(context, `${PATH}?bm=1,2,3;0;1;1`, 'batch-matrices');
    await expect.poll(() => root.getByTestId('bm-notice').count()).toBe(1);
    const X = [[1, 0.5], [0, -1], [0.5, 2]];
    const Y = [[1, 0], [0, 1], [1, 1]];
    for (const [id, bad, message] of [['bm-x-1-1', 'abc', /is not a number; use digits/], ['bm-x-1-2', '1e308', /must be in \[-10, 10\]/], ['bm-y-1-1', '2', /must be in \[0, 1\]/]] as const) {
      await typeInto(root, id, bad);
      await expect.poll(() => root.getByTestId('bm-error').textContent()).toMatch(message);
      await expectState(root, X, Y, 1);
    }
    expect(problems).toEqual([]);
  });
});

describe('BatchMatrices at phone width, dark theme', () => {
  it('stays inside the column and passes axe', async () => {
    const phone = await launch({ colorScheme: 'dark', viewport: { width: 375, height: 800 } });
    try {
      const { page, problems, root } = await openWidget(phone, PATH, 'batch-matrices');
      expect((await root.boundingBox())!.width).toBeLessThanOrEqual(375);
      await expectState(root, [[1, 0.5], [0, -1], [0.5, 2]], [[1, 0], [0, 1], [1, 1]], 1);
      expect(await widgetAxe(page, 'batch-matrices')).toEqual([]);
      expect(await widgetAxe(page, 'augmented-bias')).toEqual([]);
      expect(problems).toEqual([]);
    } finally {
      await phone.close();
    }
  });
});
