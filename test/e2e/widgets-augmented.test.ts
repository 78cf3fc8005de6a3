// Chapter 6, augmented bias: w a + b and [w | b]·[a; 1] shown side by side equal the engine's
// values (matVec + addVec, and augmentedWeights/augmentRows) for the state set in the widget.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext, Locator } from 'playwright-core';
import { launch } from './harness';
import { expectShown, num, openWidget, typeInto, widgetAxe } from './widget-helpers';
import { Matrix, addVec, augmentRows, augmentedWeights, createNetwork, matVec } from '../../src/engine/index.ts';

const PATH = '/chapters/06-matrix-form/';
let context: BrowserContext;
beforeAll(async () => {
  context = await launch();
});
afterAll(async () => {
  await context?.close();
});

async function expectState(root: Locator, w: Matrix, b: number[], a: number[]) {
  const plain = addVec(matVec(w, a), b);
  const wb = augmentedWeights(w, b).transpose();
  const a1 = augmentRows([a]).row(0);
  for (let j = 0; j < 3; j++) {
    expectShown(await num(root, `ab-z1-${j + 1}-1`), plain[j]);
    expectShown(await num(root, `ab-z2-${j + 1}-1`), matVec(wb, a1)[j]);
    expectShown(await num(root, `ab-wb-${j + 1}-3`), b[j], 4);
    for (let k = 0; k < 2; k++) expectShown(await num(root, `ab-wb-${j + 1}-${k + 1}`), w.get(j, k), 4);
  }
  expect(await num(root, 'ab-a1-3-1')).toBe(1);
  expect(await num(root, 'ab-diff')).toBeLessThan(1e-12);
}

describe('AugmentedBias widget (chapter 6)', () => {
  it('both forms equal the engine’s after editing w, b and a', async () => {
    const { page, problems, root } = await openWidget(context, PATH, 'augmented-bias');
    const net = createNetwork({ sizes: [2, 3, 2], seed: 1 });
    const w = net.weights[0].clone();
    const b = Array.from(net.biases[0]);
    const a = [1, 0.5];
    await expectState(root, w, b, a);
    await typeInto(root, 'ab-w-2-1', '3.5');
    await typeInto(root, 'ab-b-3-1', '-2');
    await typeInto(root, 'ab-a-2-1', '-0.4');
    w.set(1, 0, 3.5);
    b[2] = -2;
    a[1] = -0.4;
    await expectState(root, w, b, a);
    await expect.poll(() => new URL(page.url()).searchParams.get('ab')?.split(';')[0]).toBe('1,-0.4');
    expect(await widgetAxe(page, 'augmented-bias')).toEqual([]);
    expect(problems).toEqual([]);
  });

  it('bad input and a bad address show a message and keep the last good values', async () => {
    const { problems, root } = await openWidget(context, `${PATH}?ab=1;2;3`, 'augmented-bias');
    await expect.poll(() => root.getByTestId('ab-notice').count()).toBe(1);
    const net = createNetwork({ sizes: [2, 3, 2], seed: 1 });
    for (const [id, bad, message] of [['ab-a-1-1', '', /enter a number/], ['ab-w-1-1', 'NaN', /not a finite number/], ['ab-b-1-1', '1e308', /must be in \[-10, 10\]/]] as const) {
      await typeInto(root, id, bad);
      await expect.poll(() => root.getByTestId('ab-error').textContent()).toMatch(message);
      await expectState(root, net.weights[0], Array.from(net.biases[0]), [1, 0.5]);
    }
    expect(problems).toEqual([]);
  });
});
