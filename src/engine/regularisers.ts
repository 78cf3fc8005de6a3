// More regularisers (chapter 14): the L1 step, dropout on the reference path, data expansion of
// 28×28 digits, and early stopping over a validation history.
//
//   L1        C = C₀ + (λ/n) Σ_w |w|,   w ← w − (ηλ/n) sgn(w) − (η/m) Σₓ ∂C_x/∂w   (sgn(0) = 0)
//   dropout   ã^l = m^l ⊙ σ(z^l) for every hidden layer l (inverted dropout: m^l_j is 0 with
//             probability p, else 1/(1 − p)); the output layer is never dropped;
//             δ^l = ((w^{l+1})ᵀ δ^{l+1}) ⊙ m^l ⊙ σ′(z^l), ∂C/∂b^l = δ^l, ∂C/∂w^l = δ^l (ã^{l−1})ᵀ
//
// Inverted dropout scales the kept activations by 1/(1 − p) while training, so that each
// activation's expected value E[m_j σ(z_j)] = σ(z_j) is the one the full network computes: the
// trained network is then used as it is (predict, evaluate, the lab, a saved model), with no
// test-time rescaling of the weights to remember.
import { activationJacobian, isElementwise } from './activations';
import { Matrix, type Vec, type VecLike, addVec, hadamard, matTVec, matVec, outer, toVec } from './matrix';
import type { Network } from './network';
import { backprop } from './backprop';
import { type StepOptions, checkStep, optimize } from './optimize';
import { type Rng, createRng } from './rng';
import { type Evaluation, type Example, evaluate } from './train';

// ---------------------------------------------------------------------------------------------
// L1

/** sgn(w): −1, 0 or +1 (0 at w = 0, so a weight that is exactly zero is not pushed either way). */
export function sgn(w: number): number {
  return w > 0 ? 1 : w < 0 ? -1 : 0;
}

/** Σ_w |w| over every weight of every layer (biases excluded), the quantity L1 penalises. */
export function sumAbsWeights(net: Network): number {
  let s = 0;
  for (const w of net.weights) for (const v of w.data) s += Math.abs(v);
  return s;
}

/** The size of the L1 step per update, ηλ/n: every nonzero weight moves this far towards 0. */
export function l1Shrink(eta: number, lambda: number, n: number): number {
  return (eta * lambda) / n;
}

/**
 * One L1-regularised gradient step (mutates net): w ← w − (ηλ/n) sgn(w) − η ∇W, b ← b − η ∇b,
 * where ∇W, ∇b are the gradients of C₀ (already averaged over the minibatch). At w = 0 the
 * penalty |w| has no derivative; the step uses sgn(0) = 0, so only the data gradient moves it.
 */
export function l1Step(net: Network, nablaW: Matrix[], nablaB: Vec[], options: StepOptions): void {
  checkStep(options);
  const { eta, lambda = 0, n = 1 } = options;
  const shrink = l1Shrink(eta, lambda, n);
  for (let i = 0; i < net.weights.length; i++) {
    const w = net.weights[i].data;
    const g = nablaW[i].data;
    for (let k = 0; k < w.length; k++) w[k] = w[k] - shrink * sgn(w[k]) - eta * g[k];
    const b = net.biases[i];
    const gb = nablaB[i];
    for (let j = 0; j < b.length; j++) b[j] -= eta * gb[j];
  }
}

/** Mean cost over the examples plus (λ/n) Σ|w| with n = data.length (the L1-regularised C). */
export function l1TotalCost(net: Network, data: readonly Example[], lambda: number): number {
  return evaluate(net, data).cost + (lambda / data.length) * sumAbsWeights(net);
}

// ---------------------------------------------------------------------------------------------
// Dropout (reference path)

/** One mask per hidden layer: masks[i] belongs to layer i + 1 (the text's l = 1 … L − 1). */
export type DropoutMasks = Vec[];

export function checkDropout(p: number): void {
  if (!Number.isFinite(p) || p < 0 || p >= 1) throw new RangeError(`the dropout probability p must be a number with 0 ≤ p < 1 (got ${p})`);
}

/**
 * Draws a mask for every hidden layer of net: entry j is 0 with probability p (neuron j dropped)
 * and 1/(1 − p) otherwise (inverted dropout). With p = 0 every entry is exactly 1.
 */
