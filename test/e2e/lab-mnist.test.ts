import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext, Locator, Page } from 'playwright-core';
import { launch } from './harness';
import { commit, leave, openLab, text } from './lab-helpers';
import { widgetAxe } from './widget-helpers';
import { createNetwork, fromJSON, predict, toJSON, type ModelJSON } from '../../src/engine/index.ts';
import { packMnistSplit, parseMnist } from '../../src/data/mnist';
import { createSession } from '../../src/lab/session';
import { FULL_OFFLINE, bookRun, reproduceRequest } from '../../components/lab/mnist-reproduce';
import { argmax, testReport, type DigitSet } from '../../components/lab/mnist-eval';
import { RECIPES, UPLOAD_WHILE_TRAINING, initialNetwork } from '../../components/lab/mnist-state';
import { PIXEL_SCALE } from '../../src/engine/fast/loop';

const PATH = '/chapters/12-mnist/';
let context: BrowserContext;
let page: Page;
let root: Locator;
let problems: string[];
let model: ModelJSON;

beforeAll(async () => {
  context = await launch({ serviceWorker: true });
  ({ page, root, problems } = await openLab(context, PATH, 'mnist-lab'));
});
afterAll(async () => {
  await context?.close();
});

/** Test digit i of the site's own data file, pixels / PIXEL_SCALE (as the page reads them). */
function testDigit(i: number): { x: Float64Array; label: number } {
  const data = parseMnist(readFileSync('public/data/mnist.bin'));
  const size = data.rows * data.cols;
  const k = data.trainCount + i;
  return { x: Float64Array.from(data.pixels.subarray(k * size, (k + 1) * size), (v) => v / PIXEL_SCALE), label: data.labels[k] };
}

/** All test digits of the fixed split (the last 2,000), as the page holds them. */
function testDigits(): DigitSet {
  const data = parseMnist(readFileSync('public/data/mnist.bin'));
  const size = data.rows * data.cols;
  const src = data.pixels.subarray(data.trainCount * size);
  return { count: data.count - data.trainCount, pixels: Float64Array.from(src, (v) => v / PIXEL_SCALE), labels: data.labels.slice(data.trainCount) };
}

