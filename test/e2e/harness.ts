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
 * Chromium that test/e2e/browser.ts picks for this machine.
 */
export async function launch(options: { colorScheme?: 'light' | 'dark'; viewport?: { width: number; height: number } } = {}): Promise<BrowserContext> {
  const { executablePath, args } = await browserExecutable();
  const profile = mkdtempSync(join(tmpdir(), 'bpn-chromium-'));
  return chromium.launchPersistentContext(profile, {
    executablePath,
    headless: true,
    args,
    colorScheme: options.colorScheme ?? 'light',
    viewport: options.viewport ?? { width: 1280, height: 900 },
  });
}

export interface OpenedPage {
  page: Page;
  /** Console errors/warnings, page errors, failed requests and HTTP ≥ 400 responses, as text. */
  problems: string[];
}

/** Attach the problem recorder to a page (also useful for pages opened by other means). */
export function watch(page: Page): string[] {
  const problems: string[] = [];
  page.on('console', (msg) => {
    if (msg.type() === 'error' || msg.type() === 'warning') problems.push(`console.${msg.type()}: ${msg.text()}`);
  });
  page.on('pageerror', (err) => problems.push(`pageerror: ${err.message}`));
  page.on('requestfailed', (req) => problems.push(`requestfailed: ${req.url()} ${req.failure()?.errorText ?? ''}`));
  page.on('response', (res) => {
    if (res.status() >= 400) problems.push(`HTTP ${res.status()}: ${res.url()}`);
  });
  return problems;
}

/** Open `path` (e.g. '/chapters/01-forward-pass/') on the served build and wait for it to load. */
export async function openPage(context: BrowserContext, path: string, beforeLoad?: (page: Page) => Promise<void>): Promise<OpenedPage> {
  const page = await context.newPage();
  const problems = watch(page);
  await beforeLoad?.(page);
  await page.goto(new URL(path, baseUrl()).href, { waitUntil: 'load' });
  return { page, problems };
}

/**
 * Wait until every island on the page has hydrated. Islands are `client:visible`, so each one is
 * scrolled into view in turn (a long chapter's later islands never hydrate otherwise).
 */
export async function waitForIslands(page: Page, timeout = 15_000): Promise<void> {
  const deadline = Date.now() + timeout;
  for (;;) {
    const pending = await page.$$('astro-island[ssr]');
    if (pending.length === 0) return;
    const island = pending[0];
    await island.scrollIntoViewIfNeeded().catch(() => {});
    const left = deadline - Date.now();
    if (left <= 0) {
      const url = await island.getAttribute('component-url').catch(() => '?');
      throw new Error(`${pending.length} island(s) did not hydrate within ${timeout} ms (first: ${url} on ${page.url()})`);
    }
    // A client:visible island hydrates when it is seen; islands above it that hydrate meanwhile can
    // shift it out of view before the observer fires, so wait a little and scroll to it again.
    await page.waitForFunction((el) => !el.isConnected || !el.hasAttribute('ssr'), island, { timeout: Math.min(left, 2_000) }).catch(() => {});
  }
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
