import type { Exercise } from '../types';
import { r2 } from '../types';
import { fmt } from '../calc';
import { l2Factor } from '../../engine/index';

const pp = (r: () => number) => ({ eta: r2(r, 0.1, 1), lambda: r2(r, 0.5, 10), n: 1000 * (1 + Math.floor(r() * 50)) });

export const exercises: Exercise[] = [
  {
    id: 'l2-factor', version: '1', kind: 'number', title: 'The L2 shrink factor', params: pp,
    prompt: (p) => `With L2 regularisation, $\\eta = ${p.eta}$, $\\lambda = ${p.lambda}$ and $n = ${p.n}$ training examples, each step multiplies the weights by what factor before the gradient term?`,
    answer: (p) => l2Factor(p.eta as number, p.lambda as number, p.n as number),
    tol: { abs: 1e-9, rel: 1e-9 },
    slips: (p) => { const eta = p.eta as number; const lambda = p.lambda as number; const n = p.n as number; return [
      { name: 'λ where λ/n belongs', value: 1 - eta * lambda, message: 'that is 1 − ηλ: the penalty is (λ/2n)Σw², so its gradient is (λ/n)w and the factor 1 − ηλ/n.' },
      { name: 'the shrink amount', value: (eta * lambda) / n, message: 'that is ηλ/n, the fraction removed; the factor that multiplies w is 1 − ηλ/n.' },
      { name: 'the ½ kept', value: 1 - (eta * lambda) / (2 * n), message: 'that keeps the ½ of λ/2n; differentiating w² brings a 2 that cancels it, so the factor is 1 − ηλ/n.' },
    ]; },
    hints: ['$C = C_0 + \\frac{\\lambda}{2n}\\sum w^2$.', '$w \\to w - \\eta(\\partial C_0/\\partial w + \\frac{\\lambda}{n}w)$.'],
    solution: (p) => `$1 - \\eta\\lambda/n = ${fmt(1 - ((p.eta as number) * (p.lambda as number)) / (p.n as number), 8)}$.`,
  },
  {
    id: 'l2-update-expr', version: '1', kind: 'expression', title: 'The L2 update rule',
    params: () => ({}),
    prompt: () => 'Write the updated weight in terms of $w$, $\\eta$ (`eta`), $\\lambda$ (`lambda`), $n$, minibatch size $m$ and $g$ = $\\sum_x \\partial C_x/\\partial w$ over the minibatch.',
    spec: { reference: '(1 - eta*lambda/n)*w - eta/m*g', variables: ['w', 'eta', 'lambda', 'n', 'm', 'g'], sample: (r) => ({ w: 2 * r() - 1, eta: r(), lambda: 5 * r(), n: 100 + Math.floor(1000 * r()), m: 1 + Math.floor(20 * r()), g: 2 * r() - 1 }),
      slips: [{ expr: '(1 - eta*lambda)*w - eta/m*g', name: 'λ where λ/n belongs' }, { expr: '(1 - eta*lambda/m)*w - eta/m*g', name: 'λ/m where λ/n belongs (n is the training-set size)' }, { expr: '(1 - eta*lambda/n)*w + eta/m*g', name: 'sign error on the gradient' }] },
    hints: ['The decay uses the training-set size $n$, the gradient average the batch size $m$.'],
    solution: () => '$w \\to (1 - \\eta\\lambda/n)w - \\frac{\\eta}{m}\\sum_x \\partial C_x/\\partial w$.',
  },
  {
    id: 'bias-decay', version: '1', kind: 'choice', multiple: false, title: 'Are biases decayed?',
    params: () => ({}),
    prompt: () => 'In the usual L2 convention, what happens to the biases?',
    options: [
      { id: 'no', text: 'They are not decayed', correct: true },
      { id: 'yes', text: 'They shrink by the same factor', correct: false, why: 'the penalty sums over weights only; biases do not make the model sensitive to input noise the way weights do.' },
    ],
    hints: ['Look at what the penalty $\\sum w^2$ sums over.'],
    solution: () => 'The bias update is unchanged: $b \\to b - \\frac{\\eta}{m}\\sum_x\\partial C_x/\\partial b$.',
  },
  {
    id: 'l1-update', version: '1', kind: 'number', title: 'An L1 step', params: (r) => ({ ...pp(r), w: r2(r, -1, 1) }),
    prompt: (p) => `With L1 regularisation $C = C_0 + \\frac{\\lambda}{n}\\sum|w|$, and ignoring $C_0$, where does a weight $w = ${p.w}$ move after one step ($\\eta = ${p.eta}$, $\\lambda = ${p.lambda}$, $n = ${p.n}$)?`,
    answer: (p) => (p.w as number) - ((p.eta as number) * (p.lambda as number) / (p.n as number)) * Math.sign(p.w as number),
    tol: { abs: 1e-9, rel: 1e-9 },
    slips: (p) => { const w = p.w as number; const eta = p.eta as number; const lambda = p.lambda as number; const n = p.n as number; return [
      { name: 'λ where λ/n belongs', value: w - eta * lambda * Math.sign(w), message: 'that uses ηλ; the penalty is (λ/n)Σ|w|, so the step is (ηλ/n) sgn(w).' },
      { name: 'L2 step', value: w - ((eta * lambda) / n) * w, message: 'that is the L2 step (proportional to w); L1 moves every weight by the same amount ηλ/n towards 0.' },
    ]; },
    hints: ['$\\partial |w|/\\partial w = \\mathrm{sgn}(w)$.'],
    solution: (p) => `$w - \\frac{\\eta\\lambda}{n}\\mathrm{sgn}(w) = ${p.w} - \\frac{${p.eta}\\cdot ${p.lambda}}{${p.n}}\\,\\mathrm{sgn}(${p.w}) = ${fmt((p.w as number) - ((p.eta as number) * (p.lambda as number) / (p.n as number)) * Math.sign(p.w as number), 8)}$.`,
  },
];
