import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { listField } from '../../components/kit/url-fields';
import { createNetwork, feedforward, fromJSON, parameterCount, toJSON } from '../../src/engine/index.ts';
import { flatten, networkOf, paramsOf, parseSizes, parseVector, unflatten, withParam, PARAM_RULE } from '../../components/widgets/shared/netstate';
import { FP_SIZES, decodeForward, encodeForward, forwardDefaults } from '../../components/widgets/ForwardPass-state';
import {
  STEPPER_DEFAULTS, WORKED_EXAMPLE, WORKED_X, WORKED_Y, decodeStepper, encodeStepper, exampleFor, networkFor, stepsFor, type Shape,
} from '../../components/widgets/BackpropStepper-state';
import { WORKED_MODEL, WORKED_X as WORKED_MODEL_X, WORKED_Y as WORKED_MODEL_Y } from '../../src/data/worked-example';
import { BATCH_DEFAULTS, decodeBatch, encodeBatch } from '../../components/widgets/BatchMatrices-state';
import { sub, sup, sym } from '../../components/widgets/shared/notation';
import { augmentedDefaults, decodeAugmented, encodeAugmented } from '../../components/widgets/AugmentedBias-state';

const shape = fc.array(fc.integer({ min: 1, max: 4 }), { minLength: 2, maxLength: 5 });

describe('netstate: parameters as plain arrays', () => {
  it('flatten / unflatten round-trip every shape, and the count is the engine’s parameterCount', () => {
    fc.assert(
      fc.property(shape, fc.integer({ min: 1, max: 1000 }), (sizes, seed) => {
        const p = paramsOf(createNetwork({ sizes, seed }));
        const flat = flatten(p);
        expect(flat.length).toBe(parameterCount({ sizes }));
        expect(unflatten(sizes, flat)).toEqual(p);
        expect(unflatten(sizes, flat.slice(1))).toBeNull();
      }),
    );
  });

  it('networkOf rebuilds the same network through fromJSON (same forward pass)', () => {
    const net = createNetwork({ sizes: [3, 4, 2], seed: 7 });
    const again = networkOf(paramsOf(net));
    expect(toJSON(again)).toEqual(toJSON(net));
    expect(feedforward(again, [0.1, -0.2, 0.3]).as[2]).toEqual(feedforward(net, [0.1, -0.2, 0.3]).as[2]);
  });

  it('withParam changes exactly one weight or bias and leaves the original alone', () => {
    const p = paramsOf(createNetwork({ sizes: [2, 3, 2], seed: 1 }));
    const before = flatten(p);
    const q = withParam(p, 'w', 1, 1, 2, 9);
    const r = withParam(p, 'b', 0, 2, 0, -9);
    expect(flatten(p)).toEqual(before);
    expect(q.weights[1][1][2]).toBe(9);
    expect(r.biases[0][2]).toBe(-9);
    expect(flatten(q).filter((v, i) => v !== before[i])).toEqual([9]);
    expect(flatten(r).filter((v, i) => v !== before[i])).toEqual([-9]);
  });
});

describe('netstate: parsing what a reader typed', () => {
  it("the kit's listField round-trips finite values exactly", () => {
    const field = listField('v', 'v', [], PARAM_RULE, 1, 20);
    fc.assert(
      fc.property(fc.array(fc.double({ min: -10, max: 10, noNaN: true }), { minLength: 1, maxLength: 20 }), (v) => {
        expect(field.read(field.write(v))).toEqual({ ok: true, value: v.map((x) => (x === 0 ? 0 : x)) /* −0 is written as 0 */ });
      }),
    );
  });

  it.each(['', '1,,2', '1,abc', '1,NaN', '1,1e308', '1,Infinity', '1,2,3'])("the kit's listField (1 or 2 entries) rejects %j", (raw) => {
    expect(listField('v', 'v', [], PARAM_RULE, 1, 2).read(raw).ok).toBe(false);
  });

  it('parseVector says which entry is wrong', () => {
    expect(parseVector('1, 0.5, -1', 3, { ...PARAM_RULE, label: 'x' })).toEqual({ ok: true, value: [1, 0.5, -1] });
    const wrongCount = parseVector('1, 2', 3, { ...PARAM_RULE, label: 'x' });
    expect(wrongCount.ok).toBe(false);
    if (!wrongCount.ok) expect(wrongCount.message).toMatch(/enter 3 numbers/);
    const bad = parseVector('1, abc, 2', 3, { ...PARAM_RULE, label: 'x' });
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.message).toMatch(/^x entry 2/);
    const huge = parseVector('1e308', 1, { ...PARAM_RULE, label: 'y' });
    if (!huge.ok) expect(huge.message).toMatch(/^y must be in \[-10, 10\]/);
    else throw new Error('1e308 accepted');
  });

  it('parseSizes accepts 2 to 5 small layers and refuses the rest', () => {
    expect(parseSizes('2-3-1')).toEqual({ ok: true, value: [2, 3, 1] });
    expect(parseSizes('2, 3, 1')).toEqual({ ok: true, value: [2, 3, 1] });
    for (const bad of ['', '3', '1-2-3-4-1-2', '0-2', '2-5', '2-x', '2-1.5']) expect(parseSizes(bad).ok).toBe(false);
  });
});

