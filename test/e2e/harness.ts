// Browser harness for the end-to-end tests: Chromium driven by playwright-core — Debian's when
// present, else the one inside the npm package @sparticuz/chromium (test/e2e/browser.ts chooses).
// Never downloads a browser. Every page opened through `openPage` records console errors and
// warnings, uncaught exceptions, failed requests and HTTP errors into `problems`, so a test can
// assert the page stayed clean.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Locator, type Page } from 'playwright-core';
import { inject } from 'vitest';
import { browserExecutable } from './browser';

export { CHROMIUM_FLAGS } from './browser';

export function baseUrl(): string {
  return inject('baseUrl');
}

/**
 * A fresh browser profile (playwright refuses --user-data-dir in args, so it is persistent) in the
 * Chromium that test/e2e/browser.ts picks for this machine; service workers blocked unless asked for.
 */
export async function launch(options: { colorScheme?: 'light' | 'dark'; viewport?: { width: number; height: number }; serviceWorker?: boolean } = {}): Promise<BrowserContext> {
  const { executablePath, args } = await browserExecutable();
  const profile = mkdtempSync(join(tmpdir(), 'bpn-chromium-'));
  return chromium.launchPersistentContext(profile, {
    executablePath,
    headless: true,
    args,
    colorScheme: options.colorScheme ?? 'light',
    viewport: options.viewport ?? { width: 1280, height: 900 },
    // The offline service worker precaches the whole site (≈ 480 files, 30 MB) in every new profile,
    // ≈ 4 s of CPU while the test's first page runs; a test of a page does not need it. It runs where
    // it is the subject (offline, redeploy) and under the walk of every page (site-pages).
    serviceWorkers: options.serviceWorker ? 'allow' : 'block',
  });
}

export interface OpenedPage {
  page: Page;
  /** Console errors/warnings, page errors, failed requests and HTTP ≥ 400 responses, as text. */
  problems: string[];
}

/**
 * What playwright-core's stand-in for navigator.serviceWorker.register prints when a context blocks
 * service workers (launch's default): the page's sw-register.js calls it on load.
 */
export const SW_BLOCKED = 'Service Worker registration blocked by Playwright';

/** Attach the problem recorder to a page (also useful for pages opened by other means). */
export function watch(page: Page): string[] {
  const problems: string[] = [];
  page.on('console', (msg) => {
    if (msg.text() === SW_BLOCKED) return; // the harness's own doing (launch), not the page's
    if (msg.type() === 'error' || msg.type() === 'warning') problems.push(`console.${msg.type()}: ${msg.text()}`);
  });
  page.on('pageerror', (err) => problems.push(`pageerror: ${err.message}`));
  page.on('requestfailed', (req) => problems.push(`requestfailed: ${req.url()} ${req.failure()?.errorText ?? ''}`));
  page.on('response', (res) => {
    if (res.status() >= 400) problems.push(`HTTP ${res.status()}: ${res.url()}`);
  });
  return problems;
}

/**
 * How many calls the test made into the browser, by kind ("Frame.goto", "Frame.evaluateExpression",
 * "Frame.fill", …): a figure of a test's cost that does not depend on how busy the machine is.
 * Every call made through playwright-core's connection of a context passed to `countCalls` (or
 * opened by `openPage`) is counted: each is one message to the browser driver and its answer.
 */
const calls = new Map<string, number>();
const counted = new WeakSet<object>();
export function countCalls(context: BrowserContext): void {
  const connection = (context as unknown as { _connection?: object })._connection;
  if (!connection) return;
  const proto = Object.getPrototypeOf(connection) as { sendMessageToServer?: (...a: unknown[]) => unknown };
  if (counted.has(proto) || typeof proto.sendMessageToServer !== 'function') return;
  counted.add(proto);
  const send = proto.sendMessageToServer;
  proto.sendMessageToServer = function (this: unknown, object: unknown, method: unknown, params: unknown, options: unknown) {
    if (method !== '__waitInfo__') {
      const key = `${(object as { _type?: string })._type ?? '?'}.${String(method)}`;
      calls.set(key, (calls.get(key) ?? 0) + 1);
    }
    return send.call(this, object, method, params, options);
  };
}
/** The calls counted so far: total, page loads (goto/reload), evaluations, and the five most frequent kinds. */
export function callSummary(): string {
  const total = [...calls.values()].reduce((a, b) => a + b, 0);
  const sum = (re: RegExp) => [...calls].filter(([k]) => re.test(k)).reduce((a, [, n]) => a + n, 0);
  const top = [...calls].sort((a, b) => b[1] - a[1]).slice(0, 5).map(([k, n]) => `${k} ${n}`).join(', ');
  return `${total} browser calls: ${sum(/\.(goto|reload)$/)} page loads, ${sum(/\.evaluate(Expression|ExpressionHandle)?$/)} evaluations, ${sum(/^(Frame|ElementHandle|Page)\.(waitForFunction|waitForSelector|expect)/)} waits; most: ${top}`;
}

