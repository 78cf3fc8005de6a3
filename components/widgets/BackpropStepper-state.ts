// State of the backprop stepper (chapters 3 and 5): which network (the worked example of chapter 5
// or a reader-chosen small shape with seeded weights), the example (x, y), and the current step.
// URL: ?bs=<ex | 2-3-1s7>;<x>;<y>;<step>, e.g. ?bs=ex;1,0.5,-1;1;4.
import { createNetwork, createRng, fromJSON, type Network } from '../../src/engine/index';
import { parseNumber, type NumberRule } from '../kit/number';
import { decodeList, encodeList, parseSizes } from './shared/netstate';
import { WORKED_MODEL as WORKED_EXAMPLE, WORKED_X, WORKED_Y } from '../../src/data/worked-example';

/** Chapter 5's network, x and y, from the one data module the chapter also imports. */
export { WORKED_EXAMPLE, WORKED_X, WORKED_Y };

export const X_RULE: NumberRule = { label: 'x', min: -10, max: 10 };
/** Targets of a sigmoid output lie in [0, 1]. */
export const Y_RULE: NumberRule = { label: 'y', min: 0, max: 1 };
export const SEED_RULE: NumberRule = { label: 'seed', min: 1, max: 99999, integer: true };
export const MAX_SIZE = 4;

export type Shape = { kind: 'example' } | { kind: 'custom'; sizes: number[]; seed: number };

export interface StepperState {
  shape: Shape;
  x: number[];
  y: number[];
  step: number;
}

export const STEPPER_DEFAULTS: StepperState = { shape: { kind: 'example' }, x: WORKED_X, y: WORKED_Y, step: 0 };

/** The engine network for a shape: fromJSON of the worked example, or createNetwork with the seed. */
export function networkFor(shape: Shape): Network {
  return shape.kind === 'example' ? fromJSON(WORKED_EXAMPLE) : createNetwork({ sizes: shape.sizes, seed: shape.seed });
}

/** A starting example for a new shape: seeded inputs in [−1, 1] and targets in [0, 1], two decimals. */
export function exampleFor(shape: Shape): { x: number[]; y: number[] } {
  if (shape.kind === 'example') return { x: WORKED_X.slice(), y: WORKED_Y.slice() };
  const rng = createRng(shape.seed + 1);
  const two = (v: number) => Math.round(v * 100) / 100 || 0; // || 0: never −0
  return {
    x: Array.from({ length: shape.sizes[0] }, () => two(rng.next() * 2 - 1)),
    y: Array.from({ length: shape.sizes[shape.sizes.length - 1] }, () => two(rng.next())),
  };
}

export type StepKind = { kind: 'start' } | { kind: 'forward'; l: number } | { kind: 'cost' } | { kind: 'bp1' } | { kind: 'bp2'; l: number } | { kind: 'grad'; l: number };

/** The steps for L layers: start, forward 1…L, cost, BP1 at L, BP2 for L−1…1, BP3/BP4 for L…1. */
export function stepsFor(L: number): StepKind[] {
  const steps: StepKind[] = [{ kind: 'start' }];
  for (let l = 1; l <= L; l++) steps.push({ kind: 'forward', l });
  steps.push({ kind: 'cost' }, { kind: 'bp1' });
  for (let l = L - 1; l >= 1; l--) steps.push({ kind: 'bp2', l });
  for (let l = L; l >= 1; l--) steps.push({ kind: 'grad', l });
  return steps;
}

function encodeShape(s: Shape): string {
  return s.kind === 'example' ? 'ex' : `${s.sizes.join('-')}s${s.seed}`;
}

function decodeShape(raw: string): Shape | null {
  if (raw === 'ex') return { kind: 'example' };
  const m = /^([0-9-]+)s([0-9]+)$/.exec(raw);
  if (!m) return null;
  const sizes = parseSizes(m[1], MAX_SIZE);
  const seed = parseNumber(m[2], SEED_RULE);
  return sizes.ok && seed.ok ? { kind: 'custom', sizes: sizes.value, seed: seed.value } : null;
}

export function sizesOf(shape: Shape): number[] {
  return shape.kind === 'example' ? WORKED_EXAMPLE.sizes : shape.sizes;
}

export function encodeStepper(s: StepperState): string {
  return [encodeShape(s.shape), encodeList(s.x), encodeList(s.y), String(s.step)].join(';');
}

/** null when absent or invalid (the widget then shows the defaults and says so). */
export function decodeStepper(raw: string | null): StepperState | null {
  if (raw === null) return null;
  const parts = raw.split(';');
  if (parts.length !== 4) return null;
  const shape = decodeShape(parts[0]);
  if (!shape) return null;
  const sizes = sizesOf(shape);
  const x = decodeList(parts[1], X_RULE, sizes[0]);
  const y = decodeList(parts[2], Y_RULE, sizes[sizes.length - 1]);
  const step = parseNumber(parts[3], { label: 'step', min: 0, max: stepsFor(sizes.length - 1).length - 1, integer: true });
  if (!x || !y || !step.ok) return null;
  return { shape, x, y, step: step.value };
}
