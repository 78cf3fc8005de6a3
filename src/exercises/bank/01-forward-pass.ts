import type { Exercise } from '../types';
import { r2 } from '../types';
import { sigmoid, matVec, matTVec, add, fmt, vtex, mtex } from '../calc';
import { col, mat } from './_shared';

export const exercises: Exercise[] = [
  {
    id: 'perceptron-shift', version: '1', kind: 'choice', multiple: false, title: 'Perceptrons: scaling by c > 0',
    params: () => ({}),
    prompt: () => 'Multiply every weight and bias of a network of perceptrons by a constant $c > 0$. What happens to the network\'s behaviour?',
    options: [
      { id: 'same', text: 'Nothing changes', correct: true },
      { id: 'flip', text: 'Outputs flip when c > 1', correct: false, why: 'the sign of $w\\cdot x + b$ is unchanged by a positive factor, so no output flips.' },
      { id: 'sat', text: 'Outputs become more extreme', correct: false, why: 'a perceptron already outputs only $0$ or $1$; there is nothing to sharpen.' },
    ],
    hints: ['A perceptron outputs $\\operatorname{step}(w\\cdot x + b)$: $1$ exactly when $w\\cdot x + b > 0$, else $0$.', 'What does multiplying by $c>0$ do to the sign of $w\\cdot x+b$?'],
    solution: () => 'Since $c(w\\cdot x+b)$ has the sign of $w\\cdot x+b$ when $c>0$ (and is $0$ exactly when it is), every perceptron gives the same output, so the network behaves identically.',
  },
  {
    id: 'sigmoid-limit', version: '1', kind: 'choice', multiple: false, title: 'Sigmoid neurons as c → ∞',
    params: () => ({}),
    prompt: () => 'In a network of sigmoid neurons, scale all weights and biases by $c$ and let $c\\to\\infty$, for an input with $w\\cdot x + b \\ne 0$ at every neuron. What does the network become?',
    options: [
      { id: 'perc', text: 'A network of perceptrons', correct: true },
      { id: 'half', text: 'Every output tends to 1/2', correct: false, why: 'that is the limit $c\\to 0$, where every $\\sigma(c z) \\to \\sigma(0) = 1/2$, not $c\\to\\infty$.' },
      { id: 'lin', text: 'A linear network', correct: false, why: 'large $|z|$ pushes $\\sigma(z)$ to $0$ or $1$: a step, not a line.' },
    ],
    hints: ['$\\sigma(cz)$ for large $c$: what happens when $z>0$, and when $z<0$?', 'The argument fails when $w\\cdot x+b=0$: then $\\sigma = 1/2$ for every $c$.'],
    solution: () => '$\\sigma(c z) \\to 1$ if $z>0$ and $\\to 0$ if $z<0$, which is the perceptron\'s $\\operatorname{step}(z)$. If some $w\\cdot x + b = 0$ that neuron stays at $1/2$ and the equivalence fails.',
  },
  {
    id: 'single-activation', version: '1', kind: 'number', title: 'One sigmoid neuron',
    params: (r) => ({ w1: r2(r, -2, 2), w2: r2(r, -2, 2), b: r2(r, -1, 1), x1: r2(r, 0, 1), x2: r2(r, 0, 1) }),
    prompt: (p) => `A sigmoid neuron has weights $w = (${p.w1}, ${p.w2})$, bias $b = ${p.b}$ and input $x = (${p.x1}, ${p.x2})$. What is its activation $a = \\sigma(w\\cdot x + b)$?`,
    answer: (p) => sigmoid((p.w1 as number) * (p.x1 as number) + (p.w2 as number) * (p.x2 as number) + (p.b as number)),
    slips: (p) => [{ name: 'z, not σ(z)', value: (p.w1 as number) * (p.x1 as number) + (p.w2 as number) * (p.x2 as number) + (p.b as number), message: 'that is the weighted input $z = w\\cdot x + b$; the activation is $\\sigma(z)$.' }],
    hints: ['First compute $z = w\\cdot x + b$.', '$\\sigma(z) = 1/(1+e^{-z})$.'],
    solution: (p) => { const z = (p.w1 as number) * (p.x1 as number) + (p.w2 as number) * (p.x2 as number) + (p.b as number); return `$z = ${fmt(z, 4)}$, so $a = \\sigma(z) = ${fmt(sigmoid(z), 4)}$.`; },
  },
  {
    id: 'layer-activation', version: '1', kind: 'grid', rows: 2, cols: 1, title: 'A layer in matrix form',
    // W holds the per-example weight matrix wˡ (row j = the weights into neuron j)
    params: (r) => ({ W: [[r2(r, -1, 1), r2(r, -1, 1)], [r2(r, -1, 1), r2(r, -1, 1)]], b: [r2(r, -1, 1), r2(r, -1, 1)], a: [r2(r, 0, 1), r2(r, 0, 1)] }),
    prompt: (p) => `Compute $a^l = \\sigma(w^l a^{l-1} + b^l)$ for $w^l = ${mtex(p.W as number[][])}$, $b^l = ${vtex(p.b as number[])}$, $a^{l-1} = ${vtex(p.a as number[])}$.`,
    answer: (p) => add(matVec(p.W as number[][], p.a as number[]), p.b as number[]).map(sigmoid),
    slips: (p) => [
      { name: 'z, not σ(z)', values: add(matVec(p.W as number[][], p.a as number[]), p.b as number[]), message: 'that is the weighted input $z^l = w^l a^{l-1} + b^l$; apply $\\sigma$ to each entry.' },
      { name: 'transposed weights', values: add(matTVec(p.W as number[][], p.a as number[]), p.b as number[]).map(sigmoid), message: 'that uses $(w^l)^{\\mathsf T}$: neuron $j$ takes row $j$ of $w^l$ ($w^l_{jk}$ runs from neuron $k$ to neuron $j$), not column $j$.' },
    ],
    hints: ['Row $j$ of $w^l$ times $a^{l-1}$ gives the weighted input to neuron $j$ before the bias.', 'Apply $\\sigma$ to each entry of $z^l$.'],
    solution: (p) => { const z = add(matVec(p.W as number[][], p.a as number[]), p.b as number[]); return `$z^l = ${vtex(z)}$ and $a^l = \\sigma(z^l) = ${vtex(z.map(sigmoid))}$.`; },
  },
  {
    id: 'weighted-input-expr', version: '2', kind: 'expression', title: 'Weighted input, vectorised',
    params: () => ({}),
    prompt: () => 'Write the activation $a^1$ of the first layer, given its weight matrix $w$ (= $w^1$, shape $2\\times 3$), its bias $b$ (= $b^1$) and the input $x$ (= $a^0$). Use `sigma(...)` for $\\sigma$.',
    spec: { reference: 'sigma(w*x + b)', variables: ['w', 'x', 'b'], sample: (r) => ({ w: mat(r, 2, 3), x: col(r, 3), b: col(r, 2) }),
      slips: [{ expr: 'sigma(transpose(w)*x + b)', name: 'transposed weight matrix: $w_{jk}$ runs from neuron $k$ to neuron $j$, so $w x$ needs no transpose' }, { expr: 'w*x+b', name: 'missing $\\sigma$: that is the weighted input $z^1$, not the activation' }] },
    hints: ['First $z^1 = w x + b$.', 'Then apply $\\sigma$ entry by entry.'],
    solution: () => '$a^1 = \\sigma(w^1 x + b^1)$.',
  },
];
