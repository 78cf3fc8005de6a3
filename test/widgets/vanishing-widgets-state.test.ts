// The pure parts of chapter 13's GradientNorms widget and chapter 11's Symmetry widget: the
// per-layer norms a run reports equal the length of backprop's averaged bias gradients (computed
// here by the batch form), the run's training is minibatch SGD, and the addresses decode.
import { describe, expect, it } from 'vitest';
import { batchBackprop, cloneNetwork, createRng, norm2, updateMiniBatch } from '../../src/engine/index';
import { readPacked, writePacked } from '../../components/kit/url-fields';
import { BATCH_SIZE, chartRows, GN_DEFAULTS, GN_FIELDS, gnNetwork, normsRun, SIZES, speedRatio } from '../../components/widgets/GradientNorms-state';
import { SYM_DEFAULTS, SYM_FIELDS, symmetrySide, XOR } from '../../components/widgets/Symmetry-state';

/** A few fake "digits": 784 pixels in [0, 1] and a one-hot label. */
function fakeDigits(n: number, seed: number) {
  const r = createRng(seed);
  return Array.from({ length: n }, () => {
    const y = new Float64Array(10);
    y[r.int(10)] = 1;
    return { x: Float64Array.from({ length: 784 }, () => (r.next() < 0.2 ? r.next() : 0)), y };
  });
}

/** ‖∂C/∂b^l‖ by the batch form: the summed bias gradients divided by m, then their length. */
function batchNorms(net: ReturnType<typeof gnNetwork>, data: ReturnType<typeof fakeDigits>): number[] {
  const g = batchBackprop(net, data.map((e) => e.x), data.map((e) => e.y));
  return g.nablaB.map((b) => Math.sqrt(norm2(b)) / data.length);
}

describe('GradientNorms: a run', () => {
  it('reports before training and after each epoch the norms of the mean-cost bias gradients, from the network minibatch SGD trained', () => {
    const data = fakeDigits(25, 3);
    const s = { ...GN_DEFAULTS, activation: 'sigmoid' as const, init: 'standard' as const, epochs: 2, eta: 0.5, seed: 4 };
    const run = normsRun(data, s);
    // the same training, written out: shuffle with the run's generator, minibatches of 10
    const twin = cloneNetwork(run.net);
    const rng = createRng(s.seed + 1);
    const order = data.map((_, i) => i);
    const points = [];
    for (let p = run.next(); p; p = run.next()) points.push(p);
    expect(points.map((p) => ('epoch' in p ? p.epoch : -1))).toEqual([0, 1, 2]);
    const first = points[0] as { norms: number[] };
    const fresh = gnNetwork(s);
    batchNorms(fresh, data).forEach((v, i) => expect(first.norms[i]).toBeCloseTo(v, 12));
    for (let e = 1; e <= 2; e++) {
      rng.shuffle(order);
      for (let k = 0; k < order.length; k += BATCH_SIZE) updateMiniBatch(twin, order.slice(k, k + BATCH_SIZE).map((i) => data[i]), { eta: s.eta });
      const shown = (points[e] as { norms: number[] }).norms;
      batchNorms(twin, data).forEach((v, i) => expect(shown[i]).toBeCloseTo(v, 12));
    }
    expect(run.next()).toBeNull();
    // the network of the widget: four hidden layers of 30 of the chosen activation, sigmoid output, cross-entropy
    expect(fresh.sizes).toEqual(SIZES);
    expect(fresh.activations.map((a) => a.name)).toEqual(['sigmoid', 'sigmoid', 'sigmoid', 'sigmoid', 'sigmoid']);
    expect(gnNetwork({ activation: 'relu', init: 'he', seed: 1 }).activations.map((a) => a.name)).toEqual(['relu', 'relu', 'relu', 'relu', 'sigmoid']);
    expect(fresh.cost.name).toBe('cross-entropy');
  });

  it('stops with a message when the gradients stop being finite', () => {
    const data = fakeDigits(20, 5);
    const run = normsRun(data, { ...GN_DEFAULTS, activation: 'relu', init: 'standard', epochs: 5, eta: 1e6, seed: 2 });
    const out = [];
    for (let p = run.next(); p; p = run.next()) out.push(p);
    const last = out[out.length - 1];
    expect(last).toEqual({ diverged: expect.stringMatching(/stopped being finite numbers after epoch \d+: try a smaller η/) });
    expect(out.length).toBeLessThanOrEqual(6);
  });

  it('chart rows and the speed ratio come from the points', () => {
    const rows = chartRows([{ epoch: 0, norms: [1, 2, 3, 4, 5] }, { epoch: 1, norms: [0.5, 1, 1.5, 2, 2.5] }]);
    expect(rows).toHaveLength(10);
    expect(rows[0]).toEqual({ epoch: 0, norm: 1, layer: 'hidden layer 1' });
    expect(rows[4].layer).toBe('output (layer 5)');
    expect(speedRatio([1, 2, 3, 4, 5])).toBe(4);
  });
});

