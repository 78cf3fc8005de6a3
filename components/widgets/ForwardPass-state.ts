// State of the forward-pass explorer (chapter 1): the input x and the parameters of the 2→3→2
// network, and the selected neuron, kept in the URL as ?fp=x1,x2,<w¹ rows>,b¹,<w² rows>,b²;l,j
// (19 numbers in [−10, 10]; then layer l in 0…2 and neuron j counted from 1, as in the text).
// Links made before the selection was stored (no ";l,j") still load, with the default selection.
// The defaults are the chapter's own network: createNetwork({ sizes: [2, 3, 2], seed: 1 }), x = (1, 0.5).
import { createNetwork, parameterCount } from '../../src/engine/index';
import { parseNumber } from '../kit/number';
import { customField, listField, readPacked, writePacked } from '../kit/url-fields';
import { PARAM_RULE, flatten, paramsOf, unflatten, type Params } from './shared/netstate';

export const FP_PARAM = 'fp';
export const FP_SIZES = [2, 3, 2];

export interface ForwardState {
  x: number[];
  p: Params;
  /** The neuron whose row of w and bias are edited: layer l (0 = inputs), index j from 0. */
  selected: { l: number; j: number };
}

export const FP_SELECTED_DEFAULT = { l: 1, j: 0 };

export function forwardDefaults(): ForwardState {
  return { x: [1, 0.5], p: paramsOf(createNetwork({ sizes: FP_SIZES, seed: 1 })), selected: { ...FP_SELECTED_DEFAULT } };
}

/** The selection "l,j" (j from 1): a neuron of the network. */
function readSelected(raw: string): { ok: true; value: { l: number; j: number } } | { ok: false; message: string } {
  const parts = raw.split(',');
  if (parts.length !== 2) return { ok: false, message: 'expected layer,neuron' };
  const l = parseNumber(parts[0], { label: 'layer', min: 0, max: FP_SIZES.length - 1, integer: true });
  if (!l.ok) return l;
  const j = parseNumber(parts[1], { label: 'neuron', min: 1, max: FP_SIZES[l.value], integer: true });
  return j.ok ? { ok: true, value: { l: l.value, j: j.value - 1 } } : j;
}

const COUNT = FP_SIZES[0] + parameterCount({ sizes: FP_SIZES });

/** The address as a kit table packed into one parameter: x then every parameter, and the selection (older links lack it). */
export const FORWARD_URL = [
  listField('numbers', 'numbers', [], PARAM_RULE, COUNT, COUNT),
  customField('selected', 'selected', FP_SELECTED_DEFAULT, readSelected, (s) => `${s.l},${s.j + 1}`),
] as const;

export function encodeForward(s: ForwardState): string {
  return writePacked(FORWARD_URL, { numbers: [...s.x, ...flatten(s.p)], selected: s.selected }, ';');
}

/** null when absent or invalid (the widget then shows the defaults and says so). */
export function decodeForward(raw: string | null): ForwardState | null {
  if (raw === null) return null;
  const v = readPacked(FORWARD_URL, raw, { sep: ';', counts: [1, 2] });
  if (!v) return null;
  const n0 = FP_SIZES[0];
  const p = unflatten(FP_SIZES, v.numbers.slice(n0));
  return p ? { x: v.numbers.slice(0, n0), p, selected: { ...v.selected } } : null;
}
