// Why backpropagation is fast: one forward and one backward pass give every partial derivative,
// where finite differences need two forward passes per parameter. Time both as the network grows.
import { createNetwork, backprop, gradientCheck, parameterCount } from "engine";

const rows = [];
for (const hidden of [2, 4, 8, 16, 32]) {
  const net = createNetwork({ sizes: [10, hidden, 10], seed: 1 });
  const x = Array.from({ length: 10 }, (_, i) => i / 10);
  const y = Array.from({ length: 10 }, (_, i) => (i === 3 ? 1 : 0));
  let t = performance.now();
  for (let r = 0; r < 20; r++) backprop(net, x, y);
  const backpropMs = (performance.now() - t) / 20;
  t = performance.now();
  gradientCheck(net, x, y); // backprop once + 2 forward passes per parameter
  const finiteMs = performance.now() - t;
  rows.push({ hidden, parameters: parameterCount(net), backpropMs, finiteDifferencesMs: finiteMs, ratio: finiteMs / backpropMs });
}
display(rows);
Plot.plot({
  title: "Finite differences cost grows with the number of parameters; backprop stays cheap",
  x: { label: "parameters" }, y: { label: "time per gradient (ms)", type: "log" },
  marks: [
    Plot.line(rows, { x: "parameters", y: "finiteDifferencesMs", stroke: "orange" }),
    Plot.line(rows, { x: "parameters", y: "backpropMs", stroke: "steelblue" }),
    Plot.text(rows.slice(-1), { x: "parameters", y: "finiteDifferencesMs", text: () => "finite differences", dy: -8 }),
    Plot.text(rows.slice(-1), { x: "parameters", y: "backpropMs", text: () => "backprop", dy: -8 }),
  ],
})
