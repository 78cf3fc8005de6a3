// Real digits in a cell: `loadMnist` from "data" gives the lab's fixed split (the site's own
// digits file; a cell cannot fetch anything else). Look at one digit, then train a 784-30-10
// network on 1,000 of them for a few epochs and watch the accuracy on held-out digits. (The data
// module calls them `test`; the lab uses the same 2,000 held-out digits as validation data.)
import { loadMnist } from "data";
import { createNetwork, sgd } from "engine";

const { train, test, rows, cols } = await loadMnist({ trainCount: 1000, testCount: 200 });
console.log(`${train.length} training and ${test.length} test digits of ${rows}×${cols} = ${train[0].x.length} pixels in [0, 1]`);

const digit = train[0];
display(Plot.plot({
  title: `train[0], labelled ${digit.label}`,
  width: 170, height: 170, axis: null, color: { scheme: "greys" },
  marks: [Plot.cell(Array.from(digit.x, (v, i) => ({ row: Math.floor(i / cols), col: i % cols, v })), { x: "col", y: "row", fill: "v", inset: 0 })],
}));

const net = createNetwork({ sizes: [rows * cols, 30, 10], cost: "cross-entropy", init: "scaled", seed: 1 });
const { history } = sgd(net, train, { epochs: 3, batchSize: 10, eta: 0.5, seed: 1, testData: test });
history.map((h) => ({ epoch: h.epoch, trainCost: h.trainCost, testAccuracy: h.testAccuracy! }))
