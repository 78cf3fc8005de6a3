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
    slips: (p) => [{ name: 'not normalised', values: (p.z as number[]).map(Math.exp), message: 'those are the exponentials $e^{z_j}$; divide each by their sum $S = \\sum_k e^{z_k}$ so that the outputs add up to $1$.' }],
    hints: ['$a_j = e^{z_j}/S$ with $S = \\sum_k e^{z_k}$.'],
    solution: (p) => `$a = ${vtex(softmax(p.z as number[]))}$.`,
  },
  {
    id: 'softmax-jacobian-entry', version: '1', kind: 'number', title: 'A softmax Jacobian entry', params: zp,
    prompt: (p) => `For $z = ${vtex(p.z as number[])}$, compute $\\partial a_1/\\partial z_2$ of the softmax.`,
    answer: (p) => softmaxAct.jacobian!(p.z as number[]).get(0, 1),
    hints: ['$\\partial a_j/\\partial z_k = a_j(\\mathbb 1_{j=k} - a_k)$, where $\\mathbb 1_{j=k}$ is $1$ if $j = k$ and $0$ otherwise.', 'For $j\\ne k$ this is $-a_j a_k$.'],
    slips: (p) => { const a = softmax(p.z as number[]); return [{ name: 'diagonal formula', value: a[0] * (1 - a[1]), message: 'that is $a_1(1 - a_2)$, the diagonal form $a_j(1 - a_j)$ with mixed indices; off the diagonal $\\partial a_j/\\partial z_k = -a_j a_k$.' }]; },
    solution: (p) => { const a = softmax(p.z as number[]); return `$-a_1a_2 = -(${a[0].toFixed(4)})(${a[1].toFixed(4)}) = ${(-a[0] * a[1]).toFixed(5)}$.`; },
  },
  {
    id: 'softmax-jacobian-expr', version: '1', kind: 'expression', title: 'The softmax Jacobian',
    params: () => ({}),
    prompt: () => 'Write the softmax Jacobian $\\partial a/\\partial z$ as a matrix in terms of $a$ (a column vector).',
    spec: { reference: 'diag(a) - a*a^T', variables: ['a'], sample: (r) => ({ a: prob(r, 3) }),
      slips: [{ expr: 'diag(a) - a^T*a', name: 'transpose on the wrong factor: $a^{\\mathsf T} a$ is a number, $a\\, a^{\\mathsf T}$ the outer product' }, { expr: 'a*a^T - diag(a)', name: 'sign error' }] },
    hints: ['Diagonal: $a_j(1-a_j)$. Off-diagonal: $-a_ja_k$.'],
    solution: () => '$\\partial a/\\partial z = \\mathrm{diag}(a) - aa^{\\mathsf T}$.',
  },
  {
    id: 'softmax-props', version: '1', kind: 'choice', multiple: true, title: 'Softmax properties',
    params: () => ({}),
    prompt: () => 'Which are true of softmax outputs?',
    options: [
      { id: 'sum', text: 'They sum to 1', correct: true },
      { id: 'shift', text: 'Adding a constant to every z leaves them unchanged', correct: true },
      { id: 'indep', text: 'Each output depends only on its own weighted input', correct: false, why: 'the denominator $S = \\sum_k e^{z_k}$ couples all outputs; raising $z_k$ lowers every other $a_j$.' },
      { id: 'neg', text: 'They can be negative', correct: false, why: 'exponentials are positive, so every $a_j > 0$.' },
    ],
    hints: ['Write out the denominator.'],
    solution: () => 'Positive ($e^{z_j} > 0$), sum to $1$, and unchanged by $z\\to z + t\\mathbf 1$ for any constant $t$, since the factor $e^{t}$ cancels between $e^{z_j + t}$ and $S$.',
  },
];
