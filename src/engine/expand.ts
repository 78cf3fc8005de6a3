// Expanding the data (chapter 14): small shifts and rotations of a rows × cols image (row-major,
// pixels in [0, 1]), pure functions, and the expanded training set.
import { toVec } from './matrix';
import type { Example } from './train';

function checkImage(img: ArrayLike<number>, rows: number, cols: number): void {
  if (img.length !== rows * cols) throw new RangeError(`the image has ${img.length} pixels; ${rows} × ${cols} needs ${rows * cols}`);
}

/**
 * The image moved dx pixels right and dy pixels down (negative: left / up); pixels that come in
 * from outside are 0. A pure function: the input is not changed.
 */
export function shiftImage(img: ArrayLike<number>, dx: number, dy: number, rows = 28, cols = 28): Float64Array {
  checkImage(img, rows, cols);
  if (!Number.isInteger(dx) || !Number.isInteger(dy)) throw new RangeError(`a shift is a whole number of pixels (got ${dx}, ${dy})`);
  const out = new Float64Array(rows * cols);
  for (let r = 0; r < rows; r++) {
    const sr = r - dy;
    if (sr < 0 || sr >= rows) continue;
    for (let c = 0; c < cols; c++) {
      const sc = c - dx;
      if (sc >= 0 && sc < cols) out[r * cols + c] = img[sr * cols + sc];
    }
  }
  return out;
}

/**
 * The image rotated by `degrees` (positive: anticlockwise as seen on the screen, rows growing
 * downwards) about its centre, by inverse mapping with bilinear interpolation; outside is 0.
 */
export function rotateImage(img: ArrayLike<number>, degrees: number, rows = 28, cols = 28): Float64Array {
  checkImage(img, rows, cols);
  if (!Number.isFinite(degrees)) throw new RangeError(`the angle must be a finite number of degrees (got ${degrees})`);
  const out = new Float64Array(rows * cols);
  const t = (degrees * Math.PI) / 180;
  const cos = Math.cos(t);
  const sin = Math.sin(t);
  const cr = (rows - 1) / 2;
  const cc = (cols - 1) / 2;
  const at = (r: number, c: number) => (r >= 0 && r < rows && c >= 0 && c < cols ? img[r * cols + c] : 0);
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < cols; c++) {
      // (x, y) with y up: x = c − cc, y = cr − r. Source = rotation by −t of the target.
      const x = c - cc;
      const y = cr - r;
      const sx = cos * x + sin * y;
      const sy = -sin * x + cos * y;
      const fc = sx + cc;
      const fr = cr - sy;
      const r0 = Math.floor(fr);
      const c0 = Math.floor(fc);
      const ar = fr - r0;
      const ac = fc - c0;
      let v = (1 - ar) * (1 - ac) * at(r0, c0);
      if (ac > 0) v += (1 - ar) * ac * at(r0, c0 + 1);
      if (ar > 0) v += ar * (1 - ac) * at(r0 + 1, c0);
      if (ar > 0 && ac > 0) v += ar * ac * at(r0 + 1, c0 + 1);
      out[r * cols + c] = v;
    }
  }
  return out;
}

export interface ImageTransform {
  dx?: number;
  dy?: number;
  degrees?: number;
}

/** The four one-pixel shifts (right, left, down, up). */
export const ONE_PIXEL_SHIFTS: readonly ImageTransform[] = [{ dx: 1 }, { dx: -1 }, { dy: 1 }, { dy: -1 }];

/**
 * Expanded training data: every example, followed by one copy per transform (rotation first,
 * then the shift), with the same target. A pure function.
 */
export function expandExamples(data: readonly Example[], transforms: readonly ImageTransform[], rows = 28, cols = 28): Example[] {
  const out: Example[] = [];
  for (const e of data) {
    out.push(e);
    for (const t of transforms) {
      const rotated = t.degrees ? rotateImage(e.x, t.degrees, rows, cols) : toVec(e.x);
      out.push({ x: shiftImage(rotated, t.dx ?? 0, t.dy ?? 0, rows, cols), y: e.y });
    }
  }
  return out;
}
