// The widgets' own training runs in headless Chromium, from their own buttons, with the long tasks
// of the page while they run (issue 17 §4: "during any run — playground, overfitting, MNIST lab, full
// set — the main thread has no task over 50 ms"). Part of `npm run bench -- --browser`; alone with
// `--widgets`. Numbers only: nothing here is a test. The page's context must record long tasks in
// window.__longTasks (browser.ts installs the PerformanceObserver before any page script).
import type { BrowserContext, Locator, Page } from 'playwright-core';

export interface LongTasks {
  count: number;
  longestMs: number;
}
/** A long animation frame (Long Animation Frames API) as browser.ts records it in window.__loaf. */
export interface LongFrame {
  startTime: number;
  duration: number;
  blockingDuration: number;
  renderMs: number;
  styleAndLayoutMs: number;
  scripts: { invoker: string; type: string; source: string; duration: number; layout: number }[];
}
export interface WidgetRun {
  widget: string;
  /** What was run, in words. */
  what: string;
  longTasks: LongTasks;
  /** The run's long tasks, each with the long animation frame it fell in (null: none recorded). */
  longFrames: { startTime: number; duration: number; frame: LongFrame | null }[];
  /** Charts drawn whole by Plot during the run, and live marks moved in place (kit/live-chart.ts). */
  charts: { drawn: number; moved: number };
  wallSeconds: number;
  /** navigator.hardwareConcurrency of the page (the Overfitting widget runs its two runs at once from 3). */
  cores: number;
}
export type WidgetResult = WidgetRun | { widget: string; error: string };

export const tasksOf = (tasks: number[]): LongTasks => ({ count: tasks.length, longestMs: Math.max(0, ...tasks) });

/**
 * The page at rest before a run is measured: the offline service worker's install (it precaches
 * the whole site, ≈ 30 MB, on the first visit) done, then an idle moment. A run measured during the
 * install shares the two cores with it.
 */
async function atRest(page: Page): Promise<void> {
  await page.evaluate(async () => {
    if ('serviceWorker' in navigator && navigator.serviceWorker.controller === null) {
      await Promise.race([navigator.serviceWorker.ready, new Promise((ok) => setTimeout(ok, 60_000))]);
    }
    await new Promise((ok) => requestIdleCallback(() => ok(null), { timeout: 5000 }));
  });
}

async function measure(page: Page, widget: string, what: string, run: () => Promise<void>): Promise<WidgetResult> {
  try {
    await atRest(page);
    type W = { __longTasks: number[]; __longTaskStarts: number[]; __loaf: LongFrame[] };
    const before = await page.evaluate(() => ({ tasks: (window as unknown as W).__longTasks.length, frames: (window as unknown as W).__loaf.length }));
    // a chart drawn whole replaces the children of its .widget-plot; a live mark moved changes its d (or cx)
    await page.evaluate(() => {
      const w = window as unknown as { __charts: { drawn: number; moved: number }; __chartsObserver?: MutationObserver };
      w.__chartsObserver?.disconnect();
      w.__charts = { drawn: 0, moved: 0 };
      w.__chartsObserver = new MutationObserver((records) => {
        for (const r of records) {
          if (r.type === 'childList' && (r.target as Element).classList?.contains('widget-plot')) w.__charts.drawn++;
          else if (r.type === 'attributes' && (r.target as Element).hasAttribute('data-live-key')) w.__charts.moved++;
        }
      });
      w.__chartsObserver.observe(document.body, { subtree: true, childList: true, attributes: true, attributeFilter: ['d', 'cx'] });
    });
    const t0 = Date.now();
    await run();
    const wallSeconds = (Date.now() - t0) / 1000;
    // the frame entries of the run arrive once each frame has ended: give the observer a moment
    await page.waitForTimeout(200);
    const { tasks, starts, frames, cores, charts } = await page.evaluate((k) => {
      const w = window as unknown as W & { __charts: { drawn: number; moved: number }; __chartsObserver: MutationObserver };
      w.__chartsObserver.disconnect();
      return { tasks: w.__longTasks.slice(k.tasks), starts: w.__longTaskStarts.slice(k.tasks), frames: w.__loaf.slice(k.frames), cores: navigator.hardwareConcurrency, charts: w.__charts };
    }, before);
    const longFrames = tasks.map((duration, i) => {
      const t = starts[i];
      return { startTime: t, duration, frame: frames.find((f) => t >= f.startTime - 1 && t < f.startTime + f.duration) ?? null };
    });
    return { widget, what, longTasks: tasksOf(tasks), longFrames, charts, wallSeconds, cores };
  } catch (e) {
    return { widget, error: (e as Error).message.split('\n')[0] };
  }
}

