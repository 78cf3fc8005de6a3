// Every route of the built site (from the sitemap, so new pages are covered without editing this
// file) in real Chromium, in the light and the dark theme:
// - no console error or warning (a CSP violation is a console error), no failed request, no HTTP error;
// - the Content-Security-Policy meta is the first thing in <head>;
// - no `.katex-error`; every island hydrated once scrolled into view;
// - axe-core: zero serious or critical violations, light and dark;
// - keyboard: Tab from the top of the page reaches every control of every widget, exercise and
//   cell, and each shows a visible focus indicator (outline or box-shadow).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import AxeBuilder from '@axe-core/playwright';
import { callSummary, launch, openPage, waitForIslands } from './harness';
import { htmlOf, sitemapRoutes } from './site';
import { ASIDE, asideKatexHtml } from './axe';

// QA_ROUTES=<regex> narrows the run while debugging; CI runs every route
const routes = sitemapRoutes().filter((r) => !process.env.QA_ROUTES || new RegExp(process.env.QA_ROUTES).test(r));
// The Source section is one template over every engine and test file (≈ 100 pages of code lines
// with per-line anchors): each one is visited and checked, but axe runs on the first two only —
// the rest differ in text, not in markup, and axe over ~5,000 line anchors takes seconds a page.
const sourceRoutes = routes.filter((r) => r.startsWith('/source/'));
const axeOn = (route: string) => !route.startsWith('/source/') || sourceRoutes.indexOf(route) < 2;
let context: BrowserContext;
beforeAll(async () => {
  context = await launch({ serviceWorker: true });
});
afterAll(async () => {
  await context?.close();
  console.log(`site-pages: ${callSummary()}`);
  console.log(`site-pages: ${tally.pages} pages visited, ${tally.axeRuns} axe runs, ${tally.serious} serious/critical violations, ${tally.minor} minor/moderate; ${tally.controls} island controls all reached by Tab (${tally.focused} island focus stops)`);
});
const tally = { pages: 0, axeRuns: 0, serious: 0, minor: 0, controls: 0, focused: 0 };

// KaTeX renders every formula twice: MathML (what a screen reader reads, checked) and an
// aria-hidden HTML copy for the eye, in the page's own text colours — thousands of spans on a chapter
// page, set aside while axe runs (test/e2e/axe.ts). The light pass runs every rule on everything else;
// the dark theme changes only colours, so the dark pass runs the colour-contrast rule.
async function axe(page: Page, theme: 'light' | 'dark'): Promise<string[]> {
  // Only violations are wanted (without resultTypes axe also collects every passing node of every
  // rule). Legacy mode runs axe.run in the page itself; the default mode runs axe.runPartial in each
  // frame and opens a blank page to merge the parts (finishRun), which exists for cross-origin
  // frames; the site has no frames (checked below), and the merge took most of each analysis.
  const builder = new AxeBuilder({ page }).options({ resultTypes: ['violations'] }).setLegacyMode(true);
  if (theme === 'dark') builder.withRules(['color-contrast']);
  // set aside for the run, which then builds its tree in a third of the time (test/e2e/axe.ts); an
  // exclusion instead would cost as much again (axe matches it against every element), and empty
  // placeholders give no rule anything to fault
  const restore = await asideKatexHtml(page);
  let result;
  try {
    result = await builder.analyze();
  } finally {
    await restore();
  }
  tally.axeRuns++;
  const bad = result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  tally.serious += bad.length;
  tally.minor += result.violations.length - bad.length;
  return bad.map((v) => `[${theme}] ${v.id} (${v.impact}): ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')}`);
}

/**
 * Island controls a keyboard user must reach (visible, enabled, not removed from the tab order),
 * as they are now. Widgets change their controls as the reader moves (selecting a neuron shows
 * its weights), so this is read after the walk, and each control must carry the walk's mark.
 */
