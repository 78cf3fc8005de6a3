// Hostile code in the code cells and code exercises, in Chromium, against the built site served by
// a plain static server that sends no headers at all (so nothing here relies on dist/_headers).
// For each guarantee of the sandbox (src/notebook/sandbox.ts), the attempts that must fail:
//   1. no network from reader code, by any route (the server's own log of requested URLs is the
//      ground truth: no URL a cell asked for ever reaches it);
//   2. no storage (OPFS, legacy file system, IndexedDB, Cache Storage, cookies, Web Storage);
//   5. nothing of a run keeps running after it ends (timers, intervals, self-posting channels),
//      and memory exhaustion ends the sandbox, not the tab;
//   6. grading cannot be forged (patched built-ins, fake messages), and a session cell shows only
//      its own run's output;
// and after each, the page: responsive, no console error, the reader's data still there.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import sirv from 'sirv';
import type { BrowserContext, Locator, Page } from 'playwright-core';
import { launch, replaceEditorText, waitForIslands, watch } from './harness';
import { bank } from '../../src/exercises/bank/index';
import type { CodeExercise } from '../../src/exercises/types';
import { MAX_TIME_LIMIT_S } from '../../src/notebook/client';

let context: BrowserContext;
let server: Server;
let origin: string;
/** every URL the browser asked the server for, in order */
const requested: string[] = [];
/** paths the hostile code aims at: none of them may ever be requested */
const hostile = () => requested.filter((u) => u.includes('/hostile-'));

