// The text's indexed symbols in plain Unicode (w³₁₂, δ²₁, a⁰ₖ) for equation lines, captions and
// accessible names: no math renderer on the client, and screen readers read these as text.
const SUP = '⁰¹²³⁴⁵⁶⁷⁸⁹';
const SUB = '₀₁₂₃₄₅₆₇₈₉';

export const sup = (n: number): string => String(n).replace(/[0-9]/g, (d) => SUP[Number(d)]).replace('-', '⁻');
export const sub = (n: number): string => String(n).replace(/[0-9]/g, (d) => SUB[Number(d)]);

/** sym('w', 3, 1, 2) = 'w³₁₂': layer l as a superscript, 1-based neuron indices as subscripts. */
export function sym(name: string, l: number, ...idx: number[]): string {
  return `${name}${sup(l)}${idx.map(sub).join('')}`;
}
