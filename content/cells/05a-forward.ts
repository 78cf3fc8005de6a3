// The worked example, step by step. This cell and the next share a session:
// what this one declares (net, x, y, as, zs) the next one can use. Change x or y, then "Run all".
import { createNetwork, feedforward } from "engine";

const net = createNetwork({ sizes: [2, 2, 1], seed: 5 });
const x = [0.05, 0.1];
const y = [0.8];

const { as, zs } = feedforward(net, x);
console.log("z² =", zs[0], " a² =", as[1]);
console.log("z³ =", zs[1], " a³ =", as[2]);
net.cost.value(as[2], y) // the quadratic cost C = ½‖a³ − y‖²
