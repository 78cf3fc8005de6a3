// `npm run bench -- --browser`: the engine in headless Chromium, inside the site's own training
// worker (the built train.worker script the reader's browser runs, fetching the site's data files
// and the built .wasm kernels). It builds nothing: it serves the built site in dist/ (run
// `npm run build` first) and says so when dist/ is missing. Numbers only: nothing here is a test.
//
// 1. Workload A (8,000 / 2,000 digits of /data/mnist.bin) once per path: WebAssembly Float64,
//    Float32 and the TypeScript kernels (config.kernels = 'ts'), 20 epochs each (--quick: 3).
//    Per path: the worker's training seconds per epoch (EpochRecord.seconds: wall-clock time inside
//    the worker's minibatch calls, evaluation excluded; median over the epochs) and the page's long
//    tasks while the run went on (PerformanceObserver 'longtask': main-thread tasks over 50 ms).
//    Like for like (issue 17 "within 1.3× of its Node figure"): the same paths, epochs and digits
//    are run in Node in this process right before and right after the browser runs, and the browser
//    figure is divided by Node's median WALL seconds per training epoch (both runs' epochs pooled);
//    Node's CPU seconds are printed beside it, and the fastest epoch of each (browser / Node, wall),
//    the figure least moved by other work on a shared machine.
// 2. The book's chapter-1 run (issue 17 "784-30-10 to 30 epochs in under 30 s of wall time in
//    Chromium"): the request "Reproduce the book" sends the worker (reproduceRequest(BOOK_RUNS[0],
//    'full', …): 50,000 training digits of /data/mnist-full.bin, the 10,000 test digits after every
//    epoch, 30 epochs), posted to the worker directly: total wall seconds from the start message to
//    the last epoch's record (download, unpacking and packing included), the part before training,
//    the training seconds (worker's minibatch calls; and the wall from 'started' to the last epoch,
//    evaluation included), per-epoch seconds, best and final test accuracy, long tasks. Then the
//    same run from the panel's own Run button (chapter 12's lab, the panel's defaults), timed on the
//    page from the click to the phase 'done', with the page's long tasks (drawing included), and
//    seed 1 of the same run in Node (as `npm run bench` runs it) for the per-epoch ratio and the
//    accuracies. --no-book skips part 2; --quick runs 3 epochs of it in the worker only.
// 3. The long tasks of one run of the MNIST lab's own Train button on chapter 12 (its defaults).
// 4. The long tasks of the other widgets' runs from their own buttons (widgets.ts): the Overfitting
//    widget of chapters 10 and 14 with their defaults, and the playground at full speed.
//    `--widgets` runs this part alone.
import { existsSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { chromium, type Browser, type BrowserContext } from 'playwright-core';
import { browserExecutable } from '../test/e2e/browser';
import { startStaticServer } from '../test/e2e/static-server';
import { summarise } from '../components/lab/mnist-reproduce';
import { MNIST_FULL_URL } from '../src/data/mnist';
import type { EpochRecord } from '../src/lab/protocol';
import { flopsPerEpoch } from '../src/engine/fast';
import { type BookSeedRun, chapterOneData, chapterOneRequest, runBookSeed } from './book';
import { loadFullSet } from './full-set';
import { type Timing, median } from './measure';
import { WORKLOAD_A, benchWasm, digits, loadDigits, timePath } from './workloads';
import { runWidgets, tasksOf, widgetLines, type LongTasks } from './widgets';

interface PathRun {
  path: string | null;
  epochs: number;
  secondsPerEpoch: number;
  min: number;
  max: number;
  wallSeconds: number;
  testAccuracy: number | null;
  longTasks: LongTasks;
  error?: string;
}

interface NodeRun {
  /** Median wall / CPU seconds per training epoch over the before and after runs' epochs pooled. */
  wallPerEpoch: number;
  cpuPerEpoch: number;
  /** The fastest epoch's wall seconds (the one least disturbed by other work on the machine). */
  minWall: number;
  before: { wall: number; cpu: number };
  after: { wall: number; cpu: number };
  epochs: number;
}

/** The built worker script: Vite emits it as dist/_astro/train.worker-<hash>.js. */
function workerScript(dist: string): string | null {
  const dir = join(dist, '_astro');
  if (!existsSync(dir)) return null;
  const hit = readdirSync(dir).find((f) => /^train\.worker.*\.js$/.test(f));
  return hit ? `/_astro/${hit}` : null;
}

/**
 * A browser context whose pages record their long tasks (main-thread tasks over 50 ms) in
 * window.__longTasks (their start times in __longTaskStarts), and their long animation frames (the Long Animation Frames API: frames over
 * 50 ms, with the scripts that ran in them) in window.__loaf, which widgets.ts prints as attribution.
 */
async function longTaskContext(browser: Browser): Promise<BrowserContext> {
  const context = await browser.newContext();
  await context.addInitScript(() => {
    const w = window as unknown as { __longTasks: number[]; __longTaskStarts: number[]; __loaf: unknown[] };
    w.__longTasks = [];
    w.__longTaskStarts = [];
    w.__loaf = [];
    try {
      new PerformanceObserver((list) => {
        for (const e of list.getEntries()) {
          w.__longTasks.push(e.duration);
          w.__longTaskStarts.push(e.startTime);
        }
      }).observe({ type: 'longtask', buffered: true });
    } catch {
      /* no long-task timing in this browser */
    }
    try {
      type Script = { invoker: string; invokerType: string; sourceURL: string; sourceFunctionName: string; duration: number; forcedStyleAndLayoutDuration: number };
      type Frame = PerformanceEntry & { blockingDuration: number; renderStart: number; styleAndLayoutStart: number; scripts: Script[] };
      new PerformanceObserver((list) => {
        for (const e of list.getEntries() as Frame[]) {
          w.__loaf.push({
            startTime: e.startTime, duration: e.duration, blockingDuration: e.blockingDuration,
            // rendering: from the frame's render start (rAF callbacks, style, layout, paint) to its end
            renderMs: e.renderStart ? e.startTime + e.duration - e.renderStart : 0,
            styleAndLayoutMs: e.styleAndLayoutStart ? e.startTime + e.duration - e.styleAndLayoutStart : 0,
            scripts: e.scripts.map((s) => ({ invoker: s.invoker, type: s.invokerType, source: `${s.sourceURL.split('/').pop()}${s.sourceFunctionName ? `:${s.sourceFunctionName}` : ''}`, duration: s.duration, layout: s.forcedStyleAndLayoutDuration })),
          });
        }
      }).observe({ type: 'long-animation-frame', buffered: true });
    } catch {
      /* no Long Animation Frames API in this browser */
    }
  });
  return context;
}

/** `npm run bench -- --browser --widgets`: part 4 alone (the widgets' own runs and their long tasks). */
export async function runWidgetsOnly({ json }: { json: boolean }): Promise<void> {
  const dist = resolve(process.env.E2E_DIST ?? 'dist');
  if (!existsSync(join(dist, 'index.html'))) {
    process.stderr.write(`No built site at ${dist}: run \`npm run build\` first.\n`);
    process.exitCode = 1;
    return;
  }
  const server = await startStaticServer(dist);
  const exe = await browserExecutable();
  const browser = await chromium.launch({ executablePath: exe.executablePath, args: exe.args, headless: true });
  try {
    const widgets = await runWidgets(await longTaskContext(browser), server.url);
    if (json) process.stdout.write(`${JSON.stringify({ browser: exe.kind, version: browser.version(), widgets }, null, 2)}\n`);
    else process.stdout.write([`The widgets' own runs in Chromium ${browser.version()} (${exe.kind}), long tasks on the page:`, ...widgetLines(widgets)].join('\n') + '\n');
  } finally {
    await browser.close();
    await server.close();
  }
}
const medians = (ts: Timing[]) => ({ wall: median(ts.map((t) => t.wall)), cpu: median(ts.map((t) => t.cpu)) });

const PATHS = [
  ['wasm-f64', 'float64', 'auto'],
  ['wasm-f32', 'float32', 'auto'],
  ['ts-f64', 'float64', 'ts'],
] as const;

export async function runBrowser({ json, quick, book: withBook = true }: { json: boolean; quick: boolean; book?: boolean }): Promise<void> {
  const dist = resolve(process.env.E2E_DIST ?? 'dist');
  const say = (s: string) => !json && process.stdout.write(`${s}\n`);
  const note = (s: string) => process.stderr.write(`${s}\n`);
  if (!existsSync(join(dist, 'index.html'))) {
    note(`No built site at ${dist}: the browser benchmark builds nothing itself. Run \`npm run build\` first.`);
    process.exitCode = 1;
    return;
  }
  const script = workerScript(dist);
  if (!script) {
    note(`No training worker script (train.worker-*.js) in ${dist}/_astro: rebuild with \`npm run build\`.`);
    process.exitCode = 1;
    return;
  }
  const epochs = quick ? 3 : 20;
  const bookEpochs = quick ? 3 : chapterOneRequest().config.epochs;

  // Node, right before the browser runs: the same workload, paths and epochs (training only, as the worker's EpochRecord.seconds)
  const d = digits(loadDigits());
  const nodeTimings: Record<string, { before: Timing[]; after: Timing[] }> = {};
  for (const [name] of PATHS) {
    note(`node: workload A, ${name}, ${epochs} epochs (before the browser)…`);
    nodeTimings[name] = { before: (await timePath(name, WORKLOAD_A, d, epochs, 1)).timings, after: [] };
  }

  const server = await startStaticServer(dist);
  const exe = await browserExecutable();
  const browser = await chromium.launch({ executablePath: exe.executablePath, args: exe.args, headless: true });
  try {
    const context = await longTaskContext(browser);
    // each fetch of the full set the browser reports (status; whether the service worker answered it)
    const fullSetResponses: { status: number; fromServiceWorker: boolean }[] = [];
    context.on('response', (r) => {
      if (r.url().endsWith('/data/mnist-full.bin')) fullSetResponses.push({ status: r.status(), fromServiceWorker: r.fromServiceWorker() });
    });
    const page = await context.newPage();
    await page.goto(`${server.url}/chapters/12-mnist/`, { waitUntil: 'load' });
    // The page's own start-up (the lab hydrates when seen, then fetches and draws its digits) would
    // otherwise share the first run's time: wait until the lab shows its digits and the page is idle.
    const lab0 = page.locator('[data-widget="mnist-lab"]').first();
    await lab0.scrollIntoViewIfNeeded();
    await lab0.getByTestId('mn-digits').waitFor({ timeout: 60_000 });
    await page.evaluate(() => new Promise<void>((done) => (typeof requestIdleCallback === 'function' ? requestIdleCallback(() => done()) : done())));

    const runs: Record<string, PathRun> = {};
    for (const [name, dtype, kernels] of PATHS) {
      note(`browser: workload A, ${name}, ${epochs} epochs in the site's worker…`);
      const config = { ...WORKLOAD_A, epochs, seed: 1, dtype, kernels, evaluateTrain: false };
      const r = await page.evaluate(
        async ({ script, config }) => {
          const w = window as unknown as { __longTasks: number[] };
          const first = w.__longTasks.length;
          const worker = new Worker(script, { type: 'module' });
          const t0 = performance.now();
          const out = await new Promise<{ path: string | null; seconds: number[]; acc: number | null; error?: string }>((done) => {
            let path: string | null = null;
            const seconds: number[] = [];
            let acc: number | null = null;
            worker.onmessage = (e: MessageEvent) => {
              const m = e.data;
              if (m.type === 'started') path = m.path ?? null;
              if (m.type === 'progress') {
                for (const rec of m.epochs) {
                  seconds.push(rec.seconds);
                  acc = rec.testAccuracy ?? acc;
                }
              }
              if (m.type === 'done') done({ path, seconds, acc });
              if (m.type === 'error' || m.type === 'diverged') done({ path, seconds, acc, error: m.message });
            };
            worker.postMessage({ type: 'start', config, data: { kind: 'mnist', url: '/data/mnist.bin', trainCount: 8000, testCount: 2000 } });
          });
          const wall = (performance.now() - t0) / 1000;
          worker.terminate();
          const tasks = w.__longTasks.slice(first);
          return { ...out, wall, tasks };
        },
        { script, config },
      );
      runs[name] = {
        path: r.path,
        epochs: r.seconds.length,
        secondsPerEpoch: median(r.seconds),
        min: Math.min(...r.seconds),
        max: Math.max(...r.seconds),
        wallSeconds: r.wall,
        testAccuracy: r.acc,
        longTasks: tasksOf(r.tasks),
        ...(r.error ? { error: r.error } : {}),
      };
    }

    // Node, right after
    for (const [name] of PATHS) {
      note(`node: workload A, ${name}, ${epochs} epochs (after the browser)…`);
      nodeTimings[name].after = (await timePath(name, WORKLOAD_A, d, epochs, 1)).timings;
    }
    const node: Record<string, NodeRun> = {};
    for (const [name] of PATHS) {
      const { before, after } = nodeTimings[name];
      const all = medians([...before, ...after]);
      node[name] = { wallPerEpoch: all.wall, cpuPerEpoch: all.cpu, minWall: Math.min(...[...before, ...after].map((t) => t.wall)), before: medians(before), after: medians(after), epochs: before.length + after.length };
    }
    const likeForLike = Object.fromEntries(
      PATHS.map(([name]) => [name, runs[name].error ? null : { browserWallOverNodeWall: runs[name].secondsPerEpoch / node[name].wallPerEpoch, browserWallOverNodeCpu: runs[name].secondsPerEpoch / node[name].cpuPerEpoch, fastestOverFastest: runs[name].min / node[name].minWall }]),
    );

    // The book's chapter-1 run in the worker, as the panel asks for it
    let bookWorker: ReturnType<typeof bookFigures> | { error: string } | null = null;
    let bookPanel: { totalSeconds: number; loadSeconds: number | null; trainingSeconds: number | null; timeText: string; resultText: string; path: string | null; longTasks: LongTasks } | { error: string } | null = null;
    let bookNode: BookSeedRun | null = null;
    if (withBook) {
      const request = chapterOneRequest(MNIST_FULL_URL);
      const config = { ...request.config, epochs: bookEpochs };
      note(`browser: the book's chapter-1 run, ${bookEpochs} epochs on ${request.data.trainCount.toLocaleString('en')} digits of ${MNIST_FULL_URL}, in the site's worker…`);
      const r = await page.evaluate(
        async ({ script, config, data }) => {
          const w = window as unknown as { __longTasks: number[] };
          const first = w.__longTasks.length;
          const worker = new Worker(script, { type: 'module' });
          const t0 = performance.now();
          type Rec = { epoch: number; seconds: number; testAccuracy?: number; at: number };
          const out = await new Promise<{ path: string | null; firstLoading: number | null; started: number | null; recs: Rec[]; doneAt: number | null; bytes: number; error?: string }>((done) => {
            let path: string | null = null;
            let firstLoading: number | null = null;
            let started: number | null = null;
            let bytes = 0;
            const recs: Rec[] = [];
            const guard = setTimeout(() => done({ path, firstLoading, started, recs, doneAt: null, bytes, error: 'no end after 15 minutes' }), 900_000);
            worker.onmessage = (e: MessageEvent) => {
              const m = e.data;
              const at = (performance.now() - t0) / 1000;
              if (m.type === 'loading') {
                firstLoading ??= at;
                bytes = m.loaded;
              }
              if (m.type === 'started') {
                started = at;
                path = m.path ?? null;
              }
              if (m.type === 'progress') for (const rec of m.epochs) recs.push({ epoch: rec.epoch, seconds: rec.seconds, testAccuracy: rec.testAccuracy, at });
              if (m.type === 'done') {
                clearTimeout(guard);
                done({ path, firstLoading, started, recs, doneAt: at, bytes });
              }
              if (m.type === 'error' || m.type === 'diverged') {
                clearTimeout(guard);
                done({ path, firstLoading, started, recs, doneAt: at, bytes, error: m.message });
              }
            };
            worker.postMessage({ type: 'start', config, data });
          });
          worker.terminate();
          return { ...out, tasks: w.__longTasks.slice(first) };
        },
        { script, config, data: request.data },
      );
      bookWorker = r.error && !r.recs.length ? { error: r.error } : bookFigures(r);

      if (!quick) {
        try {
          note(`browser: the same run from the "Reproduce the book" panel's Run button…`);
          const root = page.locator('[data-widget="mnist-lab"]').first();
          await root.scrollIntoViewIfNeeded();
          // the lab hydrates when it is seen: a click before that is lost (its digits show it is live)
          await root.getByTestId('mn-digits').waitFor({ timeout: 60_000 });
          await root.getByTestId('mn-reproduce').click();
          await root.getByTestId('rp-start').waitFor({ timeout: 60_000 });
          const run = await root.locator('#rp-run').inputValue();
          const length = await root.locator('#rp-length').inputValue();
          if (run !== 'ch1-quadratic' || length !== 'full') throw new Error(`the panel's defaults are ${run} / ${length}, not the chapter-1 run's whole length`);
          await page.evaluate(() => {
            const w = window as unknown as { __longTasks: number[]; __rp: { t0: number; first: number; phases: [string, number][] } };
            const el = document.querySelector('[data-testid="rp-phase"]')!;
            w.__rp = { t0: performance.now(), first: w.__longTasks.length, phases: [] };
            new MutationObserver(() => w.__rp.phases.push([el.textContent?.trim() ?? '', performance.now()])).observe(el, { childList: true, characterData: true, subtree: true });
            (document.querySelector('[data-testid="rp-start"]') as HTMLButtonElement).click();
          });
          await page.waitForFunction(() => document.querySelector('[data-testid="rp-phase"]')?.textContent?.trim() === 'done', null, { timeout: 900_000, polling: 250 });
          // no named functions inside: tsx's transform would wrap them in a helper the page lacks
          const p = await page.evaluate(() => {
            const w = window as unknown as { __longTasks: number[]; __rp: { t0: number; first: number; phases: [string, number][] } };
            const ids = ['rp-time', 'rp-result', 'rp-path'].map((id) => document.querySelector(`[data-testid="${id}"]`)?.textContent?.trim() ?? '');
            const t0 = w.__rp.t0;
            const running = w.__rp.phases.find(([q]) => q === 'running')?.[1] ?? null;
            const doneAt = w.__rp.phases.find(([q]) => q === 'done')?.[1] ?? null;
            return {
              totalSeconds: doneAt === null ? NaN : (doneAt - t0) / 1000,
              loadSeconds: running === null ? null : (running - t0) / 1000,
              trainingSeconds: running === null || doneAt === null ? null : (doneAt - running) / 1000,
              timeText: ids[0],
              resultText: ids[1],
              path: ids[2] || null,
              tasks: w.__longTasks.slice(w.__rp.first),
            };
          });
          bookPanel = { totalSeconds: p.totalSeconds, loadSeconds: p.loadSeconds, trainingSeconds: p.trainingSeconds, timeText: p.timeText, resultText: p.resultText, path: p.path, longTasks: tasksOf(p.tasks) };
        } catch (e) {
          bookPanel = { error: (e as Error).message.split('\n')[0] };
        }
        note(`node: the book's chapter-1 run, seed 1, ${bookEpochs} epochs…`);
        bookNode = runBookSeed(chapterOneData(loadFullSet().data), 1, await benchWasm(), bookEpochs);
      }
    }

    // The MNIST lab's own run, from its Train button (its defaults): the page's long tasks.
    let lab: { longTasks: LongTasks; wallSeconds: number } | { error: string };
    try {
      note('browser: the MNIST lab’s own Train button (default settings)…');
      const before = await page.evaluate(() => (window as unknown as { __longTasks: number[] }).__longTasks.length);
      const root = page.locator('[data-widget="mnist-lab"]').first();
      await root.scrollIntoViewIfNeeded();
      await root.getByTestId('mn-digits').waitFor({ timeout: 60_000 });
      const t0 = Date.now();
      await root.getByTestId('mn-train').click();
      await page.waitForFunction(() => document.querySelector('[data-testid="mn-phase"]')?.textContent?.trim() === 'done', null, { timeout: 300_000 });
      const tasks = await page.evaluate((k) => (window as unknown as { __longTasks: number[] }).__longTasks.slice(k), before);
      lab = { longTasks: tasksOf(tasks), wallSeconds: (Date.now() - t0) / 1000 };
    } catch (e) {
      lab = { error: (e as Error).message.split('\n')[0] };
    }

    note('browser: the Overfitting widget (chapters 10 and 14) and the playground, from their own buttons…');
    const widgets = await runWidgets(context, server.url);

    const flopsA = flopsPerEpoch(WORKLOAD_A.sizes, d.train.length);
    const result = {
      browser: exe.kind,
      version: browser.version(),
      epochs,
      workerScript: script,
      timing: 'browser: the worker\'s EpochRecord.seconds (wall, minibatch calls only), median over the epochs; node: wall and CPU seconds of loop.next per epoch, median over the epochs of a run before and a run after the browser runs',
      paths: runs,
      node,
      likeForLike,
      flopsPerEpochA: flopsA,
      book: withBook ? { epochs: bookEpochs, request: { config: { ...chapterOneRequest().config, epochs: bookEpochs }, data: chapterOneRequest(MNIST_FULL_URL).data }, worker: bookWorker, panel: bookPanel, node: bookNode, nodeVsBrowserAccuracyGap: bookNode && bookWorker && !('error' in bookWorker) ? accuracyGap(bookNode.accuracies, bookWorker.accuracies) : null, fullSetResponses } : null,
      mnistLab: lab,
      widgets,
    };
    if (json) {
      process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
      return;
    }
    const f = (x: number, dg = 3) => (Number.isFinite(x) ? x.toFixed(dg) : '–');
    const pct = (x: number | null | undefined) => (x === null || x === undefined ? '–' : `${(100 * x).toFixed(2)} %`);
    say(`Browser benchmark — Chromium ${browser.version()} (${exe.kind}), headless, the site's own training worker (${script})`);
    say(`Workload A [784,30,10] sigmoid, quadratic, batch 10, η 3.0, 8,000 / 2,000 digits — worker training seconds per epoch (wall, median of ${epochs}; min–max), long tasks on the page during the run`);
    for (const [name, r] of Object.entries(runs)) {
      if (r.error) say(`  ${name.padEnd(10)} failed: ${r.error}`);
      else say(`  ${name.padEnd(10)} ${f(r.secondsPerEpoch)} s  (${f(r.min)}–${f(r.max)})  path ${r.path}  test ${r.testAccuracy === null ? '–' : (100 * r.testAccuracy).toFixed(1) + ' %'}  long tasks ${r.longTasks.count} (longest ${Math.round(r.longTasks.longestMs)} ms)  run ${f(r.wallSeconds, 1)} s`);
    }
    const ratio = (a: string, b: string) => (runs[a] && runs[b] ? f(runs[a].secondsPerEpoch / runs[b].secondsPerEpoch, 2) : '–');
    say(`  ts-f64 / wasm-f64: ${ratio('ts-f64', 'wasm-f64')}×   ts-f64 / wasm-f32: ${ratio('ts-f64', 'wasm-f32')}×`);
    say(`Like for like — the same workload in Node in this process, ${epochs} epochs before and ${epochs} after the browser runs (median of the ${2 * epochs}; before / after):`);
    for (const [name] of PATHS) {
      const n = node[name];
      const l = likeForLike[name];
      say(`  ${name.padEnd(10)} Node ${f(n.wallPerEpoch)} s wall (${f(n.before.wall)} / ${f(n.after.wall)}), ${f(n.cpuPerEpoch)} s CPU   browser wall / Node wall ${l ? f(l.browserWallOverNodeWall, 2) + '×' : '–'}   (browser wall / Node CPU ${l ? f(l.browserWallOverNodeCpu, 2) + '×' : '–'}; fastest epochs, wall: ${f(runs[name].min)} / ${f(n.minWall)} s = ${l ? f(l.fastestOverFastest, 2) + '×' : '–'})`);
    }
    if (withBook) {
      say(`The book's chapter-1 run in the browser — [784,30,10], quadratic, N(0,1), batch 10, η 3, ${bookEpochs} epochs, 50,000 training digits of ${MNIST_FULL_URL}, the 10,000 test digits after every epoch (the panel's request, posted to the worker):`);
      if (!bookWorker) say('  not run');
      else if ('error' in bookWorker) say(`  failed: ${bookWorker.error}`);
      else {
        const b = bookWorker;
        say(`  from the start message to the last epoch: ${f(b.totalSeconds, 1)} s wall (${b.totalSeconds < 30 ? 'under' : 'over'} 30 s) — before training ${f(b.loadSeconds, 1)} s (download of ${(b.bytes / 1e6).toFixed(1)} MB from the local server from ${f(b.firstLoadingSeconds ?? NaN, 2)} s, unpacking, packing, kernels), then ${f(b.trainingWallSeconds, 1)} s training and evaluating`);
        say(`  minibatch steps alone ${f(b.trainSeconds, 1)} s; per epoch ${f(b.perEpoch.median)} s (${f(b.perEpoch.min)}–${f(b.perEpoch.max)})   path ${b.path}${b.error ? `   ended by: ${b.error}` : ''}`);
        say(`  test accuracy best ${pct(b.best)} at epoch ${b.bestEpoch}, final ${pct(b.final)} after ${b.epochs} epochs   long tasks on the page ${b.longTasks.count} (longest ${Math.round(b.longTasks.longestMs)} ms)`);
      }
      if (bookPanel) {
        if ('error' in bookPanel) say(`  the panel's Run button: not measured — ${bookPanel.error}`);
        else say(`  the panel's Run button: ${f(bookPanel.totalSeconds, 1)} s from the click to 'done' (before training ${f(bookPanel.loadSeconds ?? NaN, 1)} s, then ${f(bookPanel.trainingSeconds ?? NaN, 1)} s); long tasks ${bookPanel.longTasks.count} (longest ${Math.round(bookPanel.longTasks.longestMs)} ms); the panel says: "${bookPanel.timeText}" / "${bookPanel.resultText.slice(0, 90)}…"`);
      }
      if (bookNode && bookWorker && !('error' in bookWorker)) {
        const gap = accuracyGap(bookNode.accuracies, bookWorker.accuracies);
        say(`  Node, seed 1, same run: ${f(bookNode.trainWallPerEpoch)} s wall / ${f(bookNode.trainCpuPerEpoch)} s CPU per training epoch, ${f(bookNode.wallSeconds, 1)} s for the run (no loading); browser / Node per epoch (wall / wall) ${f(bookWorker.perEpoch.median / bookNode.trainWallPerEpoch, 2)}×`);
        say(`  Node's accuracies: best ${pct(bookNode.best)} at epoch ${bookNode.bestEpoch}, final ${pct(bookNode.final)}; ${gap === 0 ? 'the same as the browser\'s, epoch by epoch' : `epoch by epoch within ${(100 * gap).toFixed(2)} points of the browser's (not equal: Chromium's Math.cos, Math.log and Math.exp round some arguments differently from Node's, and the N(0, 1) initial weights are drawn with them)`}`);
      }
      if (fullSetResponses.length) say(`  the full set's fetches: ${fullSetResponses.map((r) => `${r.status}${r.fromServiceWorker ? ' from the service worker' : ''}`).join(', ')}`);
    }
    if ('error' in lab) say(`MNIST lab (Train button, defaults): not measured — ${lab.error}`);
    else say(`MNIST lab (Train button, defaults): long tasks ${lab.longTasks.count} (longest ${Math.round(lab.longTasks.longestMs)} ms) over a ${f(lab.wallSeconds, 1)} s run`);
    say('The other widgets\' own runs, long tasks on the page:');
    for (const line of widgetLines(widgets)) say(line);
  } finally {
    await browser.close();
    await server.close();
  }
}

/** The largest |a − b| over the epochs (Infinity when the lengths differ). */
function accuracyGap(a: readonly number[], b: readonly number[]): number {
  return a.length === b.length ? Math.max(0, ...a.map((x, i) => Math.abs(x - b[i]))) : Infinity;
}

/** The figures of the book run from the worker's events (times in seconds since the start message). */
function bookFigures(r: { path: string | null; firstLoading: number | null; started: number | null; recs: { epoch: number; seconds: number; testAccuracy?: number; at: number }[]; doneAt: number | null; bytes: number; tasks: number[]; error?: string }) {
  const history: EpochRecord[] = r.recs.map((x) => ({ epoch: x.epoch, seconds: x.seconds, testAccuracy: x.testAccuracy, weightNorm2: NaN, eta: NaN, lambda: NaN }));
  const s = summarise(history);
  const last = r.recs.length ? r.recs[r.recs.length - 1].at : NaN;
  const seconds = r.recs.map((x) => x.seconds);
  return {
    path: r.path,
    epochs: r.recs.length,
    /** Start message → the last epoch's record on the page. */
    totalSeconds: last,
    /** Start message → 'started' (download, gunzip, parse, pack, kernels, network). */
    loadSeconds: r.started ?? NaN,
    firstLoadingSeconds: r.firstLoading,
    bytes: r.bytes,
    /** 'started' → the last epoch's record (training and the per-epoch evaluation). */
    trainingWallSeconds: last - (r.started ?? NaN),
    /** Σ EpochRecord.seconds: the minibatch calls alone. */
    trainSeconds: seconds.reduce((a, b) => a + b, 0),
    perEpoch: { median: median(seconds), min: Math.min(...seconds), max: Math.max(...seconds) },
    accuracies: r.recs.map((x) => x.testAccuracy ?? NaN),
    best: s?.best ?? null,
    bestEpoch: s?.bestEpoch ?? null,
    final: s?.final ?? null,
    doneSeconds: r.doneAt,
    longTasks: tasksOf(r.tasks),
    ...(r.error ? { error: r.error } : {}),
  };
}
