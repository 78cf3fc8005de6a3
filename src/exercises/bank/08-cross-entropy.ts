import type { Exercise } from '../types';
import { r2 } from '../types';
import { sigmoid, fmt } from '../calc';
import { col, prob } from './_shared';
import { backprop, createNetwork, crossEntropy, sigmoidPrimeScalar } from '../../engine/index';

export const exercises: Exercise[] = [
  {
    id: 'ce-minimiser', version: '1', kind: 'number', title: 'Where cross-entropy is smallest',
    params: (r) => ({ y: r2(r, 0.1, 0.9) }),
    prompt: (p) => `For a fixed target $y = ${p.y}$, which $a\\in(0,1)$ minimises $C = -[y\\ln a + (1-y)\\ln(1-a)]$?`,
    answer: (p) => p.y as number,
    hints: ['Set $\\partial C/\\partial a = 0$.', '$\\partial C/\\partial a = (a-y)/(a(1-a))$.'],
    solution: (p) => `$\\partial C/\\partial a = (a - y)/(a(1-a)) = 0$ gives $a = y = ${p.y}$.`,
  },
  {
    id: 'ce-delta-expr', version: '1', kind: 'expression', title: 'δᴸ for cross-entropy',
    params: () => ({}),
    prompt: () => 'For sigmoid output neurons with cross-entropy cost, write $\\delta^L$ in terms of $a$ and $y$.',
    spec: { reference: 'a - y', variables: ['a', 'y', 'z'], sample: (r) => ({ a: prob(r, 3), y: col(r, 3, 0, 1), z: col(r, 3, -2, 2) }),
      slips: [{ expr: '(a - y) .* sigmap(z)', name: "an extra $\\sigma'(z)$: the cross-entropy cancels it" }, { expr: 'y - a', name: 'sign error' }] },
    hints: ['$\\partial C/\\partial a = (a-y)/(a(1-a))$.', "Multiply by $\\sigma'(z) = a(1-a)$."],
    solution: () => '$\\delta^L = a^L - y$: the $\\sigma\'(z)$ cancels.',
  },
  {
    id: 'ce-weight-grad', version: '1', kind: 'expression', title: 'Cross-entropy weight gradient',
    params: () => ({}),
    prompt: () => 'Single sigmoid neuron with cross-entropy: write $\\partial C/\\partial w_j$ in terms of $a$, $y$ and $x$ (= $x_j$).',
    spec: { reference: '(a - y)*x', variables: ['a', 'y', 'x'], sample: (r) => ({ a: 0.05 + 0.9 * r(), y: r(), x: 2 * r() - 1 }), slips: [{ expr: '(y - a)*x', name: 'sign error' }, { expr: '(a-y)*x*a*(1-a)', name: "an extra $\\sigma'(z) = a(1-a)$" }] },
    hints: ['Chain rule through $z = w\\cdot x + b$.'],
    solution: () => '$\\partial C/\\partial w_j = x_j(a - y)$.',
  },
  {
    id: 'ce-value', version: '1', kind: 'number', title: 'Cross-entropy of one output',
    params: (r) => ({ z: r2(r, -2, 2), y: Math.round(r()) }),
    prompt: (p) => `An output neuron has $z = ${p.z}$ and target $y = ${p.y}$. Compute $C = -[y\\ln a + (1-y)\\ln(1-a)]$.`,
    answer: (p) => crossEntropy.value([sigmoid(p.z as number)], [p.y as number]),
    slips: (p) => { const a = sigmoid(p.z as number); const y = p.y as number; return [{ name: 'log base 10', value: -(y * Math.log10(a) + (1 - y) * Math.log10(1 - a)), message: 'that uses $\\log_{10}$; the cross-entropy uses the natural logarithm $\\ln$.' }]; },
    hints: ['$a = \\sigma(z)$; only one of the two terms is non-zero when $y\\in\\{0,1\\}$.'],
    solution: (p) => { const a = sigmoid(p.z as number); const y = p.y as number; return `$a = \\sigma(${p.z}) = ${fmt(a, 4)}$; with $y = ${y}$ only the term $-${y === 1 ? '\\ln a' : '\\ln(1-a)'}$ remains, so $C = ${fmt(crossEntropy.value([a], [y]), 4)}$.`; },
  },
];

