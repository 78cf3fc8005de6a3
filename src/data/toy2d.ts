// Seeded 2-D datasets for the playground (in the spirit of TensorFlow Playground): points in the
// square [−1, 1]², two classes (one output, target 0 or 1, read with a sigmoid output) or, for
// 'three-class', three classes (three outputs, one-hot target, for softmax + log-likelihood).
// The same seed gives the same points and the same train/test split.
import { type Rng, createRng } from '../engine/rng';
import type { PackedSet } from '../engine/fast/loop';

export type Toy2DName = 'circle' | 'xor' | 'gaussian' | 'spiral' | 'moons' | 'three-class';
export const TOY2D_NAMES: readonly Toy2DName[] = ['circle', 'xor', 'gaussian', 'spiral', 'moons', 'three-class'];

export const TOY2D_LABELS: Record<Toy2DName, string> = {
  circle: 'Circle',
  xor: 'XOR',
  gaussian: 'Gaussian clusters',
  spiral: 'Spiral',
  moons: 'Moons',
  'three-class': 'Three classes',
};

/** The square the points are drawn in (a little noise may step outside). */
export const TOY2D_DOMAIN = { xMin: -1, xMax: 1, yMin: -1, yMax: 1 } as const;

export interface Toy2DOptions {
  name: Toy2DName;
  /** Number of points in all, 4 … 5,000 (default 200). */
  count?: number;
  /** 0 (clean) … 1 (very noisy); default 0. */
  noise?: number;
  /** Share of points held out for testing, 0 … 0.9 (default 0.5). */
  testFraction?: number;
  seed?: number;
}

export interface Point2D {
  x: [number, number];
  /** Target: [0] or [1] for two classes; one-hot of length 3 for three. */
  y: number[];
  label: number;
}

export interface Toy2DSet {
  name: Toy2DName;
  classes: 2 | 3;
  /** Output neurons the set calls for: 1 for two classes, 3 for three. */
  nOut: 1 | 3;
  train: Point2D[];
  test: Point2D[];
}

function check(name: string, v: number, min: number, max: number, integer = false): number {
  if (typeof v !== 'number' || !Number.isFinite(v) || v < min || v > max || (integer && !Number.isInteger(v))) {
    throw new RangeError(`${name} must be ${integer ? 'a whole number' : 'a number'} from ${min} to ${max} (got ${String(v)})`);
  }
  return v;
}

type Gen = (rng: Rng, count: number, noise: number) => { x: [number, number]; label: number }[];

const jitter = (rng: Rng, sd: number) => (sd > 0 ? rng.gaussian(0, sd) : 0);

