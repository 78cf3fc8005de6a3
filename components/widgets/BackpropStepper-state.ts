// State of the backprop stepper (chapters 3 and 5): which network (the worked example of chapter 5
// or a reader-chosen small shape with seeded weights), the example (x, y), and the current step.
// URL: ?bs=<ex | 2-3-1s7>;<x>;<y>;<step>, e.g. ?bs=ex;1,0.5,-1;1;4.
import { createNetwork, createRng, fromJSON, type Network } from '../../src/engine/index';
import { parseNumber, type NumberRule } from '../kit/number';
import { customField, listField, numberField, readPacked, writePacked } from '../kit/url-fields';
import { parseSizes } from './shared/netstate';
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

function readShape(raw: string): { ok: true; value: Shape } | { ok: false; message: string } {
  if (raw === 'ex') return { ok: true, value: { kind: 'example' } };
  const m = /^([0-9-]+)s([0-9]+)$/.exec(raw);
  if (!m) return { ok: false, message: 'expected ex or sizes and a seed like 2-3-1s7' };
  const sizes = parseSizes(m[1], MAX_SIZE);
  if (!sizes.ok) return sizes;
  const seed = parseNumber(m[2], SEED_RULE);
  return seed.ok ? { ok: true, value: { kind: 'custom', sizes: sizes.value, seed: seed.value } } : seed;
}

export function sizesOf(shape: Shape): number[] {
  return shape.kind === 'example' ? WORKED_EXAMPLE.sizes : shape.sizes;
}

/** The address as a kit table packed into one parameter; x, y and the step must fit the shape. */
export const STEPPER_URL = [
  customField('shape', 'shape', STEPPER_DEFAULTS.shape, readShape, encodeShape),
  listField('x', 'x', STEPPER_DEFAULTS.x, X_RULE),
  listField('y', 'y', STEPPER_DEFAULTS.y, Y_RULE),
  numberField('step', 'step', 0, { label: 'step', min: 0, max: Number.MAX_SAFE_INTEGER, integer: true }),
] as const;

export function encodeStepper(s: StepperState): string {
  return writePacked(STEPPER_URL, s, ';');
}

/** null when absent or invalid (the widget then shows the defaults and says so). */
export function decodeStepper(raw: string | null): StepperState | null {
  if (raw === null) return null;
  const fits = (v: StepperState) => {
    const sizes = sizesOf(v.shape);
    return v.x.length === sizes[0] && v.y.length === sizes[sizes.length - 1] && v.step < stepsFor(sizes.length - 1).length;
  };
  return readPacked(STEPPER_URL, raw, { sep: ';', check: fits });
}
