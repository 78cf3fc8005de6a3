// URL state of the learning-slowdown widget: ?sd=w1,b1,w2,b2,eta,epochs,cost,shown (cost q|ce;
// shown is the epoch on display, 0 … epochs). Links made before `shown` existed (seven parts) still
// load, showing the last epoch.
import { parseNumber, parseNumberList, type NumberRule } from '../kit/number';

export type SlowdownCost = 'quadratic' | 'crossEntropy';
export interface SlowdownState {
  starts: [{ w: number; b: number }, { w: number; b: number }];
  eta: number;
  epochs: number;
  cost: SlowdownCost;
}

export const SLOWDOWN_DEFAULTS: SlowdownState = {
  starts: [
    { w: 0.6, b: 0.9 },
    { w: 2, b: 2 },
  ],
  eta: 0.15,
  epochs: 300,
  cost: 'quadratic',
};

export const WB_RULE = (label: string): NumberRule => ({ label, min: -10, max: 10 });
// η up to 10⁹: far past the rates that learn, so a reader can make a run diverge and see it said.
export const ETA_RULE: NumberRule = { label: 'η', min: 0, max: 1e9, exclusiveMin: true };
/** |w| or |b| beyond this is divergence (the engine's neuronRun bound; the widget passes it and names it). */
export const DIVERGENCE_BOUND = 1e6;
export const EPOCHS_RULE: NumberRule = { label: 'epochs', min: 1, max: 2000, integer: true };
const RULES = [WB_RULE('w₁'), WB_RULE('b₁'), WB_RULE('w₂'), WB_RULE('b₂'), ETA_RULE, EPOCHS_RULE];

/** The URL value for a state and the epoch shown (default: the last). */
export function encodeSlowdown(s: SlowdownState, shown: number = s.epochs): string {
  const [p, q] = s.starts;
  return [p.w, p.b, q.w, q.b, s.eta, s.epochs, s.cost === 'quadratic' ? 'q' : 'ce', shown].join(',');
}

export interface SlowdownUrl {
  state: SlowdownState;
  /** The epoch on display, 0 … epochs. */
  shown: number;
}

/** Decode ?sd=…; null when absent or invalid (the widget then uses defaults and says so). */
export function decodeSlowdown(raw: string | null): SlowdownUrl | null {
  if (raw === null) return null;
  const parts = raw.split(',');
  // Seven parts: an older link without the shown epoch; eight: with it.
  const shownText = parts.length === 8 ? parts.pop() : undefined;
  const costCode = parts.pop();
  if (costCode !== 'q' && costCode !== 'ce') return null;
  const nums = parseNumberList(parts.join(','), RULES);
  if (!nums) return null;
  const epochs = nums[5];
  let shown = epochs;
  if (shownText !== undefined) {
    const p = parseNumber(shownText, { label: 'shown epoch', min: 0, max: epochs, integer: true });
    if (!p.ok) return null;
    shown = p.value;
  }
  return {
    state: {
      starts: [
        { w: nums[0], b: nums[1] },
        { w: nums[2], b: nums[3] },
      ],
      eta: nums[4],
      epochs,
      cost: costCode === 'q' ? 'quadratic' : 'crossEntropy',
    },
    shown,
  };
}
