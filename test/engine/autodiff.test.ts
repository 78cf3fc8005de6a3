// The scalar reverse-mode autodiff (chapter 4): each operation's local derivative against central
// differences, the backward pass on hand-sized graphs, and its gradients equal to backprop's
// (BP1–BP4) on random networks of every activation × cost pairing.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  Value,
  autodiffGradients,
  backprop,
  backward,
  backwardTrace,
  costGraph,
  createNetwork,
  exampleCost,
  graphWork,
  leaf,
  parameterCount,
  sumValues,
  topoOrder,
} from '../../src/engine/index';
import { arbCase, centralDiff, combos } from '../equations/helpers';

type Op = [name: string, f: (v: Value) => Value, lo: number, hi: number];
const unary: Op[] = [
  ['neg', (v) => v.neg(), -3, 3],
  ['exp', (v) => v.exp(), -3, 3],
  ['log', (v) => v.log(), 0.1, 5],
  ['sigmoid', (v) => v.sigmoid(), -6, 6],
  ['tanh', (v) => v.tanh(), -3, 3],
  ['relu', (v) => v.relu(), -3, 3],
  ['pow 2', (v) => v.pow(2), -3, 3],
  ['pow 3', (v) => v.pow(3), -3, 3],
  ['pow −1', (v) => v.pow(-1), 0.2, 4],
];
type BinOp = [name: string, f: (a: Value, b: Value) => Value];
const binary: BinOp[] = [
  ['add', (a, b) => a.add(b)],
  ['sub', (a, b) => a.sub(b)],
  ['mul', (a, b) => a.mul(b)],
  ['div', (a, b) => a.div(b)],
];
const close = (a: number, b: number, rel = 1e-7, abs = 1e-9) => Math.abs(a - b) <= rel * (Math.abs(a) + Math.abs(b)) + abs;

describe('Value: each operation’s local derivative', () => {
  it.each(unary)('autodiff-local: %s matches a central difference', (_n, f, lo, hi) => {
    fc.assert(
      fc.property(fc.double({ min: lo, max: hi, noNaN: true }), (t) => {
        // relu has a kink at 0: stay a step away from it
        fc.pre(_n !== 'relu' || Math.abs(t) > 1e-3);
        const v = leaf(t);
        const out = f(v);
        expect(out.parents).toEqual([v]);
        expect(close(out.local[0], centralDiff((s) => f(leaf(s)).data, t))).toBe(true);
      }),
      { numRuns: 30 },
    );
  });

  it.each(binary)('autodiff-local: %s matches central differences in each argument', (_n, f) => {
    fc.assert(
      fc.property(fc.double({ min: -3, max: 3, noNaN: true }), fc.double({ min: 0.2, max: 3, noNaN: true }), (s, t) => {
        const out = f(leaf(s), leaf(t));
        expect(close(out.local[0], centralDiff((u) => f(leaf(u), leaf(t)).data, s))).toBe(true);
        expect(close(out.local[1], centralDiff((u) => f(leaf(s), leaf(u)).data, t))).toBe(true);
      }),
      { numRuns: 30 },
    );
  });

  it('numbers are lifted to constant leaves; a Value needs one local derivative per parent', () => {
    const v = leaf(2).mul(3);
    expect(v.data).toBe(6);
    expect(v.parents[1].op).toBe('');
    expect(v.parents[1].data).toBe(3);
    expect(() => new Value(1, [leaf(1)], [])).toThrow(/one local derivative per parent/);
  });
});

