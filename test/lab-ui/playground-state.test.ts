import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { createNetwork } from '../../src/engine/index.ts';
import {
  AB_FIELDS,
  DATASETS,
  DEFAULT_CONFIG,
  HIDDEN_ACTIVATIONS,
  MAX_HIDDEN_LAYERS,
  MAX_NEURONS,
  addLayer,
  applyAb,
  checkNeurons,
  checkNumber,
  defaultAb,
  fromParams,
  removeLayer,
  resizeLayer,
  sizesOf,
  toParams,
  trainConfigOf,
  SPEEDS,
  type PlaygroundConfig,
} from '../../components/lab/playground-state';

const getter = (p: Record<string, string>) => (k: string) => (k in p ? p[k] : null);

const arbConfig: fc.Arbitrary<PlaygroundConfig> = fc.record({
  dataset: fc.constantFrom(...DATASETS.map((d) => d.id)),
  noise: fc.double({ min: 0, max: 0.5, noNaN: true }),
  testFraction: fc.double({ min: 0.1, max: 0.9, noNaN: true }),
  hidden: fc.array(fc.integer({ min: 1, max: MAX_NEURONS }), { maxLength: MAX_HIDDEN_LAYERS }),
  activation: fc.constantFrom(...HIDDEN_ACTIVATIONS),
  cost: fc.constantFrom('cross-entropy' as const, 'quadratic' as const),
  init: fc.constantFrom('scaled' as const, 'standard' as const),
  eta: fc.double({ min: 1e-6, max: 100, noNaN: true }),
  batchSize: fc.integer({ min: 1, max: 400 }),
  lambda: fc.double({ min: 0, max: 100, noNaN: true }),
  seed: fc.integer({ min: 1, max: 1_000_000 }),
  speed: fc.constantFrom(...SPEEDS.map((o) => o.value)),
});

describe('playground settings in the address bar', () => {
  it('no playground parameter: the defaults and no notice', () => {
    expect(fromParams(getter({ other: 'x' }))).toEqual({ config: DEFAULT_CONFIG, ab: null, notice: null });
  });

  it('every valid configuration (with or without an A/B change) survives the round trip', () => {
    fc.assert(
      fc.property(arbConfig, fc.option(fc.constantFrom(...AB_FIELDS)), (config, field) => {
        const ab = field && !(field === 'cost' && config.dataset === 'three-class') ? defaultAb(config, field) : null;
        const back = fromParams(getter(toParams(config, ab)));
        expect(back.notice).toBeNull();
        expect(back.config).toEqual(config);
        expect(back.ab).toEqual(ab);
      }),
    );
  });

  it.each([
    ['ds', 'banana'],
    ['h', '4-10000'],
    ['h', '4--4'],
    ['h', '1-2-3-4-5-6-7'],
    ['eta', '1e9'],
    ['eta', '0'],
    ['eta', 'NaN'],
    ['bs', '2.5'],
    ['seed', '-1'],
    ['noise', '0.9'],
    ['act', 'softmax'],
    ['ab', 'eta:abc'],
    ['ab', 'sizes:4'],
  ])('invalid %s=%s → all defaults and a notice naming it', (key, value) => {
    const good = toParams({ ...DEFAULT_CONFIG, dataset: 'spiral', eta: 0.1 }, null);
    const r = fromParams(getter({ ...good, [key]: value }));
    expect(r.config).toEqual(DEFAULT_CONFIG);
    expect(r.ab).toBeNull();
    expect(r.notice).toContain(`${key}=${value}`);
  });
});

describe('shape editor limits', () => {
  it('10,000 neurons are refused with a message saying the limit', () => {
    const r = checkNeurons('10000');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message).toMatch(new RegExp(`10000 neurons refused.*at most ${MAX_NEURONS}`));
    expect(checkNeurons('0').ok).toBe(false);
    expect(checkNeurons('2.5').ok).toBe(false);
    expect(checkNeurons(String(MAX_NEURONS))).toEqual({ ok: true, value: MAX_NEURONS });
  });

  it('adds and removes layers within the limits', () => {
    let h: number[] = [];
    expect(removeLayer(h).ok).toBe(false);
    for (let i = 0; i < MAX_HIDDEN_LAYERS; i++) {
      const r = addLayer(h);
      expect(r.ok).toBe(true);
      if (r.ok) h = r.value;
    }
    expect(h.length).toBe(MAX_HIDDEN_LAYERS);
    expect(addLayer(h).ok).toBe(false);
    const r = removeLayer(h);
    expect(r.ok && r.value.length).toBe(MAX_HIDDEN_LAYERS - 1);
  });

  it('resizes a layer between 1 and the maximum', () => {
    expect(resizeLayer([1, 4], 0, -1).ok).toBe(false);
    expect(resizeLayer([MAX_NEURONS], 0, 1).ok).toBe(false);
    expect(resizeLayer([3, 4], 1, 1)).toEqual({ ok: true, value: [3, 5] });
  });

  it('numbers: η must be positive and finite, batch size whole', () => {
    expect(checkNumber('eta', '1e9').ok).toBe(false);
    expect(checkNumber('eta', '0').ok).toBe(false);
    expect(checkNumber('eta', '').ok).toBe(false);
    expect(checkNumber('batchSize', '3.5').ok).toBe(false);
    expect(checkNumber('lambda', '0.01')).toEqual({ ok: true, value: 0.01 });
  });
});

