// The playground's settings: one declarative table of fields (as in TensorFlow Playground's
// state.ts), the limits that keep a typo from freezing the page, and the round trip to the
// address bar. Pure: no DOM, unit-tested in Node (test/lab-ui/playground-state.test.ts).
import { parseNumber, type NumberRule } from '../kit/number';
import { customField, enumField, namesOf, numberField, readFields, writeFields } from '../kit/url-fields';
import type { LabActivation, LabCost, LabInit, Toy2DName, TrainConfig, DataSpec } from '../../src/lab/protocol';

export const DATASETS: { id: Toy2DName; label: string }[] = [
  { id: 'circle', label: 'circle' },
  { id: 'xor', label: 'XOR' },
  { id: 'gaussian', label: 'Gaussian clusters' },
  { id: 'spiral', label: 'spiral' },
  { id: 'moons', label: 'moons' },
  { id: 'three-class', label: '3 classes (softmax)' },
];
export const HIDDEN_ACTIVATIONS: LabActivation[] = ['tanh', 'sigmoid', 'relu', 'linear'];
export const BINARY_COSTS: LabCost[] = ['cross-entropy', 'quadratic'];
export const INITS: LabInit[] = ['scaled', 'standard'];

/** Limits of the shape editor: a playground network stays small enough to train live. */
export const MAX_HIDDEN_LAYERS = 6;
export const MAX_NEURONS = 16;
export const POINTS = 400;

export interface PlaygroundConfig {
  dataset: Toy2DName;
  /** Label noise / spread of the 2-D set, in [0, 0.5]. */
  noise: number;
  /** Share of the points held out as the test set, in [0.1, 0.9]. */
  testFraction: number;
  /** Hidden layer sizes (may be empty: a single layer straight from the input to the output). */
  hidden: number[];
  activation: LabActivation;
  /** Ignored for the 3-class set (softmax output with log-likelihood). */
  cost: LabCost;
  init: LabInit;
  eta: number;
  batchSize: number;
  lambda: number;
  seed: number;
  /** At most this many epochs per second (0 = as fast as the machine trains); not a network setting. */
  speed: number;
}

/**
 * The speed control's choices. The default, 20 epochs per second, is slow enough to watch the
 * boundary form (a redraw every few epochs); unlimited, the worker trains thousands per second.
 */
export const SPEEDS: { value: number; label: string }[] = [
  { value: 1, label: '1 epoch/s' },
  { value: 5, label: '5 epochs/s' },
  { value: 20, label: '20 epochs/s' },
  { value: 100, label: '100 epochs/s' },
  { value: 0, label: 'as fast as possible' },
];

export const DEFAULT_CONFIG: PlaygroundConfig = {
  dataset: 'circle',
  noise: 0.1,
  testFraction: 0.5,
  hidden: [4, 4],
  activation: 'tanh',
  cost: 'cross-entropy',
  init: 'scaled',
  eta: 0.3,
  batchSize: 10,
  lambda: 0,
  seed: 1,
  speed: 20,
};

/** The settings an A/B comparison may change (exactly one differs between A and B). */
export type AbField = 'cost' | 'lambda' | 'init' | 'eta' | 'activation';
export const AB_FIELDS: AbField[] = ['eta', 'lambda', 'cost', 'init', 'activation'];

export interface AbSetting {
  field: AbField;
  /** B's value of that field, as the text the URL holds. */
  value: string;
}

export type Check<T> = { ok: true; value: T } | { ok: false; message: string };

interface NumberField extends NumberRule {
  key: 'noise' | 'testFraction' | 'eta' | 'batchSize' | 'lambda' | 'seed';
}

export const NUMBER_FIELDS: Record<NumberField['key'], NumberField> = {
  noise: { key: 'noise', label: 'noise', min: 0, max: 0.5 },
  testFraction: { key: 'testFraction', label: 'test share', min: 0.1, max: 0.9 },
  eta: { key: 'eta', label: 'η', min: 0, max: 100, exclusiveMin: true },
  batchSize: { key: 'batchSize', label: 'batch size', min: 1, max: 400, integer: true },
  lambda: { key: 'lambda', label: 'λ', min: 0, max: 100 },
  seed: { key: 'seed', label: 'seed', min: 1, max: 1_000_000, integer: true },
};

/** Parse what a reader typed for one numeric setting; the message names the field and the range. */
export function checkNumber(key: NumberField['key'], text: string): Check<number> {
  return parseNumber(text, NUMBER_FIELDS[key]);
}

/** Check a typed layer size: a whole number from 1 to MAX_NEURONS. */
export function checkNeurons(text: string | number): Check<number> {
  const t = String(text).trim();
  const v = Number(t);
  if (t === '' || !Number.isFinite(v)) return { ok: false, message: `neurons: “${t}” is not a number.` };
  if (!Number.isInteger(v) || v < 1) return { ok: false, message: `a layer needs a whole number of neurons ≥ 1; got ${t}.` };
  if (v > MAX_NEURONS) {
    return { ok: false, message: `${t} neurons refused: the playground allows at most ${MAX_NEURONS} per layer so that it trains live (the MNIST lab takes larger layers).` };
  }
  return { ok: true, value: v };
}

