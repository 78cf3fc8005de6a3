// Bad input in real Chromium, driven from test/bad-input/cases.ts against what the build contains:
// every text field of every widget (figure[data-widget]), one exercise of each kind, the code
// cells' output, the lab's model upload, the progress import and corrupted localStorage entries.
// Each case: a clear message (role=alert/status, aria-invalid, or the widget's notice/feedback)
// where the input is invalid, no console error, no script run from hostile text (no
// window.__xss, no dialog), and no exercise progress lost. A target missing from the build is
// skipped with a logged reason.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext, Locator, Page } from 'playwright-core';
import { launch, openPage, replaceEditorText, waitForIslands } from './harness';
import { htmlOf, routesWith } from './site';
import { cellOutputs, corruptStorage, fieldCases, HOSTILE, modelFiles, progressFiles, type FieldCase } from '../bad-input/cases';
import { STORE_KEY } from '../../src/exercises/progress';

let context: BrowserContext;
const tally = { tried: 0, skipped: [] as string[] };
beforeAll(async () => {
  context = await launch();
});
afterAll(async () => {
  await context?.close();
  console.log(`bad-input: ${tally.tried} cases tried; skipped: ${tally.skipped.length ? tally.skipped.join('; ') : 'none'}`);
});
function skip(reason: string) {
  tally.skipped.push(reason);
  console.log(`bad-input: skipped — ${reason}`);
}

// a reload or navigation aborts requests still in flight; those are not faults of the page
const real = (problems: string[]) => problems.filter((p) => !/requestfailed: .* net::ERR_ABORTED/.test(p));

