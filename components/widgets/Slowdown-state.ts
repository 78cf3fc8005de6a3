// URL state of the learning-slowdown widget: ?sd=w1,b1,w2,b2,eta,epochs,cost (cost q|ce).
import { parseNumberList, type NumberRule } from './Slowdown-input';

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
export const ETA_RULE: NumberRule = { label: 'η', min: 0, max: 100, exclusiveMin: true };
export const EPOCHS_RULE: NumberRule = { label: 'epochs', min: 1, max: 2000, integer: true };
const RULES = [WB_RULE('w₁'), WB_RULE('b₁'), WB_RULE('w₂'), WB_RULE('b₂'), ETA_RULE, EPOCHS_RULE];

export function encodeSlowdown(s: SlowdownState): string {
  const [p, q] = s.starts;
  return [p.w, p.b, q.w, q.b, s.eta, s.epochs, s.cost === 'quadratic' ? 'q' : 'ce'].join(',');
}

/** Decode ?sd=…; null when absent or invalid (the widget then uses defaults and says so). */
export function decodeSlowdown(raw: string | null): SlowdownState | null {
  if (raw === null) return null;
  const parts = raw.split(',');
  const costCode = parts.pop();
  if (costCode !== 'q' && costCode !== 'ce') return null;
  const nums = parseNumberList(parts.join(','), RULES);
  if (!nums) return null;
  return {
    starts: [
      { w: nums[0], b: nums[1] },
      { w: nums[2], b: nums[3] },
    ],
    eta: nums[4],
    epochs: nums[5],
    cost: costCode === 'q' ? 'quadratic' : 'crossEntropy',
  };
}
