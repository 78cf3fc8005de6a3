// Algorithm 1 (FeedForward): z^l = w^l a^{l−1} + b^l, a^l = σ(z^l), for l = 1 … L.
import type { Network } from './network';
import { type Vec, type VecLike, addVec, matVec, toVec } from './matrix';

export interface ForwardPass {
  /** as[0] = x, as[l] = a^l. */
  as: Vec[];
  /** zs[l − 1] = z^l (the input layer has no z). */
  zs: Vec[];
}

export function feedforward(net: Network, x: VecLike): ForwardPass {
  if (x.length !== net.sizes[0]) throw new RangeError(`input has ${x.length} entries; the network expects ${net.sizes[0]}`);
  const as: Vec[] = [toVec(x)];
  const zs: Vec[] = [];
  for (let i = 0; i < net.weights.length; i++) {
    const z = addVec(matVec(net.weights[i], as[i]), net.biases[i]);
    zs.push(z);
    as.push(net.activations[i].fn(z));
  }
  return { as, zs };
}

/** The network's output a^L for input x. */
export function predict(net: Network, x: VecLike): Vec {
  const { as } = feedforward(net, x);
  return as[as.length - 1];
}
