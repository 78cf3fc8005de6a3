import type { Exercise, Params } from '../types';
import { r2 } from '../types';
import { fmt, mtex, vtex } from '../calc';
import { Matrix, backprop, createNetwork, dropoutBackprop, earlyStopping, l1Step, optimize } from '../../engine/index';

// Chapter 14: the L1 step, L1 against L2 over many steps, the error through a dropout mask, and
// early stopping. Every answer is computed by the engine (l1Step, optimize, dropoutBackprop,
// earlyStopping); test/exercises/independent.test.ts checks each by another route.

/** One weight after one engine L1 step (a one-weight network, data gradient g already averaged). */
function weightAfterL1(w: number, g: number, eta: number, lambda: number, n: number): number {
  const net = createNetwork({ sizes: [1, 1], seed: 1 });
  net.weights[0].data[0] = w;
  l1Step(net, [Matrix.from([[g]])], [new Float64Array(1)], { eta, lambda, n });
  return net.weights[0].data[0];
}

/** A weight after k steps with no data gradient, under L1 (engine l1Step) and under L2 (engine optimize). */
function afterKSteps(w: number, k: number, eta: number, lambda: number, n: number): [number, number] {
  const one = () => {
    const net = createNetwork({ sizes: [1, 1], seed: 1 });
    net.weights[0].data[0] = w;
    return net;
  };
  const l1 = one();
  const l2 = one();
  for (let i = 0; i < k; i++) {
    l1Step(l1, [Matrix.zeros(1, 1)], [new Float64Array(1)], { eta, lambda, n });
    optimize(l2, [Matrix.zeros(1, 1)], [new Float64Array(1)], { eta, lambda, n });
  }
  return [l1.weights[0].data[0], l2.weights[0].data[0]];
}

const stepParams = (r: () => number) => ({ eta: r2(r, 0.1, 1), lambda: r2(r, 0.5, 5), n: 100 * (1 + Math.floor(r() * 10)), w: r2(r, -1, 1), g: r2(r, -0.5, 0.5) });

// A 2-3-1 sigmoid network, quadratic cost, dropout p = ½ on the hidden layer: the mask r¹ has
// entries 0 (dropped) or 1/(1 − p) = 2 (kept). Neuron `drop` (0, 1 or 2) is dropped.
const dropParams = (r: () => number) => ({
  W1: [0, 1, 2].map(() => [r2(r, -1, 1), r2(r, -1, 1)]), b1: [0, 1, 2].map(() => r2(r, -0.5, 0.5)),
  W2: [[r2(r, -1, 1), r2(r, -1, 1), r2(r, -1, 1)]], b2: [r2(r, -0.5, 0.5)], x: [r2(r, 0, 1), r2(r, 0, 1)], y: [Math.round(r())],
  drop: Math.floor(r() * 3),
});
type D = ReturnType<typeof dropParams>;
const d = (p: Params) => p as unknown as D;
export const dropMask = (p: D): number[] => [0, 1, 2].map((j) => (j === p.drop ? 0 : 2));
function dropNet(p: D) {
  const net = createNetwork({ sizes: [2, 3, 1], seed: 1 });
  net.weights[0] = Matrix.from(p.W1);
  net.biases[0] = Float64Array.from(p.b1);
  net.weights[1] = Matrix.from(p.W2);
  net.biases[1] = Float64Array.from(p.b2);
  return net;
}
const dropDelta = (p: D, mask = dropMask(p)) => Array.from(dropoutBackprop(dropNet(p), p.x, p.y, [Float64Array.from(mask)]).deltas[0]);
const describeDrop = (p: D) => `a 2-3-1 sigmoid network with $w^1 = ${mtex(p.W1)}$, $b^1 = ${vtex(p.b1)}$, $w^2 = (${p.W2[0].join(',\\ ')})$, $b^2 = ${p.b2[0]}$, input $x = ${vtex(p.x)}$, target $y = ${p.y[0]}$, quadratic cost, and inverted dropout with $p = \\tfrac12$ on the hidden layer whose mask this time is $r^1 = ${vtex(dropMask(p))}$ (hidden neuron ${p.drop + 1} is dropped)`;

// Early stopping: a validation-accuracy history that rises, peaks at epoch `peak` and then only
// wobbles below the peak, so "no improvement in k epochs" always fires.
const esParams = (r: () => number) => {
  const peak = 3 + Math.floor(r() * 5);
  const k = 2 + Math.floor(r() * 4);
  const values: number[] = [];
  for (let e = 1; e <= peak; e++) values.push(Math.round(1000 * (0.6 + (0.3 * e) / peak)) / 1000);
  const top = values[peak - 1];
  for (let e = peak + 1; e <= peak + k + 3; e++) values.push(Math.round(1000 * (top - 0.002 - 0.02 * r())) / 1000);
  return { values, k, peak };
};

