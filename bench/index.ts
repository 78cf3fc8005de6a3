// `npm run bench` — the engine's speed against itself and against TensorFlow.js (issue 7).
//   npm run bench                  readable table
//   npm run --silent bench -- --json   one JSON object on stdout (secondsPerEpoch = median CPU seconds, min,
//                                      max, testAccuracy, ratios); --silent keeps npm's banner out of it
//   npm run bench -- --quick       fewer epochs (a smoke run; figures are rougher)
//   npm run bench -- --no-tfjs     skip the TF.js peers
//   npm run bench -- --reference-seeds   the 5-seed accuracy on the reference path itself (slower)
// Times are CPU seconds of this process per epoch (user + system), which stay meaningful when
// other work shares the machine; wall seconds are in the JSON too. Not part of `npm test`.
import { cpus, loadavg } from 'node:os';
import { flopsPerEpoch } from '../src/engine/fast';
import { median } from './measure';
import { runTfjs } from './tfjs';
import { WORKLOAD_A, WORKLOAD_B, accuracyAfter, digits, loadDigits, runFast, runPlayground, runReference } from './workloads';

const args = new Set(process.argv.slice(2));
const json = args.has('--json');
const quick = args.has('--quick');
const withTf = !args.has('--no-tfjs');
const seedPath = args.has('--reference-seeds') ? 'reference' : 'fast';
const say = (s: string) => !json && process.stdout.write(`${s}\n`);
const note = (s: string) => process.stderr.write(`${s}\n`);

const E = quick ? { a: 3, b: 2, tf: 2, seeds: 2, c: 0.5 } : { a: 10, b: 5, tf: 5, seeds: 5, c: 2 };
const SEED = 1;

