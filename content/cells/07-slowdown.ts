// The learning slowdown: the same neuron (x = 1, target y = 0, η = 0.15, quadratic cost)
// from two starting points. Start B begins badly wrong and barely moves for many epochs.
import { neuronRun } from "engine";

const epochs = 300;
// cost[e] is the cost after e epochs: cost[0] at the start, cost[epochs] at the end
const A = neuronRun({ w: 0.6, b: 0.9, eta: 0.15, epochs, cost: "quadratic" });
const B = neuronRun({ w: 2, b: 2, eta: 0.15, epochs, cost: "quadratic" });
console.log(`after ${epochs} epochs: start A cost ${A.cost[epochs].toFixed(4)}, start B cost ${B.cost[epochs].toFixed(4)}`);

const points = [
  ...A.cost.map((c, epoch) => ({ epoch, cost: c, start: "A: w = 0.6, b = 0.9" })),
  ...B.cost.map((c, epoch) => ({ epoch, cost: c, start: "B: w = 2, b = 2" })),
];
Plot.plot({
  title: "Quadratic cost per epoch from two starts",
  color: { legend: true },
  marks: [Plot.lineY(points, { x: "epoch", y: "cost", stroke: "start" })],
})