/** open a page (after `beforeLoad`, e.g. an init script), noting and dismissing any dialog from its first script on */
async function open(path: string, beforeLoad?: (page: Page) => Promise<void>): Promise<{ page: Page; problems: string[]; dialogs: string[] }> {
  const dialogs: string[] = [];
  const { page, problems } = await openPage(context, path, async (pg) => {
    pg.on('dialog', (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
    await beforeLoad?.(pg);
  });
  await waitForIslands(page, 30_000);
  return { page, problems, dialogs };
}

async function noScriptRan(page: Page, dialogs: string[], where: string) {
  expect(await page.evaluate(() => (window as unknown as { __xss?: unknown }).__xss), `${where}: hostile text ran`).toBeUndefined();
  expect(dialogs, `${where}: a dialog opened`).toEqual([]);
  // hostile markup never becomes elements (the text may be shown, escaped)
  expect(await page.locator('img[src="x"], img[src$="/x"]').count(), `${where}: hostile <img> in the DOM`).toBe(0);
}

/** a field with its own apply button beside it ("Add c to every z", "Use this example") is
 * committed by that button (its data-testid says "apply"; a neighbouring "+" or "−" is not) */
const applyOf = (field: Locator) => field.locator('xpath=following-sibling::button[1][contains(@data-testid, "apply")]');

/** enter one value into a field the way a reader does, and commit it */
async function enter(field: Locator, text: string, hasApply?: boolean) {
  await field.fill(text);
  await field.press('Enter');
  const apply = applyOf(field);
  if ((hasApply ?? (await apply.count()) > 0) && (await apply.isEnabled())) await apply.click();
  await field.evaluate((el) => (el as HTMLElement).blur());
}

/** everything checked after one case, read in one round trip: the messages a widget shows (to tell
 * whether it said something new), an alert, numbers shown as NaN/undefined outside a message (a
 * silent failure), hostile markup that ran */
async function afterCase(root: Locator) {
  return root.evaluate((el) => {
    const messages = [...el.querySelectorAll('[role=alert], [role=status], .widget-error, .widget-notice, .ex-feedback, .nb-message, [aria-invalid="true"]')]
      .map((m) => (m.getAttribute('aria-invalid') === 'true' ? `invalid:${m.getAttribute('aria-label') ?? m.tagName}` : (m.textContent ?? '').trim()))
      .filter(Boolean)
      .join(' | ');
    const alert = [...el.querySelectorAll('[role=alert], .widget-error, [aria-invalid="true"]')].some((m) => m.getAttribute('aria-invalid') === 'true' || (m.textContent ?? '').trim() !== '');
    const clone = el.cloneNode(true) as HTMLElement;
    clone.querySelectorAll('input, textarea, [role=alert], .widget-error, .ex-feedback, script, style').forEach((n) => n.remove());
    const garbage = /\b(NaN|undefined|\[object Object\])\b/.exec(clone.textContent ?? '')?.[0] ?? null;
    const xss = (window as unknown as { __xss?: unknown }).__xss;
    const hostileImgs = document.querySelectorAll('img[src="x"], img[src$="/x"]').length;
    return { messages, alert, garbage, xss, hostileImgs };
  });
}

/** A few routes whose islands, together, include every island component of `routes`. */
function coverComponents(routes: string[]): string[] {
  const components = new Map(routes.map((r) => [r, new Set([...htmlOf(r).matchAll(/component-url="([^"]+)"/g)].map((m) => m[1]))]));
  const left = new Set([...components.values()].flatMap((c) => [...c]));
  const chosen: string[] = [];
  while (left.size) {
    let best = routes[0];
    let gain = -1;
    for (const r of routes) {
      const g = [...components.get(r)!].filter((c) => left.has(c)).length;
      if (g > gain) [best, gain] = [r, g];
    }
    chosen.push(best);
    for (const c of components.get(best)!) left.delete(c);
  }
  console.log(`bad-input: corrupted storage tried on ${chosen.length} of ${routes.length} pages with islands (every island component at least once): ${chosen.join(', ')}`);
  return chosen;
}

/** what a field whose kind was already tried in full still gets */
const REPEAT_CASES = new Set(['non-numeric', 'NaN', 'hostile html']);
const seenKinds = new Set<string>();

async function tryFields(page: Page, problems: string[], dialogs: string[], root: Locator, label: string, fields: Locator, cases: FieldCase[], kindOf = label) {
  const n = await fields.count();
  for (let i = 0; i < n; i++) {
    const field = fields.nth(i);
    if (!(await field.isVisible()) || !(await field.isEditable())) continue;
    const type = (await field.getAttribute('type')) ?? 'text';
    const original = await field.inputValue();
    const fieldName = (await field.getAttribute('data-testid')) ?? (await field.getAttribute('aria-label')) ?? (await field.getAttribute('id')) ?? `field ${i}`;
    // Fields of one kind in one widget (w₁₁, w₁₂, … share a testid up to their indices, and one
    // handler) get every case on the first of them and the cases that must be refused on the rest.
    const kind = `${kindOf}|${type}|${fieldName.replace(/\d+/g, '#')}`;
    const repeat = seenKinds.has(kind);
    seenKinds.add(kind);
    const hasApply = (await applyOf(field).count()) > 0;
    await enter(field, original, hasApply);
    const before = (await afterCase(root)).messages;
    for (const c of repeat ? cases.filter((k) => REPEAT_CASES.has(k.id) || k.only) : cases) {
      if (c.only && !(await field.evaluate((el, sel) => el.matches(sel), c.only))) continue;
      if (type === 'number' && !/^-?[\d.e]*$/i.test(c.text)) continue; // the browser refuses non-numeric text by itself
      const where = `${label} ${fieldName} ← ${c.id}`;
      await enter(field, c.text, hasApply);
      tally.tried++;
      let seen = await afterCase(root);
      if (c.mustComplain && seen.messages === before && !seen.alert) {
        // the message may be drawn a frame or two after Enter (an exercise re-grades on submit):
        // wait for it rather than read once, since the text before this case can be the same
        await expect
          .poll(async () => (seen = await afterCase(root)).messages !== before || seen.alert, { timeout: 5_000, message: `${where}: no new message or alert (before: ${before || 'none'})` })
          .toBe(true);
      }
      expect(seen.garbage, `${where}: shows NaN/undefined`).toBeNull();
      expect(seen.xss, `${where}: hostile text ran`).toBeUndefined();
      expect(seen.hostileImgs, `${where}: hostile <img> in the DOM`).toBe(0);
      expect(dialogs, `${where}: a dialog opened`).toEqual([]);
      expect(real(problems), where).toEqual([]);
      await enter(field, original, hasApply);
    }
  }
}

const TEXT_FIELDS = 'input[type=text], input[type=number], input:not([type]), textarea:not(.nb-fallback)';

describe('bad input', () => {
  it('every text field of every widget', { timeout: 300_000 }, async () => {
    const routes = routesWith('data-widget="');
    if (!routes.length) return skip('no widget in the build');
    for (const route of routes) {
      const { page, problems, dialogs } = await open(route);
      const widgets = page.locator('figure[data-widget]');
      const count = await widgets.count();
      for (let w = 0; w < count; w++) {
        const root = widgets.nth(w);
        const name = await root.getAttribute('data-widget');
        await root.scrollIntoViewIfNeeded();
        await waitForIslands(page, 30_000);
        const fields = root.locator(TEXT_FIELDS);
        if ((await fields.count()) === 0) {
          skip(`widget ${name} on ${route} has no text field (sliders/selects only: the browser bounds them)`);
          continue;
        }
        await tryFields(page, problems, dialogs, root, `${route} ${name}`, fields, fieldCases, `widget ${name}`);
      }
      expect(real(problems), route).toEqual([]);
      await page.close();
    }
  });

  it('one exercise of each kind; progress is not lost', async () => {
    const routes = routesWith('data-exercises-for=');
    if (!routes.length) return skip('no exercises in the build');
    const kindsDone = new Set<string>();
    for (const route of routes) {
      const { page, problems, dialogs } = await open(route);
      await page.locator('.exercises').first().scrollIntoViewIfNeeded();
      await waitForIslands(page, 30_000);
      const progressBefore = await page.evaluate((k) => localStorage.getItem(k), STORE_KEY);
      const cards = page.locator('[data-exercise][data-kind]');
      const n = await cards.count();
      for (let i = 0; i < n; i++) {
        const card = cards.nth(i);
        const kind = (await card.getAttribute('data-kind'))!;
        if (kindsDone.has(kind)) continue;
        const fields = card.locator('input[type=text], textarea:not(.nb-fallback)');
        if ((await fields.count()) === 0) continue; // choice exercises: nothing to type
        kindsDone.add(kind);
        // answers are judged on submit: every case must be refused (a bad answer is never right)
        await tryFields(page, problems, dialogs, card, `${route} exercise(${kind})`, fields.first(), fieldCases.filter((c) => c.text !== '' && !c.only));
        expect(await card.getAttribute('data-status'), `${kind}: a bad answer never solves it`).not.toBe('solved');
      }
      // the store still parses and nothing that was solved became unsolved
      const progressAfter = await page.evaluate((k) => localStorage.getItem(k), STORE_KEY);
      if (progressBefore) {
        const solvedBefore = Object.entries(JSON.parse(progressBefore).answers ?? {}).filter(([, v]) => (v as { ok?: boolean }).ok).map(([k]) => k);
        const after = JSON.parse(progressAfter!);
        for (const id of solvedBefore) expect((after.answers ?? {})[id]?.ok, `progress for ${id} kept`).toBe(true);
      }
      expect(real(problems), route).toEqual([]);
      await page.close();
    }
    console.log(`bad-input: exercise kinds with text answers tried: ${[...kindsDone].join(', ') || 'none'}`);
  });

  it('code cells show hostile output as text', async () => {
    const routes = routesWith('data-cell="');
    if (!routes.length) return skip('no code cell in the build');
    const { page, problems, dialogs } = await open(routes[0]);
    const cell = page.locator('.nb-cell').first();
    await cell.scrollIntoViewIfNeeded();
    await waitForIslands(page, 30_000);
    const content = cell.locator('.cm-content');
    await content.waitFor({ timeout: 20_000 });
    for (const code of cellOutputs) {
      await replaceEditorText(page, content, code);
      await cell.locator('.nb-run').first().click();
      await page.waitForFunction((el) => el?.querySelector('.nb-output') && !el.querySelector('[data-status="running"]'), await cell.elementHandle(), { timeout: 30_000 });
      await expect.poll(() => cell.locator('.nb-output').textContent(), { timeout: 30_000 }).toMatch(/<img src=x|<script>/);
      tally.tried++;
      expect(await cell.locator('.nb-output img, .nb-output script').count(), code).toBe(0);
      await noScriptRan(page, dialogs, `cell ← ${code}`);
    }
    expect(real(problems)).toEqual([]);
    await page.close();
  });

  it('malformed model JSON upload is refused with a message', async () => {
    const routes = routesWith('data-testid="mn-upload"');
    if (!routes.length) return skip('no model upload (MNIST lab) in the build');
    const { page, problems, dialogs } = await open(routes[0]);
    const input = page.getByTestId('mn-upload');
    await input.scrollIntoViewIfNeeded();
    for (const f of modelFiles) {
      await input.setInputFiles({ name: f.name, mimeType: 'application/json', buffer: Buffer.from(f.content) });
      await expect.poll(() => page.getByTestId('mn-upload-error').textContent().catch(() => ''), { message: `model ${f.id}` }).not.toBe('');
      tally.tried++;
      await noScriptRan(page, dialogs, `model upload ${f.id}`);
    }
    expect(real(problems)).toEqual([]);
    await page.close();
  });

  it('malformed progress import is refused and changes nothing', async () => {
    const routes = routesWith('component-url="/_astro/ProgressPage'); // the page renders in the browser only
    if (!routes.length) return skip('no progress import page in the build');
    const { page, problems, dialogs } = await open(routes[0]);
    const input = page.locator('input[type=file]').first();
    const stored = await page.evaluate((k) => localStorage.getItem(k), STORE_KEY);
    for (const f of progressFiles) {
      await input.setInputFiles({ name: f.name, mimeType: 'application/json', buffer: Buffer.from(f.content) });
      await expect.poll(() => page.locator('.progress-msg').textContent(), { message: `progress ${f.id}` }).toMatch(/refused/i);
      tally.tried++;
      expect(await page.evaluate((k) => localStorage.getItem(k), STORE_KEY), `progress ${f.id}: store unchanged`).toBe(stored);
      await noScriptRan(page, dialogs, `progress import ${f.id}`);
    }
    expect(real(problems)).toEqual([]);
    await page.close();
  });

  it('a corrupted localStorage entry never breaks a page', { timeout: 300_000 }, async () => {
    const withIslands = routesWith('<astro-island');
    if (!withIslands.length) return skip('no islands in the build');
    // What a page does with its stored state is up to its islands' components, so the pages tried
    // are a set that contains every island component of the site at least once (greedy cover).
    const routes = coverComponents(withIslands);
    // visit each of them once so each writes what it stores, then corrupt every key
    const { page } = await open(routes[0]);
    for (const r of routes.slice(1)) {
      await page.goto(new URL(r, page.url()).href);
      await waitForIslands(page, 30_000);
    }
    const keys: string[] = await page.evaluate(() => Object.keys(localStorage));
    await page.close();
    if (!keys.length) return skip('no page stores anything in localStorage');
    for (const bad of corruptStorage) {
      for (const route of routes) {
        // the corrupted values are in storage before any of the page's own scripts run (one load)
        const corrupt = async (pg: Page) => {
          await pg.addInitScript(([ks, v]) => ks.forEach((k) => localStorage.setItem(k, v)), [keys, bad] as const);
        };
        const { page: p, problems, dialogs } = await open(route, corrupt);
        tally.tried++;
        expect(await p.locator('astro-island[ssr]').count()).toBe(0);
        await noScriptRan(p, dialogs, `localStorage = ${bad} on ${route}`);
        expect(real(problems), `localStorage = ${bad} on ${route}`).toEqual([]);
        await p.close();
      }
    }
    console.log(`bad-input: corrupted localStorage keys: ${keys.join(', ')}`);
  });
});

export { HOSTILE };
