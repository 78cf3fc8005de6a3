// Bad input in real Chromium, driven from test/bad-input/cases.ts against what the build contains:
// every text field of every widget (figure[data-widget]), one exercise of each kind, the code
// cells' output, the lab's model upload, the progress import and corrupted localStorage entries.
// Each case: a clear message (role=alert/status, aria-invalid, or the widget's notice/feedback)
// where the input is invalid, no console error, no script run from hostile text (no
// window.__xss, no dialog), and no exercise progress lost. A target missing from the build is
// skipped with a logged reason.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext, Locator, Page } from 'playwright-core';
import { callSummary, hydrateAtLoad, launch, openPage, replaceEditorText, waitForIslands } from './harness';
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
  console.log(`bad-input: ${callSummary()}`);
  console.log(`bad-input: ${tally.tried} cases tried; skipped: ${tally.skipped.length ? tally.skipped.join('; ') : 'none'}`);
});
function skip(reason: string) {
  tally.skipped.push(reason);
  console.log(`bad-input: skipped — ${reason}`);
}

// a reload or navigation aborts requests still in flight; those are not faults of the page
const real = (problems: string[]) => problems.filter((p) => !/requestfailed: .* net::ERR_ABORTED/.test(p));

/** The page's own errors, recorded in the page so that the driver can tell which case caused them. */
const recordErrors = () => {
  const w = window as unknown as { __qaErrors?: string[] };
  const errors: string[] = (w.__qaErrors = []);
  for (const level of ['error', 'warn'] as const) {
    const original = console[level].bind(console);
    console[level] = (...a: unknown[]) => {
      errors.push(`console.${level === 'warn' ? 'warning' : 'error'}: ${a.map(String).join(' ')}`);
      original(...a);
    };
  }
  addEventListener('error', (e) => errors.push(`pageerror: ${e.message}`));
  addEventListener('unhandledrejection', (e) => errors.push(`pageerror: ${String(e.reason)}`));
};

