import type { Exercise } from '../types';
import { r2 } from '../types';
import { createNetwork, Matrix, momentumPath, momentumRate, momentumStep, parameterCount, zeroVelocity } from '../../engine/index';
import { backward, batchFeedforward, leaf } from '../../engine/index';

/** ∂f/∂a for f = a·b + σ(a), by the engine's reverse-mode autodiff. */
const gradA = (a: number, b: number) => { const av = leaf(a); const f = av.mul(leaf(b)).add(av.sigmoid()); backward(f); return av.grad; };
/** The numbers the forward pass of a batch keeps for the backward pass: every Aˡ and Zˡ of batchFeedforward. */
const keptValues = (sizes: number[], m: number) => { const { As, Zs } = batchFeedforward(createNetwork({ sizes }), Array.from({ length: m }, () => new Array(sizes[0]).fill(0.5))); return [...As, ...Zs].reduce((s, M) => s + M.data.length, 0); };
import { fmt, sigmoidPrime, vtex } from '../calc';
import { weightAfterStep, smallNet, smallParams, smallPrompt } from './_shared';
import { backprop, sigmoid, tanh, withModifiedNeuron, type Activation } from '../../engine/index';

/** one weight after one momentum step of the engine (v → βv − ηg, w → w + v): a one-weight network */
function momentumWeight(w: number, v: number, g: number, eta: number, beta: number): { w: number; v: number } {
  const net = createNetwork({ sizes: [1, 1], seed: 1 });
  net.weights[0].data[0] = w;
  const vel = zeroVelocity(net);
  vel.weights[0].data[0] = v;
  momentumStep(net, vel, [Matrix.from([[g]])], [new Float64Array(1)], { eta, beta });
  return { w: net.weights[0].data[0], v: vel.weights[0].data[0] };
}
/** the velocity after 2000 momentum steps on the inclined plane C(θ) = gθ, by the engine */
const terminalVelocity = (g: number, eta: number, beta: number) => momentumPath((t) => g * t[0], () => [g], [0], { eta, beta, steps: 2000 }).velocities[2000][0];

