// Train a tiny network and plot its cost: XOR, which no single neuron can learn,
// with one hidden layer of 3 sigmoid neurons and minibatch SGD.
import { createNetwork, sgd, predict } from "engine";

const data = [
  { x: [0, 0], y: [0] }, { x: [0, 1], y: [1] },
  { x: [1, 0], y: [1] }, { x: [1, 1], y: [0] },
];
const net = createNetwork({ sizes: [2, 3, 1], cost: "cross-entropy", seed: 7 });
const { history } = sgd(net, data, { epochs: 2000, batchSize: 4, eta: 2, seed: 1 });

console.log("outputs after training:", data.map((d) => predict(net, d.x)[0].toFixed(3)).join(", "), "(targets 0, 1, 1, 0)");
Plot.plot({
  title: "Cross-entropy cost per epoch on XOR",
  y: { type: "log", label: "cost" },
  marks: [Plot.lineY(history, { x: "epoch", y: "trainCost" })],
})
