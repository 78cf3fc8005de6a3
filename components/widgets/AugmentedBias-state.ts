// State of the augmented-bias widget (chapter 6): one layer's w (3 × 2), b (3) and input a (2),
// defaulting to layer 1 of the chapter's network createNetwork({ sizes: [2, 3, 2], seed: 1 }) and
// a = x⁽¹⁾ = (1, 0.5). URL: ?ab=<a>;<w rows>;<b>.
import { createNetwork } from '../../src/engine/index';
import { PARAM_RULE, decodeList, encodeList } from './shared/netstate';

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

export function encodeAugmented(s: AugmentedState): string {
  return [encodeList(s.a), encodeList(s.w.flat()), encodeList(s.b)].join(';');
}

export function decodeAugmented(raw: string | null): AugmentedState | null {
  if (raw === null) return null;
  const parts = raw.split(';');
  if (parts.length !== 3) return null;
  const a = decodeList(parts[0], PARAM_RULE, AB_IN);
  const w = decodeList(parts[1], PARAM_RULE, AB_IN * AB_OUT);
  const b = decodeList(parts[2], PARAM_RULE, AB_OUT);
  if (!a || !w || !b) return null;
  return { a, w: Array.from({ length: AB_OUT }, (_, j) => w.slice(j * AB_IN, (j + 1) * AB_IN)), b };
}