describe('ForwardPass state (URL ?fp=…)', () => {
  it('defaults are the chapter’s network createNetwork({ sizes: [2, 3, 2], seed: 1 }) with x = (1, 0.5)', () => {
    const d = forwardDefaults();
    expect(d.x).toEqual([1, 0.5]);
    expect(networkOf(d.p).weights.map((w) => w.toArray())).toEqual(createNetwork({ sizes: FP_SIZES, seed: 1 }).weights.map((w) => w.toArray()));
  });

  // Every neuron of the 2→3→2 network, inputs included: layer l, index j from 0.
  const neuron = fc.integer({ min: 0, max: FP_SIZES.length - 1 }).chain((l) => fc.record({ l: fc.constant(l), j: fc.integer({ min: 0, max: FP_SIZES[l] - 1 }) }));

  it('round-trips through the URL form, the selected neuron included', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 10_000 }), fc.double({ min: -10, max: 10, noNaN: true }), neuron, (seed, x1, selected) => {
        const s = { x: [x1 === 0 ? 0 : x1, 0.5], p: paramsOf(createNetwork({ sizes: FP_SIZES, seed, init: 'scaled' })), selected };
        expect(decodeForward(encodeForward(s))).toEqual(s);
      }),
    );
  });

  it('the selection is written as the text counts it (layer, then neuron from 1); older links without it get the default', () => {
    const d = forwardDefaults();
    expect(d.selected).toEqual({ l: 1, j: 0 });
    const s = { ...d, selected: { l: 2, j: 1 } };
    expect(encodeForward(s).split(';')[1]).toBe('2,2');
    const legacy = encodeForward(s).split(';')[0];
    expect(decodeForward(legacy)).toEqual({ ...s, selected: d.selected });
  });

  it('invalid URL state decodes to null (the widget then shows defaults and a notice)', () => {
    const good = encodeForward(forwardDefaults());
    const numbers = good.split(';')[0];
    for (const bad of [
      '', 'garbage', numbers + ',1', numbers.replace(/^1,/, 'abc,'), numbers.replace(/^1,/, '1e308,'), numbers.split(',').slice(1).join(','),
      // the selection: a layer or neuron the network does not have, neuron 0, fractions, text, wrong arity, extra parts
      `${numbers};3,1`, `${numbers};1,4`, `${numbers};0,3`, `${numbers};1,0`, `${numbers};1.5,1`, `${numbers};a,b`, `${numbers};1`, `${numbers};1,1,1`, `${numbers};`, `${numbers};1,1;x`,
    ]) {
      expect(decodeForward(bad), bad).toBeNull();
    }
    expect(decodeForward(null)).toBeNull();
  });
});

