// `npm run bench` — the engine's speed against itself and against TensorFlow.js (issues 7, 17).
//   npm run bench                  readable table
//   npm run --silent bench -- --json   one JSON object on stdout (secondsPerEpoch = median CPU seconds, min,
//                                      max, testAccuracy, ratios); --silent keeps npm's banner out of it
//   npm run bench -- --quick       fewer epochs (a smoke run; figures are rougher)
//   npm run bench -- --no-tfjs     skip the TF.js peers
//   npm run bench -- --reference-seeds   the 5-seed accuracy on the reference path itself (slower)
//   npm run bench -- --no-book     skip the book's chapter-1 run on the full set (5 seeds × 30 epochs,
//                                  ≈ 2 minutes; --quick runs 2 seeds × 3 epochs of it; in the JSON as
//                                  book: per seed best, bestEpoch, final, wall and CPU seconds; acrossSeeds)
//   npm run bench -- --book-seeds=N   only the book's chapter-1 run, seeds 1 … N (N × ≈ 15 s): how
//                                  often a seed reaches the book's figure
//   npm run bench -- --book-seeds=N --pixel-scale=255   the same with the inputs byte / 255 (inputs
//                                  reaching 1) instead of byte / 256, the scaling of the book's
//                                  mnist.pkl.gz that the site and the default use (PIXEL_SCALE)
//   npm run bench -- --browser     workload A and the book's chapter-1 run in headless Chromium, inside
//                                  the site's own training worker, beside the same runs in Node (needs
//                                  a built dist/: npm run build); see browser.ts
//   npm run bench -- --browser --widgets   only the widgets' own runs in Chromium (Overfitting of
//                                  chapters 10 and 14, the playground) with the page's long tasks
// Times are CPU seconds of this process per epoch (user + system), which stay meaningful when
// other work shares the machine; wall seconds are in the JSON too. Not part of `npm test`.
import { cpus, loadavg } from 'node:os';
import type { StepperPath } from '../src/engine/fast';
import { PIXEL_SCALE, flopsPerEpoch } from '../src/engine/fast';
import { type EpochStats, median } from './measure';
import { runTfjs } from './tfjs';
import { type BookSeedRun, acrossSeeds, againstTheBook, chapterOneData, chapterOneRun, runBookSeed } from './book';
import { loadFullSet } from './full-set';
import { PATHS, WORKLOAD_A, WORKLOAD_B, WORKLOAD_C, accuracyAfter, benchWasm, digits, loadDigits, runPath, runPlayground } from './workloads';

const argv = process.argv.slice(2);
const args = new Set(argv);
const bookSeedsArg = argv.find((a) => a.startsWith('--book-seeds='));
const bookSeedsOnly = bookSeedsArg ? Number(bookSeedsArg.slice('--book-seeds='.length)) : null;
if (bookSeedsOnly !== null && !(Number.isInteger(bookSeedsOnly) && bookSeedsOnly >= 1)) throw new RangeError(`--book-seeds=N needs a whole number N ≥ 1, not ${bookSeedsArg}`);
const pixelScaleArg = argv.find((a) => a.startsWith('--pixel-scale='));
const pixelScale = pixelScaleArg ? Number(pixelScaleArg.slice('--pixel-scale='.length)) : PIXEL_SCALE;
if (pixelScale !== 255 && pixelScale !== 256) throw new RangeError(`--pixel-scale=N takes 256 (the site's inputs and the book's mnist.pkl.gz) or 255 (inputs reaching 1), not ${pixelScaleArg}`);
if (pixelScaleArg && bookSeedsOnly === null) throw new RangeError('--pixel-scale=N goes with --book-seeds=N (it changes the book run only)');
const json = args.has('--json');
const quick = args.has('--quick');
const withTf = !args.has('--no-tfjs');
const withBook = !args.has('--no-book');
const seedPath: StepperPath = args.has('--reference-seeds') ? 'reference' : 'wasm-f64';
const say = (s: string) => !json && process.stdout.write(`${s}\n`);
const note = (s: string) => process.stderr.write(`${s}\n`);

const E = quick ? { a: 3, aRef: 2, b: 2, tf: 2, seeds: 2, c: 0.5, bookSeeds: bookSeedsOnly ?? 2, bookEpochs: 3 } : { a: 10, aRef: 5, b: 5, tf: 5, seeds: 5, c: 2, bookSeeds: bookSeedsOnly ?? 5, bookEpochs: 30 };
const SEED = 1;
/**
 * The FLOP floor: this CPU's single-core Float64 peak, ≈ 52 GFLOP/s (issue 7; every path here runs
 * on one thread). Float32 has twice the lanes per vector, so its floor is at twice the rate.
 */
