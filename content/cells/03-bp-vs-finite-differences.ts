// BP1–BP4 against finite differences: backprop's gradient of every weight and bias,
// next to (C(θ + ε) − C(θ − ε)) / 2ε computed by nudging that one parameter (ε = 10⁻⁵).
import { createNetwork, gradientCheck } from "engine";

const net = createNetwork({ sizes: [2, 3, 2], seed: 1 });
const x = [1, 0.5];
const y = [1, 0];

const check = gradientCheck(net, x, y);
console.log(`largest relative error over ${check.entries.length} parameters: ${check.maxRelError.toExponential(2)}`);

// the output layer's weights (BP4 with BP1) and the hidden layer's biases (BP3 with BP2)
check.entries
  .filter((e) => (e.param === "w" && e.layer === 2) || (e.param === "b" && e.layer === 1))
  .map((e) => ({ param: e.param, layer: e.layer, j: e.j, k: e.k ?? "", backprop: e.backprop, numeric: e.numeric, relError: e.relError }))
