// A code cell's output in real Chromium cannot take over the page: a huge console.log is cut in
// the worker (the page keeps answering and says what was cut), and a hostile "chart" (markup the
// cell hands to display()) is rebuilt and put in a shadow root of its own, where its styles reach
// nothing outside it, it loads nothing, covers nothing outside its cell, and its ids are its own.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext, Locator, Page } from 'playwright-core';
import { launch, openPage, replaceEditorText, waitForIslands } from './harness';
import { count, MAX_TEXT_CHARS } from '../../src/notebook/format';

let context: BrowserContext;
beforeAll(async () => { context = await launch(); });
afterAll(async () => { await context?.close(); });
const real = (problems: string[]) => problems.filter((p) => !/requestfailed: .* net::ERR_ABORTED/.test(p));

const PAGE = '/chapters/03-four-equations/';
const CELL = '.nb-cell[data-cell="own-activation"]';

async function cellEditor(page: Page): Promise<{ cell: Locator; content: Locator }> {
  const cell = page.locator(CELL);
  await cell.scrollIntoViewIfNeeded();
  await waitForIslands(page);
  const content = cell.locator('.cm-content');
  await content.waitFor({ timeout: 20_000 });
  return { cell, content };
}
async function runDone(page: Page, cell: Locator) {
  await cell.locator('.nb-run').click();
  await page.waitForFunction((el) => !!el && el.getAttribute('data-status') !== 'running' && el.getAttribute('data-status') !== 'idle', await cell.elementHandle(), { timeout: 60_000 });
}

describe('output is bounded', () => {
  it('console.log of a 100-million-character string: the tab stays responsive and the cell shows the cut notice', async () => {
    const { page, problems } = await openPage(context, PAGE);
    let crashed = false;
    page.on('crash', () => { crashed = true; });
    const { cell, content } = await cellEditor(page);
    const n = 100_000_000;
    await replaceEditorText(page, content, `console.log("x".repeat(${n}))`);
    await cell.locator('.nb-run').click();
    // the page answers while the cell runs and after it has reported
    expect(await page.evaluate(() => 6 * 7)).toBe(42);
    await page.waitForFunction((el) => el?.getAttribute('data-status') === 'ran' || el?.getAttribute('data-status') === 'error', await cell.elementHandle(), { timeout: 60_000 });
    expect(await page.evaluate(() => document.title.length > 0)).toBe(true);
    expect(crashed).toBe(false);
    expect(await cell.getAttribute('data-status')).toBe('ran');
    const texts = await cell.locator('.nb-output pre').allTextContents();
    expect(texts).toHaveLength(2);
    expect(texts[0].length).toBe(MAX_TEXT_CHARS);
    expect(texts[1]).toBe(`output cut at ${count(MAX_TEXT_CHARS)} characters; ${count(n - MAX_TEXT_CHARS)} more not shown`);
    // the editor still takes input
    await content.click();
    await page.keyboard.press('Control+End');
    await page.keyboard.type(' // ok');
    await expect.poll(() => content.textContent()).toContain('// ok');
    expect(real(problems)).toEqual([]);
    await page.close();
  });
});

// Markup a cell passes to display() as if it were a chart. Escaped at-rules and url()s, overlays,
// a resource in every place one can hide, ids the page might use, and text that looks like markup.
const HOSTILE = String.raw`<svg xmlns="http://www.w3.org/2000/svg" width="120" height="80" style="position:fixed;top:0;left:0;width:100vw;height:100vh;z-index:2147483647">
<style>@\69mport "/evil-import-1.css"; @import url(/evil-import-2.css);
@font-face { font-family: evil; src: url(/evil-font.woff) }
html, body, * { position: fixed; inset: 0; background: u\72l(/evil-bg-1.png); background-image: url(/evil-bg-2.png); }
rect { fill: rgb(200, 0, 0); --leak: u\72l(/evil-var.png); stroke: var(--leak) } text { font-family: evil }
@media all { svg { position: absolute; top: 0; left: 0; width: 100vw; height: 100vh } }</style>
<defs><clipPath id="clip"><rect width="60" height="40"/></clipPath></defs>
<rect id="starlight__sidebar" width="5000" height="5000" clip-path="url(#clip)" fill="u\72l(/evil-fill-1.svg#a)" style="fill: url(/evil-fill-2.svg#a); position: absolute"/>
<use href="#starlight__sidebar"/><use href="/evil-use.svg#x"/><image href="/evil-image.png" width="10" height="10"/>
<text x="4" y="20">&lt;img src=x onerror="window.__xss=1"&gt;</text></svg>`;

