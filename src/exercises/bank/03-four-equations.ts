import type { Exercise } from '../types';
import { r2 } from '../types';
import { sigmoidPrime, matVec, matTVec, had, fmt, vtex, mtex } from '../calc';
import { col, mat, prob } from './_shared';
import { kron, Matrix } from '../../engine/index';
import { MODEL_FORMAT, fromJSON, pathCount, sigmoid as sigmoidAct, weightPaths } from '../../engine/index';

/** Paths from a layer-1 weight of a sigmoid network [n0, n1, n2, n3], by the engine's pathCount. */
const layer1Paths = (p: Record<string, unknown>) => pathCount({ sizes: [p.n0 as number, p.n1 as number, p.n2 as number, p.n3 as number], activations: [sigmoidAct, sigmoidAct, sigmoidAct] }, 1);
/** The 1 → 1 → 2 sigmoid network of the path exercise, from its parameters. */
const pathNet = (p: Record<string, unknown>) => fromJSON({ format: MODEL_FORMAT, sizes: [1, 1, 2], activations: ['sigmoid', 'sigmoid'], cost: 'quadratic', weights: [[[p.w1 as number]], [[p.v1 as number], [p.v2 as number]]], biases: [[p.b1 as number], [p.c1 as number, p.c2 as number]] });

