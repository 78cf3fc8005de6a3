// Your own activation: a function and its derivative, handed to the engine.
// gradientCheck then says whether the derivative is right; then the engine trains with it.
// Try breaking softplusPrime (say, drop the minus sign) and run again.
import { createNetwork, defineActivation, gradientCheck, sgd } from "engine";
import { makeToy2D } from "data";

const softplus = (z: number) => Math.log(1 + Math.exp(z));
const softplusPrime = (z: number) => 1 / (1 + Math.exp(-z)); // d/dz log(1 + eᶻ) = σ(z)

const mine = defineActivation("softplus", softplus, softplusPrime);
const probe = createNetwork({ sizes: [3, 4, 2], activations: mine, seed: 3 });
const { maxRelError } = gradientCheck(probe, [0.2, -0.7, 1.1], [0, 1]);
display(maxRelError < 1e-6
  ? `✓ the derivative agrees with finite differences (largest relative error ${maxRelError.toExponential(1)})`
  : `✗ the derivative is wrong somewhere (largest relative error ${maxRelError.toExponential(1)})`);

// Train with it: softplus hidden neurons, a sigmoid output, on the playground's circle
// (inside: 1, ring: 0). Backprop uses your softplusPrime, right or wrong.
const { train, test } = makeToy2D({ name: "circle", count: 300, seed: 2 });
const net = createNetwork({ sizes: [2, 8, 1], activations: [mine, "sigmoid"], cost: "cross-entropy", seed: 1 });
const { history } = sgd(net, train, { epochs: 40, batchSize: 10, eta: 1, seed: 1, testData: test });
const last = history.at(-1)!;
console.log(`after ${last.epoch} epochs: training cost ${last.trainCost.toFixed(3)}, test accuracy ${(100 * last.testAccuracy!).toFixed(0)} %`);
Plot.plot({
  title: "Training cost per epoch with your activation",
  x: { label: "epoch" }, y: { label: "cross-entropy cost", zero: true },
  marks: [Plot.lineY(history, { x: "epoch", y: "trainCost" }), Plot.dot(history, { x: "epoch", y: "trainCost", r: 2 })],
})
