import type { Exercise } from '../types';
import { r2 } from '../types';
import { deltas, sigmoidPrime, fmt } from '../calc';
import { unstableWidth } from '../../engine/index';

// A chain of three sigmoid neurons x → a¹ → a² → a³ (sizes [1, 1, 1, 1]), quadratic cost.
const chainParams = (r: () => number) => ({
  w: [r2(r, -2, 2), r2(r, -2, 2), r2(r, -2, 2)], b: [r2(r, -1, 1), r2(r, -1, 1), r2(r, -1, 1)], x: r2(r, 0, 1), y: Math.round(r()),
});
type Chain = ReturnType<typeof chainParams>;
const c = (p: unknown) => p as Chain;
const runChain = (p: Chain) => deltas(p.w.map((w) => [[w]]), p.b.map((b) => [b]), [p.x], [p.y]);
const describeChain = (p: Chain) => `a chain of three sigmoid neurons $x \\to a^1 \\to a^2 \\to a^3$ with weights $w^1 = ${p.w[0]}$, $w^2 = ${p.w[1]}$, $w^3 = ${p.w[2]}$, biases $b^1 = ${p.b[0]}$, $b^2 = ${p.b[1]}$, $b^3 = ${p.b[2]}$, input $x = ${p.x}$, target $y = ${p.y}$ and the quadratic cost $C = \\tfrac12 (a^3 - y)^2$`;

