// State of the augmented-bias widget (chapter 6): one layer's w (3 × 2), b (3) and input a (2),
// defaulting to layer 1 of the chapter's network createNetwork({ sizes: [2, 3, 2], seed: 1 }) and
// a = x⁽¹⁾ = (1, 0.5). URL: ?ab=<a>;<w rows>;<b>.
import { createNetwork } from '../../src/engine/index';
import { listField, readPacked, writePacked } from '../kit/url-fields';
import { PARAM_RULE } from './shared/netstate';

export const AB_IN = 2;
export const AB_OUT = 3;

export interface AugmentedState {
  a: number[];
  w: number[][];
  b: number[];
}

export function augmentedDefaults(): AugmentedState {
  const net = createNetwork({ sizes: [AB_IN, AB_OUT, 2], seed: 1 });
  return { a: [1, 0.5], w: net.weights[0].toArray(), b: Array.from(net.biases[0]) };
}

/** The address as a kit table packed into one parameter (w flattened row by row). */
export const AUGMENTED_URL = [
  listField('a', 'a', [], PARAM_RULE, AB_IN, AB_IN),
  listField('w', 'w', [], PARAM_RULE, AB_IN * AB_OUT, AB_IN * AB_OUT),
  listField('b', 'b', [], PARAM_RULE, AB_OUT, AB_OUT),
] as const;

export function encodeAugmented(s: AugmentedState): string {
  return writePacked(AUGMENTED_URL, { a: s.a, w: s.w.flat(), b: s.b }, ';');
}

export function decodeAugmented(raw: string | null): AugmentedState | null {
  const v = raw === null ? null : readPacked(AUGMENTED_URL, raw, ';');
  return v && { a: v.a, w: Array.from({ length: AB_OUT }, (_, j) => v.w.slice(j * AB_IN, (j + 1) * AB_IN)), b: v.b };
}