describe('GradientNorms: the address ?gn=activation,init,digits,epochs,η,seed', () => {
  it('decodes a good address and round-trips the defaults', () => {
    expect(readPacked(GN_FIELDS, 'relu,he,500,3,0.05,7')).toEqual({ activation: 'relu', init: 'he', digits: 500, epochs: 3, eta: 0.05, seed: 7 });
    expect(readPacked(GN_FIELDS, writePacked(GN_FIELDS, GN_DEFAULTS))).toEqual(GN_DEFAULTS);
  });
  it.each(['relu,xavier,500,3,0.05,7', 'softmax,he,500,3,0.05,7', 'relu,he,5,3,0.05,7', 'relu,he,500,0,0.05,7', 'relu,he,500,3,0,7', 'relu,he,500,3,abc,7', 'relu,he,500,3,0.05', 'relu,he,9000,3,0.05,7', 'relu,he,500,2.5,0.05,7'])('refuses %s', (raw) => {
    expect(readPacked(GN_FIELDS, raw)).toBeNull();
  });
});

describe('Symmetry widget', () => {
  it('the all-zero network keeps its hidden neurons identical (spread 0) and cannot fit XOR; a random one differs and fits it', () => {
    for (const steps of [0, 1, 7, 300]) {
      const zero = symmetrySide('zero', { ...SYM_DEFAULTS, steps });
      expect(zero.spread).toBe(0);
      for (const n of zero.neurons) expect(n).toEqual(zero.neurons[0]);
    }
    const zero = symmetrySide('zero', SYM_DEFAULTS);
    // it did train: the parameters moved away from 0
    expect(Math.abs(zero.neurons[0].w[0])).toBeGreaterThan(0.1);
    for (const init of ['standard', 'scaled', 'xavier', 'he'] as const) {
      const random = symmetrySide(init, SYM_DEFAULTS);
      expect(random.spread).toBeGreaterThan(0);
      expect(random.cost).toBeLessThan(zero.cost);
      // XOR is solved: outputs on the right side of ½ for the four points
      random.outputs.forEach((o, i) => expect(o >= 0.5).toBe(XOR[i].y[0] === 1));
    }
    // the zero network is one hidden neuron in triplicate: it gets (0,1) or (1,1) wrong
    expect(zero.outputs.some((o, i) => (o >= 0.5) !== (XOR[i].y[0] === 1))).toBe(true);
  });

  it('decodes its address ?sym=steps,η,seed,init', () => {
    expect(readPacked(SYM_FIELDS, '100,0.5,3,he')).toEqual({ steps: 100, eta: 0.5, seed: 3, init: 'he' });
    for (const bad of ['100,0.5,3,zero', '-1,0.5,3,he', '100,0,3,he', '100,0.5,3', '9999,0.5,3,he']) expect(readPacked(SYM_FIELDS, bad)).toBeNull();
  });
});
