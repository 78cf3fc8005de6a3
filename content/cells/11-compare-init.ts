// Comparing initialisations: weights N(0, 1) ("standard", the default) against N(0, 1/n_in) ("scaled": standard deviation 1/√n_in),
// on a network with 100 inputs. Scaled weights keep z small and σ′(z) large at the start: count
// the hidden weighted inputs that begin saturated (σ′(z) < 0.01), then compare the training curves.
import { createNetwork, sgd, createRng, feedforward, sigmoidPrimeScalar } from "engine";

const rng = createRng(11);
const nIn = 100;
const data = Array.from({ length: 60 }, (_, i) => {
  const label = i % 2;
  const x = Array.from({ length: nIn }, (_, k) => (k < 10 ? label : 0) + 0.5 * rng.next());
  return { x, y: [label, 1 - label] };
});

const rows: Record<string, number | string>[] = [];
for (const init of ["standard", "scaled"] as const) {
  const net = createNetwork({ sizes: [nIn, 20, 2], cost: "cross-entropy", init, seed: 1 });
  const zs = data.flatMap((d) => Array.from(feedforward(net, d.x).zs[0]));
  const saturated = zs.filter((z) => sigmoidPrimeScalar(z) < 0.01).length / zs.length;
  const { history } = sgd(net, data, { epochs: 15, batchSize: 6, eta: 0.3, seed: 1 });
  history.forEach((h) => rows.push({ epoch: h.epoch, cost: h.trainCost, init }));
  console.log(`${init}: ${(100 * saturated).toFixed(0)} % of the hidden weighted inputs start saturated; cost after epoch 1 ${history[0].trainCost.toFixed(3)}, after 15 ${history.at(-1)!.trainCost.toFixed(3)}`);
}
Plot.plot({ title: "Training cost per epoch", color: { legend: true }, y: { type: "log" }, marks: [Plot.lineY(rows, { x: "epoch", y: "cost", stroke: "init" })] })