export function checkHidden(hidden: unknown): Check<number[]> {
  if (!Array.isArray(hidden)) return { ok: false, message: 'hidden layers must be a list of sizes.' };
  if (hidden.length > MAX_HIDDEN_LAYERS) return { ok: false, message: `at most ${MAX_HIDDEN_LAYERS} hidden layers; got ${hidden.length}.` };
  const out: number[] = [];
  for (const n of hidden) {
    const c = checkNeurons(n as number);
    if (!c.ok) return c;
    out.push(c.value);
  }
  return { ok: true, value: out };
}

/** Shape editor operations: each returns the new list or a message saying why not. */
export function addLayer(hidden: number[]): Check<number[]> {
  if (hidden.length >= MAX_HIDDEN_LAYERS) return { ok: false, message: `at most ${MAX_HIDDEN_LAYERS} hidden layers.` };
  return { ok: true, value: [...hidden, hidden.length ? hidden[hidden.length - 1] : 4] };
}
export function removeLayer(hidden: number[]): Check<number[]> {
  if (hidden.length === 0) return { ok: false, message: 'no hidden layer left to remove: the inputs now feed the output directly.' };
  return { ok: true, value: hidden.slice(0, -1) };
}
export function resizeLayer(hidden: number[], index: number, delta: number): Check<number[]> {
  const c = checkNeurons(hidden[index] + delta);
  if (!c.ok) return { ok: false, message: delta < 0 ? 'a layer needs at least 1 neuron; remove the layer instead.' : c.message };
  const next = hidden.slice();
  next[index] = c.value;
  return { ok: true, value: next };
}

export function isMulticlass(c: Pick<PlaygroundConfig, 'dataset'>): boolean {
  return c.dataset === 'three-class';
}

/** Layer sizes, input first: 2 inputs, the hidden layers, 1 output (or 3 for the 3-class set). */
export function sizesOf(c: PlaygroundConfig): number[] {
  return [2, ...c.hidden, isMulticlass(c) ? 3 : 1];
}

/** One activation per layer after the input: the hidden choice, then sigmoid or softmax at the output. */
export function activationsOf(c: PlaygroundConfig): LabActivation[] {
  return [...c.hidden.map(() => c.activation), isMulticlass(c) ? 'softmax' : 'sigmoid'];
}

export function costOf(c: PlaygroundConfig): LabCost {
  return isMulticlass(c) ? 'log-likelihood' : c.cost;
}

export function trainConfigOf(c: PlaygroundConfig): TrainConfig {
  return {
    sizes: sizesOf(c),
    activations: activationsOf(c),
    cost: costOf(c),
    init: c.init,
    seed: c.seed,
    eta: c.eta,
    lambda: c.lambda,
    batchSize: c.batchSize,
    epochs: 0,
    progressIntervalMs: 100,
    epochsPerSecond: c.speed,
  };
}

export function dataSpecOf(c: PlaygroundConfig): DataSpec {
  return { kind: 'toy2d', dataset: c.dataset, count: POINTS, noise: c.noise, testFraction: c.testFraction, seed: c.seed };
}

/** B = A with one field changed. */
export function applyAb(a: PlaygroundConfig, ab: AbSetting): Check<PlaygroundConfig> {
  const v = ab.value;
  switch (ab.field) {
    case 'eta':
    case 'lambda': {
      const c = checkNumber(ab.field, v);
      return c.ok ? { ok: true, value: { ...a, [ab.field]: c.value } } : c;
    }
    case 'cost':
      if (isMulticlass(a)) return { ok: false, message: 'the 3-class set always uses softmax with log-likelihood; compare another setting.' };
      return (BINARY_COSTS as string[]).includes(v) ? { ok: true, value: { ...a, cost: v as LabCost } } : { ok: false, message: `cost must be one of ${BINARY_COSTS.join(', ')}; got “${v}”.` };
    case 'init':
      return (INITS as string[]).includes(v) ? { ok: true, value: { ...a, init: v as LabInit } } : { ok: false, message: `init must be one of ${INITS.join(', ')}; got “${v}”.` };
    case 'activation':
      return (HIDDEN_ACTIVATIONS as string[]).includes(v)
        ? { ok: true, value: { ...a, activation: v as LabActivation } }
        : { ok: false, message: `activation must be one of ${HIDDEN_ACTIVATIONS.join(', ')}; got “${v}”.` };
  }
}