export const exercises: Exercise[] = [
  {
    id: 'bp1-expr', version: '1', kind: 'expression', title: 'BP1 in vector form',
    params: () => ({}),
    prompt: () => "Write $\\delta^L$ for the quadratic cost in terms of $a$ (= $a^L$), $y$ and $z$ (= $z^L$). Use `.*` for $\\odot$ and `sigmap(z)` for $\\sigma'(z)$.",
    spec: { reference: '(a - y) .* sigmap(z)', variables: ['a', 'y', 'z'], sample: (r) => ({ a: prob(r, 3), y: col(r, 3, 0, 1), z: col(r, 3, -2, 2) }),
      slips: [{ expr: 'a - y', name: "missing $\\sigma'(z)$: $a - y$ is the output error of the cross-entropy cost, not of the quadratic cost" }, { expr: '(y - a) .* sigmap(z)', name: 'sign error' }] },
    hints: ['$\\delta^L_j = \\partial C/\\partial a^L_j \\cdot \\sigma\'(z^L_j)$.', 'For quadratic cost $\\nabla_a C = a - y$.'],
    solution: () => "$\\delta^L = (a^L - y)\\odot\\sigma'(z^L)$ (BP1).",
  },
  {
    id: 'bp2-expr', version: '2', kind: 'expression', title: 'BP2 in vector form',
    params: () => ({}),
    prompt: () => "Write $\\delta^l$ in terms of the next layer's weights $w$ (= $w^{l+1}$, shape $3\\times 2$: $n_{l+1} = 3$, $n_l = 2$), its error $d$ (= $\\delta^{l+1}$) and $z$ (= $z^l$). Write $w^{\\mathsf T}$ as `w^T`, $\\odot$ as `.*` and $\\sigma'(z)$ as `sigmap(z)`.",
    spec: { reference: '(w^T * d) .* sigmap(z)', variables: ['w', 'd', 'z'], sample: (r) => ({ w: mat(r, 3, 2), d: col(r, 3), z: col(r, 2, -2, 2) }),
      slips: [{ expr: 'w^T * d', name: "missing $\\sigma'(z^l)$" }, { expr: '-(w^T * d) .* sigmap(z)', name: 'sign error' }] },
    // a missing transpose (W d) and ⊙ swapped with a matrix product are found by editing the
    // reader's own expression and evaluating the variants (checkExpression, structural slips)
    hints: ['The error moves backwards through the transpose of the weights.', "Then multiply element-wise by $\\sigma'(z^l)$."],
    solution: () => "$\\delta^l = ((w^{l+1})^{\\mathsf T}\\delta^{l+1})\\odot\\sigma'(z^l)$ (BP2).",
  },
  {
    id: 'bp2-numbers', version: '1', kind: 'grid', rows: 2, cols: 1, title: 'BP2 with numbers',
    params: (r) => ({ W: [[r2(r, -1, 1), r2(r, -1, 1)], [r2(r, -1, 1), r2(r, -1, 1)]], d: [r2(r, -0.5, 0.5), r2(r, -0.5, 0.5)], z: [r2(r, -1, 1), r2(r, -1, 1)] }),
    prompt: (p) => `Given $w^{l+1} = ${mtex(p.W as number[][])}$, $\\delta^{l+1} = ${vtex(p.d as number[])}$ and $z^l = ${vtex(p.z as number[])}$, compute $\\delta^l$ (sigmoid neurons).`,
    answer: (p) => had(matTVec(p.W as number[][], p.d as number[]), (p.z as number[]).map(sigmoidPrime)),
    slips: (p) => [
      { name: 'missing transpose', values: had(matVec(p.W as number[][], p.d as number[]), (p.z as number[]).map(sigmoidPrime)), message: 'that uses $w^{l+1}$ instead of its transpose: entry $k$ collects column $k$ of $w^{l+1}$, i.e. $\\bigl((w^{l+1})^{\\mathsf T}\\delta^{l+1}\\bigr)_k = \\sum_j w^{l+1}_{jk}\\, \\delta^{l+1}_j$.' },
      { name: 'missing σ′(z)', values: matTVec(p.W as number[][], p.d as number[]), message: "that is $(w^{l+1})^{\\mathsf T}\\delta^{l+1}$ without the factor $\\sigma'(z^l)$; BP2 multiplies it entry by entry by $\\sigma'(z^l)$." },
    ],
    hints: ['Compute $(w^{l+1})^{\\mathsf T}\\delta^{l+1}$ first: column $k$ of $w^{l+1}$ dotted with $\\delta^{l+1}$.', "Multiply entry-wise by $\\sigma'(z^l)$."],
    solution: (p) => { const t = matTVec(p.W as number[][], p.d as number[]); return `$(w^{l+1})^{\\mathsf T}\\delta^{l+1} = ${vtex(t)}$, $\\sigma'(z^l) = ${vtex((p.z as number[]).map(sigmoidPrime))}$, so $\\delta^l = ${vtex(had(t, (p.z as number[]).map(sigmoidPrime)))}$.`; },
  },
  {
    id: 'bp4-expr', version: '1', kind: 'expression', title: 'BP4 as an outer product',
    params: () => ({}),
    prompt: () => 'Write $\\partial C/\\partial w^l$ (a matrix) in terms of $d$ (= $\\delta^l$, length 3) and $a$ (= $a^{l-1}$, length 2).',
    spec: { reference: 'd * a^T', variables: ['d', 'a'], sample: (r) => ({ d: col(r, 3), a: prob(r, 2) }),
      slips: [{ expr: 'a * d^T', name: 'transposed: $a\\,d^{\\mathsf T}$ is $(\\partial C/\\partial w^l)^{\\mathsf T}$, of shape $n_{l-1}\\times n_l$' }, { expr: '-d * a^T', name: 'sign error' }] },
    hints: ['$\\partial C/\\partial w^l_{jk} = a^{l-1}_k\\delta^l_j$.', 'Which outer product has entry $(j,k)$ equal to $\\delta_j a_k$?'],
    solution: () => '$\\partial C/\\partial w^l = \\delta^l (a^{l-1})^{\\mathsf T}$ (BP4).',
  },
  {
    id: 'bp3-choice', version: '2', kind: 'choice', multiple: true, title: 'Which statements are true?',
    params: () => ({}),
    prompt: () => 'Select every true statement.',
    options: [
      { id: 'bp3', text: '∂C/∂b equals δ for the same neuron', correct: true },
      { id: 'slow', text: 'A weight out of a low-activation neuron learns slowly', correct: true },
      { id: 'sat', text: 'A saturated output neuron learns fast under quadratic cost', correct: false, why: "saturation makes $\\sigma'(z^L)\\approx 0$ and so $\\delta^L$ small: it learns slowly." },
      { id: 'bias', text: '∂C/∂b carries a factor of the activation going in, as ∂C/∂w does', correct: false, why: 'BP3 says $\\partial C/\\partial b^l_j = \\delta^l_j$, with no factor $a^{l-1}_k$: the bias acts like a weight from an input fixed at $1$.' },
    ],
    hints: ['Look at BP3 and BP4.', 'BP4: the gradient of $w_{jk}$ carries the factor $a^{l-1}_k$.'],
    solution: () => 'BP3: $\\partial C/\\partial b = \\delta$. BP4: $\\partial C/\\partial w_{jk} = a_{\\text{in}}\\delta_{\\text{out}}$, small when $a_{\\text{in}}$ is small. A saturated output neuron has $\\sigma\'\\approx 0$ and learns slowly.',
  },
  {
    id: 'path-count', version: '1', kind: 'number', title: 'Counting paths',
    params: (r) => ({ n0: 2 + Math.floor(r() * 6), n1: 2 + Math.floor(r() * 6), n2: 2 + Math.floor(r() * 6), n3: 1 + Math.floor(r() * 4) }),
    prompt: (p) => `A sigmoid network has layer sizes [${p.n0}, ${p.n1}, ${p.n2}, ${p.n3}]. How many paths lead from one weight $w^1_{jk}$ to the cost, each through one neuron of every later layer?`,
    answer: (p) => layer1Paths(p),
    tol: { abs: 0, rel: 0 },
    slips: (p) => [
      { name: 'layer 1 counted', value: (p.n1 as number) * (p.n2 as number) * (p.n3 as number), message: 'that also multiplies by $n_1$: every path starts at the neuron $j$ of the weight itself, so layer 1 offers no choice.' },
      { name: 'sum instead of product', value: (p.n2 as number) + (p.n3 as number), message: 'that adds the sizes; a path chooses a neuron in layer 2 *and* one in layer 3, so the choices multiply.' },
    ],
    hints: ['The path starts at $z^1_j$; it then chooses one neuron $p_2$ in layer 2 and one $p_3$ in layer 3.', 'Independent choices multiply.'],
    solution: (p) => `$n_2 \\cdot n_3 = ${p.n2} \\cdot ${p.n3} = ${layer1Paths(p)}$ paths.`,
  },
  {
    id: 'path-product', version: '1', kind: 'number', title: 'The product along one path',
    params: (r) => ({ x: r2(r, -1, 1), y1: r2(r, 0, 1), y2: r2(r, 0, 1), w1: r2(r, -1, 1), b1: r2(r, -1, 1), v1: r2(r, -1, 1), v2: r2(r, -1, 1), c1: r2(r, -1, 1), c2: r2(r, -1, 1) }),
    prompt: (p) => `A $1 \\to 1 \\to 2$ sigmoid network with the quadratic cost has $w^1_{11} = ${p.w1}$, $b^1_1 = ${p.b1}$, $w^2_{11} = ${p.v1}$, $w^2_{21} = ${p.v2}$, $b^2 = (${p.c1}, ${p.c2})^{\\mathsf T}$, input $x = ${p.x}$ and target $y = (${p.y1}, ${p.y2})^{\\mathsf T}$. The weight $w^1_{11}$ has two paths to the cost. Give the product of the local rates along the path through $z^2_2$.`,
    answer: (p) => weightPaths(pathNet(p), [p.x as number], [p.y1 as number, p.y2 as number], 1, 0, 0).paths[1].product,
    slips: (p) => [
      { name: 'both paths', value: weightPaths(pathNet(p), [p.x as number], [p.y1 as number, p.y2 as number], 1, 0, 0).sum, message: 'that is the sum over both paths, the whole $\\partial C/\\partial w^1_{11}$; the path through $z^2_2$ is one term of it.' },
      { name: 'other path', value: weightPaths(pathNet(p), [p.x as number], [p.y1 as number, p.y2 as number], 1, 0, 0).paths[0].product, message: 'that is the path through $z^2_1$ (with $w^2_{11}$ and $a^2_1 - y_1$).' },
    ],
    hints: ["The factors are $x$, $\\sigma'(z^1_1)$, $w^2_{21}$, $\\sigma'(z^2_2)$ and $a^2_2 - y_2$.", 'Run the forward pass first to get $z^1_1$, $z^2_2$ and $a^2_2$.'],
    solution: (p) => { const path = weightPaths(pathNet(p), [p.x as number], [p.y1 as number, p.y2 as number], 1, 0, 0).paths[1]; return `$x\\,\\sigma'(z^1_1)\\,w^2_{21}\\,\\sigma'(z^2_2)\\,(a^2_2 - y_2) = ${path.factors.map((f) => fmt(f.value, 4)).join('\\cdot ')} = ${fmt(path.product, 4)}$.`; },
  },
];
void fmt;

