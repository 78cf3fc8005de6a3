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

// the chapter's problem: where the name comes from (softmax of κz, and its κ → ∞ limit), answers from the engine's softmax
const scaledSoftmax = (z: number[], kappa: number) => Array.from(softmaxAct.fn(z.map((v) => kappa * v)));
/** three distinct whole numbers in −3…3 (no tie for the largest) */
const distinct = (r: () => number) => {
  const pool = [-3, -2, -1, 0, 1, 2, 3];
  return [0, 1, 2].map(() => pool.splice(Math.floor(r() * pool.length), 1)[0]);
};
const argmax = (z: number[]) => z.indexOf(Math.max(...z));
exercises.push(
  {
    id: 'softmax-kappa', version: '1', kind: 'number', title: 'A sharper softmax',
    params: (r) => ({ z: [r2(r, -1, 1), r2(r, -1, 1), r2(r, -1, 1)], kappa: [2, 3, 5, 10][Math.floor(r() * 4)] }),
    prompt: (p) => `With $a_j = e^{\\kappa z_j}/\\sum_k e^{\\kappa z_k}$, $z = ${vtex(p.z as number[])}$ and $\\kappa = ${p.kappa}$, what is the largest output $a_j$?`,
    answer: (p) => Math.max(...scaledSoftmax(p.z as number[], p.kappa as number)),
    slips: (p) => [{ name: 'κ left out', value: Math.max(...scaledSoftmax(p.z as number[], 1)), message: 'that is the plain softmax ($\\kappa = 1$); multiply every $z_k$ by $\\kappa$ first.' }],
    hints: ['It is the softmax of the vector $\\kappa z$.', 'The largest output belongs to the largest $z_j$.'],
    solution: (p) => {
      const a = scaledSoftmax(p.z as number[], p.kappa as number);
      return `The softmax of $\\kappa z = ${vtex((p.z as number[]).map((v) => (p.kappa as number) * v))}$ is $${vtex(a)}$; the largest entry is $${Math.max(...a).toFixed(4)}$, at the largest $z_j$.`;
    },
  },
  {
    id: 'softmax-limit', version: '1', kind: 'grid', rows: 3, cols: 1, title: 'Softmax as κ → ∞',
    params: (r) => ({ z: distinct(r) }),
    prompt: (p) => `For $z = ${vtex(p.z as number[])}$, what does $a = \\bigl(e^{\\kappa z_j}/\\sum_k e^{\\kappa z_k}\\bigr)_j$ tend to as $\\kappa \\to \\infty$?`,
    answer: (p) => scaledSoftmax(p.z as number[], 1e4),
    slips: (p) => [
      { name: 'κ = 1', values: scaledSoftmax(p.z as number[], 1), message: 'that is the softmax at $\\kappa = 1$; as $\\kappa$ grows the largest entry takes all the probability.' },
      { name: 'uniform', values: [1 / 3, 1 / 3, 1 / 3], message: 'that is the limit $\\kappa \\to 0$; as $\\kappa \\to \\infty$ the gaps between the $\\kappa z_j$ grow, and the largest wins.' },
    ],
    hints: ['Write $a_j = 1/\\sum_k e^{\\kappa (z_k - z_j)}$.', 'For the largest $z_j$ every other term tends to $0$.'],
    solution: (p) => {
      const z = p.z as number[]; const j = argmax(z);
      return `The largest entry is $z_${j + 1} = ${z[j]}$, so $a \\to ${vtex(z.map((_, i) => (i === j ? 1 : 0)))}$: a $1$ at the maximum, $0$ elsewhere (the engine's softmax at $\\kappa = 10^4$ gives exactly that).`;
    },
  },
);