export const exercises: Exercise[] = [
  {
    id: 'grad-w-shape', version: '1', kind: 'grid', rows: 1, cols: 2, title: 'The shape of ∂C/∂wˡ',
    params: (r) => ({ nin: 2 + Math.floor(r() * 30), nout: 2 + Math.floor(r() * 10) }),
    prompt: (p) => `Layer $l$ has ${p.nout} neurons and layer $l-1$ has ${p.nin}. Give the shape (rows, columns) of $\\partial C/\\partial w^l$.`,
    answer: (p) => [p.nout as number, p.nin as number],
    slips: (p) => [
      { name: 'transposed shape', values: [p.nin as number, p.nout as number], message: 'that is the shape of the transpose $(\\partial C/\\partial w^l)^{\\mathsf T} = a^{l-1}(\\delta^l)^{\\mathsf T}$. Rows of $w^l$ index the neurons of layer $l$, columns those of layer $l - 1$.' },
      { name: 'shape of δ', values: [p.nout as number, 1], message: 'that is the shape of $\\delta^l$ (and of $b^l$). The weight gradient $\\delta^l(a^{l-1})^{\\mathsf T}$ has one column per neuron of layer $l - 1$.' },
      { name: 'shape of a', values: [p.nin as number, 1], message: 'that is the shape of the input activation $a^{l-1}$, not of the weight gradient $\\delta^l(a^{l-1})^{\\mathsf T}$.' },
    ],
    hints: ['It has the shape of $w^l$.', '$w^l_{jk}$: $j$ indexes layer $l$, $k$ indexes layer $l-1$.'],
    solution: (p) => `$${p.nout}\\times${p.nin}$, the shape of $w^l$ and of $\\delta^l(a^{l-1})^{\\mathsf T}$.`,
  },
  {
    id: 'backward-order', version: '2', kind: 'choice', multiple: false, title: 'Order of the backward pass',
    params: () => ({}),
    prompt: () => 'In which order does backpropagation compute the errors $\\delta^l$?',
    options: [
      { id: 'back', text: 'From l = L down to l = 1', correct: true },
      { id: 'fwd', text: 'From l = 1 up to l = L', correct: false, why: 'BP2 needs $\\delta^{l+1}$ to get $\\delta^l$, so we must start at the output.' },
      { id: 'any', text: 'Any order', correct: false, why: 'each $\\delta^l$ depends on $\\delta^{l+1}$ through BP2.' },
    ],
    hints: ['Which layer\'s error do we get directly from BP1?'],
    solution: () => 'BP1 gives $\\delta^L$; BP2 then gives $\\delta^{L-1}, \\dots, \\delta^1$ in turn (layer 0 is the input, which has no error).',
  },
  {
    id: 'param-count', version: '1', kind: 'number', title: 'Counting parameters',
    params: (r) => ({ n0: 2 + Math.floor(r() * 10), n1: 2 + Math.floor(r() * 10), n2: 1 + Math.floor(r() * 5) }),
    prompt: (p) => `How many weights and biases (together) has a network with layer sizes [${p.n0}, ${p.n1}, ${p.n2}]?`,
    answer: (p) => parameterCount({ sizes: [p.n0 as number, p.n1 as number, p.n2 as number] }),
    tol: { abs: 0, rel: 0 },
    slips: (p) => [{ name: 'weights only', value: (p.n0 as number) * (p.n1 as number) + (p.n1 as number) * (p.n2 as number), message: 'that counts the weights only; every non-input neuron also has a bias.' }],
    hints: ['Each non-input layer has an $n_l\\times n_{l-1}$ weight matrix and $n_l$ biases.'],
    solution: (p) => `$${p.n0}\\cdot${p.n1} + ${p.n1} + ${p.n1}\\cdot${p.n2} + ${p.n2} = ${parameterCount({ sizes: [p.n0 as number, p.n1 as number, p.n2 as number] })}$.`,
  },
  {
    id: 'cost-of-backward', version: '1', kind: 'choice', multiple: false, title: 'Cost of one gradient',
    params: () => ({}),
    prompt: () => 'Roughly how much work does one backward pass cost, compared with one forward pass?',
    options: [
      { id: 'same', text: 'About the same order', correct: true },
      { id: 'perparam', text: 'One forward pass per parameter', correct: false, why: 'that is the cost of finite differences, which backprop avoids.' },
      { id: 'square', text: 'The square of the forward cost', correct: false, why: 'each layer does one matrix-vector product backwards, as it did forwards.' },
    ],
    hints: ['Count matrix-vector products in each direction.'],
    solution: () => 'Forward: one $w^l a^{l-1}$ per layer; backward: one $(w^{l+1})^{\\mathsf T}\\delta^{l+1}$ per layer, plus outer products: the same order.',
  },
  {
    id: 'sgd-step', version: '1', kind: 'number', title: 'One gradient step',
    params: (r) => ({ w: r2(r, -1, 1), g: r2(r, -1, 1), eta: r2(r, 0.1, 3) }),
    prompt: (p) => `A weight $w = ${p.w}$ has $\\partial C/\\partial w = ${p.g}$. With learning rate $\\eta = ${p.eta}$, what is $w$ after one gradient-descent step?`,
    answer: (p) => weightAfterStep(p.w as number, p.g as number, p.eta as number),
    slips: (p) => [{ name: 'uphill step', value: (p.w as number) + (p.eta as number) * (p.g as number), message: 'that adds $\\eta\\, \\partial C/\\partial w$, a step uphill; gradient descent subtracts it.' }],
    hints: ['$w \\to w - \\eta\\,\\partial C/\\partial w$.'],
    solution: (p) => `$${p.w} - ${p.eta}\\cdot(${p.g}) = ${fmt(weightAfterStep(p.w as number, p.g as number, p.eta as number), 4)}$.`,
  },
  {
    id: 'autodiff-two-uses', version: '1', kind: 'number', title: 'A value used twice',
    params: (r) => ({ a: r2(r, -2, 2), b: r2(r, -2, 2) }),
    prompt: (p) => `The graph computes $f = a\\,b + \\sigma(a)$ with $a = ${p.a}$ and $b = ${p.b}$. After the backward pass from $f$, what is the grad of the leaf $a$, $\\partial f/\\partial a$?`,
    answer: (p) => gradA(p.a as number, p.b as number),
    slips: (p) => [
      { name: 'one use only', value: p.b as number, message: 'that counts only the edge into the product $a\\,b$; $a$ also feeds $\\sigma(a)$, and the backward pass adds the contributions of both edges.' },
    ],
    hints: ['$a$ has two edges out of it: into $a\\,b$ (local derivative $b$) and into $\\sigma(a)$ (local derivative $\\sigma(a)(1 - \\sigma(a))$).', 'Both nodes have grad $1$, since $f$ is their sum.'],
    solution: (p) => `$\\partial f/\\partial a = b + \\sigma(a)(1-\\sigma(a)) = ${p.b} + ${fmt(gradA(p.a as number, p.b as number) - (p.b as number), 4)} = ${fmt(gradA(p.a as number, p.b as number), 4)}$.`,
  },
  {
    id: 'autodiff-memory', version: '1', kind: 'number', title: 'What the backward pass must keep',
    params: (r) => ({ n0: 2 + Math.floor(r() * 20), n1: 2 + Math.floor(r() * 10), n2: 1 + Math.floor(r() * 5), m: 2 + Math.floor(r() * 30) }),
    prompt: (p) => `A network with layer sizes [${p.n0}, ${p.n1}, ${p.n2}] is given a minibatch of $m = ${p.m}$ examples. How many numbers make up the matrices $A^0 = X, A^1, A^2$ and $Z^1, Z^2$ that the forward pass keeps for the backward pass?`,
    answer: (p) => keptValues([p.n0 as number, p.n1 as number, p.n2 as number], p.m as number),
    tol: { abs: 0, rel: 0 },
    slips: (p) => [
      { name: 'activations only', value: (p.m as number) * ((p.n0 as number) + (p.n1 as number) + (p.n2 as number)), message: 'that counts the $A^l$ only; the backward pass also needs $\\sigma\'(Z^l)$, so the $Z^l$ are kept too.' },
      { name: 'one example', value: (p.n0 as number) + 2 * ((p.n1 as number) + (p.n2 as number)), message: 'that is for one example; each matrix has one row per example, $m$ rows.' },
    ],
    hints: ['$A^l$ and $Z^l$ are $m \\times n_l$.', '$A^0 = X$ has no $Z^0$ beside it.'],
    solution: (p) => `$m\\,(n_0 + 2(n_1 + n_2)) = ${p.m}\\cdot(${p.n0} + 2\\cdot(${p.n1} + ${p.n2})) = ${keptValues([p.n0 as number, p.n1 as number, p.n2 as number], p.m as number)}$.`,
  },
];
void r2;

