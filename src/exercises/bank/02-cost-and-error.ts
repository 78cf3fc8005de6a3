import type { Exercise } from '../types';
import { r2 } from '../types';
import { sigmoid, sigmoidPrime, fmt } from '../calc';
import { col, prob } from './_shared';
import { quadratic, sigmoid as sigmoidAct } from '../../engine/index';

export const exercises: Exercise[] = [
  {
    id: 'quadratic-cost', version: '1', kind: 'number', title: 'Quadratic cost of one example',
    params: (r) => ({ a1: r2(r, 0, 1), a2: r2(r, 0, 1), y1: Math.round(r()), y2: Math.round(r()) }),
    prompt: (p) => `With $C_x = \\tfrac12\\|y - a^L\\|^2$, compute $C_x$ for $a^L = (${p.a1}, ${p.a2})$ and $y = (${p.y1}, ${p.y2})$.`,
    answer: (p) => quadratic.value([p.a1 as number, p.a2 as number], [p.y1 as number, p.y2 as number]),
    slips: (p) => [{ name: 'missing ½', value: 2 * quadratic.value([p.a1 as number, p.a2 as number], [p.y1 as number, p.y2 as number]), message: 'that is $\\lVert y - a^L\\rVert^2$ without the factor $\\tfrac12$.' }],
    hints: ['Square each difference.', 'Do not forget the factor $\\tfrac12$.'],
    solution: (p) => `$\\tfrac12[(${p.y1}-${p.a1})^2 + (${p.y2}-${p.a2})^2] = ${fmt(0.5 * (((p.y1 as number) - (p.a1 as number)) ** 2 + ((p.y2 as number) - (p.a2 as number)) ** 2), 4)}$.`,
  },
  {
    id: 'sigmoid-prime-expr', version: '1', kind: 'expression', title: 'σ′ in terms of the activation',
    params: () => ({}),
    prompt: () => "Write $\\sigma'(z)$ in terms of $a = \\sigma(z)$ only.",
    spec: { reference: 'a .* (1 - a)', variables: ['a'], sample: (r) => ({ a: 0.05 + 0.9 * r() }), slips: [{ expr: '1 - a', name: 'missing factor $a$' }, { expr: 'a*(a-1)', name: 'sign error' }] },
    hints: ["Differentiate $1/(1+e^{-z})$.", "$\\sigma'(z) = e^{-z}/(1+e^{-z})^2$; write both factors with $\\sigma$."],
    solution: () => "$\\sigma'(z) = \\sigma(z)(1-\\sigma(z)) = a(1-a)$.",
  },
  {
    id: 'error-definition', version: '1', kind: 'choice', multiple: false, title: 'What δ measures',
    params: () => ({}),
    prompt: () => 'The error $\\delta^l_j$ of neuron $j$ in layer $l$ is defined as',
    options: [
      { id: 'dz', text: '∂C/∂z of that neuron', correct: true },
      { id: 'da', text: '∂C/∂a of that neuron', correct: false, why: 'the error is taken with respect to the weighted input $z$, not the activation; the two differ by $\\sigma\'(z)$.' },
      { id: 'ay', text: 'a − y for that neuron', correct: false, why: 'that is $\\nabla_a C$ for the quadratic cost at the output only, not the definition of $\\delta$.' },
    ],
    hints: ['Imagine adding a small change $\\Delta z^l_j$ to the neuron\'s weighted input.'],
    solution: () => '$\\delta^l_j \\equiv \\partial C/\\partial z^l_j$.',
  },
  {
    id: 'output-error-number', version: '1', kind: 'number', title: 'Output error of one neuron',
    params: (r) => ({ z: r2(r, -2, 2), y: Math.round(r()) }),
    prompt: (p) => `A sigmoid output neuron with quadratic cost has $z^L = ${p.z}$ and target $y = ${p.y}$. Compute $\\delta^L = (a^L - y)\\,\\sigma'(z^L)$.`,
    answer: (p) => quadratic.delta([p.z as number], [sigmoid(p.z as number)], [p.y as number], sigmoidAct)[0],
    slips: (p) => [{ name: 'missing σ′(z)', value: sigmoid(p.z as number) - (p.y as number), message: "that is $a^L - y$ without the factor $\\sigma'(z^L) = a^L(1 - a^L)$." }],
    hints: ['$a^L = \\sigma(z^L)$.', "$\\sigma'(z) = \\sigma(z)(1-\\sigma(z))$."],
    solution: (p) => { const a = sigmoid(p.z as number); return `$a^L = ${fmt(a, 4)}$, $\\sigma'(z^L) = ${fmt(sigmoidPrime(p.z as number), 4)}$, so $\\delta^L = ${fmt((a - (p.y as number)) * sigmoidPrime(p.z as number), 4)}$.`; },
  },
  {
    id: 'grad-a-quadratic', version: '1', kind: 'expression', title: '∇ₐC for the quadratic cost',
    params: () => ({}),
    prompt: () => 'For $C = \\tfrac12\\|y - a\\|^2$, write $\\nabla_a C$ in terms of $a$ and $y$.',
    spec: { reference: 'a - y', variables: ['a', 'y'], sample: (r) => ({ a: prob(r, 3), y: col(r, 3, 0, 1) }), slips: [{ expr: 'y - a', name: 'sign error' }] },
    hints: ['Differentiate $\\tfrac12 (y_j - a_j)^2$ with respect to $a_j$.'],
    solution: () => '$\\nabla_a C = a - y$.',
  },
];