describe('MNIST lab', () => {
  it('loads the digits, trains a few epochs in the worker with accuracy rising', async () => {
    await expect.poll(() => root.getByTestId('mn-digits').count(), { timeout: 30_000 }).toBe(1);
    await root.getByTestId('mn-recipe-improved').click();
    await commit(root, 'mn-hidden', '30');
    await commit(root, 'mn-epochs', '3');
    await commit(root, 'mn-trainCount', '2000');
    await root.getByTestId('mn-train').click();
    // While the run is under way a model cannot be uploaded.
    await expect.poll(() => root.getByTestId('mn-upload').isDisabled(), { timeout: 10_000 }).toBe(true);
    await expect.poll(() => text(root, 'mn-phase'), { timeout: 90_000 }).toBe('done');
    expect(await root.getByTestId('mn-upload').isDisabled()).toBe(false);
    expect(Number(await root.getByTestId('mn-epochs-done').textContent())).toBe(3);
    const acc = Number(await root.getByTestId('mn-test-acc').textContent());
    // Before training: the page's readout is the untrained network's test accuracy, as the engine
    // computes it here from the same config and seed (the worker builds the same network).
    await expect.poll(() => text(root, 'mn-test-acc-before'), { timeout: 20_000 }).not.toBe('');
    const before = Number(await text(root, 'mn-test-acc-before'));
    const config = { ...RECIPES.improved.config, hidden: 30, epochs: 3, trainCount: 2000 };
    expect(before).toBe(testReport(initialNetwork(config), testDigits(), 0).accuracy);
    expect(await text(root, 'mn-before')).toContain(`test accuracy ${(100 * before).toFixed(2)}%`);
    // Chance is 10%; three epochs on 2,000 digits reach far above it, and far above the start.
    expect(acc).toBeGreaterThan(0.7);
    expect(acc).toBeGreaterThan(before + 0.3);
    expect(await text(root, 'mn-caption')).toContain(`test accuracy ${(100 * acc).toFixed(2)}%`);
    expect(await text(root, 'mn-caption')).toContain('Nielsen');
    // Histograms of σ′(z) and |δ| arrived during training; the confusion matrix covers every test digit.
    expect(await root.locator('svg[aria-label="Histogram of sigma prime of z per layer"]').count()).toBe(1);
    await expect.poll(() => root.getByTestId('mn-confusion').count(), { timeout: 20_000 }).toBe(1);
    const cells = await root.getByTestId('mn-confusion').locator('tbody td').allTextContents();
    expect(cells.length).toBe(100);
    expect(cells.reduce((s, c) => s + Number(c), 0)).toBe(2000);
    expect(await root.getByTestId('mn-gallery').locator('canvas').count()).toBeGreaterThan(0);
    expect(await widgetAxe(page, 'mnist-lab')).toEqual([]);
  });

  it('downloads the model JSON; a picked test digit is classified as the engine classifies it', async () => {
    const [download] = await Promise.all([page.waitForEvent('download'), root.getByTestId('mn-download').click()]);
    model = JSON.parse(readFileSync((await download.path())!, 'utf8'));
    const net = fromJSON(model);
    expect(net.sizes).toEqual([784, 30, 10]);
    for (const i of [0, 7]) {
      await commit(root, 'mn-pick', String(i));
      await root.getByTestId('mn-show-pick').click();
      const { x } = testDigit(i);
      await expect.poll(async () => Number(await text(root, 'mn-pred-digit'))).toBe(argmax(predict(net, x)));
    }
  });

  it('a digit drawn with the mouse is preprocessed and gets a prediction', async () => {
    await root.getByTestId('mn-clear').click();
    const box = (await root.getByTestId('mn-pad').boundingBox())!;
    const at = (fx: number, fy: number) => [box.x + fx * box.width, box.y + fy * box.height] as const;
    // A "7": a top bar, then a diagonal down to the left.
    await page.mouse.move(...at(0.3, 0.25));
    await page.mouse.down();
    for (let i = 1; i <= 10; i++) await page.mouse.move(...at(0.3 + 0.04 * i, 0.25));
    for (let i = 1; i <= 12; i++) await page.mouse.move(...at(0.7 - 0.02 * i, 0.25 + 0.045 * i));
    await page.mouse.up();
    await expect.poll(() => root.getByTestId('mn-pred-digit').count()).toBe(1);
    expect(Number(await text(root, 'mn-pred-digit'))).toBeGreaterThanOrEqual(0);
    expect(Number(await text(root, 'mn-pred-digit'))).toBeLessThanOrEqual(9);
    // The preview holds the 28 × 28 input: ink present and centred.
    const ink = await root.getByTestId('mn-preview').evaluate((c: HTMLCanvasElement) => {
      const d = c.getContext('2d')!.getImageData(0, 0, 28, 28).data;
      let m = 0, mx = 0, my = 0;
      for (let i = 0; i < 784; i++) {
        const v = 1 - d[4 * i] / 255;
        m += v;
        mx += v * ((i % 28) + 0.5);
        my += v * (Math.floor(i / 28) + 0.5);
      }
      return { m, x: mx / m, y: my / m };
    });
    expect(ink.m).toBeGreaterThan(10);
    expect(Math.abs(ink.x - 14)).toBeLessThan(1);
    expect(Math.abs(ink.y - 14)).toBeLessThan(1);
  });

  it('uploads the downloaded model back; a malformed one shows the engine’s validation error', async () => {
    const before = await root.getByTestId('mn-confusion').locator('tbody td').allTextContents();
    await root.getByTestId('mn-upload').setInputFiles({ name: 'model.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(model)) });
    await expect.poll(() => text(root, 'mn-model')).toContain('784-30-10');
    await expect.poll(() => root.getByTestId('mn-confusion').locator('tbody td').allTextContents()).toEqual(before);
    expect(await root.getByTestId('mn-upload-error').count()).toBe(0);

    const broken = structuredClone(model) as unknown as { weights: unknown[][][] };
    broken.weights[1][3][2] = 'abc';
    let expected = '';
    try {
      fromJSON(broken);
    } catch (e) {
      expected = (e as Error).message;
    }
    expect(expected).not.toBe('');
    await root.getByTestId('mn-upload').setInputFiles({ name: 'broken.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(broken)) });
    await expect.poll(() => text(root, 'mn-upload-error')).toContain(expected);
    await root.getByTestId('mn-upload').setInputFiles({ name: 'junk.json', mimeType: 'application/json', buffer: Buffer.from('{ not json') });
    await expect.poll(() => text(root, 'mn-upload-error')).toContain('junk.json is not JSON');
    // The model in use is still the good one.
    expect(await text(root, 'mn-model')).toContain('784-30-10');
    expect(problems).toEqual([]);
  });

  it('refuses an upload while a run is training (the field is disabled, and a file that still arrives is refused); after Stop it is accepted', async () => {
    const other = toJSON(createNetwork({ sizes: [784, 5, 10], init: 'scaled', seed: 8 }));
    const send = (json: ModelJSON) =>
      root.getByTestId('mn-upload').evaluate((input: HTMLInputElement, text: string) => {
        // A file arriving by script (as from a file dialog opened before the run began): disabled or not.
        const dt = new DataTransfer();
        dt.items.add(new File([text], 'other.json', { type: 'application/json' }));
        input.files = dt.files;
        input.dispatchEvent(new Event('change', { bubbles: true }));
      }, JSON.stringify(json));
    // A run far longer than the test (60 epochs of 8,000 digits one at a time through 300 hidden
    // neurons, minutes even on the WebAssembly path), so Stop always finds it training
    await commit(root, 'mn-hidden', '300');
    await commit(root, 'mn-batchSize', '1');
    await commit(root, 'mn-trainCount', '8000');
    await commit(root, 'mn-epochs', '60');
    await root.getByTestId('mn-train').click();
    await expect.poll(() => text(root, 'mn-phase'), { timeout: 30_000 }).toBe('running');
    expect(await root.getByTestId('mn-upload').isDisabled()).toBe(true);
    expect(await text(root, 'mn-upload-busy')).toContain('stop the run');
    // The previous network's report stays during the run, marked as such (the worker sends this
    // run's when it ends).
    expect(await root.getByTestId('mn-report').getAttribute('data-stale')).toBe('true');
    expect(await text(root, 'mn-report-of')).toContain('previous network');
    await send(other);
    await expect.poll(() => text(root, 'mn-upload-error')).toBe(UPLOAD_WHILE_TRAINING);
    expect(await text(root, 'mn-model')).not.toContain('784-5-10');
    await root.getByTestId('mn-stop').click();
    await expect.poll(() => text(root, 'mn-phase'), { timeout: 30_000 }).toBe('stopped');
    // Stopped: the worker's report of the stopped network came with the end of the run.
    expect(await root.getByTestId('mn-report').getAttribute('data-stale')).toBeNull();
    expect(await text(root, 'mn-report-of')).toContain('current network');
    expect(await root.getByTestId('mn-upload').isDisabled()).toBe(false);
    await send(other);
    await expect.poll(() => text(root, 'mn-model')).toContain('784-5-10');
    expect(await root.getByTestId('mn-upload-error').count()).toBe(0);
    // An uploaded model's report is computed on the page, in slices: the engine's, cell for cell.
    const expected = testReport(fromJSON(other), testDigits()).confusion.flat().map(String);
    await expect.poll(() => root.getByTestId('mn-confusion').locator('tbody td').allTextContents(), { timeout: 20_000 }).toEqual(expected);
    expect(problems).toEqual([]);
  });

  it('rapid Train/Stop: every Stop ends the run at once with a consistent status, never an internal message', async () => {
    const other = await openLab(context, PATH, 'mnist-lab');
    const r = other.root;
    await expect.poll(() => r.getByTestId('mn-digits').count(), { timeout: 30_000 }).toBe(1);
    // a run far longer than a click (60 epochs of 8,000 digits), so each Stop finds it loading or
    // training however fast the machine is; it never reaches 'done' on its own first
    await commit(r, 'mn-epochs', '60');
    for (let i = 0; i < 4; i++) {
      await r.getByTestId('mn-train').click();
      await r.getByTestId('mn-stop').click();
      // A second, impatient click (forced: it must not wait for the button to be enabled).
      await r.getByTestId('mn-stop').click({ force: true });
      // Stopped while the worker was still loading the digits: the status says so and the
      // controls are back (Train on, Stop off), with no message from the worker's protocol.
      const status = async () => [await text(r, 'mn-phase'), (await r.getByTestId('mn-error').count()) ? await text(r, 'mn-error') : 'no message'];
      await expect.poll(status, { timeout: 10_000 }).toEqual(['stopped', 'no message']);
      expect(await r.getByTestId('mn-train').isDisabled()).toBe(false);
      expect(await r.getByTestId('mn-stop').isDisabled()).toBe(true);
      expect(await r.getByTestId('mn-error').count()).toBe(0);
    }
    // After all that, a run still trains to the end (2 epochs on 2,000 digits, to keep the test short).
    await commit(r, 'mn-epochs', '2');
    await commit(r, 'mn-trainCount', '2000');
    await r.getByTestId('mn-train').click();
    await expect.poll(() => text(r, 'mn-phase'), { timeout: 90_000 }).toBe('done');
    expect(Number(await r.getByTestId('mn-epochs-done').textContent())).toBe(2);
    expect(await r.getByTestId('mn-error').count()).toBe(0);
    expect(other.problems).toEqual([]);
    await other.page.close();
  });

  it('leaving the page asks first while a run is under way or a trained model is unsaved, and not when idle', async () => {
    const idle = await openLab(context, PATH, 'mnist-lab');
    // A click first (Chromium shows a beforeunload dialog only after the reader interacted).
    await idle.root.getByTestId('mn-digits').click();
    expect(await leave(idle.page)).toEqual([]);

    const busy = await openLab(context, PATH, 'mnist-lab');
    await expect.poll(() => busy.root.getByTestId('mn-digits').count(), { timeout: 30_000 }).toBe(1);
    await commit(busy.root, 'mn-epochs', '30');
    await busy.root.getByTestId('mn-train').click();
    await expect.poll(() => text(busy.root, 'mn-phase'), { timeout: 30_000 }).toBe('running');
    expect(await leave(busy.page)).toEqual(['beforeunload']);

    const trained = await openLab(context, PATH, 'mnist-lab');
    await expect.poll(() => trained.root.getByTestId('mn-digits').count(), { timeout: 30_000 }).toBe(1);
    await commit(trained.root, 'mn-epochs', '1');
    await commit(trained.root, 'mn-trainCount', '500');
    await trained.root.getByTestId('mn-train').click();
    await expect.poll(() => text(trained.root, 'mn-phase'), { timeout: 60_000 }).toBe('done');
    expect(await leave(trained.page)).toEqual(['beforeunload']);
  });

  it('reproduce the book: the panel loads on demand, offline it says the full set is needed, a short run on the full set draws its curve (and runs offline once loaded), Stop ends a full run', async () => {
    const loaded = () => page.evaluate(() => performance.getEntriesByType('resource').some((e) => /ReproducePanel/.test(e.name)));
    expect(await loaded()).toBe(false);
    await root.getByTestId('mn-reproduce').click();
    await expect.poll(() => root.getByTestId('rp-panel').count(), { timeout: 20_000 }).toBe(1);
    expect(await loaded()).toBe(true);
    // Offline, never downloaded: a clear message, nothing starts.
    await context.setOffline(true);
    await root.getByTestId('rp-start').click();
    await expect.poll(() => text(root, 'rp-error')).toBe(FULL_OFFLINE);
    expect(await text(root, 'rp-phase')).toBe('idle');
    await context.setOffline(false);

    // The short check of chapter 1's run: the worker downloads all 70,000 digits, trains on the
    // first 1,000 training digits for 2 epochs and measures on the first 1,000 test digits.
    await root.getByTestId('rp-length').selectOption('short');
    await root.getByTestId('rp-start').click();
    await expect.poll(() => text(root, 'rp-phase'), { timeout: 60_000 }).toBe('done');
    expect(await root.getByTestId('rp-error').count()).toBe(0);
    expect(await text(root, 'rp-epochs-done')).toBe('2');
    // The same run in Node, by the worker's own session on the same file: the page shows its accuracy.
    const { config, data: spec } = reproduceRequest(bookRun('ch1-quadratic'), 'short', '');
    const full = parseMnist(gunzipSync(readFileSync('public/data/mnist-full.bin')));
    const { train, test } = packMnistSplit(full, spec);
    const session = createSession(config, { nIn: 784, nOut: 10, train, test }, () => {});
    while (session.work(1e9));
    const expected = 100 * session.history[1].testAccuracy!;
    // (another engine path in the worker may round differently: at most 2 of the 1,000 digits)
    expect(Math.abs(Number(await text(root, 'rp-final')) - expected)).toBeLessThanOrEqual(0.2);
    expect(await text(root, 'rp-result')).toContain('95.42 %');
    expect(await text(root, 'rp-time')).toContain('Wall time');
    expect(await root.getByTestId('rp-chart').locator('svg[role="img"] path').count()).toBeGreaterThan(0);

    // Loaded once online, the full set is kept for offline use: offline, the short check runs again.
    await expect.poll(() => page.evaluate(async () => Boolean(await caches.match(new URL('/data/mnist-full.bin', location.href).href))), { timeout: 30_000 }).toBe(true);
    await context.setOffline(true);
    await root.getByTestId('rp-start').click();
    await expect.poll(() => text(root, 'rp-phase'), { timeout: 60_000 }).toBe('done');
    expect(await root.getByTestId('rp-error').count()).toBe(0);
    expect(Math.abs(Number(await text(root, 'rp-final')) - expected)).toBeLessThanOrEqual(0.2);
    await context.setOffline(false);

    // The whole run: it trains (the lab's own Train waits meanwhile) until Stop ends it.
    await root.getByTestId('rp-length').selectOption('full');
    await root.getByTestId('rp-start').click();
    await expect.poll(async () => (await root.getByTestId('rp-epoch-progress').count()) && Number(await root.getByTestId('rp-epoch-progress').getAttribute('value')), { timeout: 60_000 }).toBeGreaterThan(0);
    expect(await text(root, 'rp-phase')).toBe('running');
    expect(await root.getByTestId('mn-train').isDisabled()).toBe(true);
    expect(await widgetAxe(page, 'mnist-lab')).toEqual([]);
    await root.getByTestId('rp-stop').click();
    await expect.poll(() => text(root, 'rp-phase'), { timeout: 30_000 }).toBe('stopped');
    // the lab's own Train comes back once the lab has heard the run end (a render after the panel's)
    await expect.poll(() => root.getByTestId('mn-train').isDisabled()).toBe(false);
    expect(await root.getByTestId('rp-error').count()).toBe(0);
    expect(problems).toEqual([]);
  });
});
