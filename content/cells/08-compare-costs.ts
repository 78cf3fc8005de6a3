// Same neuron, same bad start (w = b = 2), two costs. With cross-entropy δ = a − y:
// no σ′(z) factor, so the badly wrong neuron learns fastest instead of slowest.
import { neuronRun, createNetwork, defineCost, gradientCheck, sgd } from "engine";
import { makeToy2D } from "data";

const start = { w: 2, b: 2, eta: 0.15, epochs: 300 };
const quad = neuronRun({ ...start, cost: "quadratic" });
const ce = neuronRun({ ...start, cost: "cross-entropy" });
console.log(`output a after 300 epochs: quadratic ${quad.a.at(-1)!.toFixed(4)}, cross-entropy ${ce.a.at(-1)!.toFixed(4)} (target 0)`);

const points = [
  ...quad.a.map((a, epoch) => ({ epoch, a, cost: "quadratic" })),
  ...ce.a.map((a, epoch) => ({ epoch, a, cost: "cross-entropy" })),
];
display(Plot.plot({
  title: "Output a per epoch, target y = 0",
  color: { legend: true },
  y: { domain: [0, 1] },
  marks: [Plot.lineY(points, { x: "epoch", y: "a", stroke: "cost" }), Plot.ruleY([0])],
}));

// Now your own cost: its value C(a, y) and its gradient ∂C/∂a_j, handed to the engine.
// Here it is cross-entropy written out by hand; gradientCheck judges your gradient, then
// the engine trains with it. Try a mistake in myGrad (say, write 1 + aj where it says 1 - aj).
const myValue = (a: ArrayLike<number>, y: ArrayLike<number>) => {
  let c = 0;
  for (let j = 0; j < a.length; j++) c -= y[j] * Math.log(a[j]) + (1 - y[j]) * Math.log(1 - a[j]);
  return c;
};
const myGrad = (a: ArrayLike<number>, y: ArrayLike<number>) => Array.from(a, (aj, j) => (aj - y[j]) / (aj * (1 - aj)));
const mine = defineCost("my cross-entropy", myValue, myGrad);

const { maxRelError } = gradientCheck(createNetwork({ sizes: [2, 3, 2], cost: mine, seed: 4 }), [0.3, -0.8], [1, 0]);
display(maxRelError < 1e-6
  ? `✓ your gradient agrees with finite differences (largest relative error ${maxRelError.toExponential(1)})`
  : `✗ your gradient is wrong somewhere (largest relative error ${maxRelError.toExponential(1)})`);

// Train with it. The engine's δᴸ for your cost is the general J_σᵀ ∇ₐC, not the shortcut
// a − y it uses for its own cross-entropy: if your gradient is right, the two runs agree.
const { train } = makeToy2D({ name: "moons", count: 200, seed: 5 });
const run = (cost: typeof mine | "cross-entropy") =>
  sgd(createNetwork({ sizes: [2, 8, 1], cost, seed: 1 }), train, { epochs: 40, batchSize: 10, eta: 1, seed: 1 }).history;
const yours = run(mine);
const engines = run("cross-entropy");
const gap = Math.max(...yours.map((h, i) => Math.abs(h.trainCost - engines[i].trainCost)));
console.log(`largest difference from the engine's cross-entropy run, over ${yours.length} epochs: ${gap.toExponential(1)}`);
Plot.plot({
  title: "Training cost per epoch with your cost",
  x: { label: "epoch" }, y: { label: "your cost", zero: true },
  marks: [Plot.lineY(yours, { x: "epoch", y: "trainCost" }), Plot.dot(yours, { x: "epoch", y: "trainCost", r: 2 })],
})