const FLOOR_GFLOPS = 52;
const floorFactor = (k: string) => (k.endsWith('f32') ? 0.5 : 1);

const LABEL: Record<string, string> = {
  reference: 'reference (per example)',
  'ts-f64': 'TS fast float64',
  'ts-f32': 'TS fast float32',
  'wasm-f64': 'wasm SIMD float64',
  'wasm-f32': 'wasm SIMD float32',
  tfjsWasm: 'TF.js wasm',
  tfjsCpu: 'TF.js cpu',
};

type Result = EpochStats | { error: string };
const ok = (v: unknown): v is EpochStats => typeof v === 'object' && v !== null && 'secondsPerEpoch' in v;

async function main() {
  if (bookSeedsOnly !== null) {
    const book = await runBook();
    if (json) process.stdout.write(`${JSON.stringify({ book }, null, 2)}\n`);
    else printBook(book);
    return;
  }
  if (args.has('--browser') && args.has('--widgets')) {
    const { runWidgetsOnly } = await import('./browser');
    return runWidgetsOnly({ json });
  }
  if (args.has('--browser')) {
    const { runBrowser } = await import('./browser');
    return runBrowser({ json, quick, book: withBook });
  }
  const d = digits(loadDigits());
  const n = d.train.length;
  const flopsA = flopsPerEpoch(WORKLOAD_A.sizes, n);
  const flopsB = flopsPerEpoch(WORKLOAD_B.sizes, n);
  const load0 = loadavg()[0];

  const A: Record<string, Result> = {};
  for (const path of PATHS) {
    const epochs = path === 'reference' ? E.aRef : E.a;
    note(`workload A: ${LABEL[path]}, ${epochs} epochs…`);
    A[path] = await runPath(path, WORKLOAD_A, d, epochs, SEED, flopsA);
  }
  if (withTf) {
    for (const backend of ['wasm', 'cpu'] as const) {
      note(`workload A: TF.js ${backend}, ${E.tf} epochs…`);
      try {
        A[backend === 'wasm' ? 'tfjsWasm' : 'tfjsCpu'] = await runTfjs(backend, WORKLOAD_A, d, E.tf, SEED, flopsA);
      } catch (e) {
        A[backend === 'wasm' ? 'tfjsWasm' : 'tfjsCpu'] = { error: (e as Error).message };
      }
    }
  }
  note(`workload A: test accuracy after 10 epochs over ${E.seeds} seeds (${seedPath})…`);
  const seeds = Array.from({ length: E.seeds }, (_, i) => i + 1);
  const accuracies: number[] = [];
  for (const s of seeds) accuracies.push(await accuracyAfter(WORKLOAD_A, d, 10, s, seedPath));

  const B: Record<string, Result> = {};
  for (const path of PATHS) {
    const epochs = path === 'reference' ? Math.max(1, E.b - 2) : E.b;
    note(`workload B: ${LABEL[path]}, ${epochs} epochs…`);
    B[path] = await runPath(path, WORKLOAD_B, d, epochs, SEED, flopsB);
  }

  note(`workload C: playground steps…`);
  const C: Record<string, Awaited<ReturnType<typeof runPlayground>>> = {};
  for (const path of PATHS) C[path] = await runPlayground(path, E.c);

  const book = withBook ? await runBook() : null;

  const ratio = (slow: Result | undefined, fast: Result | undefined) => (ok(slow) && ok(fast) ? slow.secondsPerEpoch / fast.secondsPerEpoch : null);
  const ratiosOf = (R: Record<string, Result>) => ({
    wasmF64VsTsF64: ratio(R['ts-f64'], R['wasm-f64']),
    wasmF32VsTsF64: ratio(R['ts-f64'], R['wasm-f32']),
    wasmF64VsReference: ratio(R.reference, R['wasm-f64']),
    tsF64VsReference: ratio(R.reference, R['ts-f64']),
    wasmF64VsTfjsWasm: ratio(R.tfjsWasm, R['wasm-f64']),
    wasmF32VsTfjsWasm: ratio(R.tfjsWasm, R['wasm-f32']),
    tsF64VsTfjsWasm: ratio(R.tfjsWasm, R['ts-f64']),
  });
  const result = {
    machine: { node: process.version, cpu: cpus()[0]?.model, cores: cpus().length, loadAverage1m: { start: load0, end: loadavg()[0] } },
    split: { train: n, test: d.test.length, note: 'first 8,000 digits of public/data/mnist.bin train, last 2,000 test' },
    timing: 'CPU seconds per epoch (median; min–max over the epochs); one epoch per call of the engine loop',
    floorGflops: FLOOR_GFLOPS,
    A: { spec: WORKLOAD_A, flopsPerEpoch: flopsA, floorSeconds: flopsA / (FLOOR_GFLOPS * 1e9), paths: A, ratios: ratiosOf(A), accuracyOverSeeds: { epochs: 10, seeds, accuracies, median: median(accuracies), path: seedPath } },
    B: { spec: WORKLOAD_B, flopsPerEpoch: flopsB, floorSeconds: flopsB / (FLOOR_GFLOPS * 1e9), paths: B, ratios: ratiosOf(B) },
    book,
    C: { spec: { ...WORKLOAD_C, dataset: 'spiral, 400 points (200 train)' }, paths: C, ratios: { wasmF64VsReference: C['wasm-f64'].stepsPerSecond / C.reference.stepsPerSecond, wasmF64VsTsF64: C['wasm-f64'].stepsPerSecond / C['ts-f64'].stepsPerSecond } },
  };

  if (json) {
    process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
    return;
  }
  const pct = (x: number) => `${(100 * x).toFixed(1)} %`;
  const x = (r: number | null) => (r === null ? '–' : `${f(r, 2)}×`);
  const row = (name: string, s: Result | undefined, floor: number) =>
    ok(s)
      ? `  ${name.padEnd(24)} ${f(s.secondsPerEpoch).padStart(7)} s  (${f(s.min)}–${f(s.max)})  ${f(s.gflops, 2).padStart(6)} GFLOP/s  ${f(s.secondsPerEpoch / floor, 1).padStart(5)}× its floor  test ${pct(s.testAccuracy)} after ${s.epochs} epochs`
      : `  ${name.padEnd(24)} failed: ${(s as { error?: string })?.error ?? 'not run'}`;
  say(`Backprop Notebook benchmarks — ${result.machine.cpu}, ${result.machine.cores} cores, Node ${process.version}, load ${f(load0, 1)} → ${f(loadavg()[0], 1)}`);
  say(`CPU seconds per epoch, median (min–max); ${n.toLocaleString('en')} training digits, ${d.test.length.toLocaleString('en')} test digits\n`);
  say(`Workload A  [784,30,10] sigmoid, quadratic, batch 10, η 3.0, N(0,1) init — ${f(flopsA / 1e9, 2)} GFLOP per epoch, floor at ${FLOOR_GFLOPS} GFLOP/s (f64; f32 at twice that) ≈ ${f(result.A.floorSeconds)} s`);
  for (const k of [...PATHS, ...(withTf ? ['tfjsWasm', 'tfjsCpu'] : [])]) say(row(LABEL[k], A[k], result.A.floorSeconds * floorFactor(k)));
  const rA = result.A.ratios;
  say(`  wasm f64 vs TS f64: ${x(rA.wasmF64VsTsF64)}   wasm f32 vs TS f64: ${x(rA.wasmF32VsTsF64)}   wasm f64 vs reference: ${x(rA.wasmF64VsReference)}   TS f64 vs reference: ${x(rA.tsF64VsReference)}`);
  if (withTf) say(`  vs TF.js wasm: wasm f64 ${x(rA.wasmF64VsTfjsWasm)}   wasm f32 ${x(rA.wasmF32VsTfjsWasm)}   TS f64 ${x(rA.tsF64VsTfjsWasm)}`);
  say(`  test accuracy after 10 epochs (${seedPath} path), seeds ${seeds.join(', ')}: ${accuracies.map(pct).join(', ')} — median ${pct(median(accuracies))}\n`);
  say(`Workload B  [784,100,10] sigmoid, cross-entropy, λ 5.0, η 0.5, scaled init, batch 10 — ${f(flopsB / 1e9, 2)} GFLOP per epoch, floor ≈ ${f(result.B.floorSeconds)} s`);
  for (const k of PATHS) say(row(LABEL[k], B[k], result.B.floorSeconds * floorFactor(k)));
  const rB = result.B.ratios;
  say(`  wasm f64 vs TS f64: ${x(rB.wasmF64VsTsF64)}   wasm f32 vs TS f64: ${x(rB.wasmF32VsTsF64)}   wasm f64 vs reference: ${x(rB.wasmF64VsReference)}\n`);
  say(`Workload C  [2,8,8,1] tanh/sigmoid, cross-entropy, spiral (200 train points), batch 10 — minibatch steps per CPU second`);
  for (const k of PATHS) {
    const s = C[k];
    say(`  ${LABEL[k].padEnd(24)} ${Math.round(s.stepsPerSecond).toLocaleString('en').padStart(9)} steps/s  (test ${pct(s.testAccuracy)} after ${s.steps.toLocaleString('en')} steps)`);
  }
  say(`  wasm f64 vs reference: ${x(result.C.ratios.wasmF64VsReference)}   wasm f64 vs TS f64: ${x(result.C.ratios.wasmF64VsTsF64)}`);
  if (book) printBook(book);
}