export const exercises: Exercise[] = [
  {
    id: 'l1-step', version: '1', kind: 'number', title: 'One L1 step', params: stepParams,
    prompt: (p) => `A weight $w = ${p.w}$ has $\\partial C_0/\\partial w = ${p.g}$ (the data term, already averaged over the minibatch). With L1 regularisation $C = C_0 + \\frac{\\lambda}{n}\\sum_w |w|$, $\\eta = ${p.eta}$, $\\lambda = ${p.lambda}$ and $n = ${p.n}$ training examples, what is $w$ after one gradient step?`,
    answer: (p) => weightAfterL1(p.w as number, p.g as number, p.eta as number, p.lambda as number, p.n as number),
    tol: { abs: 1e-9, rel: 1e-9 },
    slips: (p) => { const w = p.w as number; const g = p.g as number; const eta = p.eta as number; const lambda = p.lambda as number; const n = p.n as number; return w === 0 ? [] : [
      { name: 'the L2 step', value: (1 - (eta * lambda) / n) * w - eta * g, message: 'that is the L2 step, which shrinks $w$ in proportion to $w$; the derivative of $\\frac{\\lambda}{n}|w|$ is $\\frac{\\lambda}{n}\\operatorname{sgn}(w)$, a constant step $\\eta\\lambda/n$ towards 0.' },
      { name: 'penalty with the wrong sign', value: w + ((eta * lambda) / n) * Math.sign(w) - eta * g, message: 'that pushes $w$ away from 0; the penalty step is $-\\frac{\\eta\\lambda}{n}\\operatorname{sgn}(w)$.' },
    ]; },
    hints: ['$\\partial C/\\partial w = \\partial C_0/\\partial w + \\frac{\\lambda}{n}\\operatorname{sgn}(w)$.', '$w \\to w - \\frac{\\eta\\lambda}{n}\\operatorname{sgn}(w) - \\eta\\,\\frac{\\partial C_0}{\\partial w}$.'],
    solution: (p) => { const eta = p.eta as number; const lambda = p.lambda as number; const n = p.n as number; const w = p.w as number; return `$${w} - \\frac{${eta}\\cdot ${lambda}}{${n}}\\operatorname{sgn}(${w}) - ${eta}\\cdot(${p.g}) = ${fmt(weightAfterL1(w, p.g as number, eta, lambda, n), 8)}$.`; },
  },
  {
    id: 'l1-vs-l2-k-steps', version: '1', kind: 'grid', rows: 1, cols: 2, title: 'L1 and L2 over many steps',
    params: (r) => ({ w: r2(r, 0.2, 1) * (r() < 0.5 ? -1 : 1), k: 10 * (1 + Math.floor(r() * 5)), eta: 0.5, lambda: r2(r, 0.5, 2), n: 1000 }),
    prompt: (p) => `A weight starts at $w = ${p.w}$ and, for $${p.k}$ steps, the data never push it ($\\partial C_0/\\partial w = 0$). With $\\eta = ${p.eta}$, $\\lambda = ${p.lambda}$ and $n = ${p.n}$, what is the weight after those steps under L1, and under L2 ($\\frac{\\lambda}{2n}\\sum_w w^2$)? Enter (L1, L2).`,
    entryLabels: () => ['under L1', 'under L2'],
    answer: (p) => afterKSteps(p.w as number, p.k as number, p.eta as number, p.lambda as number, p.n as number),
    tol: { abs: 1e-9, rel: 1e-9 },
    slips: (p) => { const [l1, l2] = afterKSteps(p.w as number, p.k as number, p.eta as number, p.lambda as number, p.n as number); return [{ name: 'L1 and L2 swapped', values: [l2, l1], message: 'L1 takes equal steps $\\eta\\lambda/n$ towards 0 (a straight line); L2 multiplies by $1 - \\eta\\lambda/n$ each step (a geometric decay).' }]; },
    hints: ['L1: each step subtracts $\\frac{\\eta\\lambda}{n}\\operatorname{sgn}(w)$; as long as $w$ does not reach 0, that is $k$ equal steps.', 'L2: each step multiplies by $1 - \\eta\\lambda/n$, so $k$ steps multiply by $(1 - \\eta\\lambda/n)^k$.'],
    solution: (p) => { const [l1, l2] = afterKSteps(p.w as number, p.k as number, p.eta as number, p.lambda as number, p.n as number); const s = ((p.eta as number) * (p.lambda as number)) / (p.n as number); return `L1: $${p.w} - ${p.k}\\cdot ${fmt(s, 6)}\\operatorname{sgn}(w) = ${fmt(l1, 8)}$. L2: $${p.w}\\,(1 - ${fmt(s, 6)})^{${p.k}} = ${fmt(l2, 8)}$. L1 takes the same step whatever the size of $w$, so a small weight reaches 0 in few steps; L2's steps shrink with $w$ and never reach it.`; },
  },
  {
    id: 'dropout-delta', version: '1', kind: 'grid', rows: 3, cols: 1, title: 'The error through a dropout mask', params: dropParams,
    prompt: (p) => `For ${describeDrop(d(p))}, compute the hidden error $\\delta^1 = \\partial C/\\partial z^1$ of this masked network.`,
    answer: (p) => dropDelta(d(p)),
    tol: { abs: 1e-6, rel: 1e-6 },
    slips: (p) => [
      { name: 'mask ignored', values: Array.from(backprop(dropNet(d(p)), d(p).x, d(p).y).deltas[0]), message: 'that is plain backprop, as if no neuron were dropped; with the mask, $\\hat a^1 = r^1 \\odot \\sigma(z^1)$ feeds layer 2, so $\\delta^1 = ((w^2)^{\\mathsf T}\\delta^2) \\odot r^1 \\odot \\sigma\'(z^1)$, and the forward pass changes too.' },
      { name: 'mask of ones and zeros', values: dropDelta(d(p), dropMask(d(p)).map((v) => v / 2)), message: 'that uses a mask of 0s and 1s; inverted dropout scales the kept activations by $1/(1 - p) = 2$, in the forward pass and in BP2.' },
    ],
    hints: ['Forward: $z^1 = w^1 x + b^1$, $\\hat a^1 = r^1 \\odot \\sigma(z^1)$, $z^2 = w^2 \\hat a^1 + b^2$, $a^2 = \\sigma(z^2)$.', "BP1: $\\delta^2 = (a^2 - y)\\,\\sigma'(z^2)$. BP2 through the mask: $\\delta^1 = ((w^2)^{\\mathsf T}\\delta^2) \\odot r^1 \\odot \\sigma'(z^1)$; the dropped neuron's entry is 0."],
    solution: (p) => `$\\delta^1 = ${vtex(dropDelta(d(p)))}$: the dropped neuron's entry is 0, and the kept ones carry the factor $2$ of the mask.`,
  },
  {
    id: 'early-stop-epoch', version: '1', kind: 'number', title: 'When does early stopping stop?', params: esParams,
    // one formula per value, so the list wraps on a narrow screen (a single inline formula cannot)
    prompt: (p) => `The validation accuracy after epochs $1, 2, \\dots$ is ${(p.values as number[]).map((v) => `$${v}$`).join(', ')}. With the rule "stop when there has been no improvement in $${p.k}$ epochs" (an improvement beats the best value so far), after which epoch does training stop?`,
    answer: (p) => earlyStopping(p.values as number[], p.k as number)!.stopEpoch!,
    tol: { abs: 0 },
    slips: (p) => { const r = earlyStopping(p.values as number[], p.k as number)!; return [
      { name: 'the best epoch', value: r.bestEpoch, message: `that is the best epoch, whose network early stopping keeps; the rule notices only after ${p.k} epochs without improvement.` },
      { name: 'one epoch early', value: r.bestEpoch + (p.k as number) - 1, message: `count again: the rule stops ${p.k} epochs after the best one, not one epoch before.` },
    ]; },
    hints: ['Find the best value so far after each epoch.', 'Training stops at the first epoch that comes that many epochs (the patience) after the best one.'],
    solution: (p) => { const r = earlyStopping(p.values as number[], p.k as number)!; return `The best value, $${r.bestValue}$, comes at epoch $${r.bestEpoch}$; nothing after it beats it, so the rule stops after epoch $${r.bestEpoch} + ${p.k} = ${r.stopEpoch}$ and keeps the network of epoch $${r.bestEpoch}$.`; },
  },
  {
    id: 'l1-sparse', version: '1', kind: 'choice', multiple: false, title: 'Which penalty gives sparse weights?',
    params: () => ({}),
    prompt: () => 'Two networks are trained on the same data, one with L1 and one with L2, each with a λ that gives about the same validation accuracy. Which one ends with many weights at (or very near) zero?',
    options: [
      { id: 'l1', text: 'L1: its step ηλ/n towards 0 is the same for every nonzero weight', correct: true },
      { id: 'l2', text: 'L2: it shrinks every weight by the same factor', correct: false, why: 'a factor $1 - \\eta\\lambda/n$ removes a fixed *fraction* of a weight: a small weight loses little and never reaches 0. L1 removes a fixed *amount*, so weights that the data do not defend are driven to 0.' },
      { id: 'same', text: 'Both equally', correct: false, why: 'the two steps differ where it matters: for $|w| < 1$ the L1 step $\\eta\\lambda/n$ is larger than the L2 step $\\eta\\lambda|w|/n$, and the smaller $w$, the larger the difference.' },
    ],
    hints: ['Compare the size of one penalty step for a weight of size 0.01: L1 $\\eta\\lambda/n$, L2 $\\eta\\lambda\\cdot 0.01/n$.'],
    solution: () => 'L1. Its gradient $\\frac{\\lambda}{n}\\operatorname{sgn}(w)$ does not shrink with $w$, so small weights keep being pushed all the way to 0 (where they hover within one step); L2\'s push $\\frac{\\lambda}{n}w$ fades as $w$ gets small.',
  },
];