/** Load `url`, bring the first widget `name` into view and wait until its island has hydrated. */
async function openWidget(page: Page, url: string, name: string): Promise<Locator> {
  await page.goto(url, { waitUntil: 'load' });
  const root = page.locator(`[data-widget="${name}"]`).first();
  await root.scrollIntoViewIfNeeded();
  await page.waitForFunction((n) => !document.querySelector(`[data-widget="${n}"]`)?.closest('astro-island')?.hasAttribute('ssr'), name, { timeout: 60_000 });
  return root;
}

/** The Overfitting widget of chapters 10 (L2) and 14 (L1) with their defaults, and 15 s of the playground's Play at full speed. */
export async function runWidgets(context: BrowserContext, base: string): Promise<WidgetResult[]> {
  const page = await context.newPage();
  const results: WidgetResult[] = [];
  try {
    for (const [path, what] of [['/chapters/10-regularisation/', 'chapter 10, L2 defaults (30 epochs, two runs)'], ['/chapters/14-overfitting/', 'chapter 14, L1 defaults (30 epochs, two runs)']] as const) {
      const root = await openWidget(page, `${base}${path}`, 'overfitting');
      results.push(await measure(page, 'overfitting', what, async () => {
        await root.getByTestId('of-train').click();
        await root.getByTestId('of-verdict').waitFor({ timeout: 300_000 });
      }));
    }
    const pg = await openWidget(page, `${base}/lab/playground/`, 'playground');
    results.push(await measure(page, 'playground', 'the lab page, defaults, speed unlimited, 15 s of Play', async () => {
      await pg.getByTestId('pg-speed').selectOption('0');
      await pg.getByTestId('pg-play').click();
      await page.waitForTimeout(15_000);
      await pg.getByTestId('pg-play').click();
      await pg.getByTestId('pg-state').filter({ hasText: 'paused' }).waitFor({ timeout: 30_000 });
    }));
  } finally {
    await page.close();
  }
  return results;
}

const ms = (x: number) => `${Math.round(x)} ms`;

/** One long task in a line: its length, and the long animation frame it fell in (its rendering, and the scripts that took ≥ 5 ms). */
export function frameLine({ startTime, duration, frame: f }: WidgetRun['longFrames'][number]): string {
  const task = `    long task at ${(startTime / 1000).toFixed(1)} s, ${ms(duration)}`;
  if (!f) return `${task}: in no long animation frame recorded`;
  const scripts = f.scripts.filter((s) => s.duration >= 5).sort((a, b) => b.duration - a.duration);
  const what = scripts.length ? scripts.map((s) => `${s.type} ${s.invoker || '?'} ${s.source ? `(${s.source}) ` : ''}${ms(s.duration)}${s.layout >= 5 ? ` incl. forced layout ${ms(s.layout)}` : ''}`).join('; ') : 'no script ≥ 5 ms';
  return `${task}: its frame ${ms(f.duration)} (blocking ${ms(f.blockingDuration)}, rendering ${ms(f.renderMs)}, style and layout ${ms(f.styleAndLayoutMs)}): ${what}`;
}

export function widgetLines(results: WidgetResult[]): string[] {
  return results.flatMap((r) =>
    'error' in r
      ? [`  ${r.widget}: not measured — ${r.error}`]
      : [
          `  ${r.widget}, ${r.what}: long tasks ${r.longTasks.count} (longest ${Math.round(r.longTasks.longestMs)} ms) over ${r.wallSeconds.toFixed(1)} s; ${r.cores} cores; charts drawn by Plot ${r.charts.drawn}, live marks moved ${r.charts.moved}`,
          ...r.longFrames.map(frameLine),
        ],
  );
}
