import type { Exercise } from '../types';
import { r2 } from '../types';
import { fmt } from '../calc';
import { l2Factor } from '../../engine/index';
import { weightAfterStep } from './_shared';

const pp = (r: () => number) => ({ eta: r2(r, 0.1, 1), lambda: r2(r, 0.5, 10), n: 1000 * (1 + Math.floor(r() * 50)) });

export const exercises: Exercise[] = [
  {
    id: 'l2-factor', version: '1', kind: 'number', title: 'The L2 shrink factor', params: pp,
    prompt: (p) => `With L2 regularisation, $\\eta = ${p.eta}$, $\\lambda = ${p.lambda}$ and $n = ${p.n}$ training examples, each step multiplies the weights by what factor before the gradient term?`,
    answer: (p) => l2Factor(p.eta as number, p.lambda as number, p.n as number),
    tol: { abs: 1e-9, rel: 1e-9 },
    slips: (p) => { const eta = p.eta as number; const lambda = p.lambda as number; const n = p.n as number; return [
      { name: 'λ where λ/n belongs', value: 1 - eta * lambda, message: 'that is $1 - \\eta\\lambda$: the penalty is $\\frac{\\lambda}{2n}\\sum_w w^2$, so its gradient is $\\frac{\\lambda}{n}w$ and the factor $1 - \\eta\\lambda/n$.' },
      { name: 'the shrink amount', value: (eta * lambda) / n, message: 'that is $\\eta\\lambda/n$, the fraction removed; the factor that multiplies $w$ is $1 - \\eta\\lambda/n$.' },
      { name: 'the ½ kept', value: 1 - (eta * lambda) / (2 * n), message: 'that keeps the $\\tfrac12$ of $\\lambda/2n$; differentiating $w^2$ brings a $2$ that cancels it, so the factor is $1 - \\eta\\lambda/n$.' },
    ]; },
    hints: ['$C = C_0 + \\frac{\\lambda}{2n}\\sum w^2$.', '$w \\to w - \\eta(\\partial C_0/\\partial w + \\frac{\\lambda}{n}w)$.'],
    solution: (p) => `$1 - \\eta\\lambda/n = ${fmt(1 - ((p.eta as number) * (p.lambda as number)) / (p.n as number), 8)}$.`,
  },
  {
    id: 'l2-update-expr', version: '1', kind: 'expression', title: 'The L2 update rule',
    params: () => ({}),
    prompt: () => 'Write the updated weight in terms of $w$, $\\eta$ (`eta`), $\\lambda$ (`lambda`), $n$, minibatch size $m$ and $g$ = $\\sum_x \\partial C_x/\\partial w$ over the minibatch.',
    spec: { reference: '(1 - eta*lambda/n)*w - eta/m*g', variables: ['w', 'eta', 'lambda', 'n', 'm', 'g'], sample: (r) => ({ w: 2 * r() - 1, eta: r(), lambda: 5 * r(), n: 100 + Math.floor(1000 * r()), m: 1 + Math.floor(20 * r()), g: 2 * r() - 1 }),
      slips: [{ expr: '(1 - eta*lambda)*w - eta/m*g', name: '$\\lambda$ where $\\lambda/n$ belongs' }, { expr: '(1 - eta*lambda/m)*w - eta/m*g', name: '$\\lambda/m$ where $\\lambda/n$ belongs ($n$ is the training-set size)' }, { expr: '(1 - eta*lambda/n)*w + eta/m*g', name: 'sign error on the gradient' }, { expr: '(1 + eta*lambda/n)*w - eta/m*g', name: 'decay with the wrong sign: the penalty\'s gradient $+\\frac{\\lambda}{n}w$ is subtracted' }] },
    hints: ['The decay uses the training-set size $n$, the gradient average the batch size $m$.'],
    solution: () => '$w \\to (1 - \\eta\\lambda/n)w - \\frac{\\eta}{m}\\sum_x \\partial C_x/\\partial w$.',
  },
  {
    id: 'bias-decay', version: '1', kind: 'choice', multiple: false, title: 'Are biases decayed?',
    params: () => ({}),
    prompt: () => 'In the usual L2 convention, what happens to the biases?',
    options: [
      { id: 'no', text: 'They are not decayed', correct: true },
      { id: 'yes', text: 'They shrink by the same factor', correct: false, why: 'the penalty $\\frac{\\lambda}{2n}\\sum_w w^2$ sums over the weights only, so it adds nothing to $\\partial C/\\partial b$ (a large bias does not make a neuron sensitive to its inputs the way large weights do).' },
    ],
    hints: ['Look at what the penalty $\\sum w^2$ sums over.'],
    solution: () => 'The bias update is unchanged: $b \\to b - \\frac{\\eta}{m}\\sum_x\\partial C_x/\\partial b$.',
  },
  {
    // Chapter 10 defines L2 only, so this exercise asks for an L2 step; the L1 step is chapter 14's exercise 'l1-step'.
    id: 'l2-step', version: '1', kind: 'number', title: 'One regularised step',
    params: (r) => ({ ...pp(r), w: r2(r, -1, 1), g: r2(r, -0.5, 0.5) }),
    prompt: (p) => `A weight $w = ${p.w}$ has $\\partial C_0/\\partial w = ${p.g}$ (the data term, already averaged over the minibatch). With L2 regularisation $C = C_0 + \\frac{\\lambda}{2n}\\sum_w w^2$, $\\eta = ${p.eta}$, $\\lambda = ${p.lambda}$ and $n = ${p.n}$ training examples, what is $w$ after one gradient step?`,
    answer: (p) => weightAfterStep(p.w as number, p.g as number, p.eta as number, p.lambda as number, p.n as number),
    tol: { abs: 1e-9, rel: 1e-9 },
    slips: (p) => { const w = p.w as number; const g = p.g as number; const eta = p.eta as number; const lambda = p.lambda as number; const n = p.n as number; return [
      { name: 'decay with the wrong sign', value: (1 + (eta * lambda) / n) * w - eta * g, message: 'that grows the weight by $1 + \\eta\\lambda/n$ (the sign slip of note 004 §3.9); the penalty\'s gradient $+\\frac{\\lambda}{n}w$ is subtracted, so the factor is $1 - \\eta\\lambda/n$.' },
      { name: 'λ where λ/n belongs', value: (1 - eta * lambda) * w - eta * g, message: 'that decays by $1 - \\eta\\lambda$; the penalty is $\\frac{\\lambda}{2n}\\sum_w w^2$, so the factor is $1 - \\eta\\lambda/n$.' },
      { name: 'no decay', value: w - eta * g, message: 'that is the step without regularisation; the penalty adds $\\frac{\\lambda}{n}w$ to the gradient, which shrinks $w$ by the factor $1 - \\eta\\lambda/n$ first.' },
    ]; },
    hints: ['$\\partial C/\\partial w = \\partial C_0/\\partial w + \\frac{\\lambda}{n}w$.', '$w \\to \\left(1 - \\frac{\\eta\\lambda}{n}\\right)w - \\eta\\,\\frac{\\partial C_0}{\\partial w}$.'],
    solution: (p) => { const eta = p.eta as number; const lambda = p.lambda as number; const n = p.n as number; return `$\\left(1 - \\frac{${eta}\\cdot ${lambda}}{${n}}\\right)(${p.w}) - ${eta}\\cdot(${p.g}) = ${fmt(weightAfterStep(p.w as number, p.g as number, eta, lambda, n), 8)}$.`; },
  },
];
