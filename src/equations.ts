// The equation registry: every labelled equation of the course, once.
// Chapters render entries with <Eq id="…" />; the page links each equation to the engine
// function that implements it and to the test that proves it (in the Source section).
// test/equations/registry.test.ts fails when an entry's test does not exist or does not name it.

export interface EquationEntry {
  /** Stable id used in MDX (<Eq id="BP1" />) and in the title of the test that proves it. */
  id: string;
  /** KaTeX source, display mode. */
  latex: string;
  /** One line: what the equation says. */
  meaning: string;
  /** Where it is implemented: a file under src/ and the exported symbol. */
  impl: { file: string; symbol: string };
  /** Where it is proved: a test file; the test's title contains `${id}:`. */
  test: { file: string };
  /** Chapter slug where it is introduced. */
  chapter: string;
}

export const equations: EquationEntry[] = [
  {
    id: 'sigmoid',
    latex: String.raw`\sigma(z) = \frac{1}{1 + e^{-z}}`,
    meaning: "The sigmoid squashes any real z into (0, 1).",
    impl: { file: 'src/engine/activations.ts', symbol: 'sigmoidScalar' },
    test: { file: 'test/equations/forward.test.ts' },
    chapter: '01-forward-pass',
  },
  {
    id: 'z-component',
    latex: String.raw`z^l_j = \sum_k w^l_{jk}\, a^{l-1}_k + b^l_j`,
    meaning: "The weighted input of neuron j in layer l: a weighted sum of the previous layer's activations plus a bias.",
    impl: { file: 'src/engine/feedforward.ts', symbol: 'feedforward' },
    test: { file: 'test/equations/forward.test.ts' },
    chapter: '01-forward-pass',
  },
  {
    id: 'z',
    latex: String.raw`z^l = w^l a^{l-1} + b^l`,
    meaning: "The same for the whole layer at once: a matrix–vector product plus the bias vector.",
    impl: { file: 'src/engine/feedforward.ts', symbol: 'feedforward' },
    test: { file: 'test/equations/forward.test.ts' },
    chapter: '01-forward-pass',
  },
  {
    id: 'a',
    latex: String.raw`a^l = \sigma(z^l)`,
    meaning: "Each neuron's activation is σ of its weighted input, applied entry by entry.",
    impl: { file: 'src/engine/feedforward.ts', symbol: 'feedforward' },
    test: { file: 'test/equations/forward.test.ts' },
    chapter: '01-forward-pass',
  },
  {
    id: 'feedforward',
    latex: String.raw`a^L = \left(g^L \circ \cdots \circ g^2 \circ g^1\right)(x), \qquad g^l(a) = \sigma(w^l a + b^l)`,
    meaning: "The network's output is the composition of its layers (Algorithm 1).",
    impl: { file: 'src/engine/feedforward.ts', symbol: 'feedforward' },
    test: { file: 'test/equations/forward.test.ts' },
    chapter: '01-forward-pass',
  },
  {
    id: 'quadratic-cost-x',
    latex: String.raw`C_x = \tfrac12 \left\lVert y(x) - a^L(x) \right\rVert^2`,
    meaning: "The quadratic cost of one training example.",
    impl: { file: 'src/engine/costs.ts', symbol: 'quadratic' },
    test: { file: 'test/equations/costs.test.ts' },
    chapter: '02-cost-and-error',
  },
  {
    id: 'quadratic-cost',
    latex: String.raw`C = \frac{1}{2n} \sum_x \left\lVert y(x) - a^L(x) \right\rVert^2 = \frac1n \sum_x C_x`,
    meaning: "The quadratic cost over the training set: the average of the per-example costs.",
    impl: { file: 'src/engine/train.ts', symbol: 'totalCost' },
    test: { file: 'test/equations/costs.test.ts' },
    chapter: '02-cost-and-error',
  },
  {
    id: 'hadamard',
    latex: String.raw`(s \odot t)_j = s_j\, t_j`,
    meaning: "The Hadamard product multiplies two vectors of the same length entry by entry.",
    impl: { file: 'src/engine/matrix.ts', symbol: 'hadamard' },
    test: { file: 'test/equations/bp.test.ts' },
    chapter: '02-cost-and-error',
  },
  {
    id: 'delta-def',
    latex: String.raw`\delta^l_j \equiv \frac{\partial C}{\partial z^l_j}`,
    meaning: "The error of neuron j in layer l: how the cost changes with that neuron's weighted input.",
    impl: { file: 'src/engine/backprop.ts', symbol: 'backprop' },
    test: { file: 'test/equations/bp.test.ts' },
    chapter: '02-cost-and-error',
  },
  {
    id: 'BP1',
    latex: String.raw`\delta^L = \nabla_a C \odot \sigma'(z^L)`,
    meaning: "BP1: the output error is the cost's gradient in the outputs times how fast σ changes there.",
    impl: { file: 'src/engine/costs.ts', symbol: 'outputError' },
    test: { file: 'test/equations/bp.test.ts' },
    chapter: '03-four-equations',
  },
  {
    id: 'BP1-component',
    latex: String.raw`\delta^L_j = \frac{\partial C}{\partial a^L_j}\, \sigma'(z^L_j)`,
    meaning: "BP1 for one output neuron.",
    impl: { file: 'src/engine/costs.ts', symbol: 'outputError' },
    test: { file: 'test/equations/bp.test.ts' },
    chapter: '03-four-equations',
  },
  {
    id: 'BP2',
    latex: String.raw`\delta^l = \left( (w^{l+1})^{\mathsf T} \delta^{l+1} \right) \odot \sigma'(z^l)`,
    meaning: "BP2: the error moves back one layer through the transposed weights, then through σ′.",
    impl: { file: 'src/engine/backprop.ts', symbol: 'hiddenError' },
    test: { file: 'test/equations/bp.test.ts' },
    chapter: '03-four-equations',
  },
  {
    id: 'BP3',
    latex: String.raw`\frac{\partial C}{\partial b^l_j} = \delta^l_j`,
    meaning: "BP3: the gradient of a bias is the error of its neuron.",
    impl: { file: 'src/engine/backprop.ts', symbol: 'backprop' },
    test: { file: 'test/equations/bp.test.ts' },
    chapter: '03-four-equations',
  },
  {
    id: 'BP4',
    latex: String.raw`\frac{\partial C}{\partial w^l_{jk}} = a^{l-1}_k\, \delta^l_j`,
    meaning: "BP4: the gradient of a weight is the activation going in times the error coming out.",
    impl: { file: 'src/engine/backprop.ts', symbol: 'backprop' },
    test: { file: 'test/equations/bp.test.ts' },
    chapter: '03-four-equations',
  },
  {
    id: 'BP4-matrix',
    latex: String.raw`\frac{\partial C}{\partial w^l} = \delta^l \left(a^{l-1}\right)^{\mathsf T}`,
    meaning: "BP4 for the whole weight matrix: an outer product.",
    impl: { file: 'src/engine/matrix.ts', symbol: 'outer' },
    test: { file: 'test/equations/bp.test.ts' },
    chapter: '03-four-equations',
  },
  {
    id: 'sigmoid-prime',
    latex: String.raw`\sigma'(z) = \sigma(z)\,\bigl(1 - \sigma(z)\bigr)`,
    meaning: "The sigmoid's derivative in terms of the sigmoid itself; at most 1/4, at z = 0.",
    impl: { file: 'src/engine/activations.ts', symbol: 'sigmoidPrimeScalar' },
    test: { file: 'test/equations/forward.test.ts' },
    chapter: '03-four-equations',
  },
  {
    id: 'jacobian-sigma',
    latex: String.raw`J_\sigma(z) = \left[\frac{\partial a_i}{\partial z_j}\right] = \operatorname{diag}\bigl(\sigma'(z)\bigr)`,
    meaning: "An activation applied entry by entry has a diagonal Jacobian.",
    impl: { file: 'src/engine/activations.ts', symbol: 'activationJacobian' },
    test: { file: 'test/equations/bp.test.ts' },
    chapter: '03-four-equations',
  },
  {
    id: 'sgd-update',
    latex: String.raw`w^l \to w^l - \eta\, \frac{\partial C}{\partial w^l}, \qquad b^l \to b^l - \eta\, \frac{\partial C}{\partial b^l}`,
    meaning: "One step of gradient descent (Algorithm 3): move every parameter against its gradient, scaled by η.",
    impl: { file: 'src/engine/optimize.ts', symbol: 'optimize' },
    test: { file: 'test/equations/training.test.ts' },
    chapter: '04-algorithm',
  },
  {
    id: 'minibatch-average',
    latex: String.raw`\nabla C \approx \frac1m \sum_{i=1}^{m} \nabla C_{x_i}`,
    meaning: "A minibatch of m examples estimates the average gradient (Algorithm 4).",
    impl: { file: 'src/engine/train.ts', symbol: 'updateMiniBatch' },
    test: { file: 'test/equations/training.test.ts' },
    chapter: '04-algorithm',
  },
  {
    id: 'batch-forward',
    latex: String.raw`Z^l = A^{l-1} \left(w^l\right)^{\mathsf T} + \mathbf 1 \left(b^l\right)^{\mathsf T}, \qquad A^l = \sigma(Z^l)`,
    meaning: "With one example per row, a whole batch goes through a layer in one matrix product.",
    impl: { file: 'src/engine/batched.ts', symbol: 'batchFeedforward' },
    test: { file: 'test/equations/batched.test.ts' },
    chapter: '06-matrix-form',
  },
  {
    id: 'batch-grad-w',
    latex: String.raw`\frac{\partial C}{\partial w^l} = \sum_{i} \delta^{l,(i)} \left(a^{l-1,(i)}\right)^{\mathsf T} = \left(\Delta^l\right)^{\mathsf T} A^{l-1}`,
    meaning: "The batch's weight gradient, the sum of per-example outer products, is one matrix product.",
    impl: { file: 'src/engine/batched.ts', symbol: 'batchBackprop' },
    test: { file: 'test/equations/batched.test.ts' },
    chapter: '06-matrix-form',
  },
  {
    id: 'batch-grad-b',
    latex: String.raw`\frac{\partial C}{\partial b^l} = \sum_i \delta^{l,(i)} = \left(\Delta^l\right)^{\mathsf T} \mathbf 1`,
    meaning: "The batch's bias gradient is the column sum of the error signals.",
    impl: { file: 'src/engine/batched.ts', symbol: 'batchBackprop' },
    test: { file: 'test/equations/batched.test.ts' },
    chapter: '06-matrix-form',
  },
  {
    id: 'augmented-bias',
    latex: String.raw`\begin{bmatrix} (a^{l-1})^{\mathsf T} & 1 \end{bmatrix} \begin{bmatrix} (w^l)^{\mathsf T} \\ (b^l)^{\mathsf T} \end{bmatrix} = (a^{l-1})^{\mathsf T} (w^l)^{\mathsf T} + (b^l)^{\mathsf T} = (z^l)^{\mathsf T}`,
    meaning: "Appending a 1 to the input and the bias as a last weight row gives the same weighted input.",
    impl: { file: 'src/engine/batched.ts', symbol: 'augmentedWeights' },
    test: { file: 'test/equations/batched.test.ts' },
    chapter: '06-matrix-form',
  },
  {
    id: 'neuron-update',
    latex: String.raw`w \to w - \eta\, a^2 (1 - a), \qquad b \to b - \eta\, a^2(1-a) \quad (x = 1,\ y = 0,\ \text{quadratic cost})`,
    meaning: "The single neuron's step under the quadratic cost: tiny when its output a is near 1.",
    impl: { file: 'src/engine/neuron.ts', symbol: 'neuronStep' },
    test: { file: 'test/equations/costs.test.ts' },
    chapter: '07-learning-slowdown',
  },
  {
    id: 'cross-entropy',
    latex: String.raw`C = -\frac1n \sum_x \sum_j \left[ y_j \ln a^L_j + (1 - y_j) \ln\bigl(1 - a^L_j\bigr) \right]`,
    meaning: "The cross-entropy cost for sigmoid outputs.",
    impl: { file: 'src/engine/costs.ts', symbol: 'crossEntropy' },
    test: { file: 'test/equations/costs.test.ts' },
    chapter: '08-cross-entropy',
  },
  {
    id: 'cross-entropy-grad-w',
    latex: String.raw`\frac{\partial C}{\partial w_j} = \frac1n \sum_x x_j \bigl(\sigma(z) - y\bigr)`,
    meaning: "With cross-entropy, the weight gradient is the plain error times the input: no σ′(z).",
    impl: { file: 'src/engine/costs.ts', symbol: 'crossEntropy' },
    test: { file: 'test/equations/costs.test.ts' },
    chapter: '08-cross-entropy',
  },
  {
    id: 'cross-entropy-delta',
    latex: String.raw`\delta^L = a^L - y`,
    meaning: "For sigmoid outputs and the cross-entropy cost, σ′ cancels and the output error is the plain difference.",
    impl: { file: 'src/engine/costs.ts', symbol: 'crossEntropy' },
    test: { file: 'test/equations/costs.test.ts' },
    chapter: '08-cross-entropy',
  },
  {
    id: 'cross-entropy-minimiser',
    latex: String.raw`\frac{\partial C}{\partial a} = \frac{a - y}{a(1-a)} = 0 \iff a = y`,
    meaning: "For any target y in [0, 1], cross-entropy is smallest where the output equals the target.",
    impl: { file: 'src/engine/costs.ts', symbol: 'crossEntropy' },
    test: { file: 'test/equations/costs.test.ts' },
    chapter: '08-cross-entropy',
  },
  {
    id: 'softmax',
    latex: String.raw`a^L_j = \frac{e^{z^L_j}}{\sum_k e^{z^L_k}}`,
    meaning: "Softmax turns a vector of weighted inputs into positive outputs that sum to 1.",
    impl: { file: 'src/engine/activations.ts', symbol: 'softmax' },
    test: { file: 'test/equations/softmax.test.ts' },
    chapter: '09-softmax',
  },
  {
    id: 'softmax-derivative',
    latex: String.raw`\frac{\partial a_j}{\partial z_k} = a_j \left( \mathbb 1_{j=k} - a_k \right)`,
    meaning: "Raising z_k raises a_k and lowers every other output.",
    impl: { file: 'src/engine/activations.ts', symbol: 'softmax' },
    test: { file: 'test/equations/softmax.test.ts' },
    chapter: '09-softmax',
  },
  {
    id: 'softmax-jacobian',
    latex: String.raw`J_{\mathrm{softmax}}(z) = \operatorname{diag}(a) - a\, a^{\mathsf T}`,
    meaning: "The softmax Jacobian in matrix form (verified, as the source note asked).",
    impl: { file: 'src/engine/activations.ts', symbol: 'softmax' },
    test: { file: 'test/equations/softmax.test.ts' },
    chapter: '09-softmax',
  },
  {
    id: 'softmax-inverse',
    latex: String.raw`z_j = \ln a_j + \ln \sum_k e^{z_k}`,
    meaning: "The outputs fix the inputs up to one additive constant shared by all of them.",
    impl: { file: 'src/engine/activations.ts', symbol: 'softmax' },
    test: { file: 'test/equations/softmax.test.ts' },
    chapter: '09-softmax',
  },
  {
    id: 'log-likelihood',
    latex: String.raw`C = -\ln a^L_y`,
    meaning: "The log-likelihood cost: minus the log of the probability given to the correct class.",
    impl: { file: 'src/engine/costs.ts', symbol: 'logLikelihood' },
    test: { file: 'test/equations/softmax.test.ts' },
    chapter: '09-softmax',
  },
  {
    id: 'log-likelihood-delta',
    latex: String.raw`\delta^L = a^L - y`,
    meaning: "For softmax outputs and the log-likelihood cost (one-hot y), the output error is the plain difference.",
    impl: { file: 'src/engine/costs.ts', symbol: 'logLikelihood' },
    test: { file: 'test/equations/softmax.test.ts' },
    chapter: '09-softmax',
  },
  {
    id: 'general-output-error',
    latex: String.raw`\delta^L = J_\sigma(z^L)^{\mathsf T}\, \nabla_a C`,
    meaning: "For any output activation, the output error is the Jacobian transposed times the cost's gradient.",
    impl: { file: 'src/engine/costs.ts', symbol: 'outputErrorGeneral' },
    test: { file: 'test/equations/softmax.test.ts' },
    chapter: '09-softmax',
  },
  {
    id: 'l2-cost',
    latex: String.raw`C = C_0 + \frac{\lambda}{2n} \sum_w w^2`,
    meaning: "L2 regularisation adds a penalty on the squared weights (not the biases).",
    impl: { file: 'src/engine/train.ts', symbol: 'totalCost' },
    test: { file: 'test/equations/l2.test.ts' },
    chapter: '10-regularisation',
  },
  {
    id: 'l2-grad',
    latex: String.raw`\frac{\partial C}{\partial w} = \frac{\partial C_0}{\partial w} + \frac{\lambda}{n} w, \qquad \frac{\partial C}{\partial b} = \frac{\partial C_0}{\partial b}`,
    meaning: "The penalty adds (λ/n) w to each weight's gradient and nothing to the biases'.",
    impl: { file: 'src/engine/optimize.ts', symbol: 'optimize' },
    test: { file: 'test/equations/l2.test.ts' },
    chapter: '10-regularisation',
  },
  {
    id: 'l2-update',
    latex: String.raw`w \to \left(1 - \frac{\eta \lambda}{n}\right) w - \eta \frac{\partial C_0}{\partial w}`,
    meaning: "Weight decay: each step first shrinks the weight by the factor 1 − ηλ/n.",
    impl: { file: 'src/engine/optimize.ts', symbol: 'l2Factor' },
    test: { file: 'test/equations/l2.test.ts' },
    chapter: '10-regularisation',
  },
  {
    id: 'l2-minibatch-update',
    latex: String.raw`w \to \left(1 - \frac{\eta \lambda}{n}\right) w - \frac{\eta}{m} \sum_x \frac{\partial C_x}{\partial w}`,
    meaning: "With minibatches the data term is averaged over m, but the decay keeps n.",
    impl: { file: 'src/engine/train.ts', symbol: 'updateMiniBatch' },
    test: { file: 'test/equations/l2.test.ts' },
    chapter: '10-regularisation',
  },
  {
    id: 'z-variance',
    latex: String.raw`\operatorname{Var}(z) = v_w \sum_k x_k^2 + v_b`,
    meaning: "The spread of a neuron's weighted input grows with its number of active inputs.",
    impl: { file: 'src/engine/saturation.ts', symbol: 'sampleSaturation' },
    test: { file: 'test/equations/init.test.ts' },
    chapter: '11-initialisation',
  },
  {
    id: 'scaled-init',
    latex: String.raw`w \sim \mathcal N\!\left(0, \tfrac{1}{\sqrt{n_{\mathrm{in}}}}\right) \quad \text{(standard deviation } 1/\sqrt{n_{\mathrm{in}}}\text{, variance } 1/n_{\mathrm{in}})`,
    meaning: "Scaled initialisation keeps Var(z) of order 1 whatever the number of inputs.",
    impl: { file: 'src/engine/network.ts', symbol: 'createNetwork' },
    test: { file: 'test/equations/init.test.ts' },
    chapter: '11-initialisation',
  },
];

export function getEquation(id: string): EquationEntry {
  const entry = equations.find((e) => e.id === id);
  if (!entry) {
    throw new Error(`Unknown equation id "${id}". Known ids: ${equations.map((e) => e.id).join(', ') || '(none yet)'}`);
  }
  return entry;
}