describe('backward', () => {
  it('sums the contributions of a value used twice: d(x·x + x)/dx = 2x + 1', () => {
    const x = leaf(3);
    const f = x.mul(x).add(x);
    backward(f);
    expect(x.grad).toBe(7);
    // a second call starts from zero grads again
    backward(f);
    expect(x.grad).toBe(7);
  });

  it('topoOrder puts every node after its parents, each node once', () => {
    const a = leaf(1);
    const b = leaf(2);
    const c = a.mul(b);
    const d = c.add(a).sigmoid().mul(c);
    const order = topoOrder(d);
    expect(new Set(order).size).toBe(order.length);
    expect(order.length).toBe(6);
    for (const v of order) for (const p of v.parents) expect(order.indexOf(p)).toBeLessThan(order.indexOf(v));
    expect(order[order.length - 1]).toBe(d);
  });

  it('backwardTrace steps through the operation nodes from the root down and ends where backward ends', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: -2, max: 2, noNaN: true }), { minLength: 6, maxLength: 6 }), ([x, y, w1, b1, w2, b2]) => {
        const net = createNetwork({ sizes: [1, 1, 1] });
        net.weights[0].set(0, 0, w1);
        net.biases[0][0] = b1;
        net.weights[1].set(0, 0, w2);
        net.biases[1][0] = b2;
        const g = costGraph(net, [x], [y]);
        const trace = backwardTrace(g.cost);
        const order = backward(g.cost);
        expect(trace.order).toEqual(order);
        // one step per operation node, the root first; each step's node is done before any of its parents
        expect(trace.steps.length).toBe(graphWork(g.cost).operations);
        expect(trace.steps[0]).toBe(g.cost);
        for (let s = 0; s < trace.steps.length; s++) for (const p of trace.steps[s].parents) expect(trace.steps.indexOf(p) === -1 || trace.steps.indexOf(p) > s).toBe(true);
        expect(trace.grads[0]).toEqual(order.map((v) => (v === g.cost ? 1 : 0)));
        expect(trace.grads.at(-1)).toEqual(order.map((v) => v.grad));
        // and a step changes only the grads of the stepped node's parents
        for (let s = 0; s < trace.steps.length; s++) {
          const parents = new Set(trace.steps[s].parents);
          order.forEach((v, i) => {
            if (!parents.has(v)) expect(trace.grads[s + 1][i]).toBe(trace.grads[s][i]);
          });
        }
      }),
      { numRuns: 20 },
    );
  });

  it('handles a graph deeper than the call stack (iterative order)', () => {
    let v = leaf(0.5);
    const x = v;
    for (let i = 0; i < 50000; i++) v = v.add(1e-6);
    backward(v);
    expect(x.grad).toBe(1);
  });
});

describe('autodiff of a network’s cost', () => {
  it('autodiff-backward: autodiff gradients equal BP1–BP4 on random networks of every activation × cost pairing', () => {
    for (const combo of combos) {
      fc.assert(
        fc.property(arbCase(combo), ({ net, x, y }) => {
          const g = costGraph(net, x, y);
          expect(close(g.cost.data, exampleCost(net, x, y), 1e-12, 1e-14)).toBe(true);
          const ad = autodiffGradients(net, x, y);
          const bp = backprop(net, x, y);
          for (let i = 0; i < net.weights.length; i++) {
            for (let q = 0; q < bp.nablaW[i].data.length; q++) expect(close(ad.nablaW[i].data[q], bp.nablaW[i].data[q], 1e-10, 1e-13)).toBe(true);
            for (let j = 0; j < bp.nablaB[i].length; j++) expect(close(ad.nablaB[i][j], bp.nablaB[i][j], 1e-10, 1e-13)).toBe(true);
          }
        }),
        { numRuns: 10 },
      );
    }
  });

  it('refuses shapes that do not fit and activations it has no graph for', () => {
    const net = createNetwork({ sizes: [2, 1] });
    expect(() => costGraph(net, [1], [0])).toThrow(/input has 1 entries/);
    expect(() => costGraph(net, [1, 2], [0, 1])).toThrow(/target has 2 entries/);
    const own = { ...net, activations: [{ ...net.activations[0], name: 'mine' }] };
    expect(() => costGraph(own, [1, 2], [0])).toThrow(/knows the activations/);
  });

  it('graphWork: a layer is one × and one + per weight, so edges ≈ 2 × operations', () => {
    const sizes = [4, 3, 2];
    const net = createNetwork({ sizes, seed: 2 });
    const g = costGraph(net, [0.1, 0.2, 0.3, 0.4], [1, 0]);
    const w = graphWork(g.cost);
    const weights = 4 * 3 + 3 * 2;
    const neurons = 3 + 2;
    // × and + per weight, σ per neuron; cost ½Σ(a − y)²: 2 − , 2 ^2, 1 +, 1 ×
    expect(w.operations).toBe(2 * weights + neurons + 6);
    expect(w.edges).toBe(2 * 2 * weights + neurons + (2 * 2 + 2 + 2 + 2));
    // leaves: inputs, parameters, and the constants y_1, y_2 and ½
    expect(w.leaves).toBe(4 + parameterCount(net) + 3);
    expect(w.nodes).toBe(w.leaves + w.operations);
  });

  it('sumValues refuses an empty list', () => {
    expect(() => sumValues([])).toThrow(/at least one/);
  });
});
