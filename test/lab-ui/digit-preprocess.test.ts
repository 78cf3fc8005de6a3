import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { BOX, SIDE, boundingBox, centreOfMass, grayFromRgba, resampleArea, toMnistInput, type Gray } from '../../components/lab/digit-preprocess';

/** A blank W × H image with the rectangle [x0, x0+w) × [y0, y0+h) inked at `v`. */
function rect(W: number, H: number, x0: number, y0: number, w: number, h: number, v = 1): Gray {
  const data = new Float64Array(W * H);
  for (let y = y0; y < y0 + h; y++) for (let x = x0; x < x0 + w; x++) data[y * W + x] = v;
  return { width: W, height: H, data };
}

function sum(a: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i];
  return s;
}

describe('digit preprocessing (MNIST: 20 × 20 box, centre of mass at the centre of 28 × 28)', () => {
  it('a blank drawing gives null (nothing to classify)', () => {
    expect(boundingBox(rect(50, 50, 0, 0, 0, 0))).toBeNull();
    expect(toMnistInput(rect(50, 50, 0, 0, 0, 0))).toBeNull();
  });

  it('the bounding box is the smallest box holding the ink', () => {
    expect(boundingBox(rect(100, 80, 13, 7, 20, 31))).toEqual({ x0: 13, y0: 7, x1: 33, y1: 38 });
  });

  it('area resampling keeps the mean grey level (ink is conserved up to the area ratio)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 40 }), fc.integer({ min: 1, max: 40 }), fc.integer({ min: 1, max: 25 }), fc.integer({ min: 1, max: 25 }), (bw, bh, w, h) => {
        const data = new Float64Array(bw * bh).map((_, i) => ((i * 7919) % 13) / 12);
        const img = { width: bw, height: bh, data };
        const out = resampleArea(img, { x0: 0, y0: 0, x1: bw, y1: bh }, w, h);
        expect(sum(out) / (w * h)).toBeCloseTo(sum(data) / (bw * bh), 10);
      }),
    );
  });

  it('a square anywhere on the pad becomes a 20 × 20 block centred in 28 × 28', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 200 }), fc.integer({ min: 0, max: 200 }), fc.integer({ min: 5, max: 80 }), (x0, y0, s) => {
        const out = toMnistInput(rect(280, 280, x0, y0, s, s))!;
        const box = boundingBox({ width: SIDE, height: SIDE, data: out })!;
        expect(box.x1 - box.x0).toBe(BOX);
        expect(box.y1 - box.y0).toBe(BOX);
        const com = centreOfMass({ width: SIDE, height: SIDE, data: out })!;
        expect(Math.abs(com.x - SIDE / 2)).toBeLessThanOrEqual(0.5);
        expect(Math.abs(com.y - SIDE / 2)).toBeLessThanOrEqual(0.5);
        // A uniformly inked square stays uniformly inked: 400 pixels of value 1.
        expect(sum(out)).toBeCloseTo(BOX * BOX, 8);
      }),
    );
  });

  it('keeps the aspect ratio: a tall stroke stays tall (longer side 20)', () => {
    const out = toMnistInput(rect(280, 280, 100, 20, 30, 240))!;
    const box = boundingBox({ width: SIDE, height: SIDE, data: out })!;
    expect(box.y1 - box.y0).toBe(BOX);
    expect(box.x1 - box.x0).toBe(Math.round((30 * BOX) / 240));
  });

  it('the same drawing shifted on the pad gives the same input (translation invariance)', () => {
    const shape = (dx: number, dy: number) => {
      const img = rect(280, 280, 0, 0, 0, 0);
      const d = img.data as Float64Array;
      // an L-shaped stroke
      for (let y = 40; y < 200; y++) for (let x = 60; x < 80; x++) d[(y + dy) * 280 + x + dx] = 1;
      for (let y = 180; y < 200; y++) for (let x = 60; x < 150; x++) d[(y + dy) * 280 + x + dx] = 1;
      return img;
    };
    const a = toMnistInput(shape(0, 0))!;
    const b = toMnistInput(shape(70, 50))!;
    for (let i = 0; i < a.length; i++) expect(b[i]).toBeCloseTo(a[i], 12);
    // The centre of mass of the result is within half a pixel of the centre, off-centre strokes included.
    const com = centreOfMass({ width: SIDE, height: SIDE, data: a })!;
    expect(Math.abs(com.x - 14)).toBeLessThanOrEqual(0.5);
    expect(Math.abs(com.y - 14)).toBeLessThanOrEqual(0.5);
  });

  it('reads ink from the canvas alpha channel, values in [0, 1]', () => {
    const rgba = new Uint8ClampedArray([0, 0, 0, 0, 10, 20, 30, 255, 0, 0, 0, 51]);
    const g = grayFromRgba(rgba, 3, 1);
    expect(Array.from(g.data)).toEqual([0, 1, 0.2]);
  });
});