beforeAll(async () => {
  const serve = sirv(resolve(process.env.E2E_DIST ?? 'dist'), { dev: false, etag: true, extensions: ['html'] });
  server = createServer((req, res) => {
    requested.push(req.url ?? '');
    serve(req, res, () => { res.statusCode = 404; res.end('not found'); });
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  context = await launch();
});
afterAll(async () => {
  await context?.close();
  await new Promise<void>((ok) => server?.close(() => ok()));
});

/**
 * problems that are the page's. Playwright files the sandboxed worker's requests under the page, so
 * a request of the hostile code that the sandbox's policy refused shows as "requestfailed … csp":
 * that is the wall working (the server never sees it), not a fault of the page.
 */
const real = (problems: string[]) => problems.filter((p) => !/requestfailed: .* net::ERR_ABORTED/.test(p) && !/^requestfailed: \S*\/hostile-\S* csp$/.test(p));

async function open(path: string): Promise<{ page: Page; problems: string[] }> {
  const page = await context.newPage();
  const problems = watch(page);
  await page.goto(origin + path, { waitUntil: 'load' });
  return { page, problems };
}
async function editorOf(page: Page, cell: Locator): Promise<Locator> {
  await cell.scrollIntoViewIfNeeded();
  await waitForIslands(page);
  const content = cell.locator('.cm-content');
  await content.waitFor({ timeout: 20_000 });
  return content;
}
/** put `code` in the cell, run it, wait until it is no longer running; its status and output text */
async function run(page: Page, cell: Locator, code: string, timeout = 60_000) {
  await replaceEditorText(page, await editorOf(page, cell), code);
  await cell.locator('.nb-run').click();
  await page.waitForFunction((el) => el?.getAttribute('data-status') !== 'running', await cell.elementHandle(), { timeout });
  return {
    status: await cell.getAttribute('data-status'),
    output: (await cell.locator('.nb-output').textContent()) ?? '',
    message: (await cell.locator('.nb-message').textContent()) ?? '',
  };
}
/** the page still answers: a hint opens when asked */
async function responsive(page: Page) {
  const hint = page.locator('[data-exercise] button', { hasText: 'Hint' }).first();
  await hint.scrollIntoViewIfNeeded();
  await hint.click();
  await page.locator('.ex-hints li').first().waitFor({ timeout: 10_000 });
}

describe('reader code in the sandbox, on a host that sends no headers', () => {
  it('runs in a worker of an opaque origin, inside a sandboxed frame with its own no-network policy', async () => {
    const { page, problems } = await open('/chapters/07-learning-slowdown/');
    const cell = page.locator('.nb-cell[data-cell="slowdown"]');
    const r = await run(page, cell, '[String(self.origin), String(self.location.protocol), typeof document, typeof window]');
    expect(r.status).toBe('ran');
    expect(r.output).toContain('null');
    expect(r.output).toContain('blob:');
    const frame = page.locator('iframe[data-cell-sandbox]');
    // a stand-alone cell's worker (and its frame) is gone once the run has reported
    await expect.poll(() => frame.count()).toBe(0);
    expect(real(problems)).toEqual([]);
  });

  it('1. no network: every route fails and no request reaches the server', async () => {
    const { page, problems } = await open('/chapters/07-learning-slowdown/');
    await page.evaluate(() => localStorage.setItem('hostile-test/keep', 'mine'));
    const cell = page.locator('.nb-cell[data-cell="slowdown"]');
    const O = JSON.stringify(origin);
    const attempts: Record<string, string> = {
      fetch: `await fetch(${O} + "/hostile-fetch")`,
      selfFetch: `await (self as any)["fe" + "tch"](${O} + "/hostile-self-fetch")`,
      xhr: `const x = new (self as any)["XMLHttp" + "Request"](); x.open("GET", ${O} + "/hostile-xhr"); x.send(); await new Promise((r) => { x.onloadend = r; }); if (x.status) return "status " + x.status; throw new Error("no response");`,
      webSocket: `const w = new (self as any)["Web" + "Socket"](${O}.replace("http", "ws") + "/hostile-ws"); await new Promise((r) => { w.onerror = r; w.onopen = () => r("open"); }); if (w.readyState === 1) return "open"; throw new Error("closed");`,
      eventSource: `const s = new (self as any)["Event" + "Source"](${O} + "/hostile-es"); await new Promise((r) => { s.onerror = r; s.onopen = r; }); if (s.readyState === 1) return "open"; throw new Error("closed");`,
      evalText: `await (0, eval)("fetch(" + JSON.stringify(${O} + "/hostile-eval") + ")")`,
      functionText: `await new Function("u", "return self['fe' + 'tch'](u)")(${O} + "/hostile-function")`,
      timerText: `await new Promise((r, j) => { (self as any).__done = r; (self as any).__fail = j; setTimeout("try { self['fe' + 'tch'](" + JSON.stringify(${O} + "/hostile-timer-text") + ").then(() => self.__done('fetched'), self.__fail) } catch (e) { self.__fail(e) }", 0); })`,
      dynamicImport: `await new Function("u", "return import(u)")([${O}, "hostile-import.js"].join("/"))`,
      importScripts: `const proto = Object.getPrototypeOf(Object.getPrototypeOf(self)); const f = Object.getOwnPropertyDescriptor(proto, "importScripts"); if (!f || !f.value) throw new Error("no importScripts"); f.value.call(self, ${O} + "/hostile-import-scripts.js")`,
      worker: `new (self as any)["Wor" + "ker"](${O} + "/hostile-worker.js")`,
      blobWorker: `const src = URL.createObjectURL(new Blob(["fetch(" + JSON.stringify(${O} + "/hostile-nested") + ").then(() => postMessage('fetched'), (e) => postMessage(String(e)))"])); const Wk = (self as any).constructor && (self as any)["Wor" + "ker"]; const n = new Wk(src); return await new Promise((r) => { n.onmessage = (e: MessageEvent) => r(e.data); n.onerror = () => r("error"); });`,
      fontFace: `const f = new FontFace("hostile", "url(" + ${O} + "/hostile-font.woff2)"); await f.load();`,
      sendBeacon: `const nav = (self as any)["navi" + "gator"]; if (!nav.sendBeacon) throw new Error("no sendBeacon"); if (nav.sendBeacon(${O} + "/hostile-beacon", "x")) return "queued";`,
      webTransport: `const WT = (self as any)["Web" + "Transport"]; if (!WT) throw new Error("no WebTransport"); const t = new WT(${O}.replace("http", "https") + "/hostile-wt"); await t.ready;`,
      imageBitmap: `const res = await (self as any)["fe" + "tch"](${O} + "/hostile-bitmap.png"); await createImageBitmap(await res.blob());`,
      plotImage: `display(Plot.plot({ marks: [Plot.image([{ x: 1, y: 1 }], { x: "x", y: "y", src: ${O} + "/hostile-plot-image.png" })] }));`,
      cssImport: `display(Plot.plot({ style: "background: url(" + ${O} + "/hostile-css-url.png)", marks: [Plot.dot([1, 2])] }));`,
    };
    const code = `const results: Record<string, string> = {};\n` +
      Object.entries(attempts).map(([name, body]) => `results[${JSON.stringify(name)}] = await (async () => { ${body} })().then((v) => v === undefined ? "no error" : "GOT " + String(v), (e) => "refused: " + String(e?.message ?? e));`).join('\n') +
      '\nJSON.stringify(results)';
    const r = await run(page, cell, code);
    expect(r.status).toBe('ran');
    const text = r.output;
    const results = JSON.parse(text.slice(text.indexOf('{"'), text.lastIndexOf('}') + 1)) as Record<string, string>;
    expect(Object.keys(results).sort()).toEqual(Object.keys(attempts).sort());
    // the routes that can only make a request must have been refused; the chart routes draw (without loading)
    for (const name of Object.keys(attempts).filter((n) => !['plotImage', 'cssImport'].includes(n))) expect(results[name], name).toMatch(/^refused: /);
    // the ground truth: nothing the cell asked for reached the server
    await page.evaluate(() => new Promise((r) => setTimeout(r, 300)));
    expect(hostile()).toEqual([]);
    await responsive(page);
    expect(await page.evaluate(() => localStorage.getItem('hostile-test/keep'))).toBe('mine');
    expect(real(problems)).toEqual([]);
  });

  it('2. no storage: OPFS, the legacy file system, IndexedDB, Cache Storage, cookies and Web Storage are out of reach', async () => {
    const { page, problems } = await open('/chapters/07-learning-slowdown/');
    const cell = page.locator('.nb-cell[data-cell="slowdown"]');
    const attempts: Record<string, string> = {
      opfs: `const d = await (self as any)["navi" + "gator"].storage.getDirectory(); const f = await d.getFileHandle("hostile", { create: true }); const w = await f.createWritable(); await w.write("x".repeat(1e6)); await w.close();`,
      legacyFs: `return await new Promise((r, j) => (self as any).webkitRequestFileSystem(1, 1e6, () => r("granted"), (e: any) => j(e)));`,
      legacyFsSync: `(self as any).webkitRequestFileSystemSync(1, 1e6); return "granted";`,
      indexedDB: `const idb = Object.getOwnPropertyDescriptor(Object.getPrototypeOf(Object.getPrototypeOf(self)), "indexedDB")?.get?.call(self) ?? (self as any)["indexed" + "DB"]; const req = idb.open("hostile"); return await new Promise((r, j) => { req.onsuccess = () => r("opened"); req.onerror = () => j(req.error); });`,
      caches: `const c = (self as any)["cac" + "hes"]; if (!c) throw new Error("no caches"); await c.open("hostile"); return "opened";`,
      cookieStore: `const c = (self as any)["cookie" + "Store"]; if (!c) throw new Error("no cookieStore"); await c.set("hostile", "1"); return "set";`,
      localStorage: `(self as any)["local" + "Storage"].setItem("hostile", "1"); return "set";`,
      storageBuckets: `const b = (self as any)["navi" + "gator"].storageBuckets; if (!b) throw new Error("no storageBuckets"); await b.open("hostile"); return "opened";`,
    };
    const code = `const results: Record<string, string> = {};\n` +
      Object.entries(attempts).map(([name, body]) => `results[${JSON.stringify(name)}] = await (async () => { ${body} })().then((v) => "GOT " + String(v), (e) => "refused: " + String(e?.message ?? e));`).join('\n') +
      '\nJSON.stringify(results)';
    const r = await run(page, cell, code);
    expect(r.status).toBe('ran');
    const results = JSON.parse(r.output.slice(r.output.indexOf('{"'), r.output.lastIndexOf('}') + 1)) as Record<string, string>;
    for (const name of Object.keys(attempts)) expect(results[name], name).toMatch(/^refused: /);
    // and the site's own origin holds nothing named by the cell
    const mine = await page.evaluate(async () => {
      const opfs: string[] = [];
      for await (const k of (await navigator.storage.getDirectory() as unknown as { keys(): AsyncIterable<string> }).keys()) opfs.push(k);
      return { dbs: (await indexedDB.databases()).map((d) => d.name), caches: await caches.keys(), opfs, cookie: document.cookie, local: localStorage.getItem('hostile') };
    });
    expect(mine.dbs).not.toContain('hostile');
    expect(mine.caches).not.toContain('hostile');
    expect(mine.opfs).not.toContain('hostile');
    expect(mine.cookie).not.toMatch(/hostile/);
    expect(mine.local).toBeNull();
    expect(hostile()).toEqual([]);
    expect(real(problems)).toEqual([]);
  });

  it('5 and 6. a session: timers, intervals and channels of a run never fire after it; a cell shows only its own run\'s output', async () => {
    const { page, problems } = await open('/chapters/05-worked-example/');
    const first = page.locator('.nb-cell[data-cell="forward"]');
    const second = page.locator('.nb-cell[data-cell="backward"]');
    const a = await run(page, first, [
      'const g = globalThis as any;',
      'g.ticks = 0;',
      'setInterval(() => { g.ticks++; display("late interval"); }, 5);',
      'setTimeout(() => { g.ticks++; display("late timeout"); }, 20);',
      'setTimeout("globalThis.ticks++", 20);',
      'requestAnimationFrame(() => { g.ticks++; });',
      'const c = new MessageChannel(); c.port1.onmessage = () => { g.ticks++; c.port2.postMessage(0); }; c.port2.postMessage(0);',
      'g.stash = display;',
      'Promise.resolve().then(async () => { await null; await null; setTimeout(() => { g.ticks += 1000; }, 0); });',
      '"started"',
    ].join('\n'));
    expect(a.status).toBe('ran');
    // the channel may tick while the run is still going; remember where it stood
    const b = await run(page, second, [
      'const g = globalThis as any;',
      'const seen = g.ticks;',
      'g.stash("forged by the cell above");',
      'let mine = 0;',
      'setTimeout(() => { mine++; }, 0);',
      'await new Promise((r) => setTimeout(r, 300));',
      '`seen ${seen} after ${g.ticks} mine ${mine}`',
    ].join('\n'));
    expect(b.status).toBe('ran');
    const m = /seen (\d+) after (\d+) mine (\d+)/.exec(b.output);
    // the run's own timer fired (timers work), the earlier run's never did
    expect(m?.[3]).toBe('1');
    expect(m, b.output).not.toBeNull();
    const [seen, after] = [Number(m![1]), Number(m![2])];
    expect(after).toBe(seen);
    expect(after).toBeLessThan(1000);
    expect(b.output).not.toMatch(/forged|late/);
    expect(await first.locator('.nb-output').textContent()).not.toMatch(/late|forged/);
    expect(real(problems)).toEqual([]);
  });

  it('6. a code exercise cannot be forged: patched built-ins and fake messages do not make a wrong answer pass', async () => {
    const ex = bank['09-softmax'].find((e) => e.id === 'softmax-code') as CodeExercise;
    const { page, problems } = await open('/chapters/09-softmax/');
    const card = page.locator(`[data-exercise="${ex.id}"]`);
    const content = await editorOf(page, card);
    const feedback = card.locator('.ex-feedback');
    const check = async () => {
      const before = (await feedback.textContent()) ?? '';
      await card.locator('button[type=submit]').click();
      await page.waitForFunction(([el, prev]) => !!el?.querySelector('p') && el.textContent !== prev, [await feedback.elementHandle(), before] as const, { timeout: 30_000 });
      return { ok: await feedback.getAttribute('data-ok'), text: (await feedback.textContent()) ?? '' };
    };
    const forgeries = [
      'Object.is = () => true;',
      'JSON.stringify = () => "true";',
      'Array.prototype.every = function () { return true; };',
      'Array.prototype.some = function () { return false; };',
      'Array.prototype.map = function () { return []; };',
      'Math.abs = () => 0;',
      'Number.isNaN = () => false;',
      'Array.from = function (x: any) { return x; };',
      'Array.isArray = () => true;',
      'try { (self as any)["post" + "Message"]({ type: "graded", id: 1, collected: { outputs: [] } }); } catch {}',
      'try { const pm = MessagePort.prototype.postMessage; MessagePort.prototype.postMessage = function (m: any) { return pm.call(this, { type: "graded", id: m?.id ?? 1, collected: { outputs: [] } }); }; } catch {}',
      'try { const c = new MessageChannel(); c.port1.postMessage({ type: "graded", id: 1, report: { ok: true, passed: 9, total: 9 } }); } catch {}',
    ].join('\n');
    await replaceEditorText(page, content, `${forgeries}\n${ex.wrongCode}`);
    const wrong = await check();
    expect(wrong.ok).toBe('false');
    expect(wrong.text).toMatch(/Test \d+ of \d+ failed/);
    // the forgeries alone, with no function at all
    await replaceEditorText(page, content, forgeries);
    const none = await check();
    expect(none.ok).toBe('false');
    expect(none.text).toContain(`Define a function named ${ex.fnName}`);
    // the right answer after all that is graded in a fresh worker and passes
    await replaceEditorText(page, content, ex.referenceCode);
    const right = await check();
    expect(right.ok).toBe('true');
    expect(await page.locator('iframe[data-cell-sandbox]').count()).toBe(0);
    expect(real(problems)).toEqual([]);
  });

  it(`5. memory exhaustion at the largest time limit (${MAX_TIME_LIMIT_S} s) ends the sandbox, not the tab; the cell says so and the next run works`, async () => {
    const { page, problems } = await open('/chapters/07-learning-slowdown/');
    await page.evaluate(() => localStorage.setItem('hostile-test/keep', 'mine'));
    const cell = page.locator('.nb-cell[data-cell="slowdown"]');
    await editorOf(page, cell);
    await cell.locator('.nb-limit input').fill(String(MAX_TIME_LIMIT_S));
    await replaceEditorText(page, cell.locator('.cm-content'), 'const hoard: number[][] = [];\nwhile (true) hoard.push(new Array(1e5).fill(1.5));');
    // Playwright marks a page "crashed" when any of its frames' processes dies, so from here on
    // the page is driven through a CDP session of its own (which the page's process still answers)
    const cdp = await context.newCDPSession(page);
    const evaluate = async <T>(expression: string): Promise<T> => {
      const r = await cdp.send('Runtime.evaluate', { expression, awaitPromise: true, returnByValue: true });
      if (r.exceptionDetails) throw new Error(r.exceptionDetails.text);
      return r.result.value as T;
    };
    await cell.locator('.nb-run').click();
    const status = `document.querySelector('.nb-cell[data-cell="slowdown"]').getAttribute('data-status')`;
    for (let i = 0; ; i++) {
      const s = await evaluate<string>(status);
      if (s !== 'running') break;
      if (i > 1200) throw new Error('the cell never stopped');
      await evaluate('new Promise((r) => setTimeout(r, 100))');
    }
    expect(await evaluate<string>(status)).toBe('error');
    expect(await evaluate<string>(`document.querySelector('.nb-cell[data-cell="slowdown"] .nb-message').textContent`)).toMatch(/memory/);
    // the page is fine: it answers, keeps the reader's data, and the next run gets a fresh sandbox
    expect(await evaluate<string>(`localStorage.getItem('hostile-test/keep')`)).toBe('mine');
    await evaluate(`[...document.querySelectorAll('[data-exercise] button')].find((b) => b.textContent.includes('Hint')).click()`);
    await evaluate(`new Promise((resolve, reject) => { let n = 0; const t = setInterval(() => { if (document.querySelector('.ex-hints li')) { clearInterval(t); resolve(1); } else if (++n > 100) { clearInterval(t); reject(new Error('no hint')); } }, 100); })`);
    // the next run gets a fresh sandbox: Reset, then the shipped cell runs
    await evaluate(`document.querySelector('.nb-cell[data-cell="slowdown"] .nb-reset').click()`);
    await evaluate(`document.querySelector('.nb-cell[data-cell="slowdown"] .nb-run').click()`);
    await evaluate(`new Promise((resolve, reject) => { let n = 0; const t = setInterval(() => { const s = ${status}; if (s === 'ran') { clearInterval(t); resolve(1); } else if (s !== 'running' || ++n > 1200) { clearInterval(t); reject(new Error('status ' + s)); } }, 100); })`);
    expect(problems.filter((p) => !/requestfailed: .* net::ERR_ABORTED|Page crashed/i.test(p))).toEqual([]);
    await cdp.detach();
  });
});
