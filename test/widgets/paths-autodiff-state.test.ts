// The address and display helpers of the PathSum (chapter 3) and AutodiffGraph (chapter 4)
// widgets: encode/decode round-trips, malformed addresses refused, names and layout.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { backprop, fromJSON, weightPaths } from '../../src/engine/index';
import { WORKED_MODEL, WORKED_X, WORKED_Y } from '../../src/data/worked-example';
import {
  PS_SIZES, decodePathSum, encodePathSum, factorTeX, factorText, parseWeightKey, pathSumDefaults, pathText, weightKey, weightOptions,
} from '../../components/widgets/PathSum-state';
import {
  AD_FIELDS, adGraph, adNetwork, adStepCount, autodiffDefaults, decodeAutodiff, encodeAutodiff, layout, nodeName,
} from '../../components/widgets/AutodiffGraph-state';

const value = fc.double({ min: -10, max: 10, noNaN: true }).map((v) => (Object.is(v, -0) ? 0 : v));

describe('PathSum state', () => {
  it('lists every weight of the worked network once, and each key reads back as its weight', () => {
    const opts = weightOptions();
    expect(opts.length).toBe(WORKED_MODEL.weights.flat(2).length);
    expect(new Set(opts.map((o) => o.value)).size).toBe(opts.length);
    for (const o of opts) expect(weightKey(parseWeightKey(o.value)!)).toBe(o.value);
    expect(opts[0].label).toMatch(/^w¹₁₁ /);
  });

  it('encode/decode round-trip any weight and input', () => {
    const opts = weightOptions();
    fc.assert(
      fc.property(fc.integer({ min: 0, max: opts.length - 1 }), fc.array(value, { minLength: 3, maxLength: 3 }), (i, x) => {
        const s = { ...parseWeightKey(opts[i].value)!, x };
        expect(decodePathSum(encodePathSum(s))).toEqual(s);
      }),
      { numRuns: 50 },
    );
    expect(decodePathSum(encodePathSum(pathSumDefaults()))).toEqual(pathSumDefaults());
  });

  it('refuses malformed addresses: missing part, weight out of the network, wrong count, out of range, not a number', () => {
    for (const raw of ['1-1-1', '0-1-1;1,2,3', '4-1-1;1,2,3', '2-3-1;1,2,3', '3-1-3;1,2,3', '1-1-1;1,2', '1-1-1;1,2,11', '1-1-1;1,x,3', '1-1-1;1,2,3;4', 'a-b-c;1,2,3'])
      expect(decodePathSum(raw), raw).toBeNull();
    expect(decodePathSum(null)).toBeNull();
    expect(parseWeightKey('3-1-2', PS_SIZES)).toEqual({ layer: 3, j: 0, k: 1 });
  });

  it('names a path and its factors in the text’s notation', () => {
    const r = weightPaths(fromJSON(WORKED_MODEL), WORKED_X, WORKED_Y, 1, 1, 2);
    expect(pathText(1, 1, 2, r.paths[1].zNeurons, r.paths[1].aNeurons)).toBe('w¹₂₃ → z¹₂ → z²₂ → z³₁ → C');
    expect(r.paths[1].factors.map(factorText)).toEqual(['x₃', 'σ′(z¹₂)', 'w²₂₂', 'σ′(z²₂)', 'w³₁₂', 'σ′(z³₁)', '∂C/∂a³₁']);
    expect(factorTeX(r.paths[1].factors[2])).toBe('w^{2}_{22}');
    expect(factorText({ kind: 'sigma', layer: 3, i: 0, j: 1, value: 0 })).toBe('∂a³₁/∂z³₂');
    expect(pathText(2, 0, 0, [0, 1], [0, 0])).toBe('w²₁₁ → z²₁ → z³₂ → a³₁ → C');
  });
});

describe('AutodiffGraph state', () => {
  it('encode/decode round-trip any inputs and step', () => {
    const n = adStepCount();
    fc.assert(
      fc.property(fc.array(value, { minLength: 6, maxLength: 6 }), fc.integer({ min: 0, max: n }), (vals, step) => {
        const s = { inputs: Object.fromEntries(AD_FIELDS.map((f, i) => [f, vals[i]])) as ReturnType<typeof autodiffDefaults>['inputs'], step };
        expect(decodeAutodiff(encodeAutodiff(s))).toEqual(s);
      }),
      { numRuns: 50 },
    );
  });

  it('refuses malformed addresses', () => {
    const n = adStepCount();
    for (const raw of ['1,1,1,1,1,1', `1,1,1,1,1;0`, `1,1,1,1,1,1;${n + 1}`, '1,1,1,1,1,1;-1', '1,1,1,1,1,1;0.5', '1,1,1,1,1,99;0', '1,1,1,1,1,1;x'])
      expect(decodeAutodiff(raw), raw).toBeNull();
  });

  it('the graph is the 1→1→1 network’s cost: one step per operation, final grads equal backprop’s', () => {
    const { inputs } = autodiffDefaults();
    const { graph, trace } = adGraph(inputs);
    expect(trace.steps.length).toBe(adStepCount());
    const bp = backprop(adNetwork(inputs), [inputs.x], [inputs.y]);
    const last = trace.grads[trace.steps.length];
    const at = (v: (typeof trace.order)[number]) => last[trace.order.indexOf(v)];
    expect(at(graph.weights[0][0][0])).toBeCloseTo(bp.nablaW[0].get(0, 0), 14);
    expect(at(graph.biases[1][0])).toBeCloseTo(bp.nablaB[1][0], 14);
    expect(trace.order.map(nodeName)).toContain('w¹₁₁');
    expect(trace.order.map(nodeName)).toContain('y₁');
    expect(nodeName(graph.cost)).toBe('C');
  });

  it('layout puts each operation right of its operation parents and each leaf left of its first user, no two nodes in one place', () => {
    const { trace } = adGraph(autodiffDefaults().inputs);
    const places = layout(trace.order);
    const key = (p: { column: number; row: number }) => `${p.column},${p.row}`;
    expect(new Set(places.map(key)).size).toBe(places.length);
    trace.order.forEach((v, i) => {
      for (const p of v.parents) expect(places[trace.order.indexOf(p)].column).toBeLessThan(places[i].column);
    });
  });
});
