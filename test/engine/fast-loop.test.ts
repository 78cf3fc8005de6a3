// The engine's one training loop (createEpochLoop): the same epochs whatever the slices it is run
// in, never crossing an epoch in one call, the batch size read only when an epoch starts, and the
// same run on every stepper (reference, TS kernels, WebAssembly kernels); sgd and trainRegularised
// are that loop on the reference stepper, equal to the definition written out by hand.
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  type Example,
  Matrix,
  type Network,
  type RegulariserName,
  type Rng,
  backprop,
  cloneNetwork,
  createNetwork,
  createRng,
  dropoutBackprop,
  dropoutMasks,
  feedforward,
  l1Step,
  optimize,
  packExamples,
  referenceStepper,
  sgd,
  sumAbsWeights,
  trainRegularised,
  updateMiniBatch,
} from '../../src/engine/index';
import { type FastWasm, createEpochLoop, createTrainer } from '../../src/engine/fast';
import { paramRelDiff } from './fast-helpers';
import { fastWasm } from './wasm-helpers';

let wasm: FastWasm;
beforeAll(async () => {
  wasm = await fastWasm();
});

const arbSetup = fc.record({
  sizes: fc.array(fc.integer({ min: 1, max: 6 }), { minLength: 2, maxLength: 4 }),
  n: fc.integer({ min: 1, max: 30 }),
  batchSize: fc.integer({ min: 1, max: 8 }),
  seed: fc.integer({ min: 1, max: 10_000 }),
  slices: fc.array(fc.integer({ min: 1, max: 5 }), { minLength: 1, maxLength: 6 }),
});

function setup(r: { sizes: number[]; n: number; seed: number }) {
  const net = createNetwork({ sizes: r.sizes, activations: 'sigmoid', cost: 'cross-entropy', init: 'scaled', seed: r.seed });
  const rng = createRng(r.seed + 7);
  const data = Array.from({ length: r.n }, () => ({
    x: Array.from({ length: r.sizes[0] }, () => 2 * rng.next() - 1),
    y: Array.from({ length: r.sizes[r.sizes.length - 1] }, () => rng.next()),
  }));
  return { net, data, packed: packExamples(data) };
}

describe('createEpochLoop', () => {
  it('slices of k minibatches give the epochs of whole-epoch calls, never cross an epoch, and report each batch’s Σ C_x', () => {
    fc.assert(
      fc.property(arbSetup, (r) => {
        const { net, data, packed } = setup(r);
        const step = { eta: 0.5, lambda: 0.1, n: r.n };
        for (const stepper of [(nt: typeof net) => referenceStepper(nt), (nt: typeof net) => createTrainer(nt, { batchSize: r.batchSize, wasm })]) {
          const whole = cloneNetwork(net);
          const sliced = cloneNetwork(net);
          const sa = stepper(whole);
          const sb = stepper(sliced);
          const a = createEpochLoop(sa, packed, createRng(r.seed));
          const b = createEpochLoop(sb, packed, createRng(r.seed));
          const perEpoch = Math.ceil(r.n / r.batchSize);
          expect(a.batchesPerEpoch(r.batchSize)).toBe(perEpoch);
          for (let e = 0; e < 2; e++) {
            const w = a.next(Infinity, step, r.batchSize);
            expect([w.batches, w.examples, w.epochEnded]).toEqual([perEpoch, r.n, true]);
            let batches = 0;
            let costSum = 0;
            for (let i = 0; ; i++) {
              const s = b.next(r.slices[i % r.slices.length], step, r.batchSize);
              expect(s.batches).toBeLessThanOrEqual(r.slices[i % r.slices.length]);
              batches += s.batches;
              costSum += s.costSum;
              if (s.epochEnded) break;
              expect(b.epochStarted).toBe(true);
            }
            expect(batches).toBe(perEpoch);
            expect(b.epoch).toBe(e + 1);
            expect(Math.abs(costSum - w.costSum)).toBeLessThanOrEqual(1e-12 * Math.max(1, Math.abs(w.costSum)));
          }
          expect(paramRelDiff(sa.sync(), sb.sync())).toBe(0); // the same steps in the same order
          expect(paramRelDiff(whole, net)).toBeGreaterThan(0); // and they did train
        }
        // and the reference stepper's first-epoch costs are Σ C_x of each batch before its step
        const ref = cloneNetwork(net);
        const loop = createEpochLoop(referenceStepper(cloneNetwork(net)), packed, createRng(r.seed));
        const order = Array.from({ length: r.n }, (_, i) => i);
        createRng(r.seed).shuffle(order);
        let expected = 0;
        for (let s = 0; s < r.n; s += r.batchSize) {
          const batch = order.slice(s, s + r.batchSize).map((i) => data[i]);
          for (const ex of batch) expected += ref.cost.value(feedforward(ref, ex.x).as[ref.sizes.length - 1], ex.y);
          updateMiniBatch(ref, batch, step);
        }
        const got = loop.next(Infinity, step, r.batchSize).costSum;
        expect(Math.abs(got - expected)).toBeLessThanOrEqual(1e-12 * Math.max(1, expected));
      }),
      { numRuns: 20 },
    );
  });

  it('reads the batch size only when an epoch starts', () => {
    const { net, packed } = setup({ sizes: [3, 4, 2], n: 17, seed: 5 });
    const loop = createEpochLoop(referenceStepper(cloneNetwork(net)), packed, createRng(9));
    const step = { eta: 1, n: 17 };
    expect(loop.next(2, step, 4).batches).toBe(2);
    expect(loop.batchSize).toBe(4);
    const rest = loop.next(Infinity, step, 1); // mid-epoch: still batches of 4
    expect([rest.batches, rest.examples, loop.epoch]).toEqual([3, 9, 1]);
    expect(loop.next(Infinity, step, 5).batches).toBe(4); // a new epoch takes the new size
    expect(() => createEpochLoop(referenceStepper(net), { count: 0, x: new Float64Array(0), y: new Float64Array(0) }, createRng(1))).toThrow(/at least one/);
  });
});

