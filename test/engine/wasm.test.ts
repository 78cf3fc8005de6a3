// The WebAssembly path (src/engine/fast/wasm.ts, kernels compiled from
// src/engine/wasm/assembly/) is an optimisation of Algorithms 1–4, not a definition: on random
// networks of every activation × cost pairing it must agree with the per-example reference
// (updateMiniBatch / backprop / feedforward / evaluate) — to 1e-12 in Float64 and 1e-4 relative in
// Float32 — over several steps, over a whole run of minibatches in one call, and in every view it
// exposes (z, a, δ per layer). A reader's own activation or cost falls back to the TS kernels.
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { activations, backprop, cloneNetwork, costs as engineCosts, createNetwork, createRng, evaluate, feedforward, sumSquaredWeights, updateMiniBatch } from '../../src/engine/index';
import { type FastWasm, createTrainer, createWasmTrainer, fastWasmSupports, referenceStepper } from '../../src/engine/fast';
import { maxRelDiff } from '../equations/helpers';
import { arbRun, combos, name, paramRelDiff, trainBoth } from './fast-helpers';
import { fastWasm } from './wasm-helpers';

let wasm: FastWasm;
beforeAll(async () => {
  wasm = await fastWasm();
});

const engineOwn = combos.filter((c) => typeof c.hidden === 'string' && typeof c.output === 'string' && typeof c.cost === 'string');
const readersOwn = combos.filter((c) => !engineOwn.includes(c));
const label = (c: (typeof combos)[number]) => `${name(c.hidden)} hidden, ${name(c.output)} output, ${name(c.cost)} cost${c.softTargets ? ' (soft targets)' : ''}`;

/** Packed rows of a run's data. */
function packed(run: { data: { x: number[]; y: number[] }[] }) {
  return { X: Float64Array.from(run.data.flatMap((e) => e.x)), Y: Float64Array.from(run.data.flatMap((e) => e.y)) };
}

