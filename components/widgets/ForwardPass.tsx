// Forward-pass explorer (chapter 1): the 2→3→2 network of the chapter drawn as SVG. Edit x and,
// for the selected neuron, its row of w and its bias; every z and a comes from the engine's
// feedforward on a network built by fromJSON. The selected neuron is kept in the URL with the
// numbers. Hover or focus a neuron to see
// z^l_j = Σ_k w^l_jk a^{l−1}_k + b^l_j with the numbers substituted; the σ chart marks every z.
import { useMemo, useState } from 'preact/hooks';
import { fmt } from '../kit/format';
import { feedforward, sigmoidScalar } from '../../src/engine/index';
import { Chart } from '../kit/Chart';
import { NumberField } from '../kit/NumberField';
import { writeUrlParam } from '../kit/url-fields';
import { useAddress } from '../kit/address';
import { NetworkDiagram, type NeuronRef } from './shared/NetworkDiagram';
import { MatrixTable } from './shared/MatrixTable';
import { ModelJson } from './shared/ModelJson';
import { networkOf, rule, withParam } from './shared/netstate';
import { sub, sym } from './shared/notation';
import { FP_PARAM, decodeForward, encodeForward, forwardDefaults, type ForwardState } from './ForwardPass-state';

const name = (n: NeuronRef, L: number) => (n.l === 0 ? `input ${n.j + 1}` : n.l === L ? `output neuron ${n.j + 1}` : `hidden neuron ${n.j + 1} of layer ${n.l}`);
/** A number inside a sum: negative ones in brackets, as on paper. */
const term = (v: number) => (v < 0 ? `(${fmt(v)})` : fmt(v));

