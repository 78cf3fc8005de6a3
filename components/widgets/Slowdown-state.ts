// URL state of the learning-slowdown widget: ?sd=w1,b1,w2,b2,eta,epochs,cost,shown (cost q|ce;
// shown is the epoch on display, 0 … epochs). Links made before `shown` existed (seven parts) still
// load, showing the last epoch.
import type { NumberRule } from '../kit/number';
import { customField, numberField, readPacked, writePacked } from '../kit/url-fields';

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
const COSTS = { q: 'quadratic', ce: 'crossEntropy' } as const;
const costField = customField('cost', 'cost', 'quadratic' as SlowdownCost, (t) => (t === 'q' || t === 'ce' ? { ok: true, value: COSTS[t] } : { ok: false, message: 'expected q or ce' }), (c) => (c === 'quadratic' ? 'q' : 'ce'));
/** The address, a kit URL table packed into ?sd=…: the seven settings, then the epoch shown. */
const SETTINGS = [
  numberField('w1', 'w1', SLOWDOWN_DEFAULTS.starts[0].w, WB_RULE('w₁')),
  numberField('b1', 'b1', SLOWDOWN_DEFAULTS.starts[0].b, WB_RULE('b₁')),
  numberField('w2', 'w2', SLOWDOWN_DEFAULTS.starts[1].w, WB_RULE('w₂')),
  numberField('b2', 'b2', SLOWDOWN_DEFAULTS.starts[1].b, WB_RULE('b₂')),
  numberField('eta', 'eta', SLOWDOWN_DEFAULTS.eta, ETA_RULE),
  numberField('epochs', 'epochs', SLOWDOWN_DEFAULTS.epochs, EPOCHS_RULE),
  costField,
] as const;
// The epoch's range depends on `epochs`; it is checked against it after reading.
const WITH_SHOWN = [...SETTINGS, numberField('shown', 'shown', SLOWDOWN_DEFAULTS.epochs, { label: 'shown epoch', min: 0, max: EPOCHS_RULE.max, integer: true })] as const;

/** The URL value for a state and the epoch shown (default: the last). */
export function encodeSlowdown(s: SlowdownState, shown: number = s.epochs): string {
  const [p, q] = s.starts;
  return writePacked(WITH_SHOWN, { w1: p.w, b1: p.b, w2: q.w, b2: q.b, eta: s.eta, epochs: s.epochs, cost: s.cost, shown });
}

export interface SlowdownUrl {
  state: SlowdownState;
  /** The epoch on display, 0 … epochs. */
  shown: number;
}

/** Decode ?sd=…; null when absent or invalid (the widget then uses defaults and says so). */
export function decodeSlowdown(raw: string | null): SlowdownUrl | null {
  if (raw === null) return null;
  // Eight parts: with the shown epoch; seven: an older link without it (the last epoch is shown).
  const v = readPacked(WITH_SHOWN, raw) ?? (() => {
    const old = readPacked(SETTINGS, raw);
    return old && { ...old, shown: old.epochs };
  })();
  if (!v || v.shown > v.epochs) return null;
  return {
    state: {
      starts: [
        { w: v.w1, b: v.b1 },
        { w: v.w2, b: v.b2 },
      ],
      eta: v.eta,
      epochs: v.epochs,
      cost: v.cost,
    },
    shown: v.shown,
  };
}