async function main() {
  const d = digits(loadDigits());
  const n = d.train.length;
  const flopsA = flopsPerEpoch(WORKLOAD_A.sizes, n);
  const flopsB = flopsPerEpoch(WORKLOAD_B.sizes, n);
  const load0 = loadavg()[0];

  note(`workload A: reference path, ${E.a} epochs…`);
  const aRef = runReference(WORKLOAD_A, d, E.a, SEED, flopsA);
  note(`workload A: fast path float64…`);
  const aFast = runFast(WORKLOAD_A, d, E.a, SEED, flopsA, 'float64');
  note(`workload A: fast path float32…`);
  const aFast32 = runFast(WORKLOAD_A, d, E.a, SEED, flopsA, 'float32');
  const tf: Record<string, Awaited<ReturnType<typeof runTfjs>> | { error: string }> = {};
  if (withTf) {
    for (const backend of ['wasm', 'cpu'] as const) {
      note(`workload A: TF.js ${backend}, ${E.tf} epochs…`);
      try {
        tf[backend] = await runTfjs(backend, WORKLOAD_A, d, E.tf, SEED, flopsA);
      } catch (e) {
        tf[backend] = { error: (e as Error).message };
      }
    }
  }
  note(`workload A: test accuracy after 10 epochs over ${E.seeds} seeds…`);
  const seeds = Array.from({ length: E.seeds }, (_, i) => i + 1);
  const accuracies = seeds.map((s) => accuracyAfter(WORKLOAD_A, d, 10, s, seedPath));

  note(`workload B: reference path, ${E.b} epochs…`);
  const bRef = runReference(WORKLOAD_B, d, E.b, SEED, flopsB);
  note(`workload B: fast path…`);
  const bFast = runFast(WORKLOAD_B, d, E.b, SEED, flopsB, 'float64');
  const bFast32 = runFast(WORKLOAD_B, d, E.b, SEED, flopsB, 'float32');

  note(`workload C: playground steps…`);
  const cRef = runPlayground('reference', E.c);
  const cFast = runPlayground('float64', E.c);
  const cFast32 = runPlayground('float32', E.c);

  const ok = (v: unknown): v is { secondsPerEpoch: number } => typeof v === 'object' && v !== null && 'secondsPerEpoch' in v;
  const ratio = (slow: unknown, fast: { secondsPerEpoch: number }) => (ok(slow) ? slow.secondsPerEpoch / fast.secondsPerEpoch : null);
  const result = {
    machine: { node: process.version, cpu: cpus()[0]?.model, cores: cpus().length, loadAverage1m: { start: load0, end: loadavg()[0] } },
    split: { train: n, test: d.test.length, note: 'first 8,000 digits of public/data/mnist.bin train, last 2,000 test' },
    timing: 'CPU seconds per epoch (median; min–max over the epochs)',
    A: {
      spec: WORKLOAD_A,
      flopsPerEpoch: flopsA,
      reference: aRef,
      fast: aFast,
      fastFloat32: aFast32,
      ...(withTf ? { tfjsWasm: tf.wasm, tfjsCpu: tf.cpu } : {}),
      accuracyOverSeeds: { epochs: 10, seeds, accuracies, median: median(accuracies), path: seedPath === 'reference' ? 'reference (per example)' : 'fast float64 (agrees with the reference to 1e-12; seed 1 of both is shown above)' },
      ratios: {
        fastVsReference: ratio(aRef, aFast),
        fastVsTfjsWasm: withTf ? ratio(tf.wasm, aFast) : null,
        fastVsTfjsCpu: withTf ? ratio(tf.cpu, aFast) : null,
        floorSeconds: flopsA / 52e9,
      },
    },
    B: { spec: WORKLOAD_B, flopsPerEpoch: flopsB, reference: bRef, fast: bFast, fastFloat32: bFast32, ratios: { fastVsReference: ratio(bRef, bFast) } },
    C: {
      spec: { ...(await import('./workloads')).WORKLOAD_C, dataset: 'spiral, 400 points (200 train)' },
      reference: cRef,
      fast: cFast,
      fastFloat32: cFast32,
      ratios: { fastVsReference: cFast.stepsPerSecond / cRef.stepsPerSecond },
    },
  };

  if (json) {
    process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
    return;
  }
  const f = (x: number, dgt = 3) => x.toFixed(dgt);
  const pct = (x: number) => `${(100 * x).toFixed(1)} %`;
  const row = (name: string, s: unknown) =>
    ok(s)
      ? `  ${name.padEnd(22)} ${f((s as typeof aRef).secondsPerEpoch).padStart(7)} s  (${f((s as typeof aRef).min)}–${f((s as typeof aRef).max)})  ${f((s as typeof aRef).gflops, 2).padStart(6)} GFLOP/s  test ${pct((s as typeof aRef).testAccuracy)} after ${(s as typeof aRef).epochs} epochs`
      : `  ${name.padEnd(22)} failed: ${(s as { error?: string })?.error ?? 'not run'}`;
  say(`Backprop Notebook benchmarks — ${result.machine.cpu}, ${result.machine.cores} cores, Node ${process.version}, load ${f(load0, 1)} → ${f(loadavg()[0], 1)}`);
  say(`CPU seconds per epoch, median (min–max); ${n.toLocaleString('en')} training digits, ${d.test.length.toLocaleString('en')} test digits\n`);
  say(`Workload A  [784,30,10] sigmoid, quadratic, batch 10, η 3.0, N(0,1) init — ${f(flopsA / 1e9, 2)} GFLOP per epoch, floor at 52 GFLOP/s ≈ ${f(flopsA / 52e9)} s`);
  say(row('reference (per example)', aRef));
  say(row('fast float64', aFast));
  say(row('fast float32', aFast32));
  if (withTf) {
    say(row('TF.js wasm', tf.wasm));
    say(row('TF.js cpu', tf.cpu));
  }
  say(`  fast vs reference: ${f(result.A.ratios.fastVsReference!, 2)}×` + (withTf ? `   fast vs TF.js wasm: ${result.A.ratios.fastVsTfjsWasm ? f(result.A.ratios.fastVsTfjsWasm, 2) : '–'}×   fast vs TF.js cpu: ${result.A.ratios.fastVsTfjsCpu ? f(result.A.ratios.fastVsTfjsCpu, 2) : '–'}×` : ''));
  say(`  test accuracy after 10 epochs (${seedPath} path), seeds ${seeds.join(', ')}: ${accuracies.map(pct).join(', ')} — median ${pct(median(accuracies))}\n`);
  say(`Workload B  [784,100,10] sigmoid, cross-entropy, λ 5.0, η 0.5, scaled init, batch 10 — ${f(flopsB / 1e9, 2)} GFLOP per epoch`);
  say(row('reference (per example)', bRef));
  say(row('fast float64', bFast));
  say(row('fast float32', bFast32));
  say(`  fast vs reference: ${f(result.B.ratios.fastVsReference!, 2)}×\n`);
  say(`Workload C  [2,8,8,1] tanh/sigmoid, cross-entropy, spiral (200 train points), batch 10 — minibatch steps per CPU second`);
  for (const [name, s] of [['reference (per example)', cRef], ['fast float64', cFast], ['fast float32', cFast32]] as const) {
    say(`  ${name.padEnd(22)} ${Math.round(s.stepsPerSecond).toLocaleString('en').padStart(9)} steps/s  (test ${pct(s.testAccuracy)} after ${s.steps.toLocaleString('en')} steps)`);
  }
  say(`  fast vs reference: ${f(result.C.ratios.fastVsReference, 2)}×`);
}

main().catch((e) => {
  note(String(e?.stack ?? e));
  process.exit(1);
});