/** open a page (after `beforeLoad`, e.g. an init script), noting and dismissing any dialog from its first script on */
async function open(path: string, beforeLoad?: (page: Page) => Promise<void>, inContext = context): Promise<{ page: Page; problems: string[]; dialogs: string[] }> {
  const dialogs: string[] = [];
  const { page, problems } = await openPage(inContext, path, async (pg) => {
    pg.on('dialog', (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
    await pg.addInitScript(recordErrors);
    // what is tried here is what the islands do, not when they start: all hydrate at load
    await pg.addInitScript(hydrateAtLoad);
    await beforeLoad?.(pg);
  });
  await waitForIslands(page);
  return { page, problems, dialogs };
}

async function noScriptRan(page: Page, dialogs: string[], where: string) {
  expect(await page.evaluate(() => (window as unknown as { __xss?: unknown }).__xss), `${where}: hostile text ran`).toBeUndefined();
  expect(dialogs, `${where}: a dialog opened`).toEqual([]);
  // hostile markup never becomes elements (the text may be shown, escaped)
  expect(await page.locator('img[src="x"], img[src$="/x"]').count(), `${where}: hostile <img> in the DOM`).toBe(0);
}

/** What one bad-input case did wrong, as the in-page driver saw it (empty: nothing). */
interface CaseOutcome {
  where: string;
  faults: string[];
}

/** What the in-page driver is told: the fields to try, the cases, and which field kinds were tried in full already. */
interface DriveArgs {
  label: string;
  kindOf: string;
  fields: string;
  firstOnly: boolean;
  cases: FieldCase[];
  repeatCases: string[];
  seenKinds: string[];
}

/**
 * The bad-input driver, run inside the page: one call tries every case on every field of `root`
 * and returns what went wrong, case by case (the test asserts on it). A value is entered the way a
 * reader enters it: focus, the text replaces the field's content (input event), Enter (keydown;
 * unless a handler prevents it, Chromium's default: a single-line field commits its value with a
 * change event and submits its form implicitly, a textarea gets a new line), the field's own apply
 * button if it has one ("Add c to every z", "Use this example": a button after it whose data-testid
 * says "apply"), then blur (change, if the value was not committed yet). After each case it reads
 * the widget's messages, an alert, numbers shown as NaN/undefined outside a message (a silent
 * failure), hostile markup that ran and errors the page reported; a case that must be refused
 * waits (for up to 5 s, frame by frame) for a new message or an alert. Then the original value is
 * entered back the same way.
 */
const drive = async (root: Element, args: DriveArgs): Promise<{ tried: number; outcomes: CaseOutcome[]; seenKinds: string[] }> => {
  const w = window as unknown as { __xss?: unknown; __qaErrors?: string[] };
  const seenKinds = new Set(args.seenKinds);
  const outcomes: CaseOutcome[] = [];
  let tried = 0;
  const frame = () => new Promise<void>((ok) => requestAnimationFrame(() => setTimeout(ok, 0)));
  const tick = () => new Promise<void>((ok) => setTimeout(ok, 0));
  const MESSAGES = '[role=alert], [role=status], .widget-error, .widget-notice, .ex-feedback, .nb-message, [aria-invalid="true"]';
  const read = () => {
    const messages = [...root.querySelectorAll(MESSAGES)]
      .map((m) => (m.getAttribute('aria-invalid') === 'true' ? `invalid:${m.getAttribute('aria-label') ?? m.tagName}` : (m.textContent ?? '').trim()))
      .filter(Boolean)
      .join(' | ');
    const alert = [...root.querySelectorAll('[role=alert], .widget-error, [aria-invalid="true"]')].some((m) => m.getAttribute('aria-invalid') === 'true' || (m.textContent ?? '').trim() !== '');
    const clone = root.cloneNode(true) as HTMLElement;
    clone.querySelectorAll('input, textarea, [role=alert], .widget-error, .ex-feedback, script, style').forEach((n) => n.remove());
    const garbage = /\b(NaN|undefined|\[object Object\])\b/.exec(clone.textContent ?? '')?.[0] ?? null;
    const hostileImgs = document.querySelectorAll('img[src="x"], img[src$="/x"]').length;
    return { messages, alert, garbage, xss: w.__xss, hostileImgs };
  };
  const fields = () => [...root.querySelectorAll<HTMLInputElement | HTMLTextAreaElement>(args.fields)].slice(0, args.firstOnly ? 1 : undefined);
  const applyOf = (el: Element): HTMLButtonElement | null => {
    let s = el.nextElementSibling;
    while (s && s.tagName !== 'BUTTON') s = s.nextElementSibling;
    return s && (s.getAttribute('data-testid') ?? '').includes('apply') ? (s as HTMLButtonElement) : null;
  };
  const BLOCKS_IMPLICIT_SUBMIT = /^(text|search|url|tel|email|password|date|month|week|time|datetime-local|number)$/;
  const enter = async (el: HTMLInputElement | HTMLTextAreaElement, text: string) => {
    const setValue = Object.getOwnPropertyDescriptor(Object.getPrototypeOf(el), 'value')!.set!;
    el.focus();
    // Chromium's rule (checked against Playwright's fill/press): a change event fires on Enter or
    // blur when the reader edited the value since the last one and it differs from the value then;
    // a value the page's own script sets (a handler putting back the last good value) fires none
    let baseline = el.value;
    let edited = false;
    const commit = () => {
      if (edited && el.value !== baseline) el.dispatchEvent(new Event('change', { bubbles: true }));
      baseline = el.value;
      edited = false;
    };
    el.select();
    el.dispatchEvent(new InputEvent('beforeinput', { bubbles: true, cancelable: true, composed: true, inputType: 'insertReplacementText', data: text }));
    setValue.call(el, text);
    edited = true;
    el.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true, inputType: text ? 'insertText' : 'deleteContentBackward', data: text || null }));
    await tick();
    const key = { key: 'Enter', code: 'Enter', keyCode: 13, which: 13, bubbles: true, cancelable: true, composed: true };
    if (el.dispatchEvent(new KeyboardEvent('keydown', key)) && el.isConnected) {
      if (el instanceof HTMLTextAreaElement) {
        setValue.call(el, el.value + '\n');
        edited = true;
        el.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true, inputType: 'insertLineBreak' }));
      } else {
        commit();
        const form = el.form;
        if (form) {
          const submit = [...form.elements].find((e) => (e instanceof HTMLButtonElement || e instanceof HTMLInputElement) && e.type === 'submit') as HTMLButtonElement | undefined;
          if (submit) {
            if (!submit.disabled) submit.click();
          } else if ([...form.elements].filter((e) => e instanceof HTMLInputElement && BLOCKS_IMPLICIT_SUBMIT.test(e.type)).length === 1) form.requestSubmit();
        }
      }
    }
    el.dispatchEvent(new KeyboardEvent('keyup', key));
    await tick();
    const apply = applyOf(el);
    if (apply && !apply.disabled) {
      apply.click();
      await tick();
    }
    if (el.isConnected) commit();
    el.blur();
    await tick();
  };
  // a widget still loading what it shows (a <progress> bar on show: the MNIST lab's digits) may
  // reset its messages when the load completes; wait for that state first (a page that never
  // finishes loading fails by the test's own time budget, not by a clock read here). A bar kept in
  // the layout but hidden while idle (the lab's epoch progress, so that nothing moves) is not loading.
  const loading = () => [...root.querySelectorAll('progress')].some((p) => p.getClientRects().length > 0 && getComputedStyle(p).visibility !== 'hidden');
  while (loading()) await new Promise<void>((ok) => setTimeout(ok, 50));
  const n = fields().length;
  for (let i = 0; i < n; i++) {
    let el = fields()[i];
    if (!el) continue;
    const again = () => (el.isConnected ? el : (el = fields()[i] ?? el));
    const box = el.getBoundingClientRect();
    const style = getComputedStyle(el);
    if (box.width === 0 || box.height === 0 || style.visibility === 'hidden' || el.disabled || el.readOnly) continue;
    const type = el.getAttribute('type') ?? 'text';
    const original = el.value;
    const fieldName = el.getAttribute('data-testid') ?? el.getAttribute('aria-label') ?? el.getAttribute('id') ?? `field ${i}`;
    // Fields of one kind in one widget (w₁₁, w₁₂, … share a testid up to their indices, and one
    // handler) get every case on the first of them and the cases that must be refused on the rest.
    const kind = `${args.kindOf}|${type}|${fieldName.replace(/\d+/g, '#')}`;
    const repeat = seenKinds.has(kind);
    seenKinds.add(kind);
    await enter(again(), original);
    const before = read().messages;
    for (const c of repeat ? args.cases.filter((k) => args.repeatCases.includes(k.id) || k.only) : args.cases) {
      if (c.only && !again().matches(c.only)) continue;
      if (type === 'number' && !/^-?[\d.e]*$/i.test(c.text)) continue; // the browser refuses non-numeric text by itself
      const where = `${args.label} ${fieldName} ← ${c.id}`;
      const errorsBefore = w.__qaErrors?.length ?? 0;
      await enter(again(), c.text);
      await frame();
      tried++;
      let seen = read();
      const faults: string[] = [];
      if (c.mustComplain && seen.messages === before && !seen.alert) {
        // the message may be drawn a few frames after Enter (an exercise re-grades on submit, its
        // checkers load lazily): wait for that state, frame by frame, with no clock of its own; a
        // field that never complains is caught by the test's own budget, and the case it was on
        // is left in window.__qaWaiting for whoever reads the page (the failure names the route)
        (w as unknown as { __qaWaiting?: string }).__qaWaiting = where;
        while (seen.messages === before && !seen.alert) {
          await frame();
          seen = read();
        }
        (w as unknown as { __qaWaiting?: string }).__qaWaiting = undefined;
      }
      if (seen.garbage !== null) faults.push(`shows ${seen.garbage}`);
      if (seen.xss !== undefined) faults.push('hostile text ran');
      if (seen.hostileImgs) faults.push('hostile <img> in the DOM');
      const errors = (w.__qaErrors ?? []).slice(errorsBefore);
      if (errors.length) faults.push(...errors);
      outcomes.push({ where, faults });
      await enter(again(), original);
    }
  }
  return { tried, outcomes, seenKinds: [...seenKinds] };
};

