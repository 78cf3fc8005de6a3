// State of the forward-pass explorer (chapter 1): the input x and the parameters of the 2→3→2
// network, kept in the URL as ?fp=x1,x2,<w¹ rows>,b¹,<w² rows>,b² (19 numbers in [−10, 10]).
// The defaults are the chapter's own network: createNetwork({ sizes: [2, 3, 2], seed: 1 }), x = (1, 0.5).
import { createNetwork, parameterCount } from '../../src/engine/index';
import { PARAM_RULE, decodeList, encodeList, flatten, paramsOf, unflatten, type Params } from './shared/netstate';

export const FP_PARAM = 'fp';
export const FP_SIZES = [2, 3, 2];

export interface ForwardState {
  x: number[];
  p: Params;
}

export function forwardDefaults(): ForwardState {
  return { x: [1, 0.5], p: paramsOf(createNetwork({ sizes: FP_SIZES, seed: 1 })) };
}

export function encodeForward(s: ForwardState): string {
  return encodeList([...s.x, ...flatten(s.p)]);
}

/** null when absent or invalid (the widget then shows the defaults and says so). */
export function decodeForward(raw: string | null): ForwardState | null {
  if (raw === null) return null;
  const n0 = FP_SIZES[0];
  const count = n0 + parameterCount({ sizes: FP_SIZES });
  const values = decodeList(raw, PARAM_RULE, count);
  if (!values) return null;
  const p = unflatten(FP_SIZES, values.slice(n0));
  return p ? { x: values.slice(0, n0), p } : null;
}
