import type { Exercise } from '../types';
import { r2 } from '../types';
import { deltas, sigmoidPrime, vtex, mtex, fmt } from '../calc';

// A 2-2-1 sigmoid network, quadratic cost: δᴸ and δˡ by hand. Layers are numbered as in the
// chapter (and the engine): a⁰ = x is the input, layer 1 the hidden layer with w¹, b¹, and layer
// 2 = L the output with w², b². W1/b1 hold w¹/b¹ and W2/b2 hold w²/b².
const netParams = (r: () => number) => ({
  W1: [[r2(r, -1, 1), r2(r, -1, 1)], [r2(r, -1, 1), r2(r, -1, 1)]], b1: [r2(r, -0.5, 0.5), r2(r, -0.5, 0.5)],
  W2: [[r2(r, -1, 1), r2(r, -1, 1)]], b2: [r2(r, -0.5, 0.5)], x: [r2(r, 0, 1), r2(r, 0, 1)], y: [Math.round(r())],
});
type N = ReturnType<typeof netParams>;
const run = (p: N) => deltas([p.W1, p.W2], [p.b1, p.b2], p.x, p.y);
const describe = (p: N) => `a 2-2-1 sigmoid network ($L = 2$) with $w^1 = ${mtex(p.W1)}$, $b^1 = ${vtex(p.b1)}$, $w^2 = (${p.W2[0].join(',\\ ')})$, $b^2 = ${p.b2[0]}$, input $x = a^0 = ${vtex(p.x)}$, target $y = ${p.y[0]}$ and quadratic cost`;
const n = (p: unknown) => p as N;

