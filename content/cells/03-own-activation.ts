// Your own activation: a function and its derivative, handed to the engine.
// gradientCheck then says whether the derivative is right. Try breaking softplusPrime.
import { createNetwork, defineActivation, gradientCheck } from "engine";

const softplus = (z: number) => Math.log(1 + Math.exp(z));
const softplusPrime = (z: number) => 1 / (1 + Math.exp(-z)); // d/dz log(1 + eᶻ) = σ(z)

const mine = defineActivation("softplus", softplus, softplusPrime);
const net = createNetwork({ sizes: [3, 4, 2], activations: mine, seed: 3 });
const { maxRelError } = gradientCheck(net, [0.2, -0.7, 1.1], [0, 1]);

display(maxRelError < 1e-6
  ? `✓ the derivative agrees with finite differences (largest relative error ${maxRelError.toExponential(1)})`
  : `✗ the derivative is wrong somewhere (largest relative error ${maxRelError.toExponential(1)})`);
