// The L1 option of a lab run (chapter 14's Overfitting widget), kept apart from the training loop:
// the fast trainer takes the data step with λ = 0, and this hook adds the penalty's step
// −(ηλ/n) sgn(w) with the signs of the weights *before* that step, so the update is exactly the
// engine's l1Step: w ← w − (ηλ/n) sgn(w) − (η/m) Σₓ ∂C_x/∂w (sgn(0) = 0; biases untouched).
// It works on the network's own weight arrays, which the float64 trainer trains in place.
import { l1Shrink, sgn } from '../engine/regularisers';
import { smallWeightFraction, sumAbsWeights } from '../engine/regularised-training';
import type { Network } from '../engine/network';

export const SMALL_WEIGHT = 0.01;

export interface L1Hook {
  /** Before a minibatch step: remember sgn(w) of every weight. */
  before(): void;
  /** After the data step: w −= (ηλ/n) sgn(w_before). */
  after(eta: number, lambda: number, n: number): void;
}

export function createL1Hook(net: Network): L1Hook {
  const signs = net.weights.map((w) => new Int8Array(w.data.length));
  return {
    before() {
      net.weights.forEach((w, i) => {
        const s = signs[i];
        for (let k = 0; k < s.length; k++) s[k] = sgn(w.data[k]);
      });
    },
    after(eta, lambda, n) {
      const shrink = l1Shrink(eta, lambda, n);
      net.weights.forEach((w, i) => {
        const s = signs[i];
        for (let k = 0; k < s.length; k++) w.data[k] -= shrink * s[k];
      });
    },
  };
}

/** Σ|w| and the fraction of weights with |w| < SMALL_WEIGHT, for an EpochRecord. */
export function weightStats(net: Network): { weightNorm1: number; smallWeights: number } {
  return { weightNorm1: sumAbsWeights(net), smallWeights: smallWeightFraction(net, SMALL_WEIGHT) };
}
