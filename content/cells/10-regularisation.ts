// L2 regularisation on a tiny problem: the same network trained with λ = 0 and λ = 1.
// The penalty (λ/2n)Σw² keeps the weights small: compare Σw² and the training cost.
import { createNetwork, sgd, createRng } from "engine";

const rng = createRng(4);
// two noisy clusters in the plane
const data = Array.from({ length: 40 }, (_, i) => {
  const label = i % 2;
  return { x: [label + 0.4 * rng.gaussian(), label + 0.4 * rng.gaussian()], y: [label] };
});

const rows: Record<string, number | string>[] = [];
const weights = (net: ReturnType<typeof createNetwork>) => net.weights.reduce((s, w) => s + w.data.reduce((t, v) => t + v * v, 0), 0);
for (const lambda of [0, 1]) {
  const net = createNetwork({ sizes: [2, 8, 1], cost: "cross-entropy", seed: 1 });
  const { history } = sgd(net, data, { epochs: 60, batchSize: 4, eta: 0.5, lambda, seed: 2 });
  history.forEach((h) => rows.push({ epoch: h.epoch, cost: h.trainCost, lambda: `λ = ${lambda}` }));
  console.log(`λ = ${lambda}: Σw² = ${weights(net).toFixed(2)}, accuracy ${(history.at(-1)!.trainAccuracy * 100).toFixed(0)} %`);
}
Plot.plot({ title: "Training cost (without the L2 term) per epoch", color: { legend: true }, marks: [Plot.lineY(rows, { x: "epoch", y: "cost", stroke: "lambda" })] })
