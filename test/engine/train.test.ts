import { describe, expect, it } from 'vitest';
import {
  createNetwork,
  defineActivation,
  evaluate,
  gradientCheck,
  neuronRun,
  parameterCount,
  sgd,
  sigmoidScalar,
} from '../../src/engine/index';

// XOR-like blobs: a problem a hidden layer is needed for.
const data = Array.from({ length: 200 }, (_, i) => {
  const a = i % 2;
  const b = Math.floor(i / 2) % 2;
  const jitter = (k: number) => 0.1 * Math.sin(i * 12.9898 + k * 78.233);
  return { x: [a + jitter(1), b + jitter(2)], y: [a ^ b] };
});

describe('training', () => {
  it('sgd learns XOR: accuracy rises from chance to (nearly) all right, and onEpoch reports every epoch', () => {
    const net = createNetwork({ sizes: [2, 6, 1], cost: 'cross-entropy', seed: 3 });
    const before = evaluate(net, data);
    const seen: number[] = [];
    const { history, diverged } = sgd(net, data, { epochs: 60, batchSize: 10, eta: 2, seed: 1, onEpoch: (e) => seen.push(e.epoch) });
    expect(diverged).toBeUndefined();
    expect(seen).toEqual(Array.from({ length: 60 }, (_, i) => i + 1));
    expect(history[59].trainAccuracy).toBeGreaterThan(0.95);
    expect(history[59].trainCost).toBeLessThan(before.cost);
  });

  it('sgd with testData reports, after each epoch, the test cost and accuracy of the network as it is then (and without testData, none)', () => {
    const test = data.slice(0, 40).map(({ x, y }) => ({ x: [x[0] + 0.05, x[1] - 0.05], y }));
    for (const epochs of [1, 3]) {
      const net = createNetwork({ sizes: [2, 6, 1], cost: 'cross-entropy', seed: 4 });
      const seen: { cost: number; accuracy: number }[] = [];
      const { history } = sgd(net, data, { epochs, batchSize: 10, eta: 1, seed: 2, testData: test, onEpoch: () => seen.push(evaluate(net, test)) });
      history.forEach((h, i) => {
        expect(h.testCost).toBe(seen[i].cost);
        expect(h.testAccuracy).toBe(seen[i].accuracy);
      });
      expect(history[epochs - 1].testCost).toBe(evaluate(net, test).cost);
    }
    const plain = sgd(createNetwork({ sizes: [2, 3, 1], seed: 1 }), data, { epochs: 1, batchSize: 10, eta: 1 });
    expect(plain.history[0].testCost).toBeUndefined();
  });

  it('a huge learning rate is caught: training stops and says "diverged at epoch k — try a smaller η"', () => {
    const net = createNetwork({ sizes: [2, 4, 1], activations: 'linear', seed: 1 });
    const { diverged, history } = sgd(net, data, { epochs: 50, batchSize: 10, eta: 1e6, seed: 1 });
    expect(diverged?.message).toMatch(/^diverged at epoch \d+ — try a smaller η$/);
    expect(history.length).toBe(diverged!.epoch - 1);
  });

  it('bad options are refused with clear messages', () => {
    const net = createNetwork({ sizes: [2, 1] });
    expect(() => sgd(net, data, { epochs: 1, batchSize: 0, eta: 1 })).toThrow(/batchSize/);
    expect(() => sgd(net, data, { epochs: 1, batchSize: 1, eta: NaN })).toThrow(/η/);
    expect(() => sgd(net, [], { epochs: 1, batchSize: 1, eta: 1 })).toThrow(/at least one/);
    expect(() => createNetwork({ sizes: [2, 0] })).toThrow(/sizes\[1\]/);
    expect(() => createNetwork({ sizes: [2, 10000] })).toThrow(/more than/);
    expect(() => createNetwork({ sizes: [2, 3], activations: 'swish' as never })).toThrow(/Unknown activation/);
  });

  it('parameterCount is Σ n_l (n_{l−1} + 1): 23,860 for 784-30-10', () => {
    const net = createNetwork({ sizes: [5, 3, 2], seed: 1 });
    const counted = net.weights.reduce((s, w) => s + w.data.length, 0) + net.biases.reduce((s, b) => s + b.length, 0);
    expect(parameterCount(net)).toBe(counted);
    expect(parameterCount({ sizes: [784, 30, 10] })).toBe(784 * 30 + 30 + 30 * 10 + 10);
  });

  it("a reader's own activation: gradientCheck passes with the right derivative and flags a wrong one", () => {
    const softplus = (z: number) => Math.log1p(Math.exp(z));
    const right = defineActivation('softplus', softplus, sigmoidScalar);
    const wrong = defineActivation('softplus-wrong', softplus, (z) => sigmoidScalar(z) * (1 - sigmoidScalar(z)));
    const x = [0.3, -0.8];
    const y = [0.2];
    expect(gradientCheck(createNetwork({ sizes: [2, 3, 1], activations: [right, 'sigmoid'], seed: 4 }), x, y).maxRelError).toBeLessThan(1e-7);
    expect(gradientCheck(createNetwork({ sizes: [2, 3, 1], activations: [wrong, 'sigmoid'], seed: 4 }), x, y).maxRelError).toBeGreaterThan(1e-2);
  });

  it('neuronRun records epochs 0 … N, and the cross-entropy run escapes the stall from (2, 2)', () => {
    const run = neuronRun({ w: 2, b: 2, eta: 0.15, epochs: 300, cost: 'cross-entropy' });
    expect(run.a).toHaveLength(301);
    expect(run.a[0]).toBe(sigmoidScalar(4));
    expect(run.a[300]).toBeLessThan(0.1);
    expect(() => neuronRun({ w: 0, b: 0, eta: 1, epochs: -1, cost: 'quadratic' })).toThrow(/epochs/);
  });
});