export const exercises: Exercise[] = [
  {
    id: 'vg-chain', version: '1', kind: 'number', title: 'The gradient of the first bias as a product', params: chainParams,
    prompt: (p) => `For ${describeChain(c(p))}, compute $\\partial C/\\partial b^1$ as the product $\\sigma'(z^1)\\, w^2\\, \\sigma'(z^2)\\, w^3\\, \\sigma'(z^3)\\,(a^3 - y)$.`,
    answer: (p) => runChain(c(p)).ds[0][0],
    slips: (p) => {
      const o = runChain(c(p));
      return [
        { name: 'last bias instead', value: o.ds[2][0], message: 'that is $\\partial C/\\partial b^3 = \\delta^3$, the last neuron’s; the first bias collects one more factor $w\\,\\sigma\'(z)$ per layer.' },
        { name: 'weights left out', value: o.ds[2][0] * sigmoidPrime(o.zs[0][0]) * sigmoidPrime(o.zs[1][0]), message: 'that multiplies the slopes only; every step back through BP2 also multiplies by the weight $w^{l+1}$.' },
      ];
    },
    hints: ['Forward: $z^1 = w^1 x + b^1$, $a^1 = \\sigma(z^1)$, and so on up to $a^3$.', "$\\delta^3 = (a^3 - y)\\sigma'(z^3)$, then $\\delta^2 = w^3 \\delta^3 \\sigma'(z^2)$ and $\\delta^1 = w^2 \\delta^2 \\sigma'(z^1)$."],
    solution: (p) => { const o = runChain(c(p)); return `$z = (${o.zs.map((z) => fmt(z[0], 4)).join(', ')})$, so $\\delta^3 = ${fmt(o.ds[2][0], 5)}$, $\\delta^2 = ${fmt(o.ds[1][0], 5)}$ and $\\partial C/\\partial b^1 = \\delta^1 = ${fmt(o.ds[0][0], 6)}$.`; },
  },
  {
    id: 'vg-bound', version: '1', kind: 'number', title: 'How small can the first layer’s error be made?', tol: { rel: 1e-6 },
    params: (r) => ({ c: [0.5, 1, 2, 3][Math.floor(r() * 4)], L: 3 + Math.floor(r() * 5) }),
    prompt: (p) => `A chain of $L = ${p.L}$ sigmoid neurons, one per layer, has every weight at most $${p.c}$ in size. By BP2, $\\delta^1 = \\delta^L \\prod_{l=1}^{L-1} w^{l+1} \\sigma'(z^l)$. What is the largest value $|\\delta^1| / |\\delta^L|$ can take, over all inputs and biases?`,
    answer: (p) => ((p.c as number) * sigmoidPrime(0)) ** ((p.L as number) - 1),
    slips: (p) => [
      { name: 'one factor too many', value: ((p.c as number) * sigmoidPrime(0)) ** (p.L as number), message: `there are $L - 1 = ${(p.L as number) - 1}$ factors between layer 1 and layer $L$, one per weight $w^2 \\dots w^L$.` },
      { name: 'slope bound left out', value: (p.c as number) ** ((p.L as number) - 1), message: "each factor also carries a $\\sigma'(z) \\le \\tfrac14$." },
    ],
    hints: ["$\\sigma'(z) \\le \\tfrac14$, with equality at $z = 0$.", 'Each of the $L - 1$ factors is at most $c/4$ in size, and all can reach it together when every $z^l = 0$.'],
    solution: (p) => `Each factor $|w^{l+1}\\sigma'(z^l)| \\le ${p.c} \\cdot \\tfrac14$, reached when every $z^l = 0$, so the largest ratio is $(${p.c}/4)^{${(p.L as number) - 1}} = ${fmt(((p.c as number) / 4) ** ((p.L as number) - 1), 6)}$.`,
  },
  {
    id: 'vg-unstable-width', version: '1', kind: 'number', title: 'The band where a factor exceeds 1', tol: { rel: 1e-4 },
    params: (r) => ({ w: [5, 6, 8, 10, 20, 50][Math.floor(r() * 6)] }),
    prompt: (p) => `A sigmoid neuron's weight is $w = ${p.w}$ and its bias $b$ is anything. Over what width of inputs $a$ is the factor $|w\\,\\sigma'(wa + b)|$ at least $1$?`,
    answer: (p) => unstableWidth(p.w as number),
    slips: (p) => { const w = p.w as number; const r = Math.sqrt(1 - 4 / w); return [
      { name: 'width in z, not in a', value: 2 * Math.log((1 + r) / (1 - r)), message: 'that is the width in $z$; since $z = wa + b$, the width in $a$ is $1/|w|$ of it.' },
    ]; },
    hints: ["$|w\\,\\sigma'(z)| \\ge 1$ means $s(1 - s) \\ge 1/|w|$ with $s = \\sigma(z)$.", 'The roots are $s_\\pm = (1 \\pm \\sqrt{1 - 4/|w|})/2$; $z = \\ln(s/(1-s))$, and $a = (z - b)/w$.'],
    solution: (p) => { const w = p.w as number; return `$s_\\pm = (1 \\pm \\sqrt{1 - 4/${w}})/2$; the $z$ between them span $2\\ln(s_+/s_-)$, and $a$ spans that divided by $${w}$: $\\frac{2}{${w}}\\ln\\frac{s_+}{s_-} = ${fmt(unstableWidth(w), 5)}$.`; },
  },
  {
    id: 'vg-which-layer', version: '1', kind: 'choice', multiple: false, title: 'Which layer learns slowest?',
    params: () => ({}),
    prompt: () => 'A freshly initialised sigmoid network has four hidden layers of 30 neurons, weights $\\mathcal N(0, 1)$. Which layer’s biases typically have the smallest gradient $\\lVert \\partial C/\\partial b^l \\rVert$?',
    options: [
      { id: 'first', text: 'The first hidden layer', correct: true },
      { id: 'last', text: 'The last hidden layer', correct: false, why: 'its error has the fewest factors $w\\,\\sigma\'$ between it and the output, so it is usually the largest of the hidden layers’.' },
      { id: 'same', text: 'All the same: the weights are drawn from one distribution', correct: false, why: 'the distribution is the same, but the error of layer $l$ is a product with one factor per later layer, each typically below 1 in size.' },
    ],
    hints: ['Write $\\delta^l$ as a product: how many factors does each layer’s error have?'],
    solution: () => 'The first hidden layer: its error is $\\nabla_a C$ times the most factors $(w)^{\\mathsf T}\\Sigma\'(z)$, each of size typically well below 1 for sigmoid neurons.',
  },
  {
    id: 'vg-remedy', version: '1', kind: 'choice', multiple: true, title: 'What keeps the factors near 1?',
    params: () => ({}),
    prompt: () => 'Which of these make the per-layer factors $(w^{l+1})^{\\mathsf T}\\Sigma\'(z^l)$ of a deep network closer to $1$ in size at the start of training? (Choose all that apply.)',
    options: [
      { id: 'relu-he', text: 'ReLU hidden neurons with He weights (variance 2 over the number of inputs)', correct: true },
      { id: 'tanh', text: 'tanh hidden neurons (slope 1 at z = 0) with weights of variance 1 over the number of inputs', correct: true },
      { id: 'ce', text: 'The cross-entropy cost instead of the quadratic', correct: false, why: 'it removes only the output layer’s factor $\\sigma\'(z^L)$; the hidden layers’ factors are unchanged.' },
      { id: 'small', text: 'Sigmoid neurons with smaller weights', correct: false, why: 'smaller weights make each factor $|w\\,\\sigma\'|$ smaller still: the product vanishes faster.' },
    ],
    hints: ['Each factor is a weight times a slope; the sigmoid’s slope is at most 1/4.'],
    solution: () => 'ReLU with He weights and tanh with scaled weights keep both the slopes (1 near z = 0 or where active) and the weights’ scale near what keeps the signal of order 1; the cross-entropy acts on the output layer only, and smaller sigmoid weights shrink the factors further.',
  },
];
