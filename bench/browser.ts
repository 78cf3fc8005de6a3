// `npm run bench -- --browser`: workload A in headless Chromium, inside the site's own training
// worker (the built train.worker script the reader's browser runs, fetching the site's
// /data/mnist.bin and the built .wasm kernels), once per path: WebAssembly Float64, WebAssembly
// Float32 and the TypeScript kernels (config.kernels = 'ts'). It builds nothing: it serves the
// built site in dist/ (run `npm run build` first) and says so when dist/ is missing.
//
// Reported per path: the worker's training seconds per epoch (EpochRecord.seconds: wall-clock
// time inside the worker's minibatch calls, evaluation excluded; median over the epochs) and the
// page's long tasks while the run went on (PerformanceObserver 'longtask': tasks over 50 ms on
// the page's main thread, their count and the longest). Then the same long-task figures for one
// run of the MNIST lab's own Train button on chapter 12 (its default recipe and settings).
// Numbers only: nothing here is a test.
import { existsSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { chromium } from 'playwright-core';
import { browserExecutable } from '../test/e2e/browser';
import { startStaticServer } from '../test/e2e/static-server';
import { median } from './measure';
import { WORKLOAD_A } from './workloads';

interface PathRun {
  path: string | null;
  epochs: number;
  secondsPerEpoch: number;
  min: number;
  max: number;
  wallSeconds: number;
  testAccuracy: number | null;
  longTasks: { count: number; longestMs: number };
  error?: string;
}

/** The built worker script: Vite emits it as dist/_astro/train.worker-<hash>.js. */
function workerScript(dist: string): string | null {
  const dir = join(dist, '_astro');
  if (!existsSync(dir)) return null;
  const hit = readdirSync(dir).find((f) => /^train\.worker.*\.js$/.test(f));
  return hit ? `/_astro/${hit}` : null;
}

export async function runBrowser({ json, quick }: { json: boolean; quick: boolean }): Promise<void> {
  const dist = resolve(process.env.E2E_DIST ?? 'dist');
  const say = (s: string) => !json && process.stdout.write(`${s}\n`);
  if (!existsSync(join(dist, 'index.html'))) {
    process.stderr.write(`No built site at ${dist}: the browser benchmark builds nothing itself. Run \`npm run build\` first.\n`);
    process.exitCode = 1;
    return;
  }
  const script = workerScript(dist);
  if (!script) {
    process.stderr.write(`No training worker script (train.worker-*.js) in ${dist}/_astro: rebuild with \`npm run build\`.\n`);
    process.exitCode = 1;
    return;
  }
  const epochs = quick ? 3 : 6;
  const server = await startStaticServer(dist);
  const exe = await browserExecutable();
  const browser = await chromium.launch({ executablePath: exe.executablePath, args: exe.args, headless: true });
  try {
    const context = await browser.newContext();
    await context.addInitScript(() => {
      const w = window as unknown as { __longTasks: number[] };
      w.__longTasks = [];
      try {
        new PerformanceObserver((list) => {
          for (const e of list.getEntries()) w.__longTasks.push(e.duration);
        }).observe({ type: 'longtask', buffered: true });
      } catch {
        /* no long-task timing in this browser */
      }
    });
    const page = await context.newPage();
    await page.goto(`${server.url}/chapters/12-mnist/`, { waitUntil: 'load' });
    const runs: Record<string, PathRun> = {};
    for (const [name, dtype, kernels] of [
      ['wasm-f64', 'float64', 'auto'],
      ['wasm-f32', 'float32', 'auto'],
      ['ts-f64', 'float64', 'ts'],
    ] as const) {
      process.stderr.write(`browser: workload A, ${name}, ${epochs} epochs in the site's worker…\n`);
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
        longTasks: { count: r.tasks.length, longestMs: Math.max(0, ...r.tasks) },
        ...(r.error ? { error: r.error } : {}),
      };
    }

    // The MNIST lab's own run, from its Train button (its defaults): the page's long tasks.
    let lab: { longTasks: { count: number; longestMs: number }; wallSeconds: number } | { error: string };
    try {
      process.stderr.write('browser: the MNIST lab’s own Train button (default settings)…\n');
      const before = await page.evaluate(() => (window as unknown as { __longTasks: number[] }).__longTasks.length);
      const root = page.locator('[data-widget="mnist-lab"]').first();
      await root.scrollIntoViewIfNeeded();
      await root.getByTestId('mn-digits').waitFor({ timeout: 60_000 });
      const t0 = Date.now();
      await root.getByTestId('mn-train').click();
      await page.waitForFunction(() => document.querySelector('[data-testid="mn-phase"]')?.textContent?.trim() === 'done', null, { timeout: 300_000 });
      const tasks = await page.evaluate((k) => (window as unknown as { __longTasks: number[] }).__longTasks.slice(k), before);
      lab = { longTasks: { count: tasks.length, longestMs: Math.max(0, ...tasks) }, wallSeconds: (Date.now() - t0) / 1000 };
    } catch (e) {
      lab = { error: (e as Error).message.split('\n')[0] };
    }

    const result = { browser: exe.kind, version: browser.version(), epochs, workerScript: script, paths: runs, mnistLab: lab };
    if (json) {
      process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
      return;
    }
    const f = (x: number, d = 3) => x.toFixed(d);
    say(`Browser benchmark — Chromium ${browser.version()} (${exe.kind}), headless, the site's own training worker (${script})`);
    say(`Workload A [784,30,10] sigmoid, quadratic, batch 10, η 3.0 — worker training seconds per epoch (wall, median of ${epochs}; min–max), long tasks on the page during the run`);
    for (const [name, r] of Object.entries(runs)) {
      if (r.error) say(`  ${name.padEnd(10)} failed: ${r.error}`);
      else say(`  ${name.padEnd(10)} ${f(r.secondsPerEpoch)} s  (${f(r.min)}–${f(r.max)})  path ${r.path}  test ${r.testAccuracy === null ? '–' : (100 * r.testAccuracy).toFixed(1) + ' %'}  long tasks ${r.longTasks.count} (longest ${Math.round(r.longTasks.longestMs)} ms)  run ${f(r.wallSeconds, 1)} s`);
    }
    const ratio = (a: string, b: string) => (runs[a] && runs[b] ? f(runs[a].secondsPerEpoch / runs[b].secondsPerEpoch, 2) : '–');
    say(`  ts-f64 / wasm-f64: ${ratio('ts-f64', 'wasm-f64')}×   ts-f64 / wasm-f32: ${ratio('ts-f64', 'wasm-f32')}×`);
    if ('error' in lab) say(`MNIST lab (Train button, defaults): not measured — ${lab.error}`);
    else say(`MNIST lab (Train button, defaults): long tasks ${lab.longTasks.count} (longest ${Math.round(lab.longTasks.longestMs)} ms) over a ${f(lab.wallSeconds, 1)} s run`);
  } finally {
    await browser.close();
    await server.close();
  }
}
