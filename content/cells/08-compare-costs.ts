// Same neuron, same bad start (w = b = 2), two costs. With cross-entropy δ = a − y:
// no σ′(z) factor, so the badly wrong neuron learns fastest instead of slowest.
import { neuronRun } from "engine";

const start = { w: 2, b: 2, eta: 0.15, epochs: 300 };
const quad = neuronRun({ ...start, cost: "quadratic" });
const ce = neuronRun({ ...start, cost: "cross-entropy" });
console.log(`output a after 300 epochs: quadratic ${quad.a.at(-1)!.toFixed(4)}, cross-entropy ${ce.a.at(-1)!.toFixed(4)} (target 0)`);

const points = [
  ...quad.a.map((a, epoch) => ({ epoch, a, cost: "quadratic" })),
  ...ce.a.map((a, epoch) => ({ epoch, a, cost: "cross-entropy" })),
];
Plot.plot({
  title: "Output a per epoch, target y = 0",
  color: { legend: true },
  y: { domain: [0, 1] },
  marks: [Plot.lineY(points, { x: "epoch", y: "a", stroke: "cost" }), Plot.ruleY([0])],
})
