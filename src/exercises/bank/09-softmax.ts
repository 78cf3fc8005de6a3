import type { Exercise } from '../types';
import { r2 } from '../types';
import { softmax, vtex } from '../calc';
import { prob } from './_shared';
import { softmax as softmaxAct } from '../../engine/index';

const zp = (r: () => number) => ({ z: [r2(r, -2, 2), r2(r, -2, 2), r2(r, -2, 2)] });

export const exercises: Exercise[] = [
  {
    id: 'softmax-values', version: '1', kind: 'grid', rows: 3, cols: 1, title: 'Softmax of a vector', params: zp,
    prompt: (p) => `Compute $a = \\mathrm{softmax}(z)$ for $z = ${vtex(p.z as number[])}$.`,
    answer: (p) => softmax(p.z as number[]),
    slips: (p) => [{ name: 'not normalised', values: (p.z as number[]).map(Math.exp), message: 'those are the exponentials $e^{z_j}$; divide each by their sum $\\sum_k e^{z_k}$ so that the outputs add up to 1.' }],
    hints: ['$a_j = e^{z_j}/\\sum_k e^{z_k}$.'],
    solution: (p) => `$a = ${vtex(softmax(p.z as number[]))}$.`,
  },
  {
    id: 'softmax-jacobian-entry', version: '1', kind: 'number', title: 'A softmax Jacobian entry', params: zp,
    prompt: (p) => `For $z = ${vtex(p.z as number[])}$, compute $\\partial a_1/\\partial z_2$ of the softmax.`,
    answer: (p) => softmaxAct.jacobian!(p.z as number[]).get(0, 1),
    hints: ['$\\partial a_j/\\partial z_k = a_j(\\delta_{jk} - a_k)$.', 'For $j\\ne k$ this is $-a_j a_k$.'],
    slips: (p) => { const a = softmax(p.z as number[]); return [{ name: 'diagonal formula', value: a[0] * (1 - a[1]), message: 'that is a₁(1 − a₂), the diagonal form a_j(1 − a_j) with mixed indices; off the diagonal ∂a_j/∂z_k = −a_j a_k.' }]; },
    solution: (p) => { const a = softmax(p.z as number[]); return `$-a_1a_2 = -(${a[0].toFixed(4)})(${a[1].toFixed(4)}) = ${(-a[0] * a[1]).toFixed(5)}$.`; },
  },
  {
    id: 'softmax-jacobian-expr', version: '1', kind: 'expression', title: 'The softmax Jacobian',
    params: () => ({}),
    prompt: () => 'Write the softmax Jacobian $\\partial a/\\partial z$ as a matrix in terms of $a$ (a column vector).',
    spec: { reference: 'diag(a) - a*a^T', variables: ['a'], sample: (r) => ({ a: prob(r, 3) }),
      slips: [{ expr: 'diag(a) - a^T*a', name: 'missing transpose placement: aᵀa is a number, a aᵀ the outer product' }, { expr: 'a*a^T - diag(a)', name: 'sign error' }] },
    hints: ['Diagonal: $a_j(1-a_j)$. Off-diagonal: $-a_ja_k$.'],
    solution: () => '$\\partial a/\\partial z = \\mathrm{diag}(a) - aa^T$.',
  },
  {
    id: 'softmax-props', version: '1', kind: 'choice', multiple: true, title: 'Softmax properties',
    params: () => ({}),
    prompt: () => 'Which are true of softmax outputs?',
    options: [
      { id: 'sum', text: 'They sum to 1', correct: true },
      { id: 'shift', text: 'Adding a constant to every z leaves them unchanged', correct: true },
      { id: 'indep', text: 'Each a_j depends only on z_j', correct: false, why: 'the denominator couples all outputs; raising $z_k$ lowers every other $a_j$.' },
      { id: 'neg', text: 'They can be negative', correct: false, why: 'exponentials are positive, so every $a_j > 0$.' },
    ],
    hints: ['Write out the denominator.'],
    solution: () => 'Positive, sum to 1, and invariant to $z\\to z + c\\mathbf 1$ since $e^c$ cancels.',
  },
];
