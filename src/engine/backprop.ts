// Algorithm 2 (BackPropagate): the gradient of the per-example cost C_x.
//   BP1  δ^L = ∇ₐC ⊙ σ′(z^L)               (in general J_σ(z^L)ᵀ ∇ₐC; the cost picks the form)
//   BP2  δ^l = ((w^{l+1})ᵀ δ^{l+1}) ⊙ σ′(z^l)
//   BP3  ∂C/∂b^l = δ^l
//   BP4  ∂C/∂w^l = δ^l (a^{l−1})ᵀ
import { activationJacobian, isElementwise } from './activations';
import { feedforward } from './feedforward';
import { type Matrix, type Vec, type VecLike, hadamard, matTVec, outer, toVec } from './matrix';
import type { Network } from './network';

export interface Gradients {
  /** nablaW[i] = ∂C/∂w^{i+1}, same shape as net.weights[i]. */
  nablaW: Matrix[];
  /** nablaB[i] = ∂C/∂b^{i+1}. */
  nablaB: Vec[];
}

export interface BackpropResult extends Gradients {
  /** deltas[i] = δ^{i+1}. */
  deltas: Vec[];
}

/** BP2: the error of layer l from the error of layer l + 1 (wNext = w^{l+1}). */
export function hiddenError(wNext: Matrix, deltaNext: VecLike, z: VecLike, act: Network['activations'][number]): Vec {
  const back = matTVec(wNext, deltaNext);
  if (isElementwise(act)) return hadamard(back, act.prime(z));
  // A non-elementwise hidden activation: δ^l = J_σ(z^l)ᵀ (w^{l+1})ᵀ δ^{l+1}.
  return matTVec(activationJacobian(act, z), back);
}

export function backprop(net: Network, x: VecLike, y: VecLike): BackpropResult {
  const L = net.weights.length;
  const yv = toVec(y);
  if (yv.length !== net.sizes[L]) throw new RangeError(`target has ${yv.length} entries; the network outputs ${net.sizes[L]}`);
  const { as, zs } = feedforward(net, x);
  const deltas: Vec[] = new Array(L);
  // BP1: the output error, in the form the cost and output activation call for.
  deltas[L - 1] = net.cost.delta(zs[L - 1], as[L], yv, net.activations[L - 1]);
  // BP2: backwards through the hidden layers.
  for (let i = L - 2; i >= 0; i--) deltas[i] = hiddenError(net.weights[i + 1], deltas[i + 1], zs[i], net.activations[i]);
  // BP3 and BP4.
  const nablaB = deltas.map((d) => d.slice());
  const nablaW = deltas.map((d, i) => outer(d, as[i]));
  return { nablaW, nablaB, deltas };
}