export default function ForwardPass() {
  const [state, setState] = useState<ForwardState>(forwardDefaults);
  const [error, setError] = useState<string | null>(null);
  const [hover, setHover] = useState<NeuronRef | null>(null);

  const { notice, address } = useAddress(
    FP_PARAM,
    (raw) => decodeForward(raw),
    (decoded) => setState(decoded),
    "the chapter's network instead",
  );

  const update = (next: ForwardState) => {
    setState(next);
    writeUrlParam(FP_PARAM, encodeForward(next));
  };

  const { selected } = state;
  const { sizes } = state.p;
  const L = sizes.length - 1;
  const net = useMemo(() => networkOf(state.p), [state.p]);
  const ff = useMemo(() => feedforward(net, state.x), [net, state.x]);
  // a^l_j for every layer (a^0 = x) and z^l_j for l ≥ 1, from the engine.
  const a = (n: NeuronRef) => ff.as[n.l][n.j];
  const z = (n: NeuronRef) => ff.zs[n.l - 1][n.j];
  const focus = hover ?? selected;

  const equation = (n: NeuronRef): string => {
    if (n.l === 0) return `${sym('a', 0, n.j + 1)} = x${sub(n.j + 1)} = ${fmt(a(n))}: an input holds a number and computes nothing.`;
    const w = state.p.weights[n.l - 1][n.j];
    const prev = Array.from(ff.as[n.l - 1]);
    const symbolic = prev.map((_, k) => `${sym('w', n.l, n.j + 1, k + 1)}·${sym('a', n.l - 1, k + 1)}`).join(' + ');
    const numbers = prev.map((ak, k) => `${term(w[k])}·${term(ak)}`).join(' + ');
    return `${sym('z', n.l, n.j + 1)} = ${symbolic} + ${sym('b', n.l, n.j + 1)} = ${numbers} + ${term(state.p.biases[n.l - 1][n.j])} = ${fmt(z(n), 6)};  ${sym('a', n.l, n.j + 1)} = σ(${fmt(z(n))}) = ${fmt(a(n), 6)}`;
  };

  const neurons: NeuronRef[] = sizes.flatMap((n, l) => Array.from({ length: n }, (_, j) => ({ l, j }))).filter((n) => n.l > 0);
  const row = focus.l > 0 ? state.p.weights[focus.l - 1][focus.j] : [];
  const edges = focus.l > 0 ? row.map((w, k) => ({ l: focus.l, j: focus.j, k, label: fmt(w, 3) })) : [];
  const marked = focus.l > 0 ? Array.from({ length: sizes[focus.l - 1] }, (_, k) => ({ l: focus.l - 1, j: k })) : [];
  const vec = (v: ArrayLike<number>) => `(${Array.from(v, (q) => fmt(q)).join(', ')})`;
  const caption =
    `x = ${vec(state.x)}. ` +
    ff.zs.map((zl, i) => `Layer ${i + 1}${i + 1 === L ? ' (output)' : ''}: z = ${vec(zl)}, a = σ(z) = ${vec(ff.as[i + 1])}.`).join(' ');

  const curve = useMemo(() => {
    const lo = Math.min(-6, ...neurons.map((n) => z(n))) - 0.5;
    const hi = Math.max(6, ...neurons.map((n) => z(n))) + 0.5;
    return Array.from({ length: 161 }, (_, i) => {
      const zz = lo + ((hi - lo) * i) / 160;
      return { z: zz, a: sigmoidScalar(zz) };
    });
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [ff]);
  const dots = neurons.map((n) => ({ z: z(n), a: a(n), name: sym('z', n.l, n.j + 1), on: n.l === focus.l && n.j === focus.j }));

  return (
    <figure class="widget" data-widget="forward-pass" {...address}>
      <h3>Forward-pass explorer</h3>
      {notice && (
        <p class="widget-notice" role="status" data-testid="fp-notice">
          {notice}
        </p>
      )}
      <p class="wa-small">
        Tab to a neuron or point at it to see how its z is formed; the selected neuron's weights and bias can be edited below.
      </p>
      <NetworkDiagram
        sizes={sizes}
        testid="fp-diagram"
        label="The 2→3→2 network: inputs, three hidden sigmoid neurons, two outputs"
        lines={(n) => (n.l === 0 ? [`x${n.j + 1}`, fmt(a(n), 3)] : [`z ${fmt(z(n), 3)}`, `a ${fmt(a(n), 3)}`])}
        describe={(n) => (n.l === 0 ? `${name(n, L)}: x${n.j + 1} = ${fmt(a(n))}` : `${name(n, L)}: z = ${fmt(z(n))}, a = ${fmt(a(n))}`)}
        edges={edges}
        marked={marked}
        selected={selected}
        onHover={setHover}
        onSelect={(n) => {
          if (n.l !== selected.l || n.j !== selected.j) update({ ...state, selected: { l: n.l, j: n.j } });
          setHover(null);
        }}
      />
      <p class="wa-eq" aria-live="polite" data-testid="fp-eq">
        {equation(focus)}
      </p>
      {focus.l > 0 && (
        <MatrixTable testid="fp-wrow" caption={`${sym('w', focus.l)} and ${sym('b', focus.l)}: row ${focus.j + 1} (highlighted) holds the weights into neuron ${focus.j + 1} and its bias.`}
          data={state.p.weights[focus.l - 1].map((r, j) => [...r, state.p.biases[focus.l - 1][j]])} hotRows={[focus.j]}
          rowHeads={state.p.weights[focus.l - 1].map((_, j) => `j = ${j + 1}`)}
          colHeads={[...state.p.weights[focus.l - 1][0].map((_, k) => `k = ${k + 1}`), 'b']} />
      )}
      <fieldset>
        <legend>Inputs</legend>
        {state.x.map((v, k) => (
          <NumberField key={`x${k}`} id={`fp-x${k + 1}-n`} testid={`fp-x${k + 1}`} rule={rule(`x${k + 1}`)} value={v} slider={{ min: -3, max: 3, step: 0.05 }}
            onError={setError} onChange={(nv) => update({ ...state, x: state.x.map((q, i) => (i === k ? nv : q)) })} />
        ))}
      </fieldset>
      {selected.l > 0 && (
        <fieldset data-testid="fp-params">
          <legend>
            Weights into {name(selected, L)} (row {selected.j + 1} of {sym('w', selected.l)}) and its bias
          </legend>
          {state.p.weights[selected.l - 1][selected.j].map((w, k) => (
            <NumberField key={`w${selected.l}${selected.j}${k}`} id={`fp-w-${selected.l}-${selected.j + 1}-${k + 1}-n`} testid={`fp-w-${selected.l}-${selected.j + 1}-${k + 1}`}
              rule={rule(sym('w', selected.l, selected.j + 1, k + 1))} value={w} slider={{ min: -4, max: 4, step: 0.05 }}
              onError={setError} onChange={(nv) => update({ ...state, p: withParam(state.p, 'w', selected.l - 1, selected.j, k, nv) })} />
          ))}
          <NumberField key={`b${selected.l}${selected.j}`} id={`fp-b-${selected.l}-${selected.j + 1}-n`} testid={`fp-b-${selected.l}-${selected.j + 1}`}
            rule={rule(sym('b', selected.l, selected.j + 1))} value={state.p.biases[selected.l - 1][selected.j]} slider={{ min: -4, max: 4, step: 0.05 }}
            onError={setError} onChange={(nv) => update({ ...state, p: withParam(state.p, 'b', selected.l - 1, selected.j, 0, nv) })} />
        </fieldset>
      )}
      {error && (
        <p class="widget-error" role="alert" data-testid="fp-error">
          {error} The last valid value is kept.
        </p>
      )}
      <div class="wb-grid">
        <div class="wa-scroll" tabIndex={0} role="region" aria-label="z and a of every neuron">
          <table>
            <caption>Every neuron's weighted input and activation, from the engine's feedforward.</caption>
            <thead>
              <tr><th scope="col">neuron</th><th scope="col">z</th><th scope="col">a = σ(z)</th></tr>
            </thead>
            <tbody>
              {neurons.map((n) => (
                <tr key={`${n.l}-${n.j}`}>
                  <th scope="row">{`${n.l === L ? 'output' : 'hidden'} ${n.j + 1}`}</th>
                  <td data-testid={`fp-z-${n.l}-${n.j + 1}`}>{fmt(z(n), 6)}</td>
                  <td data-testid={`fp-a-${n.l}-${n.j + 1}`}>{fmt(a(n), 6)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <div>
          <Chart
            label={`The sigmoid σ(z) with each neuron's z marked: ${dots.map((d) => `${d.name} = ${fmt(d.z, 3)} gives a = ${fmt(d.a, 3)}`).join('; ')}`}
            deps={[curve, dots]}
            make={(Plot) =>
              Plot.plot({
                height: 220, width: 320, marginLeft: 40,
                x: { label: 'z', grid: true },
                y: { label: 'σ(z)', domain: [0, 1], grid: true },
                marks: [
                  Plot.line(curve, { x: 'z', y: 'a', stroke: 'currentColor', ariaHidden: 'true' }),
                  Plot.dot(dots.filter((d) => !d.on), { x: 'z', y: 'a', r: 4, fill: 'var(--sl-color-gray-3)', ariaHidden: 'true' }),
                  Plot.dot(dots.filter((d) => d.on), { x: 'z', y: 'a', r: 6, fill: 'var(--sl-color-accent)', ariaHidden: 'true' }),
                  Plot.text(dots, { x: 'z', y: 'a', text: 'name', dy: -10, ariaHidden: 'true' }),
                ],
              })
            }
          />
        </div>
      </div>
      <ModelJson net={net} testid="fp-model" filename="forward-pass-model.json" />
      <p class="widget-caption" aria-live="polite" data-testid="fp-caption">
        {caption}
      </p>
    </figure>
  );
}
