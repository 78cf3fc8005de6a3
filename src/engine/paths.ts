// The big picture of backpropagation (chapter 3): ∂C/∂w^l_jk as a sum over paths.
// A change in w^l_jk moves z^l_j, which moves a^l, then every z^{l+1}, and so on up to the cost.
// Along one path w → z^l_j → a^l_{q_l} → z^{l+1}_{p_{l+1}} → a^{l+1}_{q_{l+1}} → … → a^L_{q_L} → C
// the chain rule multiplies the local rates
//   ∂z^l_j/∂w^l_jk = a^{l−1}_k,   ∂a^m_q/∂z^m_p = J_σ(z^m)_{qp},   ∂z^{m+1}_p/∂a^m_q = w^{m+1}_{pq},   ∂C/∂a^L_q,
// and ∂C/∂w^l_jk is the sum of these products over every path. For an elementwise σ, J_σ is
// diagonal (∂a^m_q/∂z^m_p = σ′(z^m_p) when q = p and exactly 0 otherwise), so only the paths with
// q = p contribute and only those are listed: one neuron per later layer. A non-elementwise
// activation (softmax) is handled honestly: every Jacobian entry is a local rate, so a path through
// such a layer chooses a z-neuron p and an a-neuron q, and all n² pairs are listed.
import { activationJacobian, isElementwise } from './activations';
import { feedforward } from './feedforward';
import { type VecLike, toVec } from './matrix';
import type { Network } from './network';

/** One factor of a path's product: what it is (∂ of what by what) and its value. */
export interface PathFactor {
  /** 'input': ∂z^l_j/∂w^l_jk = a^{l−1}_k; 'sigma': ∂a^m_q/∂z^m_p; 'weight': ∂z^{m+1}_p/∂a^m_q = w^{m+1}_pq; 'cost': ∂C/∂a^L_q. */
  kind: 'input' | 'sigma' | 'weight' | 'cost';
  /** The text's layer number m (1 … L; 'input' names layer l − 1). */
  layer: number;
  /** Row index (0-based): the neuron the rate leads to (for 'input', k; for 'cost', q). */
  i: number;
  /** Column index (0-based): the neuron the rate comes from (= i for 'input' and 'cost'). */
  j: number;
  value: number;
}

export interface Path {
  /** zNeurons[m − l] = p_m, the neuron whose weighted input the path passes through in layer m (l … L). */
  zNeurons: number[];
  /** aNeurons[m − l] = q_m, the neuron whose activation it passes through (= p_m for an elementwise σ). */
  aNeurons: number[];
  factors: PathFactor[];
  /** The product of the factors' values. */
  product: number;
}

export interface PathSum {
  paths: Path[];
  /** Σ over the paths of their products: ∂C/∂w^l_jk. */
  sum: number;
}

/** Most paths `weightPaths` will list (a guard against enumerating a big network by mistake). */
export const MAX_PATHS = 100000;

/**
 * The number of paths from a weight of layer l (the text's 1 … L) to the cost that `weightPaths`
 * lists: ∏_{m = l+1}^{L} n_m for elementwise activations; a non-elementwise layer m ≥ l contributes a
 * further factor n_m (the path picks its a-neuron as well as its z-neuron there).
 */
export function pathCount(net: Pick<Network, 'sizes' | 'activations'>, layer: number): number {
  const L = net.sizes.length - 1;
  if (!Number.isInteger(layer) || layer < 1 || layer > L) throw new RangeError(`layer must be a whole number from 1 to ${L} (got ${String(layer)})`);
  let count = 1;
  for (let m = layer; m <= L; m++) {
    if (m > layer) count *= net.sizes[m];
    if (!isElementwise(net.activations[m - 1])) count *= net.sizes[m];
  }
  return count;
}

/**
 * Every path from w^l_jk (layer = the text's l, 1 … L; j, k 0-based) to the cost for one example,
 * the factors along it, their product, and the sum of the products (which equals BP4's ∂C/∂w^l_jk).
 */
