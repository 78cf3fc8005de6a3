// The fallback browser, in every run: the Chromium inside the npm package @sparticuz/chromium,
// launched exactly as launch() launches it on a machine without Debian's Chromium, serves a page
// of the built site cleanly and runs a Web Worker (the notebook and the lab depend on workers).
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserExecutable } from './browser';
import { baseUrl, watch } from './harness';

let context: BrowserContext;
let kind: string;

beforeAll(async () => {
  const exe = await browserExecutable({ BPN_BROWSER: 'npm' });
  kind = exe.kind;
  context = await chromium.launchPersistentContext(mkdtempSync(join(tmpdir(), 'bpn-chromium-')), { executablePath: exe.executablePath, headless: true, args: exe.args });
});
afterAll(async () => { await context?.close(); });

describe('npm Chromium (@sparticuz/chromium)', () => {
  it('is the one chosen, loads the home page without a problem and runs a worker', async () => {
    expect(kind).toBe('npm');
    expect(context.browser()?.version() ?? '').toMatch(/^\d+\./);
    const page = await context.newPage();
    const problems = watch(page);
    await page.goto(new URL('/', baseUrl()).href, { waitUntil: 'load' });
    const fromWorker = await page.evaluate(async () => {
      const worker = new Worker(URL.createObjectURL(new Blob(['postMessage(6 * 7)'], { type: 'text/javascript' })));
      return new Promise((res) => { worker.onmessage = (e) => res(e.data); });
    });
    expect(fromWorker).toBe(42);
    expect(await page.locator('h1').first().textContent()).toBeTruthy();
    expect(problems).toEqual([]);
  });
});