async function unreachedControls(page: Page): Promise<{ total: number; missed: string[] }> {
  return page.evaluate(() => {
    const sel = 'input, select, textarea, button, a[href], [contenteditable="true"], [tabindex]';
    const missed: string[] = [];
    const radioGroups = new Map<string, boolean>();
    let total = 0;
    for (const island of document.querySelectorAll('astro-island')) {
      for (const el of island.querySelectorAll<HTMLElement>(sel)) {
        if (el.closest('astro-island') !== island) continue; // nested islands counted once
        if ((el as HTMLInputElement).disabled || el.tabIndex < 0 || el.closest('[inert],[hidden]')) continue;
        if (el instanceof HTMLInputElement && el.type === 'hidden') continue;
        const r = el.getBoundingClientRect();
        const style = getComputedStyle(el);
        if ((r.width === 0 && r.height === 0) || style.visibility === 'hidden' || style.display === 'none') continue;
        if (el.closest('details:not([open])') && el.tagName !== 'SUMMARY') continue;
        const what = `${el.tagName.toLowerCase()}${el.getAttribute('aria-label') ? `[${el.getAttribute('aria-label')}]` : ''}${el.id ? '#' + el.id : ''}`;
        if (el instanceof HTMLInputElement && el.type === 'radio') {
          // one Tab stop per radio group (arrows move inside it)
          radioGroups.set(el.name, (radioGroups.get(el.name) ?? false) || el.dataset.qaFocused === '1');
          continue;
        }
        if (el instanceof HTMLInputElement && el.type === 'file' && (style.opacity === '0' || r.width < 2)) continue; // operated through its label
        total++;
        if (el.dataset.qaFocused !== '1') missed.push(what);
      }
    }
    for (const [name, ok] of radioGroups) {
      total++;
      if (!ok) missed.push(`radio group ${name}`);
    }
    return { total, missed };
  });
}

/**
 * Installed in the page before the keyboard walk: a listener that, after each Tab (on its keyup),
 * records where the focus went and marks that element (data-qa-focused), exactly as one call per
 * Tab would read it, so the test presses Tab several times between two calls. The first control of
 * each kind in an island (same tag, type, classes and parent's classes: they share their CSS) is
 * checked for a visible focus indicator; when that takes a few frames (a style that arrives late,
 * like CodeMirror's .cm-focused), the Tabs that come meanwhile are held (kept from the page and
 * from moving the focus) until the check is done, so it is made on the control the Tab reached.
 */
const installWalker = () => {
  type Entry = { key: string; inIsland: boolean; visible: boolean; what: string } | { past: true } | { none: true } | { held: true };
  const w = window as unknown as { __qaLog: Entry[]; __qaHold: Promise<void> | null; __qaKinds: Set<string> };
  w.__qaLog = [];
  w.__qaHold = null;
  w.__qaKinds = new Set();
  // Start just before the first island: Tab from a focused tabindex=-1 marker moves to the next
  // control in document order, exactly as it would coming from the top, without first stepping
  // through the header, the sidebar and the table of contents (hundreds of links, no islands).
  (document.activeElement as HTMLElement | null)?.blur();
  const island = document.querySelector('astro-island');
  const start = document.createElement('span');
  start.tabIndex = -1;
  start.dataset.qaStart = '1';
  island?.before(start);
  start.focus();
  let heldDown = false;
  addEventListener('keydown', (e) => {
    if (e.key !== 'Tab' || !w.__qaHold) return;
    heldDown = true;
    e.preventDefault();
    e.stopImmediatePropagation();
    w.__qaLog.push({ held: true });
  }, true);
  addEventListener('keyup', (e) => {
    if (e.key !== 'Tab') return;
    if (heldDown) {
      heldDown = false;
      e.stopImmediatePropagation();
      return;
    }
    let el = document.activeElement as HTMLElement | null;
    while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement as HTMLElement;
    if (!el || el === document.body) return void w.__qaLog.push({ none: true });
    // past the last island: nothing left to check (the rest is footer and pagination links)
    const islands = document.querySelectorAll('astro-island');
    const last = islands[islands.length - 1];
    if (last && !last.contains(el) && last.compareDocumentPosition(el) & Node.DOCUMENT_POSITION_FOLLOWING) return void w.__qaLog.push({ past: true });
    el.dataset.qaFocused = '1';
    const key = el.dataset.qaKey ?? (el.dataset.qaKey = Math.random().toString(36).slice(2));
    const inIsland = !!el.closest('astro-island');
    const entry = { key, inIsland, visible: true, what: '' };
    w.__qaLog.push(entry);
    if (!inIsland) return;
    // The indicator comes from CSS, so controls of one kind (same tag, type, classes, and parent's
    // classes) share it: check the first of each kind on the page closely, Tab past the rest.
    const kind = [el.tagName, el.getAttribute('type'), el.getAttribute('class'), el.parentElement?.getAttribute('class')].join('|');
    if (w.__qaKinds.has(kind)) return;
    w.__qaKinds.add(kind);
    const target = el;
    entry.what = target.outerHTML.slice(0, 80);
    const own = getComputedStyle(target);
    entry.visible = (own.outlineStyle !== 'none' && parseFloat(own.outlineWidth) > 0) || own.boxShadow !== 'none';
    if (entry.visible) return;
    // A focus indicator is any visible change the focus makes: on the element, its frame (CodeMirror
    // outlines .cm-editor) or its parts (an SVG neuron thickens its circle's stroke). Compare the
    // styles focused and blurred, after the frame in which the page restyles.
    w.__qaHold = (async () => {
      const frames = () => new Promise<void>((ok) => requestAnimationFrame(() => requestAnimationFrame(() => ok())));
      const PROPS = ['outline-style', 'outline-width', 'outline-color', 'box-shadow', 'stroke', 'stroke-width', 'border-color', 'background-color', 'text-decoration-line'];
      const parts = (): Element[] => {
        const up: Element[] = [];
        for (let n: Element | null = target, k = 0; n && k < 3; n = n.parentElement, k++) up.push(n);
        return [...up, ...Array.from(target.querySelectorAll('*')).slice(0, 6)];
      };
      const signature = () => parts().map((n) => { const cs = getComputedStyle(n); return PROPS.map((p) => cs.getPropertyValue(p)).join(','); }).join('|');
      await frames();
      const focused = signature();
      const now = getComputedStyle(target);
      let visible = (now.outlineStyle !== 'none' && parseFloat(now.outlineWidth) > 0) || now.boxShadow !== 'none';
      // Some editors restyle on a focus change a little later (CodeMirror toggles .cm-focused from
      // its own update cycle), so the focused look may not be there yet when first read: compare
      // blurred and focused, each after its restyle has had up to ~10 frames, twice if need be.
      for (let attempt = 0; attempt < 2 && !visible; attempt++) {
        const focusedNow = attempt === 0 ? focused : signature();
        target.blur();
        for (let f = 0; f < 5 && !visible; f++) {
          await frames();
          visible = signature() !== focusedNow;
        }
        target.focus();
        for (let f = 0; f < 5; f++) await frames();
      }
      entry.visible = visible;
    })().finally(() => {
      w.__qaHold = null;
    });
  }, true);
};

