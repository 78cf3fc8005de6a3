import type { Exercise } from '../types';
import { r2 } from '../types';
import { initVariance } from '../../engine/index';

export const exercises: Exercise[] = [
  {
    id: 'z-sd-standard', version: '1', kind: 'number', title: 'Spread of z with N(0, 1) weights',
    params: (r) => ({ nin: 100 * (2 + Math.floor(r() * 10)), half: 0 }),
    prompt: (p) => `A neuron has ${p.nin} inputs, half of them $1$ and half $0$; its weights and bias are independent draws from $\\mathcal N(0, 1)$ (mean $0$, variance $1$). What is the standard deviation of $z = \\sum_k w_k x_k + b$?`,
    answer: (p) => Math.sqrt((p.nin as number) / 2 + 1),
    slips: (p) => { const n = p.nin as number; return [
      { name: 'variance, not standard deviation', value: n / 2 + 1, message: 'that is the variance of $z$; the standard deviation is its square root.' },
      { name: 'bias forgotten', value: Math.sqrt(n / 2), message: 'that leaves out the bias, which adds a variance of 1.' },
      { name: 'all inputs counted', value: Math.sqrt(n + 1), message: 'that counts every input; the inputs that are $0$ contribute nothing, so only $n_{\\text{in}}/2$ weights add variance.' },
    ]; },
    hints: ['Variances of independent terms add: $\\operatorname{Var}(z) = \\sum_k x_k^2 \\operatorname{Var}(w_k) + \\operatorname{Var}(b)$.', '$n_{\\text{in}}/2$ weights contribute, plus the bias.'],
    solution: (p) => `$\\sqrt{${(p.nin as number) / 2} + 1} \\approx ${Math.sqrt((p.nin as number) / 2 + 1).toFixed(3)}$.`,
  },
  {
    id: 'z-sd-scaled', version: '2', kind: 'number', title: 'Spread of z with scaled weights',
    params: (r) => ({ nin: 100 * (2 + Math.floor(r() * 10)) }),
    prompt: (p) => `A neuron has ${p.nin} inputs, half of them $1$ and half $0$, but now the weights are drawn from $\\mathcal N(0, 1/n_{\\text{in}})$ (standard deviation $1/\\sqrt{n_{\\text{in}}}$, variance $1/n_{\\text{in}}$) and the bias from $\\mathcal N(0, 1)$. What is the standard deviation of $z$?`,
    answer: () => Math.sqrt(1.5),
    slips: () => [
      { name: 'variance, not standard deviation', value: 1.5, message: 'that is the variance of $z$; the standard deviation is its square root.' },
      { name: 'bias forgotten', value: Math.sqrt(0.5), message: 'that leaves out the bias, which still has variance $1$.' },
    ],
    hints: ['Each active weight now has variance $1/n_{\\text{in}}$.'],
    solution: (p) => `Half of the ${p.nin} inputs are active, each adding variance $1/n_{\\text{in}}$, so the weights add $\\tfrac12$ and the bias $1$: $\\sqrt{\\tfrac12 + 1} = \\sqrt{3/2}\\approx ${Math.sqrt(1.5).toFixed(4)}$, whatever $n_{\\text{in}}$ is.`,
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
    id: 'init-sd-value', version: '2', kind: 'number', title: 'The scaled standard deviation',
    params: (r) => ({ nin: [100, 400, 784, 900][Math.floor(r() * 4)] }),
    prompt: (p) => `A layer has $n_{\\text{in}} = ${p.nin}$ inputs. Its weights are initialised from $\\mathcal N(0, 1/n_{\\text{in}})$, in the course's notation $\\mathcal N(\\mu, \\sigma^2)$ whose second argument is the variance. What is their standard deviation?`,
    answer: (p) => 1 / Math.sqrt(p.nin as number),
    slips: (p) => [{ name: 'variance, not standard deviation', value: 1 / (p.nin as number), message: 'that is $1/n_{\\text{in}}$, the variance; the standard deviation is its square root.' }],
    hints: ['The variance is $1/n_{\\text{in}}$; the standard deviation is its square root.'],
    solution: (p) => `$1/\\sqrt{${p.nin}} \\approx ${(1 / Math.sqrt(p.nin as number)).toFixed(5)}$.`,
  },
  {
    id: 'init-xavier', version: '1', kind: 'number', title: 'The Xavier variance', tol: { rel: 1e-6 },
    params: (r) => ({ nin: [784, 100, 30, 300][Math.floor(r() * 4)], nout: [30, 10, 100, 50][Math.floor(r() * 4)] }),
    prompt: (p) => `A layer has $n_{\\text{in}} = ${p.nin}$ inputs and $n_{\\text{out}} = ${p.nout}$ neurons. What variance does the Xavier (Glorot) initialisation give each of its weights?`,
    answer: (p) => initVariance('xavier', p.nin as number, p.nout as number),
    slips: (p) => [
      { name: 'forward only', value: 1 / (p.nin as number), message: 'that is $1/n_{\\text{in}}$, which keeps only the forward pass in scale; Xavier also weighs the backward pass, $1/n_{\\text{out}}$.' },
      { name: 'standard deviation', value: Math.sqrt(2 / ((p.nin as number) + (p.nout as number))), message: 'that is the standard deviation; the question asks for the variance.' },
    ],
    hints: ['The forward pass wants $v_w = 1/n_{\\text{in}}$, the backward pass $v_w = 1/n_{\\text{out}}$.', 'Xavier takes $2/(n_{\\text{in}} + n_{\\text{out}})$, one over the mean of the two sizes.'],
    solution: (p) => `$2/(${p.nin} + ${p.nout}) = ${(2 / ((p.nin as number) + (p.nout as number))).toPrecision(5)}$.`,
  },
  {
    id: 'init-he-sd', version: '1', kind: 'number', title: 'The He standard deviation', tol: { rel: 1e-6 },
    params: (r) => ({ nin: [50, 200, 512, 784][Math.floor(r() * 4)] }),
    prompt: (p) => `A ReLU layer has $n_{\\text{in}} = ${p.nin}$ inputs and He weights, $\\mathcal N(0, 2/n_{\\text{in}})$ (the second argument a variance). What is the weights' standard deviation?`,
    answer: (p) => Math.sqrt(initVariance('he', p.nin as number, 1)),
    slips: (p) => [
      { name: 'variance, not standard deviation', value: 2 / (p.nin as number), message: 'that is the variance $2/n_{\\text{in}}$; the standard deviation is its square root.' },
      { name: 'scaled, not He', value: 1 / Math.sqrt(p.nin as number), message: 'that is the scaled initialisation’s $1/\\sqrt{n_{\\text{in}}}$; He doubles the variance because a ReLU passes on only half of it.' },
    ],
    hints: ['The variance is $2/n_{\\text{in}}$.'],
    solution: (p) => `$\\sqrt{2/${p.nin}} \\approx ${Math.sqrt(2 / (p.nin as number)).toFixed(5)}$.`,
  },
  {
    id: 'init-zero', version: '1', kind: 'choice', multiple: false, title: 'All weights zero',
    params: () => ({}),
    prompt: () => 'A network with one hidden layer of 30 sigmoid neurons starts with every weight and bias equal to $0$ and is trained by gradient descent. What happens to the 30 hidden neurons?',
    options: [
      { id: 'same', text: 'They stay identical to each other at every step: the layer acts like one neuron', correct: true },
      { id: 'diverge', text: 'They soon become different, because the training examples differ', correct: false, why: 'every hidden neuron sees the same inputs with the same weights and sends its output through the same outgoing weight, so all get the same gradient at every step.' },
      { id: 'frozen', text: 'Nothing can ever change, because every gradient is zero', correct: false, why: 'the output bias gets the gradient $\\delta^L$, which is not zero in general, and then the other parameters move too; they just move in lockstep.' },
    ],
    hints: ['Compare the gradients BP2 and BP4 give two hidden neurons with equal parameters.'],
    solution: () => 'Equal parameters give equal activations and equal errors $\\delta_j$ (BP2), hence equal gradients (BP3, BP4): the neurons stay copies of each other, and random initial weights are what breaks this symmetry.',
  },
];
void r2;
