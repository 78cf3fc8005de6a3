// The sum over paths (chapter 3, "The big picture"): for every weight, the sum of the products of
// the local rates along every path from it to the cost equals backprop's BP4 gradient; the number of
// paths is the product of the later layers' sizes (times n_m for a non-elementwise layer m).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  backprop,
  createNetwork,
  fromJSON,
  MAX_PATHS,
  pathCount,
  pathMultiplications,
  sweepMultiplications,
  weightPaths,
} from '../../src/engine/index';
import { WORKED_MODEL, WORKED_X, WORKED_Y } from '../../src/data/worked-example';
import { arbCase, combos } from '../equations/helpers';

const relClose = (a: number, b: number, rel = 1e-12) => Math.abs(a - b) <= rel * Math.max(Math.abs(a), Math.abs(b)) + 1e-300;

describe('weightPaths', () => {
  it('path-sum: the sum over paths equals BP4 for every weight of random networks of every activation × cost pairing', () => {
    for (const combo of combos) {
      fc.assert(
        fc.property(arbCase(combo), ({ net, x, y }) => {
          const { nablaW } = backprop(net, x, y);
          for (let l = 1; l <= net.weights.length; l++) {
            const w = net.weights[l - 1];
            for (let j = 0; j < w.rows; j++)
              for (let k = 0; k < w.cols; k++) {
                const r = weightPaths(net, x, y, l, j, k);
                const g = nablaW[l - 1].get(j, k);
                // relative 1e-12, with an absolute floor for sums that cancel to ~0 (round-off of the terms)
                const scale = r.paths.reduce((s, p) => s + Math.abs(p.product), 0);
                expect(Math.abs(r.sum - g)).toBeLessThanOrEqual(1e-12 * Math.max(Math.abs(g), scale) + 1e-300);
              }
          }
        }),
        { numRuns: 8 },
      );
    }
  });

  it('lists ∏ of the later layer sizes paths (n_m more for a softmax layer), each through one neuron per later layer', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 1, max: 4 }), { minLength: 2, maxLength: 5 }),
        fc.boolean(),
        fc.nat(),
        (sizes, soft, pick) => {
          const L = sizes.length - 1;
          const net = createNetwork({ sizes, activations: soft ? [...Array(L - 1).fill('sigmoid'), 'softmax'] : 'sigmoid', cost: soft ? 'log-likelihood' : 'quadratic', seed: pick + 1 });
          const l = 1 + (pick % L);
          let expected = 1;
          for (let m = l + 1; m <= L; m++) expected *= sizes[m];
          if (soft) expected *= sizes[L];
          expect(pathCount(net, l)).toBe(expected);
          const x = Array.from({ length: sizes[0] }, (_, i) => 0.3 * i - 0.2);
          const y = Array.from({ length: sizes[L] }, (_, i) => (i === 0 ? 1 : 0));
          const r = weightPaths(net, x, y, l, 0, 0);
          expect(r.paths.length).toBe(expected);
          // every path distinct, one z-neuron per layer l … L starting at j = 0
          const keys = new Set(r.paths.map((p) => `${p.zNeurons.join('.')}|${p.aNeurons.join('.')}`));
          expect(keys.size).toBe(expected);
          for (const p of r.paths) {
            expect(p.zNeurons.length).toBe(L - l + 1);
            expect(p.zNeurons[0]).toBe(0);
            if (!soft) expect(p.aNeurons).toEqual(p.zNeurons);
            // factors: a^{l−1}_k, then (σ, w) per layer below L, then σ at L and ∂C/∂a^L
            expect(p.factors.map((f) => f.kind)).toEqual(['input', ...Array(L - l).fill(['sigma', 'weight']).flat(), 'sigma', 'cost']);
            expect(relClose(p.product, p.factors.reduce((s, f) => s * f.value, 1))).toBe(true);
          }
        },
      ),
      { numRuns: 40 },
    );
  });

  it('on the worked 3→3→2→1 network a layer-1 weight has 2 paths, each factor the engine’s local rate', () => {
    const net = fromJSON(WORKED_MODEL);
    const r = weightPaths(net, WORKED_X, WORKED_Y, 1, 1, 2);
    expect(r.paths.map((p) => p.zNeurons)).toEqual([[1, 0, 0], [1, 1, 0]]);
    // the second factor of path 2 is w^2_{21} (0-based [1][1]); the input factor is x_3
    expect(r.paths[1].factors[0].value).toBe(WORKED_X[2]);
    expect(r.paths[1].factors[2]).toMatchObject({ kind: 'weight', layer: 2, i: 1, j: 1, value: WORKED_MODEL.weights[1][1][1] });
    expect(relClose(r.sum, backprop(net, WORKED_X, WORKED_Y).nablaW[0].get(1, 2))).toBe(true);
  });

  it('refuses a layer, neuron or count out of range with a message', () => {
    const net = fromJSON(WORKED_MODEL);
    expect(() => weightPaths(net, WORKED_X, WORKED_Y, 0, 0, 0)).toThrow(/layer must be a whole number from 1 to 3/);
    expect(() => weightPaths(net, WORKED_X, WORKED_Y, 2, 2, 0)).toThrow(/j must be a whole number from 0 to 1/);
    expect(() => weightPaths(net, WORKED_X, WORKED_Y, 2, 0, 3)).toThrow(/k must be a whole number from 0 to 2/);
    const wide = createNetwork({ sizes: [1, 1, 400, 400] });
    expect(pathCount(wide, 1)).toBeGreaterThan(MAX_PATHS);
    expect(() => weightPaths(wide, [1], new Array(400).fill(0), 1, 0, 0)).toThrow(/at most/);
  });
});

describe('the work of listing paths against one sweep', () => {
  it('pathMultiplications is Σ over weights of paths × (factors − 1), as weightPaths lists them', () => {
    for (const sizes of [[3, 3, 2, 1], [2, 4, 3], [1, 2, 2, 2, 2]]) {
      const net = createNetwork({ sizes });
      let total = 0;
      for (let l = 1; l < sizes.length; l++) {
        const r = weightPaths(net, new Array(sizes[0]).fill(0.5), new Array(sizes[sizes.length - 1]).fill(0), l, 0, 0);
        total += sizes[l] * sizes[l - 1] * r.paths.length * (r.paths[0].factors.length - 1);
      }
      expect(pathMultiplications(sizes)).toBe(total);
    }
  });

  it('sweepMultiplications counts BP1, BP2 (wᵀδ then ⊙σ′) and BP4 (outer products)', () => {
    const sizes = [3, 3, 2, 1];
    // BP1: 1; BP2 layer 2: 2·1 + 2, layer 1: 3·2 + 3; BP4: 9 + 6 + 2
    expect(sweepMultiplications(sizes)).toBe(1 + (2 + 2) + (6 + 3) + (9 + 6 + 2));
    // paths grow with the product of the widths, the sweep with their sum of products
    expect(pathMultiplications([10, 10, 10, 10, 10])).toBeGreaterThan(100 * sweepMultiplications([10, 10, 10, 10, 10]));
  });
});