/** Tab through the page, marking every element that takes focus; returns those in islands without a visible focus. */
async function tabWalk(page: Page, budget: number): Promise<{ focused: number; invisible: string[] }> {
  await page.evaluate(installWalker);
  type Entry = { key: string; inIsland: boolean; visible: boolean; what: string } | { past: true } | { none: true } | { held: true };
  const invisible: string[] = [];
  let focused = 0;
  let first = '';
  let previous = '';
  let stuck = 0;
  // Tabs are pressed in batches (each one call); one call then reads what each did, after any
  // focus check under way. A Tab held during a check did nothing and does not count.
  const BATCH = 8;
  let presses = 0;
  walk: while (presses < budget) {
    const n = Math.min(BATCH, budget - presses);
    for (let k = 0; k < n; k++) await page.keyboard.press('Tab');
    const log: Entry[] = await page.evaluate(async () => {
      const w = window as unknown as { __qaLog: unknown[]; __qaHold: Promise<void> | null };
      while (w.__qaHold) await w.__qaHold;
      return w.__qaLog.splice(0) as never;
    });
    for (const info of log) {
      if ('held' in info) continue;
      presses++;
      if ('none' in info) {
        if (presses > 4) break walk; // left the document: walk done
        continue;
      }
      if ('past' in info) break walk;
      if (info.key === first) break walk; // came round again
      first ||= info.key;
      if (info.key === previous) {
        // a code editor may keep Tab for indentation; Escape then Tab leaves it (CodeMirror's convention)
        if (++stuck > 2) break walk;
        await page.keyboard.press('Escape');
        continue walk; // the rest of this batch was pressed inside the editor too
      }
      stuck = 0;
      previous = info.key;
      if (info.inIsland) {
        focused++;
        if (!info.visible) invisible.push(info.what);
      }
    }
  }
  return { focused, invisible };
}