export function dropoutMasks(net: Network, p: number, rng: Rng): DropoutMasks {
  checkDropout(p);
  const keep = 1 / (1 - p);
  const masks: DropoutMasks = [];
  for (let l = 1; l < net.sizes.length - 1; l++) {
    const m = new Float64Array(net.sizes[l]);
    for (let j = 0; j < m.length; j++) m[j] = p > 0 && rng.next() < p ? 0 : keep;
    masks.push(m);
  }
  return masks;
}

function checkMasks(net: Network, masks: DropoutMasks): void {
  const hidden = net.sizes.length - 2;
  if (masks.length !== hidden) throw new RangeError(`expected ${hidden} dropout masks (one per hidden layer), got ${masks.length}`);
  masks.forEach((m, i) => {
    if (m.length !== net.sizes[i + 1]) throw new RangeError(`dropout mask ${i + 1} has ${m.length} entries; layer ${i + 1} has ${net.sizes[i + 1]} neurons`);
  });
}

/** Algorithm 1 with the masks: ã^l = m^l ⊙ σ(z^l) for hidden layers; as[0] = x, as[L] = σ(z^L). */
export function dropoutFeedforward(net: Network, x: VecLike, masks: DropoutMasks): { as: Vec[]; zs: Vec[] } {
  checkMasks(net, masks);
  if (x.length !== net.sizes[0]) throw new RangeError(`input has ${x.length} entries; the network expects ${net.sizes[0]}`);
  const L = net.weights.length;
  const as: Vec[] = [toVec(x)];
  const zs: Vec[] = [];
  for (let i = 0; i < L; i++) {
    const z = addVec(matVec(net.weights[i], as[i]), net.biases[i]);
    zs.push(z);
    const a = net.activations[i].fn(z);
    as.push(i < L - 1 ? hadamard(masks[i], a) : a);
  }
  return { as, zs };
}

/** The per-example cost C_x of the masked network (a smooth function of the weights for fixed masks). */
export function dropoutCost(net: Network, x: VecLike, y: VecLike, masks: DropoutMasks): number {
  const { as } = dropoutFeedforward(net, x, masks);
  return net.cost.value(as[as.length - 1], toVec(y));
}

/**
 * Algorithm 2 through the same masks: BP1 as usual; BP2 becomes
 * δ^l = ((w^{l+1})ᵀ δ^{l+1}) ⊙ m^l ⊙ σ′(z^l) (for a non-elementwise σ: J_σ(z^l)ᵀ (m^l ⊙ (w^{l+1})ᵀ δ^{l+1}));
 * BP3, BP4 with the masked activations ã^{l−1}. A dropped neuron has δ = 0, so its incoming
 * weights and its bias get zero gradient, and so do its outgoing weights (ã = 0).
 */
export function dropoutBackprop(net: Network, x: VecLike, y: VecLike, masks: DropoutMasks): { nablaW: Matrix[]; nablaB: Vec[]; deltas: Vec[] } {
  const L = net.weights.length;
  const yv = toVec(y);
  if (yv.length !== net.sizes[L]) throw new RangeError(`target has ${yv.length} entries; the network outputs ${net.sizes[L]}`);
  const { as, zs } = dropoutFeedforward(net, x, masks);
  const deltas: Vec[] = new Array(L);
  deltas[L - 1] = net.cost.delta(zs[L - 1], as[L], yv, net.activations[L - 1]);
  for (let i = L - 2; i >= 0; i--) {
    const back = hadamard(matTVec(net.weights[i + 1], deltas[i + 1]), masks[i]);
    const act = net.activations[i];
    deltas[i] = isElementwise(act) ? hadamard(back, act.prime(zs[i])) : matTVec(activationJacobian(act, zs[i]), back);
  }
  const nablaB = deltas.map((d) => d.slice());
  const nablaW = deltas.map((d, i) => outer(d, as[i]));
  return { nablaW, nablaB, deltas };
}

// ---------------------------------------------------------------------------------------------
// Training with a regulariser (reference path, for cells and exercises)

export type RegulariserName = 'none' | 'l2' | 'l1';

export interface RegularisedOptions {
  epochs: number;
  batchSize: number;
  eta: number;
  /** L2: (λ/2n) Σ w²; L1: (λ/n) Σ |w|; n = data.length. Ignored for 'none'. */
  lambda?: number;
  regulariser?: RegulariserName;
  /** Dropout probability of each hidden neuron, one mask per minibatch (default 0: no dropout). */
  dropout?: number;
  seed: number;
  testData?: readonly Example[];
}

