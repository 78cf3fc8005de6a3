// Small numeric helpers for reference answers. TODO(exercises): switch to src/engine/index.ts once it lands
// (it did not exist when the bank was written); tests check these against independent routes.
export const sigmoid = (z: number) => 1 / (1 + Math.exp(-z));
export const sigmoidPrime = (z: number) => sigmoid(z) * (1 - sigmoid(z));
export const matVec = (w: number[][], a: number[]) => w.map((row) => row.reduce((s, x, k) => s + x * a[k], 0));
export const matTVec = (w: number[][], d: number[]) => w[0].map((_, k) => w.reduce((s, row, j) => s + row[k] * d[j], 0));
export const add = (u: number[], v: number[]) => u.map((x, i) => x + v[i]);
export const sub = (u: number[], v: number[]) => u.map((x, i) => x - v[i]);
export const had = (u: number[], v: number[]) => u.map((x, i) => x * v[i]);
export const outer = (d: number[], a: number[]) => d.map((x) => a.map((y) => x * y));
export const softmax = (z: number[]) => { const m = Math.max(...z); const e = z.map((x) => Math.exp(x - m)); const s = e.reduce((p, q) => p + q, 0); return e.map((x) => x / s); };
/** z, a per layer for a sigmoid network (as[0] = x) */
export function forward(ws: number[][][], bs: number[][], x: number[]) {
  const as = [x]; const zs: number[][] = [];
  ws.forEach((w, l) => { const z = add(matVec(w, as[l]), bs[l]); zs.push(z); as.push(z.map(sigmoid)); });
  return { as, zs };
}
/** δ per layer for quadratic cost (BP1, BP2) */
export function deltas(ws: number[][][], bs: number[][], x: number[], y: number[]) {
  const { as, zs } = forward(ws, bs, x);
  const L = ws.length;
  const ds: number[][] = [];
  ds[L - 1] = had(sub(as[L], y), zs[L - 1].map(sigmoidPrime));
  for (let l = L - 2; l >= 0; l--) ds[l] = had(matTVec(ws[l + 1], ds[l + 1]), zs[l].map(sigmoidPrime));
  return { as, zs, ds };
}
export const fmt = (x: number, d = 3) => (Math.abs(x) < 1e-3 && x !== 0 ? x.toExponential(2) : x.toFixed(d).replace(/\.?0+$/, '') || '0');
export const vtex = (v: number[]) => `\\begin{pmatrix}${v.map((x) => fmt(x)).join('\\\\')}\\end{pmatrix}`;
export const mtex = (m: number[][]) => `\\begin{pmatrix}${m.map((r) => r.map((x) => fmt(x)).join('&')).join('\\\\')}\\end{pmatrix}`;