describe('every page of the site', () => {
  it('the sitemap lists the pages', () => {
    if (process.env.QA_ROUTES) return;
    expect(routes.length).toBeGreaterThan(5);
    expect(routes).toContain('/');
  });

  // Two pages at a time (the e2e project's maxConcurrency): a page's checks (axe above all) keep one
  // renderer busy on one core, so two routes side by side use both cores of these machines. The
  // pages share nothing they change (the theme is switched on the page's own <html>, not stored).
  it.concurrent.for(routes)('%s: clean, CSP, hydrated, accessible (light + dark), keyboard-reachable', async (route, { expect }) => {
    const { page, problems } = await openPage(context, route);
    tally.pages++;

    // the policy is declared (in the served HTML, before any script is run) ahead of anything that could load or run
    const html = htmlOf(route);
    const metas = [...html.matchAll(/<meta http-equiv="Content-Security-Policy" content="([^"]*)"/g)];
    expect(metas.length, 'one CSP meta').toBe(1);
    const firstLoad = html.search(/<script|<link[^>]+rel="(stylesheet|modulepreload|preload)"|<style/);
    expect(metas[0].index!, 'CSP meta precedes scripts and styles').toBeLessThan(firstLoad === -1 ? Infinity : firstLoad);
    expect(metas[0][1]).toMatch(/default-src 'self'/);
    expect(metas[0][1]).not.toMatch(/https?:|'unsafe-eval'/);

    expect(await page.locator('.katex-error').count()).toBe(0);
    await waitForIslands(page);
    expect(await page.locator('astro-island[ssr]').count()).toBe(0);

    if (axeOn(route)) {
      expect(await page.evaluate(() => document.querySelectorAll('iframe, frame, object, embed').length), 'no frames (axe runs in legacy mode)').toBe(0);
      // Expressive Code (Starlight's code blocks) gives a code block that scrolls sideways its
      // tabindex from a script, after layout settles (≈ 250 ms, then an idle callback): wait for it
      await page.waitForFunction(() => [...document.querySelectorAll('.expressive-code pre')].every((p) => p.scrollWidth <= p.clientWidth || p.hasAttribute('tabindex')), undefined, { timeout: 10_000 });
      const violations = await axe(page, 'light');
      // Starlight's dark theme is :root[data-theme='dark'] (its stored choice only picks that on load;
      // storing it here would change the theme of the other page under test at its next load)
      await page.evaluate(() => {
        document.documentElement.dataset.theme = 'dark';
      });
      violations.push(...(await axe(page, 'dark')));
      await page.evaluate(() => {
        document.documentElement.dataset.theme = 'light';
      });
      expect(violations).toEqual([]);
    }

    if (await page.locator('astro-island').count()) {
      const total = await page.evaluate(() => document.querySelectorAll('a[href], button, input, select, textarea, [tabindex], [contenteditable="true"]').length);
      const { focused, invisible } = await tabWalk(page, total + 60);
      const { missed, total: controls } = await unreachedControls(page);
      expect(missed, 'controls not reachable by Tab').toEqual([]);
      expect(invisible, 'focused without a visible indicator').toEqual([]);
      tally.controls += controls;
      tally.focused += focused;
    }

    expect(problems).toEqual([]);
    await page.close();
  });
});

describe('setting KaTeX’s HTML copies aside for axe (test/e2e/axe.ts)', () => {
  it('replaces the copies by placeholders of their size (those inside `keep` stay), and puts the page back as it was', async () => {
    const { page, problems } = await openPage(context, '/chapters/03-four-equations/');
    await waitForIslands(page);
    const snapshot = () => page.evaluate(() => ({ html: document.body.innerHTML, copies: document.querySelectorAll('.katex-html').length, height: document.documentElement.scrollHeight }));
    // the page as it settles once hydrated (an editor measures itself and restyles a few frames
    // later; on a busy machine that can come after the islands report): two readings a few frames
    // apart that agree
    const frames = () => page.evaluate(() => new Promise<void>((ok) => requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(ok, 50)))));
    let before = await snapshot();
    for (let settled = false; !settled; ) {
      await frames();
      const again = await snapshot();
      settled = JSON.stringify(again) === JSON.stringify(before);
      before = again;
    }
    expect(before.copies).toBeGreaterThan(50);
    const restore = await asideKatexHtml(page, 'astro-island');
    const during = await page.evaluate((aside) => ({
      outside: [...document.querySelectorAll('.katex-html')].filter((el) => !el.closest('astro-island')).length,
      placeholders: document.querySelectorAll(`[${aside}]`).length,
      height: document.documentElement.scrollHeight,
    }), ASIDE);
    expect(during.outside).toBe(0);
    expect(during.placeholders).toBe(before.copies - (await page.locator('astro-island .katex-html').count()));
    // the text keeps its place: the page is as tall as before, to within 2 %
    expect(Math.abs(during.height - before.height)).toBeLessThan(0.02 * before.height);
    await restore();
    expect(await snapshot()).toEqual(before);
    expect(problems).toEqual([]);
    await page.close();
  });
});