/** The definition written out: each epoch shuffles one index array with rng, minibatches in order, `update` on each. */
function byHand(data: readonly Example[], epochs: number, batchSize: number, rng: Rng, update: (batch: Example[]) => void): void {
  const order = data.map((_, i) => i);
  for (let e = 0; e < epochs; e++) {
    rng.shuffle(order);
    for (let s = 0; s < order.length; s += batchSize) update(order.slice(s, s + batchSize).map((i) => data[i]));
  }
}

describe('sgd and trainRegularised are the loop on the reference stepper', () => {
  const arb = fc.record({
    sizes: fc.array(fc.integer({ min: 1, max: 5 }), { minLength: 2, maxLength: 4 }),
    n: fc.integer({ min: 1, max: 25 }),
    batchSize: fc.integer({ min: 1, max: 7 }),
    seed: fc.integer({ min: 1, max: 10_000 }),
    epochs: fc.integer({ min: 1, max: 3 }),
    lambda: fc.double({ min: 0, max: 2, noNaN: true }),
  });

  it('sgd with seed s: the shuffle of createRng(s) each epoch and updateMiniBatch on each minibatch, to the last bit', () => {
    fc.assert(
      fc.property(arb, (r) => {
        const { net, data } = setup(r);
        const viaSgd = cloneNetwork(net);
        const { history } = sgd(viaSgd, data, { epochs: r.epochs, batchSize: r.batchSize, eta: 0.8, lambda: r.lambda, seed: r.seed });
        const step = { eta: 0.8, lambda: r.lambda, n: r.n };
        const hand = cloneNetwork(net);
        byHand(data, r.epochs, r.batchSize, createRng(r.seed), (b) => updateMiniBatch(hand, b, step));
        expect(paramRelDiff(viaSgd, hand)).toBe(0);
        expect(history.length).toBe(r.epochs);
        expect(paramRelDiff(viaSgd, net)).toBeGreaterThan(0);
      }),
      { numRuns: 25 },
    );
  });

  it('trainRegularised (none, L2, L1; dropout or not): the same loop with the regularised step, masks from seed + 1, to the last bit', () => {
    fc.assert(
      fc.property(arb, fc.constantFrom<RegulariserName>('none', 'l2', 'l1'), fc.constantFrom(0, 0.3), (r, regulariser, dropout) => {
        const { net, data } = setup(r);
        const viaTrain = cloneNetwork(net);
        const history = trainRegularised(viaTrain, data, { epochs: r.epochs, batchSize: r.batchSize, eta: 0.6, lambda: r.lambda, regulariser, dropout, seed: r.seed, testData: data });
        const step = { eta: 0.6, lambda: regulariser === 'none' ? 0 : r.lambda, n: r.n };
        const masksRng = createRng(r.seed + 1);
        const hand: Network = cloneNetwork(net);
        byHand(data, r.epochs, r.batchSize, createRng(r.seed), (batch) => {
          const masks = dropout > 0 ? dropoutMasks(hand, dropout, masksRng) : null;
          const grads = batch.map((e) => (masks ? dropoutBackprop(hand, e.x, e.y, masks) : backprop(hand, e.x, e.y)));
          const m = batch.length;
          const nablaW = hand.weights.map((w, i) => new Matrix(w.rows, w.cols, w.data.map((_, k) => grads.reduce((s, g) => s + g.nablaW[i].data[k], 0) / m)));
          const nablaB = hand.biases.map((b, i) => Float64Array.from(b, (_, j) => grads.reduce((s, g) => s + g.nablaB[i][j], 0) / m));
          if (regulariser === 'l1') l1Step(hand, nablaW, nablaB, step);
          else optimize(hand, nablaW, nablaB, step);
        });
        expect(paramRelDiff(viaTrain, hand)).toBe(0);
        expect(history.map((h) => h.epoch)).toEqual(Array.from({ length: r.epochs }, (_, i) => i + 1));
        expect(history[r.epochs - 1].sumAbsWeights).toBeCloseTo(sumAbsWeights(hand), 10);
      }),
      { numRuns: 30 },
    );
  });
});