describe('BackpropStepper state (URL ?bs=…)', () => {
  it('the worked example is chapter 5’s own network, x and y: the data module the chapter imports, not a copy', () => {
    expect(WORKED_EXAMPLE).toBe(WORKED_MODEL);
    expect(WORKED_X).toBe(WORKED_MODEL_X);
    expect(WORKED_Y).toBe(WORKED_MODEL_Y);
    expect(toJSON(networkFor({ kind: 'example' }))).toEqual(toJSON(fromJSON(WORKED_MODEL)));
    expect(exampleFor({ kind: 'example' })).toEqual({ x: WORKED_MODEL_X, y: WORKED_MODEL_Y });
  });

  it('steps: start, forward 1…L, cost, BP1, BP2 for L−1…1, BP3/BP4 for L…1', () => {
    expect(stepsFor(3).map((s) => ('l' in s ? `${s.kind}${s.l}` : s.kind))).toEqual([
      'start', 'forward1', 'forward2', 'forward3', 'cost', 'bp1', 'bp22', 'bp21', 'grad3', 'grad2', 'grad1',
    ]);
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 4 }), (L) => {
        expect(stepsFor(L).length).toBe(3 * L + 2);
      }),
    );
  });

  it('round-trips the worked example and seeded custom shapes; a custom shape’s example has the right sizes', () => {
    expect(decodeStepper(encodeStepper(STEPPER_DEFAULTS))).toEqual(STEPPER_DEFAULTS);
    fc.assert(
      fc.property(shape, fc.integer({ min: 1, max: 99999 }), fc.nat(), (sizes, seed, step) => {
        const s: Shape = { kind: 'custom', sizes, seed };
        const ex = exampleFor(s);
        expect(ex.x.length).toBe(sizes[0]);
        expect(ex.y.length).toBe(sizes[sizes.length - 1]);
        expect(ex.y.every((v) => v >= 0 && v <= 1)).toBe(true);
        expect(networkFor(s).sizes).toEqual(sizes);
        const state = { shape: s, ...ex, step: step % stepsFor(sizes.length - 1).length };
        expect(decodeStepper(encodeStepper(state))).toEqual(state);
      }),
    );
  });

  it('invalid URL state decodes to null', () => {
    for (const bad of ['', 'ex', 'ex;1,0.5,-1;1;99', 'ex;1,0.5;1;0', 'ex;1,0.5,-1;2;0', 'ex;1,abc,-1;1;0', '2-9-1s1;1,1;1;0', '2-1s0;1,1;1;0', 'zz;1;1;0']) {
      expect(decodeStepper(bad)).toBeNull();
    }
  });
});

describe('BatchMatrices and AugmentedBias state (URL ?bm=…, ?ab=…)', () => {
  it('the batch defaults are chapter 6’s X and Y, and batch states round-trip', () => {
    expect(BATCH_DEFAULTS.X).toEqual([[1, 0.5], [0, -1], [0.5, 2]]);
    expect(BATCH_DEFAULTS.Y).toEqual([[1, 0], [0, 1], [1, 1]]);
    const cell = fc.double({ min: -10, max: 10, noNaN: true }).map((v) => (v === 0 ? 0 : v));
    const target = fc.double({ min: 0, max: 1, noNaN: true }).map((v) => (v === 0 ? 0 : v));
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 5 }).chain((n) => fc.tuple(fc.array(fc.tuple(cell, cell), { minLength: n, maxLength: n }), fc.array(fc.tuple(target, target), { minLength: n, maxLength: n }), fc.integer({ min: 0, max: n - 1 }), fc.integer({ min: 1, max: 2 }))), ([X, Y, example, layer]) => {
        const s = { X: X.map((r) => [...r]), Y: Y.map((r) => [...r]), example, layer };
        expect(decodeBatch(encodeBatch(s))).toEqual(s);
      }),
    );
  });

  it('invalid batch addresses decode to null', () => {
    for (const bad of ['', '1,2,3;0,0;1;1', '1,2;0,0;2;1', '1,2;0,0;1;3', '1,2;2,0;1;1', '1,2,3,4,5,6,7,8,9,10,11,12;' + '0,'.repeat(11) + '0;1;1', 'a,b;0,0;1;1']) {
      expect(decodeBatch(bad)).toBeNull();
    }
  });

  it('augmented defaults are layer 1 of the chapter’s network with a = (1, 0.5), and round-trip', () => {
    const net = createNetwork({ sizes: [2, 3, 2], seed: 1 });
    const d = augmentedDefaults();
    expect(d).toEqual({ a: [1, 0.5], w: net.weights[0].toArray(), b: Array.from(net.biases[0]) });
    expect(decodeAugmented(encodeAugmented(d))).toEqual(d);
    for (const bad of ['', '1;2;3', '1,2;1,2,3,4,5,6;1,2', '1,2;1,2,3,4,5,6;1,2,x', '1,1e308;1,2,3,4,5,6;1,2,3']) expect(decodeAugmented(bad)).toBeNull();
  });
});

describe('notation helpers', () => {
  it('sym writes the layer as a superscript and 1-based indices as subscripts', () => {
    expect(sym('w', 3, 1, 2)).toBe('w³₁₂');
    expect(sym('δ', 2, 1)).toBe('δ²₁');
    expect(sym('a', 0, 10)).toBe('a⁰₁₀');
    expect(`${sup(12)}${sub(34)}`).toBe('¹²₃₄');
  });
});
