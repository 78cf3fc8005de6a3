// Momentum on a ravine: the bowl C(θ) = ½(q₁θ₁² + q₂θ₂²) is 40 times steeper across (θ₂) than
// along (θ₁). Plain gradient descent (β = 0) and momentum (β = 0.8) start at rest from the same
// point with the same η. Change beta, eta or steps and run again.
import { momentumPath, quadraticBowl } from "engine";

const q = [0.5, 20];
const eta = 0.09;
const beta = 0.8;
const steps = 60;
const start = [-8, 1];

const bowl = quadraticBowl(q);
const plain = momentumPath(bowl.cost, bowl.grad, start, { eta, beta: 0, steps });
const momentum = momentumPath(bowl.cost, bowl.grad, start, { eta, beta, steps });
console.log(`after ${steps} steps: plain gradient descent cost ${plain.costs[steps].toExponential(2)}, momentum (β = ${beta}) cost ${momentum.costs[steps].toExponential(2)}`);

const path = (p: typeof plain, name: string) => p.thetas.map(([t1, t2], t) => ({ t, theta1: t1, theta2: t2, cost: p.costs[t], method: name }));
const points = [...path(plain, "plain, β = 0"), ...path(momentum, `momentum, β = ${beta}`)];
display(Plot.plot({
  title: "Paths on the ravine: plain descent zig-zags across and crawls along; momentum gathers speed along the valley",
  x: { label: "θ₁ (along the valley)" }, y: { label: "θ₂ (across)" },
  color: { legend: true },
  marks: [
    Plot.line(points, { x: "theta1", y: "theta2", stroke: "method", marker: "dot" }),
    Plot.dot([{ theta1: 0, theta2: 0 }], { x: "theta1", y: "theta2", symbol: "star", r: 6 }),
  ],
}));
Plot.plot({
  title: "Cost per step",
  x: { label: "step t" }, y: { label: "C(θ_t)", type: "log" },
  color: { legend: true },
  marks: [Plot.lineY(points, { x: "t", y: "cost", stroke: "method" })],
})
