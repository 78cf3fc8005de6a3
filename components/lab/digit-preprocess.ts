// A drawn digit, prepared the way the MNIST digits were (LeCun et al.): the ink's bounding box is
// scaled, keeping its aspect ratio, so that its longer side is 20 pixels (anti-aliased by area
// averaging), then placed in a 28 × 28 field so that its centre of mass sits at the centre.
// Pure: takes a grey-level image (0 = paper, 1 = ink), no DOM. Tested in test/lab-ui/digit-preprocess.test.ts.

export const SIDE = 28;
export const BOX = 20;

export interface Gray {
  width: number;
  height: number;
  /** Row-major, values in [0, 1] (1 = ink). */
  data: ArrayLike<number>;
}

export interface BoundingBox {
  x0: number;
  y0: number;
  /** Exclusive. */
  x1: number;
  y1: number;
}

/** The smallest box holding every pixel darker than `threshold`; null for a blank image. */
export function boundingBox(img: Gray, threshold = 0.05): BoundingBox | null {
  let x0 = Infinity, y0 = Infinity, x1 = -Infinity, y1 = -Infinity;
  for (let y = 0; y < img.height; y++) {
    for (let x = 0; x < img.width; x++) {
      if (img.data[y * img.width + x] > threshold) {
        if (x < x0) x0 = x;
        if (x > x1) x1 = x;
        if (y < y0) y0 = y;
        if (y > y1) y1 = y;
      }
    }
  }
  return x1 < 0 ? null : { x0, y0, x1: x1 + 1, y1: y1 + 1 };
}

/**
 * Resample the box [x0, x1) × [y0, y1) of img to w × h pixels by area averaging: each output
 * pixel is the mean of the source over its footprint (partial source pixels weighted by overlap).
 */
export function resampleArea(img: Gray, box: BoundingBox, w: number, h: number): Float64Array {
  const out = new Float64Array(w * h);
  const sx = (box.x1 - box.x0) / w;
  const sy = (box.y1 - box.y0) / h;
  for (let oy = 0; oy < h; oy++) {
    const fy0 = box.y0 + oy * sy, fy1 = fy0 + sy;
    for (let ox = 0; ox < w; ox++) {
      const fx0 = box.x0 + ox * sx, fx1 = fx0 + sx;
      let sum = 0;
      for (let y = Math.max(box.y0, Math.floor(fy0)); y < Math.min(box.y1, Math.ceil(fy1)); y++) {
        const wy = Math.min(fy1, y + 1) - Math.max(fy0, y);
        if (wy <= 0) continue;
        for (let x = Math.max(box.x0, Math.floor(fx0)); x < Math.min(box.x1, Math.ceil(fx1)); x++) {
          const wx = Math.min(fx1, x + 1) - Math.max(fx0, x);
          if (wx <= 0) continue;
          sum += wx * wy * img.data[y * img.width + x];
        }
      }
      out[oy * w + ox] = sum / (sx * sy);
    }
  }
  return out;
}

/** Centre of mass (pixel centres at x + ½), or null when there is no ink. */
export function centreOfMass(img: Gray): { x: number; y: number } | null {
  let m = 0, mx = 0, my = 0;
  for (let y = 0; y < img.height; y++) {
    for (let x = 0; x < img.width; x++) {
      const v = img.data[y * img.width + x];
      m += v;
      mx += v * (x + 0.5);
      my += v * (y + 0.5);
    }
  }
  return m > 0 ? { x: mx / m, y: my / m } : null;
}

/**
 * The MNIST-style 784 inputs (row-major 28 × 28, values in [0, 1]) for a drawing, or null when
 * nothing is drawn. Ink that the shift would push past the border is dropped, as in MNIST.
 */
export function toMnistInput(img: Gray, threshold = 0.05): Float64Array | null {
  const box = boundingBox(img, threshold);
  if (!box) return null;
  const bw = box.x1 - box.x0, bh = box.y1 - box.y0;
  const scale = BOX / Math.max(bw, bh);
  const w = Math.max(1, Math.round(bw * scale)), h = Math.max(1, Math.round(bh * scale));
  const small = resampleArea(img, box, w, h);
  const com = centreOfMass({ width: w, height: h, data: small });
  if (!com) return null;
  // Shift by whole pixels so the centre of mass lands as close to (14, 14) as possible.
  const dx = Math.round(SIDE / 2 - com.x), dy = Math.round(SIDE / 2 - com.y);
  const out = new Float64Array(SIDE * SIDE);
  for (let y = 0; y < h; y++) {
    const ty = y + dy;
    if (ty < 0 || ty >= SIDE) continue;
    for (let x = 0; x < w; x++) {
      const tx = x + dx;
      if (tx < 0 || tx >= SIDE) continue;
      out[ty * SIDE + tx] = Math.min(1, small[y * w + x]);
    }
  }
  return out;
}

/** Grey levels from canvas RGBA pixels: the pad draws opaque strokes on a transparent canvas, so ink = alpha. */
export function grayFromRgba(rgba: ArrayLike<number>, width: number, height: number): Gray {
  const data = new Float64Array(width * height);
  for (let i = 0; i < width * height; i++) data[i] = rgba[4 * i + 3] / 255;
  return { width, height, data };
}
