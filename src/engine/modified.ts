// A layer in which one neuron uses a different activation (chapter 3's problem "a single modified
// neuron"): neuron `index` computes f(z), every other neuron of the layer σ(z). The layer stays
// elementwise, so BP1/BP2 hold with the vector whose entry `index` is f′(z) and the others σ′(z).
import { type Activation, diag } from './activations';
import type { Vec, VecLike } from './matrix';

export function withModifiedNeuron(base: Activation, special: Activation, index: number): Activation {
  if (!Number.isInteger(index) || index < 0) throw new RangeError(`the modified neuron's index must be a whole number ≥ 0 (got ${index})`);
  if (base.elementwise === false || special.elementwise === false) throw new RangeError('withModifiedNeuron needs two elementwise activations');
  const pick = (g: (a: Activation) => (z: VecLike) => Vec) => (z: VecLike): Vec => {
    if (index >= z.length) throw new RangeError(`the layer has ${z.length} neurons, so there is no neuron ${index}`);
    const out = g(base)(z);
    out[index] = g(special)([z[index]])[0];
    return out;
  };
  const prime = pick((a) => (z) => a.prime(z));
  return { name: `${base.name} with neuron ${index} ${special.name}`, fn: pick((a) => (z) => a.fn(z)), prime, jacobian: (z) => diag(prime(z)), elementwise: true };
}
