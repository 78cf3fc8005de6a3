// Algorithm 3 (Optimize): one gradient-descent step, with optional L2 weight decay.
// For C = C₀ + (λ/2n) Σ w²:  w ← (1 − ηλ/n) w − η ∂C₀/∂w,  b ← b − η ∂C₀/∂b (biases are not decayed).
import type { Matrix, Vec } from './matrix';
import type { Network } from './network';

export interface StepOptions {
  /** Learning rate η. */
  eta: number;
  /** L2 strength λ (default 0). */
  lambda?: number;
  /** Training-set size n in λ/n (default 1). */
  n?: number;
}

/** The weight-decay factor 1 − ηλ/n. */
export function l2Factor(eta: number, lambda: number, n: number): number {
  return 1 - (eta * lambda) / n;
}

export function checkStep({ eta, lambda = 0, n = 1 }: StepOptions): void {
  if (!Number.isFinite(eta)) throw new RangeError(`η must be a finite number (got ${eta})`);
  if (!Number.isFinite(lambda) || lambda < 0) throw new RangeError(`λ must be a finite number ≥ 0 (got ${lambda})`);
  if (!(n > 0)) throw new RangeError(`n must be positive (got ${n})`);
}

/** Mutates net: w ← (1 − ηλ/n) w − η ∇W, b ← b − η ∇b. */
export function optimize(net: Network, nablaW: Matrix[], nablaB: Vec[], options: StepOptions): void {
  checkStep(options);
  const { eta, lambda = 0, n = 1 } = options;
  const decay = l2Factor(eta, lambda, n);
  for (let i = 0; i < net.weights.length; i++) {
    const w = net.weights[i].data;
    const g = nablaW[i].data;
    for (let k = 0; k < w.length; k++) w[k] = decay * w[k] - eta * g[k];
    const b = net.biases[i];
    const gb = nablaB[i];
    for (let j = 0; j < b.length; j++) b[j] -= eta * gb[j];
  }
}