exercises.push(
  {
    id: 'momentum-step', version: '1', kind: 'number', title: 'One step with momentum',
    params: (r) => ({ w: r2(r, -1, 1), v: r2(r, -0.5, 0.5), g: r2(r, -1, 1), eta: r2(r, 0.1, 1), beta: Math.round((0.5 + 0.45 * r()) * 100) / 100 }),
    prompt: (p) => `A weight $w = ${p.w}$ has velocity $v = ${p.v}$ and gradient $\\partial C/\\partial w = ${p.g}$. With $\\eta = ${p.eta}$ and momentum coefficient $\\beta = ${p.beta}$, what is $w$ after one momentum step?`,
    answer: (p) => momentumWeight(p.w as number, p.v as number, p.g as number, p.eta as number, p.beta as number).w,
    slips: (p) => [
      { name: 'plain step', value: (p.w as number) - (p.eta as number) * (p.g as number), message: 'that is the plain gradient step; momentum also carries $\\beta v$ from the last step.' },
      { name: 'velocity not decayed', value: (p.w as number) + (p.v as number) - (p.eta as number) * (p.g as number), message: 'that keeps the whole old velocity; it is first multiplied by $\\beta$.' },
      { name: 'uphill push', value: (p.w as number) + (p.beta as number) * (p.v as number) + (p.eta as number) * (p.g as number), message: 'that adds $\\eta\\,\\partial C/\\partial w$; the push is downhill, $-\\eta\\,\\partial C/\\partial w$.' },
    ],
    hints: ['First the velocity: $v \\to \\beta v - \\eta\\,\\partial C/\\partial w$.', 'Then the weight moves by the new velocity: $w \\to w + v$.'],
    solution: (p) => {
      const r = momentumWeight(p.w as number, p.v as number, p.g as number, p.eta as number, p.beta as number);
      return `$v \\to ${p.beta}\\cdot(${p.v}) - ${p.eta}\\cdot(${p.g}) = ${fmt(r.v, 4)}$, then $w \\to ${p.w} + (${fmt(r.v, 4)}) = ${fmt(r.w, 4)}$.`;
    },
  },
  {
    id: 'momentum-terminal', version: '1', kind: 'number', title: 'Terminal velocity',
    params: (r) => ({ g: r2(r, 0.1, 2), eta: r2(r, 0.01, 0.5), beta: [0.5, 0.75, 0.8, 0.9, 0.95][Math.floor(r() * 5)] }),
    prompt: (p) => `On a cost whose gradient is the same everywhere, $\\partial C/\\partial \\theta = ${p.g}$ (an inclined plane), momentum descent starts at rest with $\\eta = ${p.eta}$ and $\\beta = ${p.beta}$. After many steps, by how much does $\\theta$ change per step? (Give the signed change.)`,
    answer: (p) => terminalVelocity(p.g as number, p.eta as number, p.beta as number),
    slips: (p) => [
      { name: 'no momentum', value: -(p.eta as number) * (p.g as number), message: 'that is the first step, $-\\eta g$; the velocity keeps growing as the past pushes add up.' },
      { name: 'wrong sign', value: (p.eta as number) * (p.g as number) / (1 - (p.beta as number)), message: 'the size is right, but the descent moves downhill: the change has the sign of $-g$.' },
      { name: 'times β', value: -(p.eta as number) * (p.g as number) * (p.beta as number) / (1 - (p.beta as number)), message: 'that leaves out the newest push: the sum is $-\\eta g(1 + \\beta + \\beta^2 + \\dots)$.' },
    ],
    hints: ['Unroll $v \\to \\beta v - \\eta g$: the velocity is $-\\eta g(1 + \\beta + \\dots + \\beta^{t-1})$.', 'A geometric series: $1 + \\beta + \\beta^2 + \\dots = 1/(1-\\beta)$.'],
    solution: (p) => `$v_t = -\\eta g\\,(1 + \\beta + \\dots + \\beta^{t-1}) \\to -\\eta g/(1 - \\beta) = -${p.eta}\\cdot ${p.g}/(1 - ${p.beta}) = ${fmt(terminalVelocity(p.g as number, p.eta as number, p.beta as number), 4)}$: the descent moves as with learning rate $\\eta/(1-\\beta)$.`,
  },
  {
    id: 'momentum-rate', version: '1', kind: 'number', title: 'How fast a bowl coordinate shrinks',
    params: (r) => ({ q: [0.5, 1, 2, 5, 10, 20][Math.floor(r() * 6)], eta: r2(r, 0.02, 0.1), beta: [0.5, 0.64, 0.81, 0.9][Math.floor(r() * 4)] }),
    prompt: (p) => `Momentum descent runs on the bowl $C(\\theta) = \\tfrac12 q\\,\\theta^2$ with $q = ${p.q}$, $\\eta = ${p.eta}$ and $\\beta = ${p.beta}$. In the long run, by what factor does $\\lvert\\theta\\rvert$ shrink per step? (The largest $\\lvert r\\rvert$ over the roots of $r^2 - (1 + \\beta - \\eta q) r + \\beta = 0$.)`,
    answer: (p) => momentumRate(p.q as number, p.eta as number, p.beta as number),
    slips: (p) => [
      { name: 'plain rate', value: Math.abs(1 - (p.eta as number) * (p.q as number)), message: 'that is plain descent\'s factor $\\lvert 1 - \\eta q\\rvert$; with momentum the two roots of the quadratic decide.' },
      { name: 'β itself', value: p.beta as number, message: 'the two roots multiply to $\\beta$; when they are complex each has modulus $\\sqrt\\beta$, not $\\beta$.' },
    ],
    hints: ['Compute $s = 1 + \\beta - \\eta q$ and compare $s^2$ with $4\\beta$.', 'Complex roots ($s^2 < 4\\beta$): both have modulus $\\sqrt\\beta$. Real roots: $(s \\pm \\sqrt{s^2 - 4\\beta})/2$; take the larger modulus.'],
    solution: (p) => {
      const s = 1 + (p.beta as number) - (p.eta as number) * (p.q as number);
      const rate = momentumRate(p.q as number, p.eta as number, p.beta as number);
      return s * s < 4 * (p.beta as number)
        ? `$s = 1 + ${p.beta} - ${p.eta}\\cdot ${p.q} = ${fmt(s, 4)}$ and $s^2 < 4\\beta$: the roots are complex conjugates with product $\\beta$, so each has modulus $\\sqrt{${p.beta}} = ${fmt(rate, 4)}$.`
        : `$s = 1 + ${p.beta} - ${p.eta}\\cdot ${p.q} = ${fmt(s, 4)}$ and $s^2 \\ge 4\\beta$: the roots $(s \\pm \\sqrt{s^2 - 4\\beta})/2$ are real, and the larger modulus is $${fmt(rate, 4)}$.`;
    },
  },
);