/** A few routes whose islands, together, include every island component of `routes`. */
function coverComponents(routes: string[]): string[] {
  // Each chapter's exercises are their own island file (Ex01 … Ex14: the chapter's part of the
  // bank, components/exercises/islands/) but one component, ExerciseList, whose only stored state
  // is the progress entry, read by one function (loadProgress) whatever the chapter: for what a
  // corrupted entry does they are one component, so one chapter's exercises stand for all.
  const island = (tag: string) => (/opts="\{&quot;name&quot;:&quot;Ex\d+&quot;/.test(tag) ? 'ExerciseList' : /component-url="([^"]+)"/.exec(tag)![1]);
  const components = new Map(routes.map((r) => [r, new Set([...htmlOf(r).matchAll(/<astro-island [^>]*>/g)].map((m) => island(m[0])))]));
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
const REPEAT_CASES = ['non-numeric', 'NaN', 'hostile html'];
let seenKinds: string[] = [];

/** try every case on the fields of `root` (one call into the page), then assert on what each case did */
async function tryFields(problems: string[], dialogs: string[], root: Locator, label: string, fields: string, cases: FieldCase[], kindOf = label, firstOnly = false) {
  const started = Date.now();
  const result = await root.evaluate(drive, { label, kindOf, fields, firstOnly, cases, repeatCases: REPEAT_CASES, seenKinds });
  console.log(`bad-input: ${label}: ${result.tried} cases in one call, ${((Date.now() - started) / 1000).toFixed(1)} s`);
  seenKinds = result.seenKinds;
  tally.tried += result.tried;
  for (const { where, faults } of result.outcomes) expect(faults, where).toEqual([]);
  expect(dialogs, `${label}: a dialog opened`).toEqual([]);
  expect(real(problems), label).toEqual([]);
}

const TEXT_FIELDS = 'input[type=text], input[type=number], input:not([type]), textarea:not(.nb-fallback)';
const EXERCISE_FIELDS = 'input[type=text], textarea:not(.nb-fallback)';

describe('bad input', () => {
  it('every text field of every widget', { timeout: 300_000 }, async () => {
    const routes = routesWith('data-widget="');
    if (!routes.length) return skip('no widget in the build');
    for (const route of routes) {
      const { page, problems, dialogs } = await open(route);
      // one call lists the widgets and how many text fields each has (open() hydrated every island)
      const widgets = await page.evaluate((sel) => [...document.querySelectorAll('figure[data-widget]')].map((f) => ({ name: f.getAttribute('data-widget'), fields: f.querySelectorAll(sel).length })), TEXT_FIELDS);
      for (const [w, { name, fields }] of widgets.entries()) {
        if (fields === 0) {
          skip(`widget ${name} on ${route} has no text field (sliders/selects only: the browser bounds them)`);
          continue;
        }
        await tryFields(problems, dialogs, page.locator('figure[data-widget]').nth(w), `${route} ${name}`, TEXT_FIELDS, fieldCases, `widget ${name}`);
      }
      expect(real(problems), route).toEqual([]);
      await page.close();
    }
  });

  it('one exercise of each kind; progress is not lost', async () => {
    const routes = routesWith('data-exercises-for=');
    if (!routes.length) return skip('no exercises in the build');
    const kindsDone = new Set<string>();
    // kinds whose cards have no field to type in (choice; code, answered in an editor)
    const untyped = new Set<string>();
    for (const route of routes) {
      // the cards' kinds are in the served HTML: a page with no kind left to try is not opened
      const kinds = new Set([...htmlOf(route).matchAll(/data-kind="([^"]+)"/g)].map((m) => m[1]));
      if ([...kinds].every((k) => kindsDone.has(k) || untyped.has(k))) continue;
      const { page, problems, dialogs } = await open(route);
      const progressBefore = await page.evaluate((k) => localStorage.getItem(k), STORE_KEY);
      // one call lists the cards: their kind and whether they have a field to type in
      const cards = await page.evaluate(
        (sel) => [...document.querySelectorAll('[data-exercise][data-kind]')].map((c) => ({ kind: c.getAttribute('data-kind')!, typed: c.querySelector(sel) !== null })),
        EXERCISE_FIELDS,
      );
      for (const [i, { kind, typed }] of cards.entries()) {
        if (!typed) untyped.add(kind); // choice and code exercises: nothing to type
        if (kindsDone.has(kind) || !typed) continue;
        kindsDone.add(kind);
        const card = page.locator('[data-exercise][data-kind]').nth(i);
        // answers are judged on submit: every case must be refused (a bad answer is never right)
        await tryFields(problems, dialogs, card, `${route} exercise(${kind})`, EXERCISE_FIELDS, fieldCases.filter((c) => c.text !== '' && !c.only), `${route} exercise(${kind})`, true);
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
    await waitForIslands(page);
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
      await waitForIslands(page);
    }
    const keys: string[] = await page.evaluate(() => Object.keys(localStorage));
    await page.close();
    if (!keys.length) return skip('no page stores anything in localStorage');
    // Every corrupted value on every page, two pages at a time: loading and hydrating a chapter keeps
    // one renderer on one core busy. Each of the two lanes has its own browser profile, so that the
    // value a page finds is the one written for it (two pages of one profile share the origin's
    // localStorage, and the other page's init script would overwrite it).
    const trials = corruptStorage.flatMap((bad) => routes.map((route) => ({ bad, route })));
    const second = await launch();
    const runTrials = async (laneContext: BrowserContext) => {
      for (let trial = trials.shift(); trial; trial = trials.shift()) {
        const { bad, route } = trial;
        // the corrupted values are in storage before any of the page's own scripts run (one load)
        const corrupt = async (pg: Page) => {
          await pg.addInitScript(([ks, v]) => ks.forEach((k) => localStorage.setItem(k, v)), [keys, bad] as const);
        };
        const { page: p, problems, dialogs } = await open(route, corrupt, laneContext);
        tally.tried++;
        const where = `localStorage = ${bad} on ${route}`;
        // what the page is left with, read in one call
        const seen = await p.evaluate(() => ({
          pending: document.querySelectorAll('astro-island[ssr]').length,
          xss: (window as unknown as { __xss?: unknown }).__xss,
          hostileImgs: document.querySelectorAll('img[src="x"], img[src$="/x"]').length,
        }));
        expect(seen, where).toEqual({ pending: 0, xss: undefined, hostileImgs: 0 });
        expect(dialogs, `${where}: a dialog opened`).toEqual([]);
        expect(real(problems), where).toEqual([]);
        await p.close();
      }
    };
    try {
      await Promise.all([runTrials(context), runTrials(second)]);
    } finally {
      await second.close();
    }
    console.log(`bad-input: corrupted localStorage keys: ${keys.join(', ')}`);
  });
});

export { HOSTILE };
