import { describe, expect, it } from 'vitest';
import { MODEL_FORMAT, ModelError, createNetwork, feedforward, fromJSON, toJSON } from '../../src/engine/index';

const good = () => JSON.parse(JSON.stringify(toJSON(createNetwork({ sizes: [2, 3, 1], seed: 1 }))));

describe('model JSON', () => {
  it('round-trips a network exactly (also through JSON text)', () => {
    const net = createNetwork({ sizes: [3, 4, 2], activations: ['tanh', 'softmax'], cost: 'log-likelihood', seed: 2 });
    const json = toJSON(net);
    expect(json.format).toBe(MODEL_FORMAT);
    expect(json.activations).toEqual(['tanh', 'softmax']);
    const back = fromJSON(JSON.stringify(json));
    expect(toJSON(back)).toEqual(json);
    expect(Array.from(feedforward(back, [1, 2, 3]).as[2])).toEqual(Array.from(feedforward(net, [1, 2, 3]).as[2]));
  });

  const cases: [string, (m: Record<string, any>) => unknown, RegExp][] = [
    ['not JSON', () => '{"format": ', /not valid JSON/],
    ['not an object', () => [1, 2], /must be a JSON object/],
    ['wrong format', (m) => ({ ...m, format: 'x' }), /format must be/],
    ['bad sizes', (m) => ({ ...m, sizes: [2, 0, 1] }), /sizes\[1\]/],
    ['huge layer', (m) => ({ ...m, sizes: [2, 10000, 1] }), /more than/],
    ['unknown activation', (m) => ({ ...m, activations: ['sigmoid', 'swish'] }), /activations\[1\].*swish/],
    ['unknown cost', (m) => ({ ...m, cost: 'hinge' }), /cost must be one of/],
    // names that exist on every object's prototype must not pass as an activation or a cost
    ['activation "toString"', (m) => ({ ...m, activations: ['sigmoid', 'toString'] }), /activations\[1\] must be one of/],
    ['activation "__proto__"', (m) => ({ ...m, activations: ['__proto__', 'sigmoid'] }), /activations\[0\] must be one of/],
    ['cost "constructor"', (m) => ({ ...m, cost: 'constructor' }), /cost must be one of/],
    ['cost "hasOwnProperty"', (m) => ({ ...m, cost: 'hasOwnProperty' }), /cost must be one of/],
    ['softmax with cross-entropy', (m) => ({ ...m, activations: ['sigmoid', 'softmax'], cost: 'cross-entropy' }), /log-likelihood/],
    ['missing row', (m) => ({ ...m, weights: [m.weights[0].slice(0, 2), m.weights[1]] }), /weights\[0\] has 2 entries; expected 3/],
    ['non-number', (m) => { m.weights[1][0][2] = 'abc'; return m; }, /weights\[1\]\[0\]\[2\] is not a finite number \(got "abc"\)/],
    ['NaN-ish null', (m) => { m.biases[0][1] = null; return m; }, /biases\[0\]\[1\] is not a finite number/],
  ];
  it.each(cases)('rejects %s with a message that says where', (_, mutate, message) => {
    const input = mutate(good());
    expect(() => fromJSON(input)).toThrow(ModelError);
    expect(() => fromJSON(input)).toThrow(message);
  });
});