describe('a chart cannot take over the page', () => {
  it('a hostile chart: shadow root, no request, no style outside it, no overlay, ids prefixed, text stays text', async () => {
    const { page, problems } = await openPage(context, PAGE);
    const requests: string[] = [];
    page.on('request', (r) => requests.push(r.url()));
    const { cell, content } = await cellEditor(page);
    const bodyBefore = await page.evaluate(() => { const s = getComputedStyle(document.body); return [s.position, s.backgroundImage, s.backgroundColor]; });
    await replaceEditorText(page, content, `Plot;\nconst chart = { tagName: "svg", outerHTML: ${JSON.stringify(HOSTILE)} };\ndisplay(chart, chart)`);
    await runDone(page, cell);
    expect(await cell.getAttribute('data-status')).toBe('ran');
    await expect.poll(() => cell.locator('.nb-chart-box').count()).toBe(2);
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));

    const report = await cell.evaluate((cellEl) => {
      const hosts = [...cellEl.querySelectorAll('.nb-chart-box')] as HTMLElement[];
      const roots = hosts.map((h) => h.shadowRoot);
      const cellBox = cellEl.getBoundingClientRect();
      const ids = roots.flatMap((r) => [...(r?.querySelectorAll('[id]') ?? [])].map((e) => e.id));
      const pageIds = [...document.querySelectorAll('[id]')].map((e) => e.id);
      const refs = roots.flatMap((r) => [...(r?.querySelectorAll('use[href], [clip-path]') ?? [])].map((e) => e.getAttribute('href') ?? e.getAttribute('clip-path')));
      const markup = roots.map((r) => r?.querySelector('svg')?.outerHTML ?? '').join('\n');
      const points = [[2, 2], [innerWidth - 3, innerHeight - 3], [innerWidth / 2, 2], [2, innerHeight / 2]]
        .filter(([x, y]) => x < cellBox.left || x > cellBox.right || y < cellBox.top || y > cellBox.bottom);
      const covered = points.filter(([x, y]) => !!document.elementFromPoint(x, y)?.closest('.nb-chart-box'));
      const s = getComputedStyle(document.body);
      return {
        shadow: roots.every((r) => r instanceof ShadowRoot && !!r.querySelector('svg')),
        hostInsideCell: hosts.every((h) => { const b = h.getBoundingClientRect(); return b.top >= cellBox.top - 1 && b.bottom <= cellBox.bottom + 1 && b.left >= cellBox.left - 1 && b.right <= cellBox.right + 1; }),
        covered, ids, pageIds, refs, markup,
        svgPosition: roots.map((r) => getComputedStyle(r!.querySelector('svg')!).position),
        rectFill: getComputedStyle(roots[0]!.querySelector('rect[clip-path]')!).fill,
        body: [s.position, s.backgroundImage, s.backgroundColor],
        text: roots[0]!.querySelector('text')?.textContent,
        xss: (window as unknown as { __xss?: unknown }).__xss,
        images: roots.reduce((n, r) => n + (r?.querySelectorAll('image, img').length ?? 0), 0),
      };
    });
    expect(report.shadow).toBe(true);
    // nothing escapes the cell: no overlay over the page, the page's own styles untouched
    expect(report.hostInsideCell).toBe(true);
    expect(report.covered).toEqual([]);
    expect(report.svgPosition).toEqual(['static', 'static']);
    expect(report.body).toEqual(bodyBefore);
    // styles read by the browser's parser: the escaped @import and url() are gone with the plain ones
    expect(report.markup).not.toMatch(/@|import|font-face|media|evil-|\\|position|--leak:|image/i);
    expect(report.markup.match(/url\([^)]*\)/g)?.every((u) => /^url\(#nb-chart-\d+-clip\)$/.test(u))).toBe(true);
    expect(report.rectFill).toBe('rgb(200, 0, 0)');
    expect(report.images).toBe(0);
    // ids: prefixed per chart, so the two copies and the page share none; references follow
    expect(report.ids).toHaveLength(4);
    expect(new Set(report.ids).size).toBe(4);
    for (const id of report.ids) expect(report.pageIds).not.toContain(id);
    expect(report.ids.every((id) => /^nb-chart-\d+-(clip|starlight__sidebar)$/.test(id))).toBe(true);
    expect(report.refs).toHaveLength(4);
    for (const ref of report.refs) expect(report.ids.some((id) => ref === `#${id}` || ref === `url(#${id})`)).toBe(true);
    // text stays text
    expect(report.text).toBe('<img src=x onerror="window.__xss=1">');
    expect(report.xss).toBeUndefined();
    expect(requests.filter((u) => /evil/.test(u))).toEqual([]);
    expect(real(problems)).toEqual([]);
    await page.close();
  });
  it('a real Observable Plot chart still draws, in its shadow root, with its own styles', async () => {
    const { page, problems } = await openPage(context, PAGE);
    const { cell, content } = await cellEditor(page);
    await replaceEditorText(page, content, 'display(Plot.plot({ title: "three points", clip: true, marks: [Plot.dot([[0, 1], [1, 3], [2, 2]])] }))');
    await runDone(page, cell);
    expect(await cell.getAttribute('data-status')).toBe('ran');
    const info = await cell.locator('.nb-chart-box').evaluate((h) => {
      const r = h.shadowRoot!;
      const svg = r.querySelector('svg')!;
      const clipped = r.querySelector('[clip-path]')?.getAttribute('clip-path');
      const target = clipped && r.getElementById(/#([^)]+)\)/.exec(clipped)![1]);
      return { circles: r.querySelectorAll('circle').length, width: svg.getBoundingClientRect().width, style: r.querySelector('svg style')?.textContent ?? '', title: r.querySelector('h2')?.textContent, clipResolves: !!target };
    });
    expect(info.circles).toBe(3);
    expect(info.width).toBeGreaterThan(0);
    expect(info.style).toContain('--plot-background');
    expect(info.title).toBe('three points');
    expect(info.clipResolves).toBe(true);
    expect(real(problems)).toEqual([]);
    await page.close();
  });
});
