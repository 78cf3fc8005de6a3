import type { Exercise } from '../types';
import { r2 } from '../types';
import { mtex, vtex } from '../calc';
import { mat } from './_shared';
import { augmentedWeights, Matrix } from '../../engine/index';

export const exercises: Exercise[] = [
  {
    id: 'augmented-bias', version: '1', kind: 'grid', rows: 2, cols: 3, title: 'The augmented-bias matrix',
    params: (r) => ({ W: [[r2(r, -1, 1), r2(r, -1, 1)], [r2(r, -1, 1), r2(r, -1, 1)]], b: [r2(r, -1, 1), r2(r, -1, 1)] }),
    prompt: (p) => `Append a constant input $1$ as the last entry of $a^{l-1}$. Write the $2\\times 3$ matrix $\\tilde w$ with $\\tilde w\\,(a^{l-1};1) = w a^{l-1} + b$ for $w = ${mtex(p.W as number[][])}$, $b = ${vtex(p.b as number[])}$.`,
    answer: (p) => augmentedWeights(Matrix.from(p.W as number[][]), p.b as number[]).transpose().toArray().flat(),
    // typing the chapter's row-form W̃ = [wᵀ; bᵀ] (3×2) into this 2×3 grid is recognised as the transpose by checkGrid
    slips: (p) => {
      const W = p.W as number[][]; const b = p.b as number[];
      return [
        { name: 'bias first', values: W.flatMap((row, j) => [b[j], ...row]), message: 'that puts b in the first column; the constant 1 is the last entry of (aˡ⁻¹; 1), so b is the last column: [w | b].' },
        { name: 'bias as a row', values: [...W.flat(), ...b], message: 'that stacks bᵀ as a row under w (a 3×2 matrix read row by row); w̃ acts on the column (aˡ⁻¹; 1), so b is appended as a column: [w | b].' },
      ];
    },
    hints: ['The extra input is always 1, so its weight plays the part of the bias.'],
    solution: (p) => `$\\tilde w = [\\,w \\mid b\\,] = ${mtex((p.W as number[][]).map((row, j) => [...row, (p.b as number[])[j]]))}$.`,
  },
  {
    id: 'batched-z-expr', version: '1', kind: 'expression', title: 'Weighted inputs for a minibatch',
    params: () => ({}),
    prompt: () => 'The columns of $X$ ($2\\times 4$) are four inputs. Write the $3\\times4$ matrix of weighted inputs, given $W$ ($3\\times2$) and a matrix $B$ ($3\\times 4$) whose columns all equal $b$.',
    spec: { reference: 'W*X + B', variables: ['W', 'X', 'B'], sample: (r) => { const b = mat(r, 3, 1); return { W: mat(r, 3, 2), X: mat(r, 2, 4), B: b.map((row) => [row[0], row[0], row[0], row[0]]) }; },
      slips: [{ expr: 'W .* X + B', name: '⊙ written where a matrix product belongs' }] },
    hints: ['Each column is $w x + b$ for one example.'],
    solution: () => '$Z = WX + B$.',
  },
  {
    id: 'batched-grad', version: '1', kind: 'expression', title: 'Summed weight gradient',
    params: () => ({}),
    prompt: () => 'Columns of $D$ ($3\\times4$) are the errors $\\delta^l$ of four examples; columns of $A$ ($2\\times 4$) their $a^{l-1}$. Write $\\sum_x \\delta^{x,l}(a^{x,l-1})^T$ as one matrix product.',
    spec: { reference: 'D * A^T', variables: ['D', 'A'], sample: (r) => ({ D: mat(r, 3, 4), A: mat(r, 2, 4) }), slips: [{ expr: 'A * D^T', name: 'transposed product (gives the 2×3 transpose)' }] },
    hints: ['$\\sum_x d_x a_x^T$ is a sum of outer products of matching columns.'],
    solution: () => '$D A^T$.',
  },
  {
    id: 'matrix-shapes', version: '1', kind: 'choice', multiple: true, title: 'Shapes in matrix form',
    params: () => ({}),
    prompt: () => 'With examples as columns, a layer of 30 neurons fed by 784 inputs and a minibatch of 10, which shapes are right?',
    options: [
      { id: 'w', text: 'w is 30×784', correct: true },
      { id: 'z', text: 'Z is 30×10', correct: true },
      { id: 'wT', text: 'w is 784×30', correct: false, why: 'rows of $w$ index the later layer: $w_{jk}$ goes from $k$ to $j$.' },
      { id: 'gw', text: '∇w C is 30×10', correct: false, why: 'the gradient has the shape of $w$, whatever the batch size.' },
    ],
    hints: ['$w$ maps a 784-vector to a 30-vector.'],
    solution: () => '$w$: $30\\times784$; $Z = wX + B$: $30\\times10$; $\\nabla_w C$: $30\\times 784$.',
  },
];
