// Dropout on the reference path: one mask per hidden layer (inverted dropout, kept activations
// scaled by 1/(1 − p)). First a check: with the mask fixed, backprop through it agrees with a
// finite difference of the masked cost. Then the same small network trained with and without
// dropout on a noisy 2-D set (same seed), evaluated without masks. Whether dropout helps depends
// on the network and the data: change p, the layer sizes or the noise and compare.
import { makeToy2D } from "data";
import { createNetwork, createRng, dropoutMasks, dropoutBackprop, dropoutCost, trainRegularised } from "engine";

const net = createNetwork({ sizes: [2, 6, 6, 1], cost: "cross-entropy", seed: 3 });
const masks = dropoutMasks(net, 0.5, createRng(1));
console.log("masks:", masks.map((m) => Array.from(m).join(" ")).join(" | "));
const x = [0.3, -0.6], y = [1];
const g = dropoutBackprop(net, x, y, masks);
const eps = 1e-5;
const w = net.weights[0].data;
let worst = 0;
for (let k = 0; k < w.length; k++) {
  const saved = w[k];
  w[k] = saved + eps; const plus = dropoutCost(net, x, y, masks);
  w[k] = saved - eps; const minus = dropoutCost(net, x, y, masks);
  w[k] = saved;
  worst = Math.max(worst, Math.abs(g.nablaW[0].data[k] - (plus - minus) / (2 * eps)));
}
console.log(`${worst < 1e-7 ? "✓" : "✗"} ∂C/∂w¹ through the mask vs finite differences: largest difference ${worst.toExponential(1)}`);

const set = makeToy2D({ name: "moons", count: 80, noise: 0.5, testFraction: 0.5, seed: 2 });
const rows: Record<string, number | string>[] = [];
for (const p of [0, 0.3]) {
  const model = createNetwork({ sizes: [2, 16, 16, 1], cost: "cross-entropy", init: "scaled", seed: 1 });
  const history = trainRegularised(model, set.train, { epochs: 80, batchSize: 10, eta: 0.5, dropout: p, seed: 4, testData: set.test });
  history.forEach((h) => rows.push({ epoch: h.epoch, accuracy: h.testAccuracy!, run: `p = ${p}` }));
  const last = history.at(-1)!;
  console.log(`p = ${p}: training accuracy ${(100 * last.trainAccuracy).toFixed(0)} %, held-out accuracy ${(100 * last.testAccuracy!).toFixed(0)} %`);
}
Plot.plot({ title: "Held-out accuracy per epoch, without and with dropout", y: { label: "accuracy" }, color: { legend: true }, marks: [Plot.lineY(rows, { x: "epoch", y: "accuracy", stroke: "run" })] })