/** Open `path` (e.g. '/chapters/01-forward-pass/') on the served build and wait for it to load. */
export async function openPage(context: BrowserContext, path: string, beforeLoad?: (page: Page) => Promise<void>): Promise<OpenedPage> {
  countCalls(context);
  const page = await context.newPage();
  const problems = watch(page);
  await beforeLoad?.(page);
  await page.goto(new URL(path, baseUrl()).href, { waitUntil: 'load' });
  return { page, problems };
}

/**
 * Wait until every island on the page has hydrated. Islands are `client:visible`, so each one is
 * scrolled into view in turn (a long chapter's later islands never hydrate otherwise). The walk runs
 * inside the page, in one call: scroll to the first island not yet hydrated, wait for its `ssr`
 * attribute to go (checked every 25 ms; after 2 s it is scrolled to again, since islands above it
 * that hydrate meanwhile can shift it out of view before the observer fires), and so on.
 * `timeout` only bounds a page that never finishes (the error names the first island left).
 */
export async function waitForIslands(page: Page, timeout = 60_000): Promise<void> {
  for (let attempt = 0; ; attempt++) {
    try {
      const left = await page.evaluate(async (limit) => {
        const started = performance.now();
        const pause = (ms: number) => new Promise<void>((ok) => setTimeout(ok, ms));
        for (;;) {
          const island = document.querySelector('astro-island[ssr]');
          if (!island) return null;
          if (performance.now() - started > limit) {
            return { count: document.querySelectorAll('astro-island[ssr]').length, url: island.getAttribute('component-url') ?? '?' };
          }
          // an island is display: contents (no box of its own): scroll to its first child that has one,
          // which is what the client:visible observer watches
          const boxed = [...island.children].find((c) => c.getClientRects().length > 0) ?? island;
          boxed.scrollIntoView({ block: 'center', inline: 'nearest' });
          const seen = performance.now();
          while (island.isConnected && island.hasAttribute('ssr') && performance.now() - seen < 2_000) await pause(25);
        }
      }, timeout);
      if (left) throw new Error(`${left.count} island(s) did not hydrate within ${timeout} ms (first: ${left.url} on ${page.url()})`);
      // A hydrated widget applies its address in an effect; until then it shows the defaults and a
      // change made to it would be overwritten. The kit marks its figure (data-address) once done.
      await page.waitForFunction(() => !document.querySelector('[data-address="pending"]'), undefined, { timeout });
      return;
    } catch (err) {
      // a page that navigates (or reloads) meanwhile destroys the walk's context: walk the new page
      if (attempt < 2 && /Execution context was destroyed|navigation/i.test(String(err))) {
        await page.waitForLoadState('load');
        continue;
      }
      throw err;
    }
  }
}

/**
 * An init script (`page.addInitScript(hydrateAtLoad)`) after which every `client:visible` island
 * hydrates as soon as its page loads, as `client:load` would, instead of when it is scrolled into
 * view: for tests about what the islands do rather than when they start (bad input, corrupted
 * storage), so that a page is not scrolled island by island, each region laid out and painted in
 * turn. It replaces Astro's `visible` directive (the page's inline script assigns
 * `Astro.visible = …`; the assignment is ignored and the directive just loads and hydrates).
 * `waitForIslands` still waits for every island.
 */
export function hydrateAtLoad(): void {
  const astro = ((self as unknown as { Astro?: Record<string, unknown> }).Astro ??= {});
  const eager = async (load: () => Promise<() => Promise<void>>) => {
    await (await load())();
  };
  Object.defineProperty(astro, 'visible', { configurable: true, enumerable: true, get: () => eager, set: () => {} });
}

/**
 * Replace the whole text of a CodeMirror editor as a reader pasting over a selection would:
 * Ctrl+A, then the new text as one input. (Deleting first and then inserting into the empty
 * editor leaves Chromium's Input.insertText unacknowledged, so the test would hang although the
 * page took the text.)
 */
export async function replaceEditorText(page: Page, content: Locator, code: string): Promise<void> {
  await content.click();
  await page.keyboard.press('Control+A');
  await page.keyboard.insertText(code);
}