export function weightPaths(net: Network, x: VecLike, y: VecLike, layer: number, j: number, k: number): PathSum {
  const L = net.weights.length;
  const count = pathCount(net, layer);
  const w = net.weights[layer - 1];
  if (!Number.isInteger(j) || j < 0 || j >= w.rows) throw new RangeError(`j must be a whole number from 0 to ${w.rows - 1} (got ${String(j)})`);
  if (!Number.isInteger(k) || k < 0 || k >= w.cols) throw new RangeError(`k must be a whole number from 0 to ${w.cols - 1} (got ${String(k)})`);
  if (count > MAX_PATHS) throw new RangeError(`w^${layer} has ${count} paths to the cost; weightPaths lists at most ${MAX_PATHS}`);
  const yv = toVec(y);
  if (yv.length !== net.sizes[L]) throw new RangeError(`target has ${yv.length} entries; the network outputs ${net.sizes[L]}`);
  const { as, zs } = feedforward(net, x);
  const dCda = net.cost.grad(as[L], yv);
  // The local rates ∂a^m/∂z^m of every layer from l on, as a Jacobian (diagonal for an elementwise σ).
  const jac = zs.map((z, i) => (i >= layer - 1 ? activationJacobian(net.activations[i], z) : null));
  const paths: Path[] = [];
  const walk = (m: number, p: number, zN: number[], aN: number[], factors: PathFactor[], product: number) => {
    // The path has reached z^m_p; now ∂a^m_q/∂z^m_p for the a-neurons q it can go on through.
    const J = jac[m - 1]!;
    const qs = isElementwise(net.activations[m - 1]) ? [p] : Array.from({ length: net.sizes[m] }, (_, q) => q);
    for (const q of qs) {
      const s: PathFactor = { kind: 'sigma', layer: m, i: q, j: p, value: J.get(q, p) };
      const zN2 = [...zN, p];
      const aN2 = [...aN, q];
      if (m === L) {
        const c: PathFactor = { kind: 'cost', layer: L, i: q, j: q, value: dCda[q] };
        const f = [...factors, s, c];
        paths.push({ zNeurons: zN2, aNeurons: aN2, factors: f, product: product * s.value * c.value });
      } else {
        const wNext = net.weights[m];
        for (let p2 = 0; p2 < wNext.rows; p2++) {
          const wf: PathFactor = { kind: 'weight', layer: m + 1, i: p2, j: q, value: wNext.get(p2, q) };
          walk(m + 1, p2, zN2, aN2, [...factors, s, wf], product * s.value * wf.value);
        }
      }
    }
  };
  const input: PathFactor = { kind: 'input', layer: layer - 1, i: k, j: k, value: as[layer - 1][k] };
  walk(layer, j, [], [], [input], input.value);
  let sum = 0;
  for (const path of paths) sum += path.product;
  return { paths, sum };
}

/**
 * The multiplications needed to get every weight's gradient by listing its paths: Σ over the weights
 * of (paths × factors per path − 1), for a network with elementwise activations. Compare
 * `sweepMultiplications`, the same gradients by one backward sweep.
 */
export function pathMultiplications(sizes: readonly number[]): number {
  const L = sizes.length - 1;
  let total = 0;
  for (let l = 1; l <= L; l++) {
    let count = 1;
    for (let m = l + 1; m <= L; m++) count *= sizes[m];
    // factors per path: a^{l−1}_k, then σ′ and w for each later layer, then σ′(z^L) and ∂C/∂a^L
    const factors = 1 + 2 * (L - l) + 2;
    total += sizes[l] * sizes[l - 1] * count * (factors - 1);
  }
  return total;
}

/**
 * The multiplications of one backward sweep (BP1–BP4) for the same network, elementwise activations,
 * the forward pass and σ′ already known: BP1 n_L (∇ₐC ⊙ σ′), BP2 n_l n_{l+1} + n_l per hidden layer
 * ((w^{l+1})ᵀ δ^{l+1}, then ⊙ σ′), BP4 n_l n_{l−1} per layer (the outer product δ^l (a^{l−1})ᵀ).
 */
export function sweepMultiplications(sizes: readonly number[]): number {
  const L = sizes.length - 1;
  let total = sizes[L];
  for (let l = 1; l < L; l++) total += sizes[l] * sizes[l + 1] + sizes[l];
  for (let l = 1; l <= L; l++) total += sizes[l] * sizes[l - 1];
  return total;
}
