// Expanding the data: each digit, moved one pixel in each direction and turned a little, is still
// the same digit. shiftImage and rotateImage are pure functions of a 28×28 image; expandExamples
// adds one labelled copy per transform. Then a 784-30-10 network trained on 50 digits, and on
// the same 50 digits expanded to 250, for the same number of epochs, both checked on 200
// held-out digits. An epoch of the expanded set has five times as many steps: to compare at equal
// steps as well, give the first run 5 × 5 = 25 epochs.
import { loadMnist } from "data";
import { ONE_PIXEL_SHIFTS, createNetwork, expandExamples, rotateImage, shiftImage, trainRegularised } from "engine";

const { train, test } = await loadMnist({ trainCount: 50, testCount: 200 });
const digit = train[0].x;
const views = [
  { name: "original", img: digit },
  { name: "right 1", img: shiftImage(digit, 1, 0) },
  { name: "up 1", img: shiftImage(digit, 0, -1) },
  { name: "turned 12°", img: rotateImage(digit, 12) },
  { name: "turned −12°", img: rotateImage(digit, -12) },
];
const mass = (img: ArrayLike<number>) => Array.from(img).reduce((s, v) => s + v, 0);
views.forEach((v) => console.log(`${v.name}: ink ${mass(v.img).toFixed(1)}`));
display(Plot.plot({
  width: 520, height: 130, axis: null, color: { scheme: "greys" }, fx: { label: null },
  marks: [Plot.cell(views.flatMap((v) => Array.from(v.img, (p, i) => ({ view: v.name, row: Math.floor(i / 28), col: i % 28, p }))), { x: "col", y: "row", fill: "p", fx: "view", inset: 0 })],
}));

const expanded = expandExamples(train, ONE_PIXEL_SHIFTS);
const runs = [
  { name: "50 digits, 5 epochs", data: train, epochs: 5 },
  { name: `${expanded.length} (expanded), 5 epochs`, data: expanded, epochs: 5 },
];
for (const r of runs) {
  const net = createNetwork({ sizes: [784, 30, 10], cost: "cross-entropy", init: "scaled", seed: 1 });
  const h = trainRegularised(net, r.data, { epochs: r.epochs, batchSize: 10, eta: 0.5, seed: 1, testData: test }).at(-1)!;
  console.log(`${r.name}: training accuracy ${(100 * h.trainAccuracy).toFixed(1)} %, held-out accuracy ${(100 * h.testAccuracy!).toFixed(1)} %`);
}
