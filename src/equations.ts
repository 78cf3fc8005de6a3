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
  /**
   * For the four equations of backpropagation: the line of each path through the engine that
   * computes it (the comment line naming it, found by its text, which must occur once in the file).
   */
  paths?: EquationPath[];
}

export interface EquationPath {
  /** The path: the per-example definition, the TypeScript kernels, the WebAssembly kernels. */
  path: 'reference' | 'TypeScript kernels' | 'WebAssembly kernels';
  file: string;
  /** Text of the one line of file that starts that step of the backward pass. */
  marker: string;
}

/** BP1–BP4 in the three paths: backprop.ts (per example), the TS trainer and the WebAssembly kernels (a batch's rows). */
function inEveryPath(reference: string, batched: string): EquationPath[] {
  return [
    { path: 'reference', file: 'src/engine/backprop.ts', marker: reference },
    { path: 'TypeScript kernels', file: 'src/engine/fast/trainer.ts', marker: batched },
    { path: 'WebAssembly kernels', file: 'src/engine/wasm/assembly/kernels.ts', marker: batched },
  ];
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
    paths: inEveryPath('// BP1: the output error', '// BP1: E^L'),
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
    paths: inEveryPath('// BP2: backwards', '// BP2: E of the layer below'),
  },
  {
    id: 'BP3',
    latex: String.raw`\frac{\partial C}{\partial b^l_j} = \delta^l_j`,
    meaning: "BP3: the gradient of a bias is the error of its neuron.",
    impl: { file: 'src/engine/backprop.ts', symbol: 'backprop' },
    test: { file: 'test/equations/bp.test.ts' },
    chapter: '03-four-equations',
    paths: inEveryPath('// BP3 and BP4.', '// BP3 and BP4, fused'),
  },
  {
    id: 'BP4',
    latex: String.raw`\frac{\partial C}{\partial w^l_{jk}} = a^{l-1}_k\, \delta^l_j`,
    meaning: "BP4: the gradient of a weight is the activation going in times the error coming out.",
    impl: { file: 'src/engine/backprop.ts', symbol: 'backprop' },
    test: { file: 'test/equations/bp.test.ts' },
    chapter: '03-four-equations',
    paths: inEveryPath('// BP3 and BP4.', '// BP3 and BP4, fused'),
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
    latex: String.raw`J_\sigma(z) = \left[\frac{\partial a_j}{\partial z_k}\right] = \operatorname{diag}\bigl(\sigma'(z)\bigr)`,
    meaning: "An activation applied entry by entry has a diagonal Jacobian.",
    impl: { file: 'src/engine/activations.ts', symbol: 'activationJacobian' },
    test: { file: 'test/equations/bp.test.ts' },
    chapter: '03-four-equations',
  },
  {
    id: 'vec-kron',
    latex: String.raw`\operatorname{vec}(A X B) = \bigl(B^{\mathsf T} \otimes A\bigr)\, \operatorname{vec}(X)`,
    meaning: "vec and the Kronecker product turn a matrix sandwich A X B into one matrix times the long vector vec(X).",
    impl: { file: 'src/engine/kron.ts', symbol: 'kron' },
    test: { file: 'test/equations/kron.test.ts' },
    chapter: '03-four-equations',
  },
  {
    id: 'BP4-kron',
    latex: String.raw`\nabla_{\operatorname{vec} w^l} C = \bigl((a^{l-1})^{\mathsf T} \otimes I\bigr)^{\mathsf T} \delta^l = \begin{bmatrix} a^{l-1}_1 \delta^l \\ \vdots \\ a^{l-1}_{n_{l-1}} \delta^l \end{bmatrix} = a^{l-1} \otimes \delta^l = \operatorname{vec}\bigl(\delta^l (a^{l-1})^{\mathsf T}\bigr)`,
    meaning: "BP4 in the Jacobian proof: the gradient of the stacked weights is a Kronecker product, the stacked outer product.",
    impl: { file: 'src/engine/kron.ts', symbol: 'kron' },
    test: { file: 'test/equations/kron.test.ts' },
    chapter: '03-four-equations',
  },
  {
    id: 'path-sum',
    latex: String.raw`\frac{\partial C}{\partial w^l_{jk}} = \sum_{p_{l+1}=1}^{n_{l+1}} \cdots \sum_{p_L=1}^{n_L} a^{l-1}_k\, \sigma'(z^l_j)\, w^{l+1}_{p_{l+1} j}\, \sigma'(z^{l+1}_{p_{l+1}}) \cdots w^L_{p_L p_{L-1}}\, \sigma'(z^L_{p_L})\, \frac{\partial C}{\partial a^L_{p_L}}`,
    meaning: "A weight's gradient is the sum, over every path from it to the cost (one neuron per later layer), of the product of the local rates along the path: BP2 unrolled, then BP4.",
    impl: { file: 'src/engine/paths.ts', symbol: 'weightPaths' },
    test: { file: 'test/engine/paths.test.ts' },
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
    id: 'momentum-update',
    latex: String.raw`v \to \beta\, v - \eta\, \nabla C, \qquad \theta \to \theta + v`,
    meaning: "Gradient descent with momentum: the velocity v keeps a decaying memory (β) of past steps; β = 0 is plain gradient descent.",
    impl: { file: 'src/engine/momentum.ts', symbol: 'momentumStep' },
    test: { file: 'test/equations/momentum.test.ts' },
    chapter: '04-algorithm',
  },
  {
    id: 'momentum-recurrence',
    latex: String.raw`\theta_{t+1} = (1 + \beta - \eta q)\, \theta_t - \beta\, \theta_{t-1}, \qquad \theta_1 = (1 - \eta q)\, \theta_0`,
    meaning: "On a quadratic bowl with curvature q, momentum descent started at rest is a two-term linear recurrence, solved by the roots of r² − (1 + β − ηq) r + β = 0.",
    impl: { file: 'src/engine/momentum.ts', symbol: 'momentumPath' },
    test: { file: 'test/equations/momentum.test.ts' },
    chapter: '04-algorithm',
  },
  {
    id: 'autodiff-backward',
    latex: String.raw`\frac{\partial C}{\partial v} = \sum_{u \,:\, v \to u} \frac{\partial C}{\partial u}\, \frac{\partial u}{\partial v}, \qquad \frac{\partial C}{\partial C} = 1`,
    meaning: "Reverse-mode autodiff: a node's gradient is the sum over the nodes u computed from it of u's gradient times the local derivative ∂u/∂v, filled in from the output back in reverse topological order.",
    impl: { file: 'src/engine/autodiff.ts', symbol: 'backward' },
    test: { file: 'test/engine/autodiff.test.ts' },
    chapter: '04-algorithm',
  },
  {
    id: 'BP2-modified',
    latex: String.raw`\delta^l_j = \bigl((w^{l+1})^{\mathsf T}\delta^{l+1}\bigr)_j\, f'(z^l_j) \quad \text{for the neuron with } a^l_j = f(z^l_j)`,
    meaning: "A neuron whose activation is f instead of σ: in BP2 (and BP1, at the output) only its own factor σ′ becomes f′; BP3 and BP4 do not change.",
    impl: { file: 'src/engine/modified.ts', symbol: 'withModifiedNeuron' },
    test: { file: 'test/equations/modified.test.ts' },
    chapter: '04-algorithm',
  },
  {
    id: 'batch-forward',
    latex: String.raw`Z^l = A^{l-1} W^l + \mathbf 1 \left(b^l\right)^{\mathsf T}, \qquad W^l = \left(w^l\right)^{\mathsf T}, \qquad A^l = \sigma(Z^l)`,
    meaning: "With one example per row (A⁰ = X, m × n₀), a whole batch goes through a layer in one matrix product with the row-form weights Wˡ = (wˡ)ᵀ.",
    impl: { file: 'src/engine/batched.ts', symbol: 'batchFeedforward' },
    test: { file: 'test/equations/batched.test.ts' },
    chapter: '06-matrix-form',
  },
  {
    id: 'batch-delta',
    latex: String.raw`E^L = \nabla_{A^L} C_{\text{sum}} \odot \sigma'(Z^L), \qquad E^l = \bigl(E^{l+1} (W^{l+1})^{\mathsf T}\bigr) \odot \sigma'(Z^l), \qquad C_{\text{sum}} = \sum_i C_{x^{(i)}}`,
    meaning: "BP1 and BP2 for a whole batch: Eˡ = ∂C_sum/∂Zˡ, and row i of Eˡ is the error δˡ of example i, written as a row ((Wˡ⁺¹)ᵀ = wˡ⁺¹).",
    impl: { file: 'src/engine/batched.ts', symbol: 'batchBackprop' },
    test: { file: 'test/equations/batched.test.ts' },
    chapter: '06-matrix-form',
  },
  {
    id: 'batch-grad-w',
    latex: String.raw`\frac{\partial C_{\text{sum}}}{\partial w^l} = \sum_{i} \delta^{l,(i)} \left(a^{l-1,(i)}\right)^{\mathsf T} = \left(E^l\right)^{\mathsf T} A^{l-1}, \qquad \frac{\partial C_{\text{sum}}}{\partial W^l} = \left(A^{l-1}\right)^{\mathsf T} E^l`,
    meaning: "The gradient of the batch's summed cost, the sum of per-example outer products, is one matrix product (divide by m for the mean cost C).",
    impl: { file: 'src/engine/batched.ts', symbol: 'batchBackprop' },
    test: { file: 'test/equations/batched.test.ts' },
    chapter: '06-matrix-form',
  },
  {
    id: 'batch-grad-b',
    latex: String.raw`\frac{\partial C_{\text{sum}}}{\partial b^l} = \sum_i \delta^{l,(i)} = \left(E^l\right)^{\mathsf T} \mathbf 1`,
    meaning: "The bias gradient of the batch's summed cost is the column sum of the error matrix Eˡ (divide by m for the mean cost C).",
    impl: { file: 'src/engine/batched.ts', symbol: 'batchBackprop' },
    test: { file: 'test/equations/batched.test.ts' },
    chapter: '06-matrix-form',
  },
  {
    id: 'augmented-bias',
    latex: String.raw`\begin{bmatrix} (a^{l-1})^{\mathsf T} & 1 \end{bmatrix} \begin{bmatrix} W^l \\ (b^l)^{\mathsf T} \end{bmatrix} = (a^{l-1})^{\mathsf T} W^l + (b^l)^{\mathsf T} = (z^l)^{\mathsf T}, \qquad W^l = (w^l)^{\mathsf T}`,
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
    latex: String.raw`a^L_j = \frac{e^{z^L_j}}{S}, \qquad S = \sum_k e^{z^L_k}`,
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
    latex: String.raw`z_j = \ln a_j + \ln S, \qquad S = \sum_k e^{z_k}`,
    meaning: "The outputs fix the inputs up to one additive constant, ln S, shared by all of them.",
    impl: { file: 'src/engine/activations.ts', symbol: 'softmax' },
    test: { file: 'test/equations/softmax.test.ts' },
    chapter: '09-softmax',
  },
  {
    id: 'log-likelihood',
    latex: String.raw`C = -\ln a^L_c \qquad (c \text{ the correct class})`,
    meaning: "The log-likelihood cost: minus the log of the probability given to the correct class c.",
    impl: { file: 'src/engine/costs.ts', symbol: 'logLikelihood' },
    test: { file: 'test/equations/softmax.test.ts' },
    chapter: '09-softmax',
  },
  {
    id: 'log-likelihood-delta',
    latex: String.raw`\delta^L = a^L - y`,
    meaning: "For softmax outputs and the log-likelihood cost, with y the one-hot target of class c (y_c = 1, the other entries 0), the output error is the plain difference.",
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
    id: 'general-hidden-error',
    latex: String.raw`\delta^{l-1} = J_\sigma(z^{l-1})^{\mathsf T} \left(w^l\right)^{\mathsf T} \delta^l`,
    meaning: "For any activation, the error moves back one layer through the transposed weights, then through the transposed Jacobian of the activation; for an elementwise σ this is BP2.",
    impl: { file: 'src/engine/backprop.ts', symbol: 'hiddenError' },
    test: { file: 'test/equations/general-rule.test.ts' },
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
    latex: String.raw`w \sim \mathcal N\!\left(0, \tfrac{1}{n_{\mathrm{in}}}\right) \quad \text{(standard deviation } 1/\sqrt{n_{\mathrm{in}}}\text{, variance } 1/n_{\mathrm{in}})`,
    meaning: "Scaled initialisation keeps Var(z) of order 1 whatever the number of inputs.",
    impl: { file: 'src/engine/network.ts', symbol: 'createNetwork' },
    test: { file: 'test/equations/init.test.ts' },
    chapter: '11-initialisation',
  },
  {
    id: 'l1-cost',
    latex: String.raw`C = C_0 + \frac{\lambda}{n} \sum_w |w|`,
    meaning: "L1 regularisation adds the absolute values of all the weights (not the biases), scaled by λ/n.",
    impl: { file: 'src/engine/regularised-training.ts', symbol: 'l1TotalCost' },
    test: { file: 'test/equations/regularisers.test.ts' },
    chapter: '14-overfitting',
  },
  {
    id: 'l1-grad',
    latex: String.raw`\frac{\partial C}{\partial w} = \frac{\partial C_0}{\partial w} + \frac{\lambda}{n} \operatorname{sgn}(w)`,
    meaning: "The L1 penalty adds a constant-size push λ/n towards zero (sgn(0) = 0 where |w| has no derivative).",
    impl: { file: 'src/engine/regularisers.ts', symbol: 'sgn' },
    test: { file: 'test/equations/regularisers.test.ts' },
    chapter: '14-overfitting',
  },
  {
    id: 'l1-minibatch-update',
    latex: String.raw`w \to w - \frac{\eta \lambda}{n} \operatorname{sgn}(w) - \frac{\eta}{m} \sum_x \frac{\partial C_x}{\partial w}`,
    meaning: "The L1 step: every nonzero weight moves ηλ/n towards zero, then the averaged data gradient acts.",
    impl: { file: 'src/engine/regularisers.ts', symbol: 'l1Step' },
    test: { file: 'test/equations/regularisers.test.ts' },
    chapter: '14-overfitting',
  },
  {
    id: 'dropout-forward',
    latex: String.raw`\hat a^l = r^l \odot \sigma(z^l), \qquad r^l_j = \begin{cases} 0 & \text{with probability } p \\ \frac{1}{1-p} & \text{otherwise} \end{cases}`,
    meaning: "Inverted dropout: each hidden neuron is dropped with probability p and the kept ones are scaled by 1/(1 − p).",
    impl: { file: 'src/engine/regularisers.ts', symbol: 'dropoutFeedforward' },
    test: { file: 'test/equations/regularisers.test.ts' },
    chapter: '14-overfitting',
  },
  {
    id: 'dropout-bp2',
    latex: String.raw`\delta^l = \left((w^{l+1})^{\mathsf T} \delta^{l+1}\right) \odot r^l \odot \sigma'(z^l)`,
    meaning: "BP2 through the mask: a dropped neuron has zero error, a kept one carries the factor 1/(1 − p).",
    impl: { file: 'src/engine/regularisers.ts', symbol: 'dropoutBackprop' },
    test: { file: 'test/equations/regularisers.test.ts' },
    chapter: '14-overfitting',
  },
  {
    id: 'dropout-bp4',
    latex: String.raw`\frac{\partial C}{\partial w^l_{jk}} = \hat a^{l-1}_k \, \delta^l_j, \qquad \frac{\partial C}{\partial b^l_j} = \delta^l_j`,
    meaning: "BP3 and BP4 with the masked activations: the weights into and out of a dropped neuron get zero gradient.",
    impl: { file: 'src/engine/regularisers.ts', symbol: 'dropoutBackprop' },
    test: { file: 'test/equations/regularisers.test.ts' },
    chapter: '14-overfitting',
  },
  {
    id: 'xavier-init',
    latex: String.raw`w \sim \mathcal N\!\left(0, \tfrac{2}{n_{\mathrm{in}} + n_{\mathrm{out}}}\right) \quad \text{(Xavier/Glorot: variance } 2/(n_{\mathrm{in}} + n_{\mathrm{out}})\text{)}`,
    meaning: "Xavier (Glorot) initialisation: a compromise between keeping Var(z) and Var(δ) of order 1, forward (n_in) and backward (n_out).",
    impl: { file: 'src/engine/network.ts', symbol: 'initVariance' },
    test: { file: 'test/equations/vanishing.test.ts' },
    chapter: '11-initialisation',
  },
  {
    id: 'he-init',
    latex: String.raw`w \sim \mathcal N\!\left(0, \tfrac{2}{n_{\mathrm{in}}}\right) \quad \text{(He: variance } 2/n_{\mathrm{in}}\text{, for ReLU layers)}`,
    meaning: "He initialisation: ReLU passes on only half of its inputs' variance, so the weights get twice the scaled variance.",
    impl: { file: 'src/engine/network.ts', symbol: 'initVariance' },
    test: { file: 'test/equations/vanishing.test.ts' },
    chapter: '11-initialisation',
  },
  {
    id: 'delta-product',
    latex: String.raw`\delta^l = \Sigma'(z^l)\,(w^{l+1})^{\mathsf T}\,\Sigma'(z^{l+1})\,(w^{l+2})^{\mathsf T} \cdots (w^L)^{\mathsf T}\,\Sigma'(z^L)\,\nabla_a C, \qquad \Sigma'(z) = \operatorname{diag}(\sigma'(z))`,
    meaning: "Unrolling BP2 down to BP1: the error of layer l is ∇ₐC multiplied by one factor (w)ᵀ diag(σ′) for every later layer.",
    impl: { file: 'src/engine/vanishing.ts', symbol: 'deltaProduct' },
    test: { file: 'test/equations/vanishing.test.ts' },
    chapter: '13-vanishing-gradients',
  },
  {
    id: 'sigmoid-prime-bound',
    latex: String.raw`0 < \sigma'(z) = \sigma(z)\bigl(1 - \sigma(z)\bigr) \le \tfrac14, \quad \text{with equality only at } z = 0`,
    meaning: "The sigmoid's slope is at most 1/4, so each sigmoid layer shrinks the error unless its weights are large.",
    impl: { file: 'src/engine/activations.ts', symbol: 'sigmoidPrimeScalar' },
    test: { file: 'test/equations/vanishing.test.ts' },
    chapter: '13-vanishing-gradients',
  },
  {
    id: 'bias-gradient-norm',
    latex: String.raw`\left\lVert \frac{\partial C}{\partial b^l} \right\rVert = \Bigl\lVert \frac1m \sum_x \frac{\partial C_x}{\partial b^l} \Bigr\rVert = \Bigl\lVert \frac1m \sum_x \delta^l(x) \Bigr\rVert, \qquad \lVert v \rVert = \Bigl(\sum_j v_j^2\Bigr)^{1/2}`,
    meaning: "The speed of learning of layer l: the length of the gradient of the mean cost with respect to its biases.",
    impl: { file: 'src/engine/vanishing.ts', symbol: 'biasGradientNorms' },
    test: { file: 'test/equations/vanishing.test.ts' },
    chapter: '13-vanishing-gradients',
  },
  {
    id: 'unstable-width',
    latex: String.raw`\text{width}\,\bigl\{a : |w\,\sigma'(wa + b)| \ge 1\bigr\} = \frac{2}{|w|} \ln\!\left(\frac{|w|\bigl(1 + \sqrt{1 - 4/|w|}\bigr)}{2} - 1\right)`,
    meaning: "For |w| > 4, a large weight makes a factor of the product exceed 1 only for a narrow band of inputs (none for |w| ≤ 4): growing gradients need a lucky balance.",
    impl: { file: 'src/engine/vanishing.ts', symbol: 'unstableWidth' },
    test: { file: 'test/equations/vanishing.test.ts' },
    chapter: '13-vanishing-gradients',
  },
];

export function getEquation(id: string): EquationEntry {
  const entry = equations.find((e) => e.id === id);
  if (!entry) {
    throw new Error(`Unknown equation id "${id}". Known ids: ${equations.map((e) => e.id).join(', ') || '(none yet)'}`);
  }
  return entry;
}