// the chapter's problems: a linear output with the quadratic cost; the swapped cross-entropy; the excess over the minimum
/** ∂C/∂w of one linear output neuron a = w x + b with the quadratic cost, by the engine's backprop */
const linearOutputGrad = (w: number, b: number, x: number, y: number) => {
  const net = createNetwork({ sizes: [1, 1], activations: 'linear', cost: 'quadratic', seed: 1 });
  net.weights[0].data[0] = w; net.biases[0][0] = b;
  return backprop(net, [x], [y]).nablaW[0].data[0];
};
/** C(a) − C(y): how much the cross-entropy at a exceeds its minimum, at a = y */
const ceExcess = (a: number, y: number) => crossEntropy.value([a], [y]) - crossEntropy.value([y], [y]);
exercises.push(
  {
    id: 'linear-output-grad', version: '1', kind: 'number', title: 'A linear output neuron',
    params: (r) => ({ w: r2(r, -2, 2), b: r2(r, -2, 2), x: r2(r, 0.1, 1), y: r2(r, -1, 1) }),
    prompt: (p) => `An output neuron is linear, $a = z = w x + b$, with $w = ${p.w}$, $b = ${p.b}$, input activation $x = ${p.x}$, and the quadratic cost $C = \\tfrac12 (a - y)^2$ with $y = ${p.y}$. What is $\\partial C/\\partial w$?`,
    answer: (p) => linearOutputGrad(p.w as number, p.b as number, p.x as number, p.y as number),
    slips: (p) => {
      const z = (p.w as number) * (p.x as number) + (p.b as number);
      return [{ name: 'sigmoid habit', value: (p.x as number) * (z - (p.y as number)) * sigmoidPrimeScalar(z), message: 'that multiplies by $\\sigma\'(z)$; a linear neuron has $\\partial a/\\partial z = 1$, so $\\delta = a - y$.' }];
    },
    hints: ['BP1 with $\\partial a/\\partial z = 1$: $\\delta = a - y$.', 'BP4: $\\partial C/\\partial w = x\\,\\delta$.'],
    solution: (p) => {
      const z = (p.w as number) * (p.x as number) + (p.b as number);
      return `$a = ${p.w}\\cdot ${p.x} + (${p.b}) = ${fmt(z, 4)}$, $\\delta = a - y = ${fmt(z - (p.y as number), 4)}$, and $\\partial C/\\partial w = x\\,\\delta = ${fmt(linearOutputGrad(p.w as number, p.b as number, p.x as number, p.y as number), 4)}$: no $\\sigma'$ factor, so no slowdown.`;
    },
  },
  {
    id: 'ce-swapped', version: '1', kind: 'choice', multiple: false, title: 'y and a swapped',
    params: () => ({}),
    prompt: () => 'A sigmoid output gives $a = 0.8$ for a target $y = 1$. What is the swapped expression $-[a \\ln y + (1-a)\\ln(1-y)]$?',
    options: [
      { id: 'inf', text: 'Infinite: it contains (1 − a) ln 0 with 1 − a > 0', correct: true },
      { id: 'right', text: '−ln 0.8 ≈ 0.223', correct: false, why: 'that is the right cross-entropy $-[y \\ln a + (1-y)\\ln(1-a)]$; the swapped one takes $\\ln(1 - y) = \\ln 0$.' },
      { id: 'zero', text: '0, since ln 1 = 0', correct: false, why: 'the first term vanishes, but the second is $(1 - a)\\ln(1 - y) = 0.2 \\ln 0$, which is $-\\infty$.' },
    ],
    hints: ['Which logarithm has argument $1 - y$?'],
    solution: () => 'With $y = 1$, $\\ln(1 - y) = \\ln 0 = -\\infty$ and its factor $1 - a = 0.2$ is not zero: the expression is $+\\infty$ for every output short of exactly 1. The right form takes logarithms of $a$ and $1 - a$ only, both finite for a sigmoid output.',
  },
  {
    id: 'ce-excess', version: '1', kind: 'number', title: 'The price of a wrong belief',
    params: (r) => ({ y: r2(r, 0.1, 0.9), a: r2(r, 0.05, 0.95) }),
    prompt: (p) => `For a target $y = ${p.y}$, by how much does the cross-entropy at $a = ${p.a}$ exceed its smallest value (which it takes at $a = y$)? Use natural logarithms.`,
    answer: (p) => ceExcess(p.a as number, p.y as number),
    slips: (p) => [{ name: 'cost itself', value: crossEntropy.value([p.a as number], [p.y as number]), message: 'that is the cost at $a$ itself; subtract its value at $a = y$, the entropy $-[y\\ln y + (1-y)\\ln(1-y)]$.' }],
    hints: ['The minimum is at $a = y$: $C(y) = -[y\\ln y + (1-y)\\ln(1-y)]$.', 'The difference is $y\\ln(y/a) + (1-y)\\ln((1-y)/(1-a))$, the Kullback–Leibler divergence.'],
    solution: (p) => `$C(a) - C(y) = ${p.y}\\ln\\frac{${p.y}}{${p.a}} + ${fmt(1 - (p.y as number), 2)}\\ln\\frac{${fmt(1 - (p.y as number), 2)}}{${fmt(1 - (p.a as number), 2)}} = ${fmt(ceExcess(p.a as number, p.y as number), 4)}$.`,
  },
);