export interface RegularisedEpoch {
  epoch: number;
  trainCost: number;
  trainAccuracy: number;
  testCost?: number;
  testAccuracy?: number;
  sumAbsWeights: number;
}

/**
 * Stochastic gradient descent with no regulariser, L2 or L1, optionally with dropout (one mask
 * per minibatch, shared by its examples); the network is evaluated without masks. Mutates net.
 */
export function trainRegularised(net: Network, data: readonly Example[], options: RegularisedOptions): RegularisedEpoch[] {
  const { epochs, batchSize, eta, lambda = 0, regulariser = 'none', dropout = 0, seed, testData } = options;
  checkDropout(dropout);
  if (!(Number.isInteger(batchSize) && batchSize >= 1)) throw new RangeError(`the batch size must be a whole number ≥ 1 (got ${batchSize})`);
  const n = data.length;
  const step: StepOptions = { eta, lambda: regulariser === 'none' ? 0 : lambda, n };
  checkStep(step);
  const order = createRng(seed);
  const masksRng = createRng(seed + 1);
  const idx = data.map((_, i) => i);
  const history: RegularisedEpoch[] = [];
  for (let epoch = 1; epoch <= epochs; epoch++) {
    order.shuffle(idx);
    for (let s = 0; s < n; s += batchSize) {
      const batch = idx.slice(s, s + batchSize);
      // p = 0: every mask entry is 1, and plain backprop is the same computation (tested).
      const masks = dropout > 0 ? dropoutMasks(net, dropout, masksRng) : null;
      const sumW = net.weights.map((w) => Matrix.zeros(w.rows, w.cols));
      const sumB = net.biases.map((b) => new Float64Array(b.length));
      for (const e of batch) {
        const g = masks ? dropoutBackprop(net, data[e].x, data[e].y, masks) : backprop(net, data[e].x, data[e].y);
        for (let i = 0; i < sumW.length; i++) {
          const s = sumW[i].data;
          const gw = g.nablaW[i].data;
          for (let k = 0; k < s.length; k++) s[k] += gw[k];
          const sb = sumB[i];
          const gb = g.nablaB[i];
          for (let j = 0; j < sb.length; j++) sb[j] += gb[j];
        }
      }
      const m = batch.length;
      for (const s of sumW) for (let k = 0; k < s.data.length; k++) s.data[k] /= m;
      for (const s of sumB) for (let j = 0; j < s.length; j++) s[j] /= m;
      if (regulariser === 'l1') l1Step(net, sumW, sumB, step);
      else optimize(net, sumW, sumB, step); // L2 (λ > 0) or none (λ = 0)
    }
    const tr: Evaluation = evaluate(net, data);
    const rec: RegularisedEpoch = { epoch, trainCost: tr.cost, trainAccuracy: tr.accuracy, sumAbsWeights: sumAbsWeights(net) };
    if (testData) {
      const te = evaluate(net, testData);
      rec.testCost = te.cost;
      rec.testAccuracy = te.accuracy;
    }
    history.push(rec);
  }
  return history;
}

/** The fraction of weights with |w| below a threshold (how sparse the weights are). */
export function smallWeightFraction(net: Network, threshold: number): number {
  let small = 0;
  let all = 0;
  for (const w of net.weights) for (const v of w.data) {
    all++;
    if (Math.abs(v) < threshold) small++;
  }
  return all === 0 ? 0 : small / all;
}

// ---------------------------------------------------------------------------------------------
// Expanding the data: small shifts and rotations of a rows × cols image (row-major, pixels in [0, 1])

function checkImage(img: ArrayLike<number>, rows: number, cols: number): void {
  if (img.length !== rows * cols) throw new RangeError(`the image has ${img.length} pixels; ${rows} × ${cols} needs ${rows * cols}`);
}

/**
 * The image moved dx pixels right and dy pixels down (negative: left / up); pixels that come in
 * from outside are 0. A pure function: the input is not changed.
 */
export function shiftImage(img: ArrayLike<number>, dx: number, dy: number, rows = 28, cols = 28): Float64Array {
  checkImage(img, rows, cols);
  if (!Number.isInteger(dx) || !Number.isInteger(dy)) throw new RangeError(`a shift is a whole number of pixels (got ${dx}, ${dy})`);
  const out = new Float64Array(rows * cols);
  for (let r = 0; r < rows; r++) {
    const sr = r - dy;
    if (sr < 0 || sr >= rows) continue;
    for (let c = 0; c < cols; c++) {
      const sc = c - dx;
      if (sc >= 0 && sc < cols) out[r * cols + c] = img[sr * cols + sc];
    }
  }
  return out;
}

