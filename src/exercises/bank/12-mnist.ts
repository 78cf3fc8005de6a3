import type { Exercise } from '../types';
import { parameterCount } from '../../engine/index';

export const exercises: Exercise[] = [
  {
    id: 'mnist-params', version: '1', kind: 'number', title: 'Parameters of an MNIST network',
    params: (r) => ({ h: [30, 50, 100][Math.floor(r() * 3)] }),
    prompt: (p) => `How many weights and biases has a $[784, ${p.h}, 10]$ network?`,
    answer: (p) => parameterCount({ sizes: [784, p.h as number, 10] }),
    tol: { abs: 0, rel: 0 },
    slips: (p) => [{ name: 'weights only', value: 784 * (p.h as number) + (p.h as number) * 10, message: 'that counts the weights only; add one bias per hidden and output neuron.' }],
    hints: ['$n_1 n_0 + n_1 + n_2 n_1 + n_2$.'],
    solution: (p) => `$784\\cdot${p.h} + ${p.h} + ${p.h}\\cdot 10 + 10 = ${parameterCount({ sizes: [784, p.h as number, 10] })}$.`,
  },
  {
    id: 'mnist-steps', version: '1', kind: 'number', title: 'Steps per epoch',
    params: (r) => ({ m: [10, 20, 50][Math.floor(r() * 3)], n: 50000 }),
    prompt: (p) => `With ${p.n} training images and minibatches of ${p.m}, how many gradient steps make one epoch?`,
    answer: (p) => (p.n as number) / (p.m as number),
    tol: { abs: 0, rel: 0 },
    hints: ['One step per minibatch.'],
    solution: (p) => `$${p.n}/${p.m} = ${(p.n as number) / (p.m as number)}$.`,
  },
  {
    id: 'mnist-onehot', version: '1', kind: 'grid', rows: 1, cols: 10, title: 'One-hot target',
    params: (r) => ({ d: Math.floor(r() * 10) }),
    prompt: (p) => `Write the target vector $y$ (entries for digits 0–9) for an image of the digit ${p.d}.`,
    answer: (p) => Array.from({ length: 10 }, (_, i) => (i === p.d ? 1 : 0)),
    entryLabels: () => Array.from({ length: 10 }, (_, i) => `digit ${i}`),
    hints: ['One entry is 1, the rest 0.'],
    solution: (p) => `$1$ in the entry for digit ${p.d}, $0$ in the other nine.`,
  },
  {
    id: 'mnist-overfit', version: '2', kind: 'choice', multiple: false, title: 'Reading the curves',
    params: () => ({}),
    prompt: () => 'During training, the cost on the training data keeps falling while the accuracy on the held-out validation data stops improving. What is happening?',
    options: [
      { id: 'over', text: 'Overfitting', correct: true },
      { id: 'eta', text: 'The learning rate is too large', correct: false, why: 'a too-large $\\eta$ makes the training cost itself jump around or rise, and here it keeps falling.' },
      { id: 'bug', text: 'A bug in backprop', correct: false, why: 'training still improving while held-out accuracy stalls is the pattern of overfitting, which correct gradients produce. The falling training cost does not prove the gradients right (a wrong gradient can still point downhill); a gradient check against finite differences is what proves them.' },
    ],
    hints: ['Compare the behaviour on the training data with that on the validation data.'],
    solution: () => 'Overfitting: the network fits peculiarities of the training set that do not generalise. It is diagnosed on validation data held out from training; the test data is kept for one final measurement, never for decisions like this one.',
  },
];