describe('WebAssembly path agrees with the per-example reference', () => {
  it('runs every pairing of the engine’s own activations and costs in WebAssembly, and the others on the TS kernels', () => {
    expect(engineOwn.length).toBeGreaterThanOrEqual(33);
    expect(readersOwn.length).toBeGreaterThanOrEqual(3);
    for (const combo of combos) {
      fc.assert(
        fc.property(arbRun(combo), (run) => {
          // the engine's own everywhere (a one-layer network has no hidden layer, so its hidden activation does not count)
          const own = run.net.activations.every((a) => Object.values(activations).includes(a)) && Object.values(engineCosts).includes(run.net.cost);
          if (engineOwn.includes(combo)) expect(own).toBe(true);
          expect(fastWasmSupports(run.net)).toBe(own);
          for (const dtype of ['float64', 'float32'] as const) {
            const t = createTrainer(cloneNetwork(run.net), { batchSize: run.batchSize, dtype, wasm });
            expect(t.path).toBe(own ? (dtype === 'float64' ? 'wasm-f64' : 'wasm-f32') : dtype === 'float64' ? 'ts-f64' : 'ts-f32');
          }
        }),
        { numRuns: 2 },
      );
    }
  });

  for (const combo of engineOwn) {
    it(`Float64: several steps agree to 1e-12 relative — ${label(combo)}`, () => {
      fc.assert(
        fc.property(arbRun(combo), (run) => {
          const { ref, fast, trainer } = trainBoth(run, 'float64', wasm);
          expect(trainer.path).toBe('wasm-f64');
          expect(paramRelDiff(ref, fast)).toBeLessThan(1e-12);
        }),
        { numRuns: 25 },
      );
    });
    it(`Float32: several steps agree to 1e-4 (relative; absolute below 1) — ${label(combo)}`, () => {
      fc.assert(
        fc.property(arbRun(combo), (run) => {
          const { ref, fast, trainer } = trainBoth(run, 'float32', wasm);
          expect(trainer.path).toBe('wasm-f32');
          expect(paramRelDiff(ref, fast, 1)).toBeLessThan(1e-4);
        }),
        { numRuns: 10 },
      );
    });
  }

  for (const combo of readersOwn) {
    it(`a reader's own activation or cost falls back to the TS kernels and still agrees to 1e-12 — ${label(combo)}`, () => {
      fc.assert(
        fc.property(arbRun(combo), (run) => {
          fc.pre(!fastWasmSupports(run.net)); // with one layer only the output's activation counts
          const { ref, fast, trainer } = trainBoth(run, 'float64', wasm);
          expect(trainer.path).toBe('ts-f64');
          expect(paramRelDiff(ref, fast)).toBeLessThan(1e-12);
          expect(() => createWasmTrainer(cloneNetwork(run.net), { batchSize: 1, wasm })).toThrow(/engine’s own/);
        }),
        { numRuns: 5 },
      );
    });
  }

  it('trainRows: a whole epoch of shuffled minibatches in one call equals the reference’s steps one by one, with each batch’s Σ C_x before its step', () => {
    for (const combo of engineOwn) {
      fc.assert(
        fc.property(arbRun(combo), fc.integer({ min: 1, max: 1_000 }), fc.integer({ min: 1, max: 5 }), (run, seed, maxBatches) => {
          const { X, Y } = packed(run);
          const order = Array.from({ length: run.n }, (_, i) => i);
          createRng(seed).shuffle(order);
          const ref = cloneNetwork(run.net);
          const net = cloneNetwork(run.net);
          const t = createTrainer(net, { batchSize: run.batchSize, wasm });
          const opts = { eta: run.eta, lambda: run.lambda, n: run.n };
          const costs = new Float64Array(Math.ceil(run.n / run.batchSize));
          // in slices of at most maxBatches batches, as the lab host calls it
          let done = 0;
          for (let s = 0; s < run.n; ) {
            const k = t.trainRows(X, Y, order, s, run.n, run.batchSize, maxBatches, opts, costs.subarray(done));
            expect(k).toBeGreaterThan(0);
            expect(k).toBeLessThanOrEqual(maxBatches);
            done += k;
            s = Math.min(run.n, s + k * run.batchSize);
            if (!Number.isFinite(costs[done - 1])) return; // diverged: nothing left to compare
          }
          expect(done).toBe(costs.length);
          for (let b = 0; b < costs.length; b++) {
            const batch = order.slice(b * run.batchSize, (b + 1) * run.batchSize).map((i) => run.data[i]);
            const expected = batch.reduce((s, { x, y }) => s + ref.cost.value(feedforward(ref, x).as[ref.sizes.length - 1], y), 0);
            expect(Math.abs(costs[b] - expected)).toBeLessThanOrEqual(1e-12 * Math.max(1, Math.abs(expected)));
            updateMiniBatch(ref, batch, opts);
          }
          t.sync();
          expect(paramRelDiff(ref, net)).toBeLessThan(1e-12);
          expect(Math.abs(t.sumSquaredWeights() - sumSquaredWeights(ref))).toBeLessThanOrEqual(1e-12 * Math.max(1, sumSquaredWeights(ref)));
        }),
        { numRuns: 4 },
      );
    }
  });

  it('layers(): the z, a and δ views of every layer hold, row by row, what feedforward and backprop compute (after a probe and after a step)', () => {
    for (const combo of engineOwn) {
      fc.assert(
        fc.property(arbRun(combo), fc.integer({ min: 1, max: 11 }), fc.boolean(), fc.constantFrom('float64' as const, 'float32' as const), (run, m0, step, dtype) => {
          const m = Math.min(m0, run.n);
          const net = cloneNetwork(run.net);
          const before = cloneNetwork(net);
          const nIn = net.sizes[0];
          const nOut = net.sizes[net.sizes.length - 1];
          const { X, Y } = packed(run);
          const order = Array.from({ length: run.n }, (_, i) => run.n - 1 - i); // reversed: rows ≠ indices
          const t = createTrainer(net, { batchSize: 11, wasm, dtype });
          if (step) t.updateMiniBatchRows(X, Y, order, 0, m, { eta: run.eta, lambda: run.lambda, n: run.n });
          else t.probeRows(X, Y, order, 0, m);
          const views = t.layers();
          expect(views.map((v) => [v.layer, v.rows, v.cols])).toEqual(net.sizes.slice(1).map((n, i) => [i + 1, m, n]));
          const tol = dtype === 'float64' ? { za: 1e-12, d: 1e-10 } : { za: 1e-4, d: 1e-3 };
          for (let r = 0; r < m; r++) {
            const ex = order[r];
            const x = X.subarray(ex * nIn, (ex + 1) * nIn);
            const { zs, as } = feedforward(before, x);
            const { deltas } = backprop(before, x, Y.subarray(ex * nOut, (ex + 1) * nOut));
            views.forEach((v, l) => {
              const at = (buf: ArrayLike<number>) => Array.from({ length: v.cols }, (_, j) => buf[r * v.cols + j]);
              // Float32: compared relative to the largest entry of the layer (absolute below 1)
              const scale = (ref: ArrayLike<number>) => Math.max(1, ...Array.from(ref, Math.abs));
              const diff = (got: number[], ref: ArrayLike<number>) => (dtype === 'float64' ? maxRelDiff(got, ref) : Math.max(...got.map((g, j) => Math.abs(g - ref[j]))) / scale(ref));
              expect(diff(at(v.z), zs[l]), `z of layer ${v.layer}, row ${r}`).toBeLessThan(tol.za);
              expect(diff(at(v.a), as[l + 1]), `a of layer ${v.layer}, row ${r}`).toBeLessThan(tol.za);
              expect(diff(at(v.delta), deltas[l]), `δ of layer ${v.layer}, row ${r}`).toBeLessThan(tol.d);
            });
          }
          if (!step && dtype === 'float64') expect(paramRelDiff(before, t.sync())).toBe(0); // a probe takes no step
        }),
        { numRuns: 4 },
      );
    }
  });

  it('evaluateRows and evaluate give the reference’s cost and accuracy; predictRows gives feedforward’s outputs (more rows than one pass holds)', () => {
    for (const combo of engineOwn) {
      fc.assert(
        fc.property(arbRun(combo), fc.integer({ min: 1, max: 150 }), (run, count) => {
          const net = cloneNetwork(run.net);
          const t = createTrainer(net, { batchSize: run.batchSize, wasm });
          const data = Array.from({ length: count }, (_, i) => run.data[i % run.n]);
          const { X, Y } = packed({ data });
          const refEval = evaluate(net, data);
          for (const e of [t.evaluateRows(X, Y, count), t.evaluate(data.map((d) => d.x), data.map((d) => d.y))]) {
            expect(Math.abs(e.cost - refEval.cost)).toBeLessThanOrEqual(1e-12 * Math.max(1, Math.abs(refEval.cost)));
            expect(e.accuracy).toBe(refEval.accuracy);
          }
          const out = t.predictRows(X, count);
          const nOut = net.sizes[net.sizes.length - 1];
          for (let r = 0; r < count; r++) {
            const a = feedforward(net, data[r].x).as[net.sizes.length - 1];
            expect(maxRelDiff(Array.from(out.subarray(r * nOut, (r + 1) * nOut)), a)).toBeLessThan(1e-12);
          }
        }),
        { numRuns: 3 },
      );
    }
  });

  it('a packed set is copied into WebAssembly memory once; a new array is read afresh', () => {
    const net = createNetwork({ sizes: [3, 4, 2], activations: 'sigmoid', cost: 'cross-entropy', seed: 5 });
    const t = createTrainer(net, { batchSize: 2, wasm });
    const X1 = Float64Array.from([1, 2, 3, -1, 0.5, 2]);
    const Y = Float64Array.from([1, 0, 0, 1]);
    const X2 = Float64Array.from([0, 0, 0, 0, 0, 0]);
    const e1 = t.evaluateRows(X1, Y, 2);
    const e2 = t.evaluateRows(X2, Y, 2);
    expect(e1.cost).toBeCloseTo(evaluate(net, [{ x: [1, 2, 3], y: [1, 0] }, { x: [-1, 0.5, 2], y: [0, 1] }]).cost, 12);
    expect(e2.cost).toBeCloseTo(evaluate(net, [{ x: [0, 0, 0], y: [1, 0] }, { x: [0, 0, 0], y: [0, 1] }]).cost, 12);
    expect(t.evaluateRows(X1, Y, 2).cost).toBe(e1.cost);
  });

  it('findNonFinite names the first layer whose values blew up; a diverging run stops at the batch whose cost is not finite', () => {
    const net = createNetwork({ sizes: [2, 3, 3, 1], activations: 'relu', seed: 2 });
    net.weights[1].data[0] = Infinity;
    const t = createTrainer(net, { batchSize: 1, wasm });
    t.probeRows([1, 1], [0], [0], 0, 1);
    expect(t.findNonFinite()).toEqual({ layer: 2, quantity: 'weights' });
    // an input of ∞ in the second example: the step on it makes the weights NaN, so a later batch's
    // cost is not finite; the run stops at that batch, on both paths alike, and says where
    const seen = [wasm, null].map((w) => {
      const t2 = createTrainer(createNetwork({ sizes: [2, 3, 1], activations: 'sigmoid', seed: 4 }), { batchSize: 1, wasm: w });
      const costs = new Float64Array(4);
      const done = t2.trainRows([1, 1, Infinity, 1, 2, 2, 3, 3], [0, 0, 0, 0], [0, 1, 2, 3], 0, 4, 1, 4, { eta: 0.1 }, costs);
      expect(done).toBeLessThan(4);
      expect(Array.from(costs.subarray(0, done), Number.isFinite)).toEqual([...Array(done - 1).fill(true), false]);
      return { path: t2.path, done, bad: t2.findNonFinite() };
    });
    expect(seen.map((s) => s.path)).toEqual(['wasm-f64', 'ts-f64']);
    expect(seen[0].bad).not.toBeNull();
    expect(seen[0]).toEqual({ ...seen[1], path: 'wasm-f64' });
  });

  it('findNonFinite names the layer whose δ is not finite when the forward pass is (a target of ∞), on both paths', () => {
    // δᴸ = (aᴸ − y) ⊙ σ′(zᴸ) is −∞ for y = ∞ and BP2 carries it back to every layer; the weights,
    // biases, z and a stay finite (a probe takes no step), so the first bad quantity is δ¹
    for (const w of [wasm, null]) {
      for (const sizes of [[2, 1], [2, 3, 1], [2, 4, 3, 2]]) {
        const t = createTrainer(createNetwork({ sizes, activations: 'sigmoid', seed: 3 }), { batchSize: 1, wasm: w });
        const y = Array.from({ length: sizes[sizes.length - 1] }, () => Infinity);
        t.probeRows([0.5, -1], y, [0], 0, 1);
        expect(t.layers().every((v) => v.z.every(Number.isFinite) && v.a.every(Number.isFinite)), `${t.path} ${sizes}: forward finite`).toBe(true);
        expect(t.layers()[sizes.length - 2].delta.every((d) => d === -Infinity), `${t.path} ${sizes}: δᴸ = −∞`).toBe(true);
        expect(t.findNonFinite(), `${t.path} ${sizes}`).toEqual({ layer: 1, quantity: 'delta' });
      }
      // only the last of δ's entries bad (y = (0, ∞)), in a layer wider than its input: the whole
      // row of δ is searched, not as many entries as the layer has inputs
      const t = createTrainer(createNetwork({ sizes: [1, 2], activations: 'sigmoid', seed: 3 }), { batchSize: 1, wasm: w });
      t.probeRows([0.5], [0, Infinity], [0], 0, 1);
      expect(Array.from(t.layers()[0].delta, Number.isFinite), t.path).toEqual([true, false]);
      expect(t.findNonFinite(), `${t.path} [1, 2]`).toEqual({ layer: 1, quantity: 'delta' });
    }
  });

  it('every stepper evaluates no rows as no accuracy and no cost (NaN), 0 correct', () => {
    const net = createNetwork({ sizes: [2, 3, 2], seed: 1 });
    const steppers = [referenceStepper(cloneNetwork(net)), createTrainer(cloneNetwork(net), { batchSize: 2 }), createTrainer(cloneNetwork(net), { batchSize: 2, wasm })];
    for (const s of steppers) expect(s.evaluateRows(new Float64Array(0), new Float64Array(0), 0), s.path).toEqual({ cost: NaN, accuracy: NaN, correct: 0 });
  });

  it('rejects a bad batch size or η with a message naming the value', () => {
    const net = createNetwork({ sizes: [2, 1] });
    expect(() => createTrainer(net, { batchSize: 0, wasm })).toThrow(/batchSize.*got 0/);
    const t = createTrainer(net, { batchSize: 1, wasm });
    expect(t.path).toBe('wasm-f64');
    expect(() => t.updateMiniBatch([[1, 2]], [[0]], { eta: NaN })).toThrow(/η/);
    expect(() => t.updateMiniBatch([[1]], [[0]], { eta: 1 })).toThrow(/expects 2/);
    expect(() => t.trainRows([1, 2], [0], [0], 0, 1, 0, 1, { eta: 1 }, new Float64Array(1))).toThrow(/batchSize.*got 0/);
  });
});
