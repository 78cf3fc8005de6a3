import type { Exercise } from '../types';
import { r2 } from '../types';
import { deltas, vtex, fmt } from '../calc';

// A 2-2-1 sigmoid network, quadratic cost: δᴸ and δˡ by hand.
const netParams = (r: () => number) => ({
  W1: [[r2(r, -1, 1), r2(r, -1, 1)], [r2(r, -1, 1), r2(r, -1, 1)]], b1: [r2(r, -0.5, 0.5), r2(r, -0.5, 0.5)],
  W2: [[r2(r, -1, 1), r2(r, -1, 1)]], b2: [r2(r, -0.5, 0.5)], x: [r2(r, 0, 1), r2(r, 0, 1)], y: [Math.round(r())],
});
type N = ReturnType<typeof netParams>;
const run = (p: N) => deltas([p.W1, p.W2], [p.b1, p.b2], p.x, p.y);
const describe = (p: N) => `a 2-2-1 sigmoid network with $w^2 = \\begin{pmatrix}${p.W1[0].join('&')}\\\\${p.W1[1].join('&')}\\end{pmatrix}$, $b^2 = ${vtex(p.b1)}$, $w^3 = (${p.W2[0].join(',\\ ')})$, $b^3 = ${p.b2[0]}$, input $x = ${vtex(p.x)}$, target $y = ${p.y[0]}$ and quadratic cost`;

export const exercises: Exercise[] = [
  {
    id: 'delta-L', version: '1', kind: 'number', title: 'δᴸ by hand', params: netParams,
    prompt: (p) => `For ${describe(p as unknown as N)}, compute the output error $\\delta^3$.`,
    answer: (p) => run(p as unknown as N).ds[1][0],
    hints: ['Forward pass first: $z^2, a^2, z^3, a^3$.', "BP1: $\\delta^3 = (a^3-y)\\sigma'(z^3)$."],
    solution: (p) => { const o = run(p as unknown as N); return `$a^2 = ${vtex(o.as[1])}$, $z^3 = ${fmt(o.zs[1][0], 4)}$, $a^3 = ${fmt(o.as[2][0], 4)}$, $\\delta^3 = ${fmt(o.ds[1][0], 5)}$.`; },
  },
  {
    id: 'delta-l', version: '1', kind: 'grid', rows: 2, cols: 1, title: 'δˡ by hand', params: netParams,
    prompt: (p) => `For ${describe(p as unknown as N)}, compute the hidden error $\\delta^2$.`,
    answer: (p) => run(p as unknown as N).ds[0],
    hints: ['Start from $\\delta^3$ (previous exercise).', "BP2: $\\delta^2 = ((w^3)^T\\delta^3)\\odot\\sigma'(z^2)$."],
    solution: (p) => { const o = run(p as unknown as N); return `$\\delta^3 = ${fmt(o.ds[1][0], 5)}$, $\\delta^2 = ${vtex(o.ds[0])}$.`; },
  },
  {
    id: 'grad-w3', version: '1', kind: 'grid', rows: 1, cols: 2, title: '∂C/∂w³', params: netParams,
    prompt: (p) => `For ${describe(p as unknown as N)}, compute $\\partial C/\\partial w^3$ (a 1×2 row).`,
    answer: (p) => { const o = run(p as unknown as N); return o.as[1].map((a) => a * o.ds[1][0]); },
    hints: ['BP4: $\\partial C/\\partial w^3_{1k} = a^2_k\\delta^3_1$.'],
    solution: (p) => { const o = run(p as unknown as N); return `$\\delta^3 (a^2)^T = (${o.as[1].map((a) => fmt(a * o.ds[1][0], 5)).join(',\\ ')})$.`; },
  },
  {
    id: 'grad-b2', version: '1', kind: 'grid', rows: 2, cols: 1, title: '∂C/∂b²', params: netParams,
    prompt: (p) => `For ${describe(p as unknown as N)}, compute $\\partial C/\\partial b^2$.`,
    answer: (p) => run(p as unknown as N).ds[0],
    hints: ['BP3: the bias gradient equals the error.'],
    solution: (p) => `$\\partial C/\\partial b^2 = \\delta^2 = ${vtex(run(p as unknown as N).ds[0])}$.`,
  },
];
