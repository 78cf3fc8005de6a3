// The site's own training worker in Chromium compiles the built WebAssembly kernels (served as
// assets of the build, allowed by the CSP's 'wasm-unsafe-eval') and trains on them; with
// config.kernels = 'ts' it trains on the TypeScript kernels, and the two runs agree (to 1e-12 in
// Float64). One page load serves every check.
import { existsSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { baseUrl, launch, watch } from './harness';

let context: BrowserContext;
let page: Page;
let problems: string[];

/** The built worker script (Vite emits it as dist/_astro/train.worker-<hash>.js). */
function workerScript(): string {
  const dir = join(resolve(process.env.E2E_DIST ?? 'dist'), '_astro');
  const hit = existsSync(dir) ? readdirSync(dir).find((f) => /^train\.worker.*\.js$/.test(f)) : undefined;
  if (!hit) throw new Error(`no train.worker-*.js in ${dir}: run npm run build`);
  return `/_astro/${hit}`;
}

interface Run {
  path: string | null;
  costs: number[];
  error?: string;
}

beforeAll(async () => {
  context = await launch();
  page = await context.newPage();
  problems = watch(page);
  await page.goto(`${baseUrl()}/`, { waitUntil: 'load' });
});
afterAll(async () => {
  await context?.close();
});

describe('the training worker on the WebAssembly kernels', () => {
  it('names its path in the started event, trains on wasm f64 / f32, and agrees with the TS kernels', async () => {
    const runs = await page.evaluate(async (script) => {
      const base = { sizes: [2, 8, 8, 1], activations: ['tanh', 'tanh', 'sigmoid'], cost: 'cross-entropy', init: 'scaled', seed: 3, eta: 0.5, batchSize: 10, epochs: 3 };
      const data = { kind: 'toy2d', dataset: 'spiral', count: 200, noise: 0.1, testFraction: 0.25, seed: 2 };
      const one = (config: object) =>
        new Promise<{ path: string | null; costs: number[]; error?: string }>((done) => {
          const worker = new Worker(script, { type: 'module' });
          let path: string | null = null;
          worker.onmessage = (e: MessageEvent) => {
            const m = e.data;
            if (m.type === 'started') path = m.path ?? null;
            if (m.type === 'done') {
              worker.terminate();
              done({ path, costs: m.history.map((r: { trainCost: number }) => r.trainCost) });
            }
            if (m.type === 'error' || m.type === 'diverged') {
              worker.terminate();
              done({ path, costs: [], error: m.message });
            }
          };
          worker.postMessage({ type: 'start', config, data });
        });
      return {
        auto: await one(base),
        f32: await one({ ...base, dtype: 'float32' }),
        ts: await one({ ...base, kernels: 'ts' }),
      };
    }, workerScript());
    const { auto, f32, ts } = runs as { auto: Run; f32: Run; ts: Run };
    expect([auto.error, f32.error, ts.error]).toEqual([undefined, undefined, undefined]);
    expect([auto.path, f32.path, ts.path]).toEqual(['wasm-f64', 'wasm-f32', 'ts-f64']);
    expect(auto.costs.length).toBe(3);
    auto.costs.forEach((c, i) => expect(Math.abs(c - ts.costs[i])).toBeLessThanOrEqual(1e-12 * Math.max(1, Math.abs(c))));
    auto.costs.forEach((c, i) => expect(Math.abs(c - f32.costs[i])).toBeLessThanOrEqual(1e-3 * Math.max(1, Math.abs(c))));
    expect(problems).toEqual([]);
  });
});