const f = (x: number, dgt = 3) => x.toFixed(dgt);
const pct2 = (x: number) => `${(100 * x).toFixed(2)} %`;

/** The book's chapter-1 run, as text. */
function printBook(b: Awaited<ReturnType<typeof runBook>>) {
  say(`\nThe book's chapter-1 run on the full set — [784,30,10] sigmoid, quadratic, N(0,1) init, batch 10, η 3, ${b.epochs} epochs, ${b.trainCount.toLocaleString('en')} training digits, the ${b.testCount.toLocaleString('en')} test digits after every epoch, inputs byte / ${b.pixelScale} (${b.runs[0]?.path} path${b.fromFile ? '' : '; public/data/mnist-full.bin missing, encoded in memory'})`);
  for (const r of b.runs) {
    say(`  seed ${r.seed}: best ${pct2(r.best)} at epoch ${String(r.bestEpoch).padStart(2)}, final ${pct2(r.final)}   run ${f(r.wallSeconds, 1)} s wall, ${f(r.cpuSeconds, 1)} s CPU (training ${f(r.trainWallPerEpoch)} s wall / ${f(r.trainCpuPerEpoch)} s CPU per epoch, median)`);
  }
  const a = b.acrossSeeds;
  say(`  across seeds ${b.runs.map((r) => r.seed).join(', ')}: best median ${pct2(a.best.median)} (${pct2(a.best.min)}–${pct2(a.best.max)}), final median ${pct2(a.final.median)} (${pct2(a.final.min)}–${pct2(a.final.max)}); run median ${f(a.wallSeconds.median, 1)} s wall, ${f(a.cpuSeconds.median, 1)} s CPU`);
  say(`  the book: ${pct2(b.book.accuracy)} at its best epoch (${b.book.bestEpoch} of 30; best of three runs)`);
  const v = b.vsBook;
  say(`  seeds whose best reaches the book's: ${v.reached} of ${b.runs.length}; best of three, seeds taken in threes (${v.bestOfThree.map((t) => t.seeds.join('–')).join(', ') || 'fewer than three seeds'}): ${v.bestOfThree.map((t) => pct2(t.best)).join(', ')}`);
}

