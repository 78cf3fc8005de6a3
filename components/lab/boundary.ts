// The decision-boundary heatmap: a G × G grid of inputs covering the points, sent to the worker's
// `predict`, and the network's outputs turned into one colour per cell. Pure (unit-tested).

export interface Extent {
  x0: number;
  x1: number;
  y0: number;
  y1: number;
}

/** The points' bounding box, padded by 10% on each side (a square fallback when there are none). */
export function extentOf(xy: ArrayLike<number>): Extent {
  let x0 = Infinity, x1 = -Infinity, y0 = Infinity, y1 = -Infinity;
  for (let i = 0; i + 1 < xy.length; i += 2) {
    x0 = Math.min(x0, xy[i]);
    x1 = Math.max(x1, xy[i]);
    y0 = Math.min(y0, xy[i + 1]);
    y1 = Math.max(y1, xy[i + 1]);
  }
  if (!(x1 > x0) || !(y1 > y0)) return { x0: -1, x1: 1, y0: -1, y1: 1 };
  const px = 0.1 * (x1 - x0), py = 0.1 * (y1 - y0);
  return { x0: x0 - px, x1: x1 + px, y0: y0 - py, y1: y1 + py };
}

/**
 * Cell centres of a G × G grid, row by row from the TOP (largest y) down, as Plot's raster reads a
 * dense grid: inputs packed (x, y) per row for the worker.
 */
export function gridInputs(e: Extent, g: number): Float64Array {
  const out = new Float64Array(2 * g * g);
  for (let r = 0; r < g; r++) {
    const y = e.y1 - ((r + 0.5) * (e.y1 - e.y0)) / g;
    for (let c = 0; c < g; c++) {
      const x = e.x0 + ((c + 0.5) * (e.x1 - e.x0)) / g;
      out[2 * (r * g + c)] = x;
      out[2 * (r * g + c) + 1] = y;
    }
  }
  return out;
}

/** Class colours (TensorFlow Playground's orange and blue, then green). */
export const CLASS_COLOURS: [number, number, number][] = [
  [245, 147, 34],
  [8, 119, 189],
  [44, 160, 44],
];
export const CLASS_CSS = CLASS_COLOURS.map(([r, g, b]) => `rgb(${r},${g},${b})`);

/**
 * One CSS colour per cell: the class colours mixed by the network's probabilities. One output:
 * p(class 1) = a, p(class 0) = 1 − a. Several: the outputs as given (softmax sums to 1).
 */
export function cellColours(outputs: ArrayLike<number>, nOut: number): string[] {
  const cells = outputs.length / nOut;
  const out = new Array<string>(cells);
  for (let i = 0; i < cells; i++) {
    let r = 0, g = 0, b = 0;
    if (nOut === 1) {
      const a = Math.min(1, Math.max(0, outputs[i]));
      const [c0, c1] = CLASS_COLOURS;
      r = (1 - a) * c0[0] + a * c1[0];
      g = (1 - a) * c0[1] + a * c1[1];
      b = (1 - a) * c0[2] + a * c1[2];
    } else {
      for (let k = 0; k < nOut; k++) {
        const p = Math.min(1, Math.max(0, outputs[i * nOut + k]));
        const c = CLASS_COLOURS[k % CLASS_COLOURS.length];
        r += p * c[0];
        g += p * c[1];
        b += p * c[2];
      }
    }
    out[i] = `rgb(${Math.round(r)},${Math.round(g)},${Math.round(b)})`;
  }
  return out;
}

/** Keep a long curve drawable: at most `max` points, always the first and the last. */
export function thin<T>(rows: T[], max: number): T[] {
  if (rows.length <= max) return rows;
  const step = rows.length / (max - 1);
  const out: T[] = [];
  for (let i = 0; i < max - 1; i++) out.push(rows[Math.floor(i * step)]);
  out.push(rows[rows.length - 1]);
  return out;
}
