import type { Exercise } from '../types';
import { r2 } from '../types';

export const exercises: Exercise[] = [
  {
    id: 'z-sd-standard', version: '1', kind: 'number', title: 'Spread of z with N(0,1) weights',
    params: (r) => ({ nin: 100 * (2 + Math.floor(r() * 10)), half: 0 }),
    prompt: (p) => `A neuron has ${p.nin} inputs, half of them 1 and half 0; weights and bias are independent $N(0,1)$. What is the standard deviation of $z$?`,
    answer: (p) => Math.sqrt((p.nin as number) / 2 + 1),
    hints: ['Variances of independent terms add.', '$n/2$ weights contribute, plus the bias.'],
    solution: (p) => `$\\sqrt{${(p.nin as number) / 2} + 1}$.`,
  },
  {
    id: 'z-sd-scaled', version: '1', kind: 'number', title: 'Spread of z with scaled weights',
    params: (r) => ({ nin: 100 * (2 + Math.floor(r() * 10)) }),
    prompt: (p) => `Same neuron (${p.nin} inputs, half 1) but weights $N(0, 1/n_{\\text{in}})$ in variance and bias $N(0,1)$. Standard deviation of $z$?`,
    answer: () => Math.sqrt(1.5),
    hints: ['Each active weight now has variance $1/n_{\\text{in}}$.'],
    solution: () => '$\\sqrt{\\tfrac12 + 1} = \\sqrt{3/2}\\approx 1.22$.',
  },
  {
    id: 'init-why', version: '1', kind: 'choice', multiple: false, title: 'Why scale the initial weights?',
    params: () => ({}),
    prompt: () => 'Why initialise weights with standard deviation $1/\\sqrt{n_{\\text{in}}}$?',
    options: [
      { id: 'sat', text: 'To keep z small so hidden neurons do not start saturated', correct: true },
      { id: 'ce', text: 'To remove the learning slowdown of the output layer', correct: false, why: 'that is what the cross-entropy cost does; initialisation addresses hidden-neuron saturation.' },
      { id: 'reg', text: 'It is a form of regularisation', correct: false, why: 'it changes the starting point only; the cost being minimised is unchanged.' },
    ],
    hints: ['Think about $\\sigma\'(z)$ when $|z|$ is large.'],
    solution: () => 'A broad $z$ saturates hidden neurons, making $\\sigma\'(z)$ and their gradients tiny.',
  },
  {
    id: 'init-sd-value', version: '1', kind: 'number', title: 'The scaled standard deviation',
    params: (r) => ({ nin: [100, 400, 784, 900][Math.floor(r() * 4)] }),
    prompt: (p) => `A layer has $n_{\\text{in}} = ${p.nin}$ inputs. What standard deviation do the scaled initial weights have?`,
    answer: (p) => 1 / Math.sqrt(p.nin as number),
    hints: ['$1/\\sqrt{n_{\\text{in}}}$.'],
    solution: (p) => `$1/\\sqrt{${p.nin}}$.`,
  },
];
void r2;
