// A returning visitor after a redeploy gets the new build at once, and stays working offline.
// The built site is copied to a temporary folder and served there (a fresh origin, so a fresh
// service worker); the test visits it, then "redeploys" by changing files in that folder as a new
// build would (a page, a script that is not content-hashed, and the service worker's own version
// — every build writes a new one), and checks what the browser gets next. The server sends
// `Cache-Control: max-age=600` as GitHub Pages does: the browser's HTTP cache holds every file
// for ten minutes, so only a service worker that asks the server each time gets the new build.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { launch, watch } from './harness';
import { DIST } from './site';
import { startStaticServer } from './static-server';
import { serviceWorkerFor } from '../../src/integrations/offline-and-csp.mjs';

/** what GitHub Pages sends (seconds) */
const HOST_MAX_AGE = 600;
let dir: string;
let server: Awaited<ReturnType<typeof startStaticServer>>;
let context: BrowserContext;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'bpn-redeploy-'));
  // the digits file is not needed here and is large
  cpSync(DIST, dir, { recursive: true, filter: (src) => !src.includes(`${join(DIST, 'data')}`) });
  server = await startStaticServer(dir, 0, HOST_MAX_AGE);
  context = await launch({ serviceWorker: true });
});
afterAll(async () => {
  await context?.setOffline(false).catch(() => {});
  await context?.close();
  await server?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const cacheNames = (page: Page) => page.evaluate(() => caches.keys());
const textOf = (page: Page, path: string) => page.evaluate(async (p) => (await fetch(p)).text(), path);

async function controlled(page: Page, version: string) {
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null, undefined, { timeout: 60_000 });
  await expect.poll(() => cacheNames(page), { timeout: 60_000 }).toContain(`bpn-${version}`);
}

/** Change a served file as a new build would (a new file, never an edit in place of the old bytes). */
function redeployFile(rel: string, change: (text: string) => string) {
  const path = join(dir, rel);
  const next = change(readFileSync(path, 'utf8'));
  rmSync(path);
  writeFileSync(path, next);
}

describe('service worker across a redeploy', () => {
  it('the built service worker carries the build version, and a new build changes it', () => {
    const manifest = JSON.parse(readFileSync(join(DIST, 'sw-manifest.json'), 'utf8'));
    const sw = readFileSync(join(DIST, 'sw.js'), 'utf8');
    expect(sw).toContain(`const VERSION = '${manifest.version}';`);
    expect(sw).not.toContain('BUILD_VERSION');
    const template = readFileSync('public/sw.js', 'utf8');
    expect(serviceWorkerFor(template, 'abcdef0123456789')).not.toBe(serviceWorkerFor(template, '0123456789abcdef'));
  });

  it('after a redeploy the next load gets the new page and the new script, offline too, and old caches go', async () => {
    const oldVersion = JSON.parse(readFileSync(join(dir, 'sw-manifest.json'), 'utf8')).version as string;
    const page = await context.newPage();
    const problems = watch(page);
    await page.goto(server.url + '/', { waitUntil: 'load' });
    await controlled(page, oldVersion);
    const oldScript = await textOf(page, '/sw-register.js');

    // the redeploy: a changed page, a changed script whose name has no content hash, a new worker
    const newVersion = 'f00dfeedf00dfeed';
    redeployFile('index.html', (html) => html.replace('</head>', '<meta name="bpn-build" content="2"></head>'));
    redeployFile('sw-register.js', (js) => js + '\n// build 2\n');
    redeployFile('sw-manifest.json', (json) => JSON.stringify({ ...JSON.parse(json), version: newVersion }));
    redeployFile('sw.js', () => serviceWorkerFor(readFileSync('public/sw.js', 'utf8'), newVersion));
    // the host serves the new files (sirv reads a folder's files once, when it starts)
    await server.close();
    server = await startStaticServer(dir, server.port, HOST_MAX_AGE);

    // the next load: the page is new at once, and so is the script it loads
    await page.reload({ waitUntil: 'load' });
    expect(await page.locator('meta[name="bpn-build"]').count()).toBe(1);
    expect(await textOf(page, '/sw-register.js')).toBe(oldScript + '\n// build 2\n');

    // the new worker installs (the browser saw a changed sw.js), takes over and prunes the old caches
    await page.evaluate(async () => (await navigator.serviceWorker.getRegistration())?.update());
    await expect.poll(() => cacheNames(page), { timeout: 60_000 }).toContain(`bpn-${newVersion}`);
    await expect.poll(async () => (await cacheNames(page)).some((n) => n.includes(oldVersion)), { timeout: 60_000 }).toBe(false);

    // offline, the cached copies are the new build's
    await context.setOffline(true);
    try {
      await page.reload({ waitUntil: 'load' });
      expect(await page.locator('meta[name="bpn-build"]').count()).toBe(1);
      expect(await textOf(page, '/sw-register.js')).toBe(oldScript + '\n// build 2\n');
    } finally {
      await context.setOffline(false);
    }
    expect(problems.filter((p) => !/net::ERR_(ABORTED|INTERNET_DISCONNECTED)/.test(p))).toEqual([]);
    await page.close();
  });
});