/** A sensible B for a field: the other cost, a stronger λ, the other init, half η, another σ. */
export function defaultAb(a: PlaygroundConfig, field: AbField): AbSetting {
  switch (field) {
    case 'eta':
      return { field, value: String(a.eta / 2) };
    case 'lambda':
      return { field, value: String(a.lambda > 0 ? 0 : 0.01) };
    case 'cost':
      return { field, value: a.cost === 'quadratic' ? 'cross-entropy' : 'quadratic' };
    case 'init':
      return { field, value: a.init === 'scaled' ? 'standard' : 'scaled' };
    case 'activation':
      return { field, value: a.activation === 'tanh' ? 'sigmoid' : 'tanh' };
  }
}

// ---- the address bar ----------------------------------------------------------------------
// One parameter per setting, short names, declared once as a kit URL table, e.g.
// ?ds=spiral&noise=0.1&test=0.5&h=8-8&act=tanh&cost=cross-entropy&init=scaled&eta=0.3&bs=10&l2=0&seed=1&speed=20[&ab=eta:0.15]
// Links written before the speed control existed have no `speed`: they get the default.

const readHidden = (h: string): Check<number[]> => {
  const parts = h === '0' ? [] : h.split('-');
  return checkHidden(parts.map((s) => (/^\d+$/.test(s) ? Number(s) : NaN)));
};
const readSpeed = (t: string): Check<number> => {
  const r = parseNumber(t, { label: 'speed', min: 0, max: 1000 });
  if (!r.ok) return r;
  return SPEEDS.some((o) => o.value === r.value) ? r : { ok: false, message: `speed must be one of ${SPEEDS.map((o) => o.value).join(', ')} epochs per second (0: as fast as possible)` };
};

export const PLAYGROUND_URL = [
  enumField('ds', 'dataset', DEFAULT_CONFIG.dataset, DATASETS.map((d) => d.id)),
  numberField('noise', 'noise', DEFAULT_CONFIG.noise, NUMBER_FIELDS.noise),
  numberField('test', 'testFraction', DEFAULT_CONFIG.testFraction, NUMBER_FIELDS.testFraction),
  customField('h', 'hidden', DEFAULT_CONFIG.hidden, readHidden, (h: number[]) => (h.length ? h.join('-') : '0')),
  enumField('act', 'activation', DEFAULT_CONFIG.activation, HIDDEN_ACTIVATIONS),
  enumField('cost', 'cost', DEFAULT_CONFIG.cost, BINARY_COSTS),
  enumField('init', 'init', DEFAULT_CONFIG.init, INITS),
  numberField('eta', 'eta', DEFAULT_CONFIG.eta, NUMBER_FIELDS.eta),
  numberField('bs', 'batchSize', DEFAULT_CONFIG.batchSize, NUMBER_FIELDS.batchSize),
  numberField('l2', 'lambda', DEFAULT_CONFIG.lambda, NUMBER_FIELDS.lambda),
  numberField('seed', 'seed', DEFAULT_CONFIG.seed, NUMBER_FIELDS.seed),
  customField('speed', 'speed', DEFAULT_CONFIG.speed, readSpeed, String),
] as const;
const AB_KEY = 'ab';
export const URL_KEYS: string[] = [...namesOf(PLAYGROUND_URL), AB_KEY];

export function toParams(c: PlaygroundConfig, ab: AbSetting | null): Record<string, string> {
  const p = writeFields(PLAYGROUND_URL, c);
  if (ab) p[AB_KEY] = `${ab.field}:${ab.value}`;
  return p;
}

export interface Decoded {
  config: PlaygroundConfig;
  ab: AbSetting | null;
  /** Set when the address held something invalid: everything falls back to the defaults. */
  notice: string | null;
}

const defaults = (): PlaygroundConfig => ({ ...DEFAULT_CONFIG, hidden: DEFAULT_CONFIG.hidden.slice() });

/**
 * Read the settings from URL parameters. No playground parameter: the defaults, no notice.
 * Any invalid value: the defaults for everything, and a notice naming the bad parameter.
 */
export function fromParams(get: (key: string) => string | null): Decoded {
  const r = readFields(PLAYGROUND_URL, get);
  if (r.notice) return { config: defaults(), ab: null, notice: r.notice };
  const config: PlaygroundConfig = { ...r.values, hidden: r.values.hidden.slice() };
  const rawAb = get(AB_KEY);
  if (rawAb === null) return { config: r.present ? config : defaults(), ab: null, notice: null };
  const fail = (why: string): Decoded => ({ config: defaults(), ab: null, notice: `The address held an invalid setting (${AB_KEY}=${rawAb}: ${why}); showing the defaults.` });
  const i = rawAb.indexOf(':');
  const field = rawAb.slice(0, i) as AbField;
  if (i < 0 || !AB_FIELDS.includes(field)) return fail(`expected field:value with field one of ${AB_FIELDS.join(', ')}`);
  const ab = { field, value: rawAb.slice(i + 1) };
  const b = applyAb(config, ab);
  if (!b.ok) return fail(b.message);
  return { config, ab, notice: null };
}
