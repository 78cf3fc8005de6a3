// The worked example of this chapter: the same 3→3→2→1 network, input x and target y as the page.
// (A cell can import only "engine", "data" and Plot, so the numbers are written out here; a test
// checks that they are the page's.) This cell and the next share a session: what this one
// declares (net, x, y, as, zs) the next one can use. Change x or y, then "Run all".
import { MODEL_FORMAT, fromJSON, feedforward } from "engine";

const net = fromJSON({
  format: MODEL_FORMAT,
  sizes: [3, 3, 2, 1],
  activations: ["sigmoid", "sigmoid", "sigmoid"],
  cost: "quadratic",
  weights: [
    [[0.2, -0.4, 0.1], [0.5, 0.3, -0.2], [-0.3, 0.1, 0.4]],
    [[0.3, -0.5, 0.2], [-0.4, 0.2, 0.6]],
    [[0.7, -0.6]],
  ],
  biases: [[0.1, -0.1, 0.05], [0, 0.1], [0.2]],
});
const x = [1, 0.5, -1];
const y = [1];

// as[0] is a⁰ = x; zs[l − 1] is zˡ and as[l] is aˡ (the course counts layers from 1)
const { as, zs } = feedforward(net, x);
console.log("z¹ =", zs[0], " a¹ =", as[1]);
console.log("z² =", zs[1], " a² =", as[2]);
console.log("z³ =", zs[2], " a³ =", as[3]);
net.cost.value(as[3], y) // the quadratic cost C = ½(a³ − y)²
