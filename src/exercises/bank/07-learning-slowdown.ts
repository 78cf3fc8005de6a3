import type { Exercise } from '../types';
import { r2 } from '../types';
import { sigmoid, sigmoidPrime, fmt } from '../calc';
import { neuronStep } from '../../engine/index';

// One neuron, input x, target y, quadratic cost: ∂C/∂w = (a − y)σ′(z)x, ∂C/∂b = (a − y)σ′(z).
// The new (w, b) come from the engine's neuronStep (chapter 7's neuron); z, a, δ are shown in the solution.
const step = (p: Record<string, number>) => {
  const z = p.w * p.x + p.b; const a = sigmoid(z); const d = (a - p.y) * sigmoidPrime(z);
  const next = neuronStep({ w: p.w, b: p.b }, { eta: p.eta, cost: 'quadratic', x: p.x, y: p.y });
  return { z, a, d, w: next.w, b: next.b };
};
const np = (r: () => number) => ({ w: r2(r, 0.5, 2.5), b: r2(r, 0.5, 2.5), x: 1, y: 0, eta: 0.15 });

export const exercises: Exercise[] = [
  {
    id: 'neuron-update-w', version: '1', kind: 'number', title: 'Single neuron: w after one step', params: np,
    prompt: (p) => `A sigmoid neuron with $w = ${p.w}$, $b = ${p.b}$ gets input $x = 1$, target $y = 0$, quadratic cost, $\\eta = ${p.eta}$. What is $w$ after one gradient step?`,
    answer: (p) => step(p as Record<string, number>).w,
    slips: (p) => { const q = p as Record<string, number>; const s = step(q); return [{ name: 'missing σ′(z)', value: q.w - q.eta * (s.a - q.y) * q.x, message: "that uses $(a - y)x$ as the gradient, without the factor $\\sigma'(z)$ of the quadratic cost." }]; },
    hints: ['$\\partial C/\\partial w = (a-y)\\sigma\'(z)x$.', 'Then $w - \\eta\\,\\partial C/\\partial w$.'],
    solution: (p) => { const s = step(p as Record<string, number>); return `$z = ${fmt(s.z, 3)}$, $a = ${fmt(s.a, 4)}$, $(a-y)\\sigma'(z) = ${fmt(s.d, 5)}$, $w = ${fmt(s.w, 5)}$.`; },
  },
  {
    id: 'neuron-update-b', version: '2', kind: 'number', title: 'Single neuron: b after one step', params: np,
    prompt: (p) => `A sigmoid neuron with $w = ${p.w}$, $b = ${p.b}$ gets input $x = 1$, target $y = 0$, quadratic cost, $\\eta = ${p.eta}$. What is $b$ after one gradient step?`,
    answer: (p) => step(p as Record<string, number>).b,
    slips: (p) => { const q = p as Record<string, number>; const s = step(q); return [{ name: 'missing σ′(z)', value: q.b - q.eta * (s.a - q.y), message: "that uses $a - y$ as the gradient, without the factor $\\sigma'(z)$ of the quadratic cost." }]; },
    hints: ['$\\partial C/\\partial b = (a-y)\\sigma\'(z)$.'],
    solution: (p) => `$b = ${fmt(step(p as Record<string, number>).b, 5)}$.`,
  },
  {
    id: 'slowdown-cause', version: '1', kind: 'choice', multiple: false, title: 'Why learning starts slowly',
    params: () => ({}),
    prompt: () => 'A neuron starting with output near 1 when the target is 0 learns very slowly under quadratic cost. Why?',
    options: [
      { id: 'sp', text: "σ′(z) is tiny where σ is near 1", correct: true },
      { id: 'eta', text: 'The learning rate is too small', correct: false, why: 'the same $\\eta$ learns fast from a mid-range start; the gradient itself is small.' },
      { id: 'err', text: 'a − y is small', correct: false, why: '$a - y \\approx 1$ is as large as it can be; the small factor is $\\sigma\'(z)$.' },
    ],
    hints: ['Look at each factor of $(a-y)\\sigma\'(z)x$.'],
    solution: () => 'Both gradients carry $\\sigma\'(z)$, which is near 0 when the neuron saturates.',
  },
  {
    id: 'sigma-prime-max', version: '1', kind: 'number', title: 'Largest σ′',
    params: () => ({}),
    prompt: () => "What is the largest value of $\\sigma'(z)$?",
    answer: () => sigmoidPrime(0),
    slips: () => [{ name: 'σ, not σ′', value: sigmoid(0), message: "that is $\\sigma(0) = 1/2$, the activation where $\\sigma'$ is largest; the value of $\\sigma'$ there is $a(1 - a)$ with $a = 1/2$." }],
    hints: ["$\\sigma'(z) = a(1-a)$ with $a\\in(0,1)$."],
    solution: () => "$a(1-a)$ is largest at $a = 1/2$ (that is, $z = 0$), so $\\max\\sigma' = \\tfrac12\\cdot\\tfrac12 = 0.25$.",
  },
];