// the chapter's problems: linear neurons, a single modified neuron (answers from the engine's backprop)
const linearDelta = (p: Record<string, unknown>) => Array.from(backprop(smallNet(p, 'linear', 'linear'), p.x as number[], p.y as number[]).deltas[0]);
const modifiedBias = (p: Record<string, unknown>, hidden: Activation) => {
  const net = smallNet(p, hidden, sigmoid);
  return backprop(net, p.x as number[], p.y as number[]).nablaB[0][1];
};
/** tanh forward at neuron 2 but σ′ kept in the backward pass: the slip the problem is about */
const sigmaKept: Activation = { ...withModifiedNeuron(sigmoid, tanh, 1), prime: sigmoid.prime, jacobian: undefined, elementwise: true };
exercises.push(
  {
    id: 'modified-neuron-bias', version: '1', kind: 'number', title: 'One neuron with tanh',
    params: smallParams,
    prompt: (p) => `A $2 \\to 2 \\to 1$ network has sigmoid neurons, except hidden neuron 2, which computes $a^1_2 = \\tanh(z^1_2)$. With ${smallPrompt(p)}, what is $\\partial C/\\partial b^1_2$?`,
    answer: (p) => modifiedBias(p, withModifiedNeuron(sigmoid, tanh, 1)),
    slips: (p) => [{ name: 'σ′ kept', value: modifiedBias(p, sigmaKept), message: 'that uses $\\sigma\'(z^1_2)$ in BP2; the modified neuron\'s factor is $\\tanh\'(z^1_2) = 1 - \\tanh^2(z^1_2)$.' }],
    hints: ['Forward pass as usual, except $a^1_2 = \\tanh(z^1_2)$. Then $\\delta^2 = (a^2 - y)\\,\\sigma\'(z^2)$.', '$\\partial C/\\partial b^1_2 = \\delta^1_2 = w^2_{12}\\,\\delta^2\\,(1 - \\tanh^2 z^1_2)$.'],
    solution: (p) => `BP2 with $f = \\tanh$ at that neuron: $\\delta^1_2 = w^2_{12}\\,\\delta^2\\,(1 - \\tanh^2 z^1_2) = ${fmt(modifiedBias(p, withModifiedNeuron(sigmoid, tanh, 1)), 6)}$, and BP3 makes it $\\partial C/\\partial b^1_2$.`,
    tol: { abs: 1e-6, rel: 1e-3 },
  },
  {
    id: 'linear-delta', version: '1', kind: 'grid', rows: 2, cols: 1, title: 'Backprop with linear neurons',
    params: smallParams,
    prompt: (p) => `Every neuron of a $2 \\to 2 \\to 1$ network is linear, $a = z$. With ${smallPrompt(p)}, give $\\delta^1$.`,
    answer: (p) => linearDelta(p),
    slips: (p) => {
      const d = linearDelta(p); const z1 = (p.W1 as number[][]).map((row, j) => row[0] * (p.x as number[])[0] + row[1] * (p.x as number[])[1] + (p.b1 as number[])[j]);
      return [{ name: 'sigmoid habit', values: d.map((v, k) => v * sigmoidPrime(z1[k])), message: 'that multiplies by $\\sigma\'(z^1)$; a linear neuron has $f\'(z) = 1$, so $\\delta^1 = (w^2)^{\\mathsf T}\\delta^2$.' }];
    },
    hints: ['Linear neurons: $a^1 = z^1 = w^1 x + b^1$ and $a^2 = w^2 a^1 + b^2$.', '$\\delta^2 = a^2 - y$, then $\\delta^1 = (w^2)^{\\mathsf T}\\delta^2$.'],
    solution: (p) => {
      const d = linearDelta(p);
      return `$\\delta^2 = a^2 - y$ (no $\\sigma'$), and $\\delta^1 = (w^2)^{\\mathsf T}\\delta^2 = ${vtex(d.map((v) => Number(v.toFixed(4))))}$.`;
    },
  },
);
