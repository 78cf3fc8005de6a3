import type { Exercise } from '../types';
import { r2 } from '../types';
import { sigmoid, fmt } from '../calc';
import { col, prob } from './_shared';
import { crossEntropy } from '../../engine/index';

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