const generators: Record<Toy2DName, Gen> = {
  // Inner disc (label 1) inside a ring (label 0); noise blurs the radii.
  circle(rng, count, noise) {
    return Array.from({ length: count }, (_, i) => {
      const inner = i % 2 === 0;
      const r = inner ? rng.next() * 0.45 : 0.65 + rng.next() * 0.3;
      const t = rng.next() * 2 * Math.PI;
      return { x: [r * Math.cos(t) + jitter(rng, 0.15 * noise), r * Math.sin(t) + jitter(rng, 0.15 * noise)], label: inner ? 1 : 0 };
    });
  },
  // Label 1 where x·y > 0 (half the points each); points kept a little away from the axes, then jittered.
  xor(rng, count, noise) {
    return Array.from({ length: count }, (_, i) => {
      const pad = 0.05;
      const label = i % 2 === 0 ? 1 : 0;
      const su = rng.next() < 0.5 ? -1 : 1;
      const u = (rng.next() * (1 - pad) + pad) * su;
      const v = (rng.next() * (1 - pad) + pad) * (label === 1 ? su : -su);
      return { x: [u + jitter(rng, 0.15 * noise), v + jitter(rng, 0.15 * noise)], label };
    });
  },
  // Two round clusters; noise widens them until they overlap.
  gaussian(rng, count, noise) {
    const sd = 0.15 + 0.35 * noise;
    return Array.from({ length: count }, (_, i) => {
      const c = i % 2 === 0 ? 0.45 : -0.45;
      return { x: [c + rng.gaussian(0, sd), c + rng.gaussian(0, sd)], label: i % 2 === 0 ? 1 : 0 };
    });
  },
  // Two interleaved spirals, 1.5 turns each.
  spiral(rng, count, noise) {
    const half = Math.ceil(count / 2);
    return Array.from({ length: count }, (_, i) => {
      const arm = i % 2;
      const s = Math.floor(i / 2) / half;
      const r = 0.05 + 0.9 * s;
      const t = 1.5 * 2 * Math.PI * s + arm * Math.PI;
      return { x: [r * Math.sin(t) + jitter(rng, 0.08 * noise), r * Math.cos(t) + jitter(rng, 0.08 * noise)], label: arm === 0 ? 1 : 0 };
    });
  },
  // Two interlocking half moons (as scikit-learn's make_moons), scaled into the square.
  moons(rng, count, noise) {
    return Array.from({ length: count }, (_, i) => {
      const upper = i % 2 === 0;
      const t = rng.next() * Math.PI;
      const mx = upper ? Math.cos(t) : 1 - Math.cos(t);
      const my = upper ? Math.sin(t) : 0.5 - Math.sin(t);
      // make_moons spans x ∈ [−1, 2], y ∈ [−0.5, 1]: centre and scale to about [−0.9, 0.9] × [−0.6, 0.6].
      return { x: [(mx - 0.5) * 0.6 + jitter(rng, 0.2 * noise), (my - 0.25) * 0.8 + jitter(rng, 0.2 * noise)], label: upper ? 1 : 0 };
    });
  },
  // Three clusters at 120° from each other; labels 0, 1, 2.
  'three-class'(rng, count, noise) {
    const sd = 0.14 + 0.3 * noise;
    return Array.from({ length: count }, (_, i) => {
      const label = i % 3;
      const t = Math.PI / 2 + (label * 2 * Math.PI) / 3;
      return { x: [0.55 * Math.cos(t) + rng.gaussian(0, sd), 0.55 * Math.sin(t) + rng.gaussian(0, sd)], label };
    });
  },
};

export function makeToy2D(options: Toy2DOptions): Toy2DSet {
  const { name } = options;
  if (!TOY2D_NAMES.includes(name)) throw new RangeError(`unknown dataset ${JSON.stringify(name)}; known: ${TOY2D_NAMES.join(', ')}`);
  const count = check('count', options.count ?? 200, 4, 5000, true);
  const noise = check('noise', options.noise ?? 0, 0, 1);
  const testFraction = check('testFraction', options.testFraction ?? 0.5, 0, 0.9);
  const seed = options.seed ?? 1;
  const rng = createRng(seed);
  const classes = name === 'three-class' ? 3 : 2;
  const nOut = classes === 3 ? 3 : 1;
  const points: Point2D[] = generators[name](rng, count, noise).map(({ x, label }) => ({
    x,
    label,
    y: nOut === 1 ? [label] : [0, 1, 2].map((j) => (j === label ? 1 : 0)),
  }));
  // The split: one seeded shuffle, then the first part trains.
  createRng(seed + 0x5eed).shuffle(points);
  const nTest = Math.round(count * testFraction);
  return { name, classes, nOut, train: points.slice(0, count - nTest), test: points.slice(count - nTest) };
}

/** Points packed row by row for the fast path / worker: x is n × 2, y is n × nOut. */
export function packPoints(points: readonly Point2D[], nOut: number): PackedSet {
  const x = new Float64Array(points.length * 2);
  const y = new Float64Array(points.length * nOut);
  points.forEach((p, i) => {
    x[2 * i] = p.x[0];
    x[2 * i + 1] = p.x[1];
    for (let j = 0; j < nOut; j++) y[i * nOut + j] = p.y[j];
  });
  return { count: points.length, x, y };
}