describe('what the worker is asked to train', () => {
  it('every valid configuration gives sizes and activations the engine accepts', () => {
    fc.assert(
      fc.property(arbConfig, (config) => {
        const t = trainConfigOf(config);
        const net = createNetwork({ sizes: t.sizes, activations: t.activations, cost: t.cost, init: t.init, seed: t.seed });
        expect(net.sizes).toEqual(sizesOf(config));
        expect(net.sizes[0]).toBe(2);
        // The 3-class set: three softmax outputs with log-likelihood; otherwise one sigmoid output.
        if (config.dataset === 'three-class') {
          expect(net.sizes.at(-1)).toBe(3);
          expect(net.activations.at(-1)!.name).toBe('softmax');
          expect(net.cost.name).toBe(createNetwork({ sizes: [1, 1], cost: 'log-likelihood' }).cost.name);
        } else {
          expect(net.sizes.at(-1)).toBe(1);
          expect(net.activations.at(-1)!.name).toBe('sigmoid');
        }
      }),
      { numRuns: 50 },
    );
  });

  it('A/B: B differs from A in exactly the chosen field', () => {
    fc.assert(
      fc.property(arbConfig, fc.constantFrom(...AB_FIELDS), (a, field) => {
        fc.pre(!(field === 'cost' && a.dataset === 'three-class'));
        const r = applyAb(a, defaultAb(a, field));
        expect(r.ok).toBe(true);
        if (!r.ok) return;
        const changed = (Object.keys(a) as (keyof PlaygroundConfig)[]).filter((k) => JSON.stringify(a[k]) !== JSON.stringify(r.value[k]));
        expect(changed).toEqual([field]);
      }),
    );
  });
});

describe('learning-curve points (curve-points.ts)', () => {
  it('keeps every early epoch, keeps a logarithmic number overall, with gaps that only widen', async () => {
    const { EARLY, keepEpoch } = await import('../../components/lab/curve-points');
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 200_000 }), (E) => {
        const kept: number[] = [];
        for (let e = 1; e <= E; e++) if (keepEpoch(e)) kept.push(e);
        expect(kept.slice(0, Math.min(E, EARLY))).toEqual(Array.from({ length: Math.min(E, EARLY) }, (_, i) => i + 1));
        expect(kept.length).toBeLessThanOrEqual(EARLY * (2 + Math.log2(Math.max(1, E / EARLY))));
        for (let i = 2; i < kept.length; i++) expect(kept[i] - kept[i - 1]).toBeGreaterThanOrEqual(kept[i - 1] - kept[i - 2]);
      }),
      { numRuns: 20 },
    );
  });
  it('the drawn rows end at the latest epoch', async () => {
    const { curveRows } = await import('../../components/lab/curve-points');
    expect(curveRows([{ epoch: 1 }, { epoch: 2 }], { epoch: 7 }).map((r) => r.epoch)).toEqual([1, 2, 7]);
    expect(curveRows([{ epoch: 1 }, { epoch: 2 }], { epoch: 2 }).map((r) => r.epoch)).toEqual([1, 2]);
    expect(curveRows([], undefined)).toEqual([]);
  });
});

describe('playground speed control', () => {
  it('an older address without `speed` gets the default speed; a speed outside the choices is refused with a notice', () => {
    const old = { ds: 'spiral', noise: '0.1', test: '0.5', h: '8-8', act: 'tanh', cost: 'cross-entropy', init: 'scaled', eta: '0.3', bs: '10', l2: '0', seed: '1' };
    const r = fromParams(getter(old));
    expect(r.notice).toBeNull();
    expect(r.config.speed).toBe(DEFAULT_CONFIG.speed);
    expect(r.config.dataset).toBe('spiral');
    for (const bad of ['7', '-1', 'fast', '1e-400']) {
      const b = fromParams(getter({ ...old, speed: bad }));
      expect(b.config).toEqual(DEFAULT_CONFIG);
      expect(b.notice).toContain(`speed=${bad}`);
    }
  });
  it('the worker is asked for the chosen speed (0: as fast as possible), and the default is one of the choices and limited', () => {
    for (const o of SPEEDS) expect(trainConfigOf({ ...DEFAULT_CONFIG, speed: o.value }).epochsPerSecond).toBe(o.value);
    expect(SPEEDS.map((o) => o.value)).toContain(DEFAULT_CONFIG.speed);
    expect(DEFAULT_CONFIG.speed).toBeGreaterThan(0);
  });
});