/**
 * The image rotated by `degrees` (positive: anticlockwise as seen on the screen, rows growing
 * downwards) about its centre, by inverse mapping with bilinear interpolation; outside is 0.
 */
export function rotateImage(img: ArrayLike<number>, degrees: number, rows = 28, cols = 28): Float64Array {
  checkImage(img, rows, cols);
  if (!Number.isFinite(degrees)) throw new RangeError(`the angle must be a finite number of degrees (got ${degrees})`);
  const out = new Float64Array(rows * cols);
  const t = (degrees * Math.PI) / 180;
  const cos = Math.cos(t);
  const sin = Math.sin(t);
  const cr = (rows - 1) / 2;
  const cc = (cols - 1) / 2;
  const at = (r: number, c: number) => (r >= 0 && r < rows && c >= 0 && c < cols ? img[r * cols + c] : 0);
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < cols; c++) {
      // (x, y) with y up: x = c − cc, y = cr − r. Source = rotation by −t of the target.
      const x = c - cc;
      const y = cr - r;
      const sx = cos * x + sin * y;
      const sy = -sin * x + cos * y;
      const fc = sx + cc;
      const fr = cr - sy;
      const r0 = Math.floor(fr);
      const c0 = Math.floor(fc);
      const ar = fr - r0;
      const ac = fc - c0;
      let v = (1 - ar) * (1 - ac) * at(r0, c0);
      if (ac > 0) v += (1 - ar) * ac * at(r0, c0 + 1);
      if (ar > 0) v += ar * (1 - ac) * at(r0 + 1, c0);
      if (ar > 0 && ac > 0) v += ar * ac * at(r0 + 1, c0 + 1);
      out[r * cols + c] = v;
    }
  }
  return out;
}

export interface ImageTransform {
  dx?: number;
  dy?: number;
  degrees?: number;
}

/** The four one-pixel shifts (right, left, down, up). */
export const ONE_PIXEL_SHIFTS: readonly ImageTransform[] = [{ dx: 1 }, { dx: -1 }, { dy: 1 }, { dy: -1 }];

/**
 * Expanded training data: every example, followed by one copy per transform (rotation first,
 * then the shift), with the same target. A pure function.
 */
export function expandExamples(data: readonly Example[], transforms: readonly ImageTransform[], rows = 28, cols = 28): Example[] {
  const out: Example[] = [];
  for (const e of data) {
    out.push(e);
    for (const t of transforms) {
      const rotated = t.degrees ? rotateImage(e.x, t.degrees, rows, cols) : toVec(e.x);
      out.push({ x: shiftImage(rotated, t.dx ?? 0, t.dy ?? 0, rows, cols), y: e.y });
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Early stopping

export interface EarlyStop {
  /** The epoch (1-based) with the best value so far when the rule stopped (or at the end). */
  bestEpoch: number;
  bestValue: number;
  /** The epoch after which the rule stops training: `patience` epochs without improvement; null if it never fired. */
  stopEpoch: number | null;
}

/**
 * "No improvement in `patience` epochs": values[e − 1] is the validation score after epoch e
 * (higher is better, e.g. accuracy; pass the negated cost for a cost). An improvement is a value
 * strictly above the best so far. Returns null for an empty history.
 */
export function earlyStopping(values: readonly number[], patience: number): EarlyStop | null {
  if (!(Number.isInteger(patience) && patience >= 1)) throw new RangeError(`patience must be a whole number of epochs ≥ 1 (got ${patience})`);
  values.forEach((v, i) => {
    if (!Number.isFinite(v)) throw new RangeError(`the validation value after epoch ${i + 1} is not a finite number (got ${v})`);
  });
  if (values.length === 0) return null;
  let bestEpoch = 1;
  let bestValue = values[0];
  for (let e = 2; e <= values.length; e++) {
    const v = values[e - 1];
    if (v > bestValue) {
      bestValue = v;
      bestEpoch = e;
    } else if (e - bestEpoch >= patience) return { bestEpoch, bestValue, stopEpoch: e };
  }
  return { bestEpoch, bestValue, stopEpoch: null };
}