// vec and the Kronecker product (the Jacobian proof of BP4); answers from the engine's kron
const small = (r: () => number) => Math.floor(r() * 7) - 3;
const kronOf = (a: number[][], b: number[][]) => Array.from(kron(Matrix.from(a), Matrix.from(b)).data);
const asColumn = (v: number[]) => v.map((x) => [x]);
exercises.push(
  {
    id: 'kron-2x2', version: '2', kind: 'grid', rows: 4, cols: 2, title: 'A Kronecker product',
    params: (r) => ({ A: [[small(r), small(r)], [small(r), small(r)]], B: [[small(r)], [small(r)]] }),
    prompt: (p) => `Compute $A \\otimes B$ for $A = ${mtex(p.A as number[][])}$ and the column $B = ${mtex(p.B as number[][])}$ (a $4 \\times 2$ matrix).`,
    answer: (p) => kronOf(p.A as number[][], p.B as number[][]),
    slips: (p) => [{ name: 'B ⊗ A', values: kronOf(p.B as number[][], p.A as number[][]), message: 'that is $B \\otimes A$: the blocks are copies of $B$, each scaled by one entry of $A$.' }],
    hints: ['$A \\otimes B$ is the $2 \\times 2$ arrangement of blocks $a_{ij} B$, each a column of two.', 'The top-left block is $a_{11} B$, the top-right $a_{12} B$.'],
    solution: (p) => {
      const k = kronOf(p.A as number[][], p.B as number[][]);
      return `$A \\otimes B = \\begin{bmatrix} a_{11}B & a_{12}B \\\\ a_{21}B & a_{22}B \\end{bmatrix} = ${mtex([0, 1, 2, 3].map((i) => k.slice(2 * i, 2 * i + 2)))}$.`;
    },
  },
  {
    id: 'bp4-kron', version: '1', kind: 'grid', rows: 4, cols: 1, title: 'BP4 as a Kronecker product',
    params: (r) => ({ a: [r2(r, -1, 1), r2(r, -1, 1)], d: [r2(r, -1, 1), r2(r, -1, 1)] }),
    prompt: (p) => `A layer with two neurons gets $a^{l-1} = ${vtex(p.a as number[])}$ and has error $\\delta^l = ${vtex(p.d as number[])}$. Give $\\nabla_{\\operatorname{vec} w^l} C$, the gradient with respect to $\\operatorname{vec}(w^l)$, the columns of $w^l$ stacked (4 entries, top to bottom).`,
    answer: (p) => kronOf(asColumn(p.a as number[]), asColumn(p.d as number[])),
    slips: (p) => [{ name: 'rows stacked', values: kronOf(asColumn(p.d as number[]), asColumn(p.a as number[])), message: 'that stacks the rows of $\\partial C/\\partial w^l$; $\\operatorname{vec}$ stacks its columns, so the answer is $a^{l-1} \\otimes \\delta^l$, not $\\delta^l \\otimes a^{l-1}$.' }],
    hints: ['$\\nabla_{\\operatorname{vec} w^l} C = a^{l-1} \\otimes \\delta^l$: block $k$ is $a^{l-1}_k \\delta^l$.', 'Column $k$ of $\\partial C/\\partial w^l = \\delta^l (a^{l-1})^{\\mathsf T}$ is $a^{l-1}_k \\delta^l$.'],
    solution: (p) => {
      const g = kronOf(asColumn(p.a as number[]), asColumn(p.d as number[]));
      return `$a^{l-1} \\otimes \\delta^l = \\begin{bmatrix} a^{l-1}_1 \\delta^l \\\\ a^{l-1}_2 \\delta^l \\end{bmatrix} = ${vtex(g.map((x) => Number(x.toFixed(4))))}$, which is $\\operatorname{vec}\\bigl(\\delta^l (a^{l-1})^{\\mathsf T}\\bigr)$.`;
    },
  },
);