/** Issue 17 §2: the book's chapter-1 run, seeds 1 … E.bookSeeds, on the WebAssembly Float64 path. */
async function runBook() {
  note(`the book's chapter-1 run: reading the full set…`);
  const { data, fromFile } = loadFullSet();
  const d = chapterOneData(data, pixelScale);
  const kernels = await benchWasm();
  const runs: BookSeedRun[] = [];
  for (let seed = 1; seed <= E.bookSeeds; seed++) {
    note(`the book's chapter-1 run: seed ${seed}, ${E.bookEpochs} epochs on ${d.train.count.toLocaleString('en')} digits…`);
    runs.push(runBookSeed(d, seed, kernels, E.bookEpochs));
  }
  const run = chapterOneRun();
  // BOOK_RUNS numbers epochs from 1: the book's best is the 29th (network.py prints it as "Epoch 28")
  const bestEpoch = run.bookEpochs?.find((e) => e.accuracy === run.book)?.epoch ?? null;
  return {
    epochs: E.bookEpochs,
    trainCount: d.train.count,
    testCount: d.test!.count,
    pixelScale,
    fromFile,
    timing: 'wallSeconds / cpuSeconds: the whole run (training + the test evaluation after every epoch); trainWallPerEpoch / trainCpuPerEpoch: median of the epochs, training only',
    runs,
    acrossSeeds: acrossSeeds(runs),
    book: { accuracy: run.book, bestEpoch, says: run.bookSays },
    vsBook: againstTheBook(runs, run.book),
  };
}

main().catch((e) => {
  note(String(e?.stack ?? e));
  process.exit(1);
});
