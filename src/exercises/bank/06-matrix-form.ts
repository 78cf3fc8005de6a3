import type { Exercise } from '../types';
import { r2 } from '../types';
import { mtex, vtex } from '../calc';
import { mat } from './_shared';
import { augmentedWeights, Matrix } from '../../engine/index';

// Chapter 6's batch convention: examples in rows, X (m × n₀), Zˡ = Aˡ⁻¹ Wˡ + 1 (bˡ)ᵀ with the
// row-form weights Wˡ = (wˡ)ᵀ, and the error matrix Eˡ whose row i is (δˡ of example i)ᵀ.
export const exercises: Exercise[] = [
  {
    id: 'augmented-bias', version: '2', kind: 'grid', rows: 3, cols: 2, title: 'The augmented-bias matrix',
    // W holds the per-example weight matrix w (2 × 2), b the bias b
    params: (r) => ({ W: [[r2(r, -1, 1), r2(r, -1, 1)], [r2(r, -1, 1), r2(r, -1, 1)]], b: [r2(r, -1, 1), r2(r, -1, 1)] }),
    prompt: (p) => `A layer has weights $w = ${mtex(p.W as number[][])}$ and bias $b = ${vtex(p.b as number[])}$, so in row form $W = w^{\\mathsf T}$. Append a constant $1$ as the last entry of the row $(a^{l-1})^{\\mathsf T}$. Write the $3\\times 2$ matrix $\\tilde W$ with $\\begin{bmatrix} (a^{l-1})^{\\mathsf T} & 1 \\end{bmatrix} \\tilde W = (a^{l-1})^{\\mathsf T} W + b^{\\mathsf T}$.`,
    answer: (p) => augmentedWeights(Matrix.from(p.W as number[][]), p.b as number[]).toArray().flat(),
    // typing the column form [w | b] (2×3) into this 3×2 grid is recognised as the transpose by checkGrid
    slips: (p) => {
      const W = p.W as number[][]; const b = p.b as number[];
      const Wrow = Matrix.from(W).transpose().toArray();
      return [
        { name: 'bias first', values: [...b, ...Wrow.flat()], message: 'that puts $b^{\\mathsf T}$ in the first row; the constant $1$ is the last entry of $\\begin{bmatrix} (a^{l-1})^{\\mathsf T} & 1 \\end{bmatrix}$, so $b^{\\mathsf T}$ is the last row: $\\tilde W = \\begin{bmatrix} W \\\\ b^{\\mathsf T} \\end{bmatrix}$.' },
        { name: 'w for W', values: [...W.flat(), ...b], message: 'that stacks $w$ itself over $b^{\\mathsf T}$; the row form multiplies the row $(a^{l-1})^{\\mathsf T}$ by $W = w^{\\mathsf T}$, so the top block is $w^{\\mathsf T}$.' },
      ];
    },
    hints: ['The extra input is always $1$, so its weights (the last row) play the part of the bias.', 'Column $j$ of $\\tilde W$ feeds neuron $j$: the weights into neuron $j$ (row $j$ of $w$), then $b_j$.'],
    solution: (p) => `$\\tilde W = \\begin{bmatrix} w^{\\mathsf T} \\\\ b^{\\mathsf T} \\end{bmatrix} = ${mtex(augmentedWeights(Matrix.from(p.W as number[][]), p.b as number[]).toArray())}$.`,
  },
  {
    id: 'batched-z-expr', version: '2', kind: 'expression', title: 'Weighted inputs for a minibatch',
    params: () => ({}),
    prompt: () => 'The rows of $X$ ($4\\times 2$) are four inputs, one example per row. A layer of $3$ neurons has weights $w$ ($3\\times 2$) and a matrix $B$ ($4\\times 3$) whose rows all equal $b^{\\mathsf T}$. Write the $4\\times 3$ matrix $Z$ of weighted inputs (row $i$ is $(z^{(i)})^{\\mathsf T}$). Write $w^{\\mathsf T}$ as `w^T`.',
    spec: { reference: 'X*w^T + B', variables: ['X', 'w', 'B'], sample: (r) => { const b = mat(r, 1, 3)[0]; return { X: mat(r, 4, 2), w: mat(r, 3, 2), B: [b, b, b, b] }; },
      slips: [
        { expr: 'X*w + B', name: 'missing transpose: with examples in rows the weights act as $W = w^{\\mathsf T}$, so $Z = X w^{\\mathsf T} + B$' },
        { expr: 'w*X^T + B', name: 'the column form: $w X^{\\mathsf T}$ has one example per column ($3\\times 4$); with examples in rows it is $X w^{\\mathsf T}$' },
      ] },
    hints: ['Row $i$ of $Z$ is $(w x^{(i)} + b)^{\\mathsf T} = (x^{(i)})^{\\mathsf T} w^{\\mathsf T} + b^{\\mathsf T}$.', 'Stack those rows: $(x^{(i)})^{\\mathsf T}$ is row $i$ of $X$.'],
    solution: () => '$Z = X W + B = X w^{\\mathsf T} + B$, the row form with $W = w^{\\mathsf T}$.',
  },
  {
    id: 'batched-grad', version: '2', kind: 'expression', title: 'Summed weight gradient',
    params: () => ({}),
    prompt: () => 'The rows of $E$ ($4\\times 3$) are the errors $(\\delta^{l,(i)})^{\\mathsf T}$ of four examples; the rows of $A$ ($4\\times 2$) are their $(a^{l-1,(i)})^{\\mathsf T}$. Write $\\partial C_{\\text{sum}}/\\partial w^l = \\sum_i \\delta^{l,(i)}(a^{l-1,(i)})^{\\mathsf T}$ (a $3\\times 2$ matrix, the shape of $w^l$) as one matrix product.',
    spec: { reference: 'E^T * A', variables: ['E', 'A'], sample: (r) => ({ E: mat(r, 4, 3), A: mat(r, 4, 2) }),
      slips: [
        { expr: 'A^T * E', name: 'transposed: $A^{\\mathsf T} E$ ($2\\times 3$) is $\\partial C_{\\text{sum}}/\\partial W^l$, the gradient in the row form $W = w^{\\mathsf T}$' },
        { expr: 'E * A^T', name: 'the column-form product $D A^{\\mathsf T}$ on row matrices: $E A^{\\mathsf T}$ is $(4\\times 3)(2\\times 4)$ and does not fit; with examples in rows the sum over the examples is $E^{\\mathsf T} A$' },
      ] },
    hints: ['Entry $(j, k)$ of the sum is $\\sum_i E_{ij} A_{ik}$: a sum over the rows (the examples).', 'Which product of $E$ and $A$ sums over their common row index?'],
    solution: () => '$\\partial C_{\\text{sum}}/\\partial w^l = E^{\\mathsf T} A$; divide by $m = 4$ for the mean cost $C$.',
  },
  {
    id: 'matrix-shapes', version: '2', kind: 'choice', multiple: true, title: 'Shapes in matrix form',
    params: () => ({}),
    prompt: () => 'With examples in rows, a layer of $30$ neurons fed by $784$ inputs and a minibatch of $m = 10$ examples: which shapes are right?',
    options: [
      { id: 'w', text: 'w is 30×784', correct: true },
      { id: 'W', text: 'W = wᵀ is 784×30', correct: true },
      { id: 'z', text: 'Z is 10×30', correct: true },
      { id: 'zT', text: 'Z is 30×10', correct: false, why: 'that is the column form, one example per column; with examples in rows $Z = XW + \\mathbf 1 b^{\\mathsf T}$ has one row per example: $10\\times 30$.' },
      { id: 'gw', text: 'the gradient ∂C/∂w is 30×10', correct: false, why: 'the gradient has the shape of $w$, $30\\times 784$, whatever the batch size.' },
    ],
    hints: ['$w$ maps a $784$-vector to a $30$-vector; $W = w^{\\mathsf T}$ acts on rows.', '$X$ is $10\\times 784$.'],
    solution: () => '$w$: $30\\times784$; $W = w^{\\mathsf T}$: $784\\times 30$; $Z = XW + \\mathbf 1 b^{\\mathsf T}$: $(10\\times 784)(784\\times 30) = 10\\times30$; $\\partial C/\\partial w$: $30\\times 784$.',
  },
];
