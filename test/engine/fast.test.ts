// The fast path's TypeScript kernels (src/engine/fast/) are an optimisation of Algorithms 1–4, not a definition:
// it must agree with the per-example reference (backprop / updateMiniBatch / evaluate) on random
// networks of every activation/cost pairing, over several steps of training.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { backprop, cloneNetwork, createNetwork, evaluate, feedforward, sumSquaredWeights } from '../../src/engine/index';
import { createTrainer, flopsPerEpoch } from '../../src/engine/fast';
import { combos as equationCombos, maxRelDiff } from '../equations/helpers';
import { arbRun, combos, name, paramRelDiff, trainBoth } from './fast-helpers';

describe('fast path (createTrainer) agrees with the per-example reference', () => {
  it('covers every hidden activation × output/cost pair the finite-difference test covers', () => {
    const keys = new Set(combos.map((c) => `${name(c.hidden)}/${name(c.output)}/${name(c.cost)}`));
    for (const c of equationCombos) expect(keys.has(`${c.hidden}/${c.output}/${c.cost}`), `${c.hidden}/${c.output}/${c.cost}`).toBe(true);
  });
  for (const combo of combos) {
    const label = `${name(combo.hidden)} hidden, ${name(combo.output)} output, ${name(combo.cost)} cost${combo.softTargets ? ' (soft targets)' : ''}`;
    it(`Float64: several updateMiniBatch steps agree to 1e-12 relative — ${label}`, () => {
      fc.assert(
        fc.property(arbRun(combo), (run) => {
          const { ref, fast } = trainBoth(run, 'float64');
          expect(paramRelDiff(ref, fast)).toBeLessThan(1e-12);
        }),
        { numRuns: 40 },
      );
    });
    it(`Float32: the same steps agree to 1e-4 (relative; absolute for entries below 1) — ${label}`, () => {
      fc.assert(
        fc.property(arbRun(combo), (run) => {
          const { ref, fast } = trainBoth(run, 'float32');
          expect(paramRelDiff(ref, fast, 1)).toBeLessThan(1e-4); // relative, absolute below 1
        }),
        { numRuns: 15 },
      );
    });
  }

  it('the cost it returns is Σ C_x of the batch before the step, and evaluate matches the reference', () => {
    for (const combo of combos) {
      fc.assert(
        fc.property(arbRun(combo), (run) => {
          const net = cloneNetwork(run.net);
          const trainer = createTrainer(net, { batchSize: run.batchSize });
          const batch = run.data.slice(0, Math.min(run.batchSize, run.n));
          const expected = batch.reduce((s, { x, y }) => s + net.cost.value(feedforward(net, x).as[net.sizes.length - 1], y), 0);
          const xs = batch.map((e) => e.x);
          const ys = batch.map((e) => e.y);
          const before = trainer.evaluate(xs, ys);
          const refEval = evaluate(net, batch);
          expect(Math.abs(before.cost - refEval.cost)).toBeLessThanOrEqual(1e-12 * Math.max(1, Math.abs(refEval.cost)));
          expect(before.accuracy).toBe(refEval.accuracy);
          const got = trainer.updateMiniBatch(xs, ys, { eta: run.eta, lambda: run.lambda, n: run.n });
          expect(Math.abs(got - expected)).toBeLessThanOrEqual(1e-12 * Math.max(1, Math.abs(expected)));
        }),
        { numRuns: 10 },
      );
    }
  });

  it('packed rows in a shuffled order give the same step as the same examples passed as vectors', () => {
    const net = createNetwork({ sizes: [5, 7, 3], activations: ['tanh', 'softmax'], cost: 'log-likelihood', seed: 3 });
    const n = 12;
    const X = Float64Array.from({ length: n * 5 }, (_, i) => Math.sin(i));
    const Y = Float64Array.from({ length: n * 3 }, (_, i) => (i % 3 === Math.floor(i / 3) % 3 ? 1 : 0));
    const order = [3, 11, 0, 7, 5, 2, 9, 1, 4, 6, 10, 8];
    const a = cloneNetwork(net);
    const b = cloneNetwork(net);
    const ta = createTrainer(a, { batchSize: 5 });
    const tb = createTrainer(b, { batchSize: 5 });
    const opts = { eta: 0.3, lambda: 1, n };
    for (let start = 0; start < n; start += 5) {
      const end = Math.min(n, start + 5);
      ta.updateMiniBatchRows(X, Y, order, start, end, opts);
      const idx = order.slice(start, end);
      tb.updateMiniBatch(
        idx.map((r) => X.subarray(r * 5, r * 5 + 5)),
        idx.map((r) => Y.subarray(r * 3, r * 3 + 3)),
        opts,
      );
    }
    expect(paramRelDiff(a, b)).toBe(0);
    // and predictRows returns feedforward's outputs
    const out = ta.predictRows(X, n);
    for (let r = 0; r < n; r++) {
      const ref = feedforward(a, X.subarray(r * 5, r * 5 + 5)).as[2];
      for (let j = 0; j < 3; j++) expect(Math.abs(out[r * 3 + j] - ref[j])).toBeLessThan(1e-15);
    }
    expect(ta.sumSquaredWeights()).toBeCloseTo(sumSquaredWeights(a), 12);
  });

  it('layers(): the z, a and δ views of every layer hold, row by row, what feedforward and backprop compute for each example', () => {
    // Every pairing, random sizes and a batch smaller than the buffers: a view pointing at the wrong
    // buffer (a of the layer below, Δ of another layer) or spanning the wrong rows fails here.
    for (const combo of combos) {
      fc.assert(
        fc.property(arbRun(combo), fc.integer({ min: 1, max: 11 }), fc.boolean(), (run, m0, step) => {
          const m = Math.min(m0, run.n);
          const net = cloneNetwork(run.net);
          const before = cloneNetwork(net);
          const nIn = net.sizes[0];
          const nOut = net.sizes[net.sizes.length - 1];
          const X = Float64Array.from(run.data.flatMap((e) => e.x));
          const Y = Float64Array.from(run.data.flatMap((e) => e.y));
          const order = Array.from({ length: run.n }, (_, i) => run.n - 1 - i); // reversed: rows ≠ indices
          const t = createTrainer(net, { batchSize: 11 });
          if (step) t.updateMiniBatchRows(X, Y, order, 0, m, { eta: run.eta, lambda: run.lambda, n: run.n });
          else t.probeRows(X, Y, order, 0, m);
          const views = t.layers();
          expect(views.map((v) => [v.layer, v.rows, v.cols])).toEqual(net.sizes.slice(1).map((n, i) => [i + 1, m, n]));
          for (let r = 0; r < m; r++) {
            const ex = order[r];
            const x = X.subarray(ex * nIn, (ex + 1) * nIn);
            // z, a and δ belong to the forward/backward pass before any step: the parameters of `before`.
            const { zs, as } = feedforward(before, x);
            const { deltas } = backprop(before, x, Y.subarray(ex * nOut, (ex + 1) * nOut));
            views.forEach((v, l) => {
              const at = (buf: ArrayLike<number>) => Array.from({ length: v.cols }, (_, j) => buf[r * v.cols + j]);
              expect(maxRelDiff(at(v.z), zs[l]), `z of layer ${v.layer}, row ${r}`).toBeLessThan(1e-12);
              expect(maxRelDiff(at(v.a), as[l + 1]), `a of layer ${v.layer}, row ${r}`).toBeLessThan(1e-12);
              expect(maxRelDiff(at(v.delta), deltas[l]), `δ of layer ${v.layer}, row ${r}`).toBeLessThan(1e-10);
            });
          }
          if (!step) expect(paramRelDiff(before, net)).toBe(0); // a probe takes no step
          expect(views.every((v) => v.z.length === m * v.cols && v.a.length === m * v.cols && v.delta.length === m * v.cols)).toBe(true);
        }),
        { numRuns: 8 },
      );
    }
  });

  it('findNonFinite names the first layer whose values blew up', () => {
    const net = createNetwork({ sizes: [2, 3, 3, 1], activations: 'relu', seed: 2 });
    const t = createTrainer(net, { batchSize: 1 });
    expect(t.findNonFinite()).toBeNull();
    net.weights[1].data[0] = Infinity;
    t.probeRows([1, 1], [0], [0], 0, 1);
    expect(t.findNonFinite()).toEqual({ layer: 2, quantity: 'weights' });
  });

  it('rejects a bad dtype, batch size or η with a message naming the value', () => {
    const net = createNetwork({ sizes: [2, 1] });
    expect(() => createTrainer(net, { batchSize: 0 })).toThrow(/batchSize.*got 0/);
    expect(() => createTrainer(net, { batchSize: 1, dtype: 'float16' as never })).toThrow(/float16/);
    const t = createTrainer(net, { batchSize: 1 });
    expect(() => t.updateMiniBatch([[1, 2]], [[0]], { eta: NaN })).toThrow(/η/);
    expect(() => t.updateMiniBatch([[1]], [[0]], { eta: 1 })).toThrow(/expects 2/);
  });

  it('flopsPerEpoch: equals the multiplies and adds an instrumented per-example backprop performs (its gradients checked against backprop), n times over', () => {
    // A plain-loop backprop whose every multiply and add of a weight product goes through a counter:
    // forward z = Σ_k w_jk a_k + b_j, the error sent back Σ_j w_jk δ_j (every layer, the usual way of
    // counting, although ∂C/∂x is not needed) and the gradient sum Σ_x δ_j a_k.
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: 6 }), { minLength: 2, maxLength: 5 }), fc.integer({ min: 1, max: 4 }), fc.integer({ min: 1, max: 1000 }), (sizes, n, seed) => {
        const net = createNetwork({ sizes, activations: 'sigmoid', cost: 'quadratic', seed });
        let flops = 0;
        const mul = (a: number, b: number) => (flops++, a * b);
        const add = (a: number, b: number) => (flops++, a + b);
        const L = sizes.length - 1;
        const sumW = net.weights.map((w) => new Float64Array(w.data.length));
        const refW = net.weights.map((w) => new Float64Array(w.data.length));
        for (let e = 0; e < n; e++) {
          const x = Array.from({ length: sizes[0] }, (_, k) => Math.sin(seed + 7 * e + k));
          const y = Array.from({ length: sizes[L] }, (_, j) => (j + e) % 2);
          const as: number[][] = [x];
          for (let l = 1; l <= L; l++) {
            const w = net.weights[l - 1];
            as.push(Array.from({ length: sizes[l] }, (_, j) => {
              let z = net.biases[l - 1][j];
              for (let k = 0; k < sizes[l - 1]; k++) z = add(z, mul(w.get(j, k), as[l - 1][k]));
              return 1 / (1 + Math.exp(-z));
            }));
          }
          let delta = as[L].map((a, j) => (a - y[j]) * a * (1 - a));
          for (let l = L; l >= 1; l--) {
            const w = net.weights[l - 1];
            for (let j = 0; j < sizes[l]; j++) for (let k = 0; k < sizes[l - 1]; k++) sumW[l - 1][j * sizes[l - 1] + k] = add(sumW[l - 1][j * sizes[l - 1] + k], mul(delta[j], as[l - 1][k]));
            const back = Array.from({ length: sizes[l - 1] }, (_, k) => {
              let s = 0;
              for (let j = 0; j < sizes[l]; j++) s = add(s, mul(w.get(j, k), delta[j]));
              return s;
            });
            delta = back.map((v, k) => v * as[l - 1][k] * (1 - as[l - 1][k]));
          }
          backprop(net, x, y).nablaW.forEach((g, i) => g.data.forEach((v, k) => (refW[i][k] += v)));
        }
        sumW.forEach((g, i) => expect(maxRelDiff(g, refW[i])).toBeLessThan(1e-12)); // it is backprop
        expect(flopsPerEpoch(sizes, n)).toBe(flops);
      }),
      { numRuns: 30 },
    );
    // The figure quoted in the docs and the benchmark: ≈ 1.14 GFLOP for [784, 30, 10] × 8,000.
    expect(flopsPerEpoch([784, 30, 10], 8000) / 1e9).toBeCloseTo(1.14, 2);
  });
});
