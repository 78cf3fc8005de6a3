// The softmax Jacobian J = diag(a) − a aᵀ, checked entry by entry against central differences,
// and its rows sum to 0 (adding the same number to every z_k leaves a unchanged); so do its columns
// (the outputs always sum to 1, so nudging one z_k cannot change their total).
import { softmax } from "engine";

const z = [1.5, -0.3, 0.8, 0.1];
const J = softmax.jacobian(z);
const eps = 1e-6; // the finite-difference step ε
let worst = 0;
for (let k = 0; k < z.length; k++) {
  const up = softmax.fn(z.map((v, i) => (i === k ? v + eps : v)));
  const down = softmax.fn(z.map((v, i) => (i === k ? v - eps : v)));
  for (let j = 0; j < z.length; j++) worst = Math.max(worst, Math.abs((up[j] - down[j]) / (2 * eps) - J.get(j, k)));
}
const rowSums = J.toArray().map((r) => r.reduce((s, v) => s + v, 0));
console.log("a =", softmax.fn(z), " Σa =", softmax.fn(z).reduce((s, v) => s + v, 0));
console.log("largest |finite difference − J| =", worst.toExponential(2), "; row sums:", rowSums);
J
