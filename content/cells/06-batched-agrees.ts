// The matrix form computes the same gradients for a whole batch at once: compare the batched
// ∇W with the sum of per-example backprop gradients.
import { createNetwork, backprop, batchBackprop, createRng } from "engine";

const net = createNetwork({ sizes: [3, 4, 2], seed: 2 });
const rng = createRng(9);
const xs = Array.from({ length: 5 }, () => [rng.next(), rng.next(), rng.next()]);
const ys = Array.from({ length: 5 }, () => [rng.next(), rng.next()]);

const batched = batchBackprop(net, xs, ys);
let largest = 0;
for (let l = 0; l < net.weights.length; l++) {
  const w = batched.nablaW[l];
  const sum = new Float64Array(w.data.length);
  xs.forEach((x, r) => backprop(net, x, ys[r]).nablaW[l].data.forEach((v, i) => (sum[i] += v)));
  w.data.forEach((v, i) => (largest = Math.max(largest, Math.abs(v - sum[i]))));
}
console.log("largest difference between batched and per-example ∇W:", largest);
batched.nablaW[1]