export const exercises: Exercise[] = [
  {
    id: 'delta-L', version: '2', kind: 'number', title: 'δᴸ by hand', params: netParams,
    prompt: (p) => `For ${describe(n(p))}, compute the output error $\\delta^2$ (here $\\delta^L$ with $L = 2$).`,
    answer: (p) => run(n(p)).ds[1][0],
    slips: (p) => {
      const o = run(n(p)); const a = o.as[2][0]; const y = n(p).y[0];
      return [
        { name: 'missing σ′(z)', value: a - y, message: "that is $a^2 - y$ without the factor $\\sigma'(z^2)$. BP1 is $\\delta^2 = (a^2 - y)\\,\\sigma'(z^2)$." },
        { name: 'σ′ of the activation', value: (a - y) * sigmoidPrime(a), message: "that uses $\\sigma'(a^2)$; BP1 needs $\\sigma'(z^2) = a^2(1 - a^2)$, the slope at the weighted input." },
      ];
    },
    hints: ['Forward pass first: $z^1, a^1, z^2, a^2$.', "BP1: $\\delta^2 = (a^2-y)\\,\\sigma'(z^2)$, with $\\sigma'(z^2) = a^2(1-a^2)$."],
    solution: (p) => { const o = run(n(p)); return `$z^1 = ${vtex(o.zs[0])}$, $a^1 = ${vtex(o.as[1])}$, $z^2 = ${fmt(o.zs[1][0], 4)}$, $a^2 = ${fmt(o.as[2][0], 4)}$, so $\\delta^2 = (a^2 - y)\\,a^2(1-a^2) = ${fmt(o.ds[1][0], 5)}$.`; },
  },
  {
    id: 'delta-l', version: '2', kind: 'grid', rows: 2, cols: 1, title: 'δˡ by hand', params: netParams,
    prompt: (p) => `For ${describe(n(p))}, compute the hidden error $\\delta^1$.`,
    answer: (p) => run(n(p)).ds[0],
    slips: (p) => {
      const o = run(n(p)); const w = n(p).W2[0];
      return [{ name: 'missing σ′(z)', values: w.map((wk) => wk * o.ds[1][0]), message: "that is $(w^2)^{\\mathsf T}\\delta^2$ without the factor $\\sigma'(z^1)$. BP2 multiplies it entry by entry by $\\sigma'(z^1)$." }];
    },
    hints: ['First $\\delta^2 = (a^2 - y)\\,\\sigma\'(z^2)$ (BP1), after the forward pass.', "BP2: $\\delta^1 = ((w^2)^{\\mathsf T}\\delta^2)\\odot\\sigma'(z^1)$."],
    solution: (p) => { const o = run(n(p)); return `$\\delta^2 = ${fmt(o.ds[1][0], 5)}$, $(w^2)^{\\mathsf T}\\delta^2 = ${vtex(n(p).W2[0].map((wk) => wk * o.ds[1][0]))}$, $\\sigma'(z^1) = ${vtex(o.zs[0].map(sigmoidPrime))}$, so $\\delta^1 = ${vtex(o.ds[0])}$.`; },
  },
  {
    id: 'grad-w2', version: '2', kind: 'grid', rows: 1, cols: 2, title: '∂C/∂w²', params: netParams,
    prompt: (p) => `For ${describe(n(p))}, compute $\\partial C/\\partial w^2$ (a 1×2 row).`,
    answer: (p) => { const o = run(n(p)); return o.as[1].map((a) => a * o.ds[1][0]); },
    slips: (p) => {
      const o = run(n(p));
      return [{ name: 'input instead of a¹', values: n(p).x.map((xk) => xk * o.ds[1][0]), message: 'that multiplies $\\delta^2$ by the input $x$; the weights $w^2$ are fed by the hidden activations $a^1$, so BP4 gives $\\delta^2(a^1)^{\\mathsf T}$.' }];
    },
    hints: ['BP4: $\\partial C/\\partial w^2_{1k} = a^1_k\\delta^2_1$.'],
    solution: (p) => { const o = run(n(p)); return `$\\delta^2 (a^1)^{\\mathsf T} = ${fmt(o.ds[1][0], 5)}\\cdot(${o.as[1].map((a) => fmt(a, 4)).join(',\\ ')}) = (${o.as[1].map((a) => fmt(a * o.ds[1][0], 5)).join(',\\ ')})$.`; },
  },
  {
    id: 'grad-w1', version: '1', kind: 'grid', rows: 2, cols: 2, title: '∂C/∂w¹', params: netParams,
    prompt: (p) => `For ${describe(n(p))}, compute the $2\\times 2$ matrix $\\partial C/\\partial w^1$ (entry $(j, k)$ is $\\partial C/\\partial w^1_{jk}$).`,
    answer: (p) => { const o = run(n(p)); return o.ds[0].flatMap((d) => n(p).x.map((xk) => d * xk)); },
    slips: (p) => {
      const o = run(n(p));
      return [{ name: 'transposed outer product', values: n(p).x.flatMap((xk) => o.ds[0].map((d) => xk * d)), message: 'that is $x(\\delta^1)^{\\mathsf T}$, the transpose. BP4 is $\\partial C/\\partial w^1 = \\delta^1 x^{\\mathsf T}$: row $j$ belongs to hidden neuron $j$, column $k$ to input $k$.' }];
    },
    hints: ['You need $\\delta^1$ first: BP1 gives $\\delta^2$, then BP2 gives $\\delta^1$.', 'BP4: $\\partial C/\\partial w^1_{jk} = a^0_k\\,\\delta^1_j$ with $a^0 = x$, i.e. $\\delta^1 x^{\\mathsf T}$.'],
    solution: (p) => { const o = run(n(p)); return `$\\delta^1 x^{\\mathsf T} = ${vtex(o.ds[0])}(${n(p).x.join(',\\ ')}) = ${mtex(o.ds[0].map((d) => n(p).x.map((xk) => d * xk)))}$.`; },
  },
  {
    id: 'grad-b1', version: '2', kind: 'grid', rows: 2, cols: 1, title: '∂C/∂b¹', params: netParams,
    prompt: (p) => `For ${describe(n(p))}, compute $\\partial C/\\partial b^1$.`,
    answer: (p) => run(n(p)).ds[0],
    hints: ['BP3: the bias gradient equals the error.'],
    solution: (p) => `$\\partial C/\\partial b^1 = \\delta^1 = ${vtex(run(n(p)).ds[0])}$.`,
  },
];
