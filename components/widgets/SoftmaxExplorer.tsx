// Softmax explorer (chapter 9): edit z, see a = softmax(z), its Jacobian diag(a) − a aᵀ, the
// monotonicity of a_k in z_k, the invariance of a under z + c, and the log-likelihood cost with
// δᴸ = a − y for a chosen label. Every number comes from the engine's softmax / logLikelihood.
// z, the label, the raised entry k and the shift c are kept in the URL (?sm=…).
import { useMemo, useState } from 'preact/hooks';
import { softmax } from '../../src/engine/activations';
import { logLikelihood } from '../../src/engine/costs';
import { Chart } from '../kit/Chart';
import { NumberField } from '../kit/NumberField';
import { parseNumber } from '../kit/number';
import { fmt } from '../kit/format';
import { writeUrlParam } from '../kit/url-fields';
import { useAddress } from '../kit/address';
import { MAX_ENTRIES, MIN_ENTRIES, SHIFT_RULE, SOFTMAX_DEFAULTS, Z_RULE, decodeSoftmax, encodeSoftmax, type SoftmaxState } from './SoftmaxExplorer-state';

const PARAM = 'sm';

function oneHot(n: number, k: number): number[] {
  return Array.from({ length: n }, (_, i) => (i === k ? 1 : 0));
}

export default function SoftmaxExplorer() {
  const [state, setState] = useState<SoftmaxState>(SOFTMAX_DEFAULTS);
  const [error, setError] = useState<string | null>(null);
  const [shiftText, setShiftText] = useState(String(SOFTMAX_DEFAULTS.shift));
  const [compare, setCompare] = useState<{ kind: 'raise' | 'shift'; what: string; before: number[]; after: number[] } | null>(null);

  const { notice, address } = useAddress(
    PARAM,
    (raw) => decodeSoftmax(raw),
    (decoded) => {
      setState(decoded);
      setShiftText(String(decoded.shift));
    },
    'the defaults',
  );

  const update = (next: SoftmaxState) => {
    setState(next);
    writeUrlParam(PARAM, encodeSoftmax(next));
  };

  const { a, jac, cost, delta } = useMemo(() => {
    const zv = Float64Array.from(state.z);
    const av = softmax.fn(zv);
    const y = oneHot(state.z.length, state.label);
    return {
      a: Array.from(av),
      jac: softmax.jacobian(zv).toArray(),
      cost: logLikelihood.value(av, y),
      delta: Array.from(logLikelihood.delta(zv, av, y, softmax)),
    };
  }, [state]);

  const n = state.z.length;
  const raiseK = Math.min(state.raiseK, n - 1);
  const raise = () => {
    const k = raiseK;
    const z = state.z.map((v, i) => (i === k ? Math.min(Z_RULE.max, v + 1) : v));
    setCompare({ kind: 'raise', what: `z${k + 1} raised by 1`, before: a, after: Array.from(softmax.fn(Float64Array.from(z))) });
    update({ ...state, z });
  };
  const shift = () => {
    const c = parseNumber(shiftText, SHIFT_RULE);
    if (!c.ok) return setError(c.message);
    const z = state.z.map((v) => v + c.value);
    if (z.some((v) => Math.abs(v) > Z_RULE.max)) return setError(`Adding ${c.value} would take some z outside [${Z_RULE.min}, ${Z_RULE.max}].`);
    setError(null);
    setCompare({ kind: 'shift', what: `c = ${fmt(c.value)} added to every z`, before: a, after: Array.from(softmax.fn(Float64Array.from(z))) });
    update({ ...state, z, shift: c.value });
  };

  const cells = jac.flatMap((row, i) => row.map((v, j) => ({ i: `a${i + 1}`, j: `z${j + 1}`, v })));
  const caption =
    `z = (${state.z.map((v) => fmt(v)).join(', ')}); a = softmax(z) = (${a.map((v) => fmt(v)).join(', ')}), sum ${fmt(a.reduce((s, v) => s + v, 0))}. ` +
    `Label ${state.label + 1}: log-likelihood cost −ln a${state.label + 1} = ${fmt(cost)}; δᴸ = a − y = (${delta.map((v) => fmt(v)).join(', ')}).`;

  return (
    <figure class="widget" data-widget="softmax-explorer" {...address}>
      <h3>Softmax explorer</h3>
      {notice && <p class="widget-notice" role="status" data-testid="sm-notice">{notice}</p>}
      {state.z.map((v, i) => (
        <NumberField key={`${n}-${i}`} id={`sm-z${i}-n`} testid={`sm-z${i + 1}`} rule={{ ...Z_RULE, label: `z${i + 1}` }} value={v} slider={{ min: -6, max: 6, step: 0.1 }}
          onError={setError} onChange={(nv) => update({ ...state, z: state.z.map((q, j) => (j === i ? nv : q)) })} />
      ))}
      <div class="wb-row">
        <button type="button" data-testid="sm-add" disabled={n >= MAX_ENTRIES} onClick={() => update({ ...state, z: [...state.z, 0] })}>Add entry</button>
        <button type="button" data-testid="sm-remove" disabled={n <= MIN_ENTRIES}
          onClick={() => update({ ...state, z: state.z.slice(0, -1), label: Math.min(state.label, n - 2), raiseK: Math.min(state.raiseK, n - 2) })}>Remove last entry</button>
        <label>label (y is one-hot){' '}
          <select data-testid="sm-label" value={state.label} onChange={(e) => update({ ...state, label: Number((e.currentTarget as HTMLSelectElement).value) })}>
            {state.z.map((_, i) => <option key={i} value={i}>{i + 1}</option>)}
          </select>
        </label>
      </div>
      {error && <p class="widget-error" role="alert" data-testid="sm-error">{error}</p>}
      <div class="wb-grid">
        <div>
          <h4>a = softmax(z)</h4>
          <Chart label={`Bars of softmax outputs: ${a.map((v, i) => `a${i + 1} = ${fmt(v)}`).join(', ')}`} deps={[a]}
            make={(Plot) => Plot.plot({
              height: 200, width: 300, marginLeft: 40,
              x: { label: null, domain: a.map((_, i) => `a${i + 1}`) },
              y: { label: 'a', domain: [0, 1], grid: true },
              marks: [
                Plot.barY(a.map((v, i) => ({ k: `a${i + 1}`, v })), { x: 'k', y: 'v', fill: 'var(--sl-color-accent)' }),
                Plot.text(a.map((v, i) => ({ k: `a${i + 1}`, v, t: fmt(v, 3) })), { x: 'k', y: 'v', text: 't', dy: -8, ariaHidden: 'true' }),
              ],
            })} />
        </div>
        <div>
          <h4>Jacobian ∂a/∂z = diag(a) − a aᵀ</h4>
          <Chart label={`Heatmap of the softmax Jacobian, ${n} by ${n}; diagonal ${jac.map((r, i) => fmt(r[i], 3)).join(', ')}`} deps={[jac]}
            make={(Plot) => Plot.plot({
              height: 220, width: 300, marginLeft: 40,
              x: { label: null, axis: 'top' }, y: { label: null },
              color: { type: 'diverging', scheme: 'PuOr', domain: [-0.25, 0.25] },
              marks: [
                Plot.cell(cells, { x: 'j', y: 'i', fill: 'v' }),
                Plot.text(cells, { x: 'j', y: 'i', text: (d: { v: number }) => fmt(d.v, 2), fill: 'black', ariaHidden: 'true' }),
              ],
            })} />
        </div>
      </div>
      <table>
        <thead><tr><th scope="col">k</th><th scope="col">zₖ</th><th scope="col">aₖ</th><th scope="col">δᴸₖ = aₖ − yₖ</th></tr></thead>
        <tbody>
          {state.z.map((v, i) => (
            <tr key={i}><th scope="row">{i + 1}</th><td>{fmt(v)}</td><td data-testid={`sm-a${i + 1}`}>{fmt(a[i], 6)}</td><td data-testid={`sm-delta${i + 1}`}>{fmt(delta[i], 6)}</td></tr>
          ))}
        </tbody>
      </table>
      <p>log-likelihood cost C = −ln a<sub>{state.label + 1}</sub> = <output data-testid="sm-cost">{fmt(cost, 6)}</output></p>
      <div class="wb-row">
        <label>raise{' '}
          <select data-testid="sm-raise-k" value={raiseK} onChange={(e) => update({ ...state, raiseK: Number((e.currentTarget as HTMLSelectElement).value) })}>
            {state.z.map((_, i) => <option key={i} value={i}>z{i + 1}</option>)}
          </select>
        </label>
        <button type="button" data-testid="sm-raise" onClick={raise}>Raise zₖ by 1</button>
      </div>
      <div class="wb-row">
        <label for="sm-shift">c</label>
        <input id="sm-shift" data-testid="sm-shift" type="text" inputMode="decimal" size={6} value={shiftText} onInput={(e) => {
            // A valid c is kept in the URL as it is typed; an invalid one is reported when applied.
            const text = (e.currentTarget as HTMLInputElement).value;
            setShiftText(text);
            const c = parseNumber(text, SHIFT_RULE);
            if (c.ok && c.value !== state.shift) update({ ...state, shift: c.value });
          }} />
        <button type="button" data-testid="sm-shift-apply" onClick={shift}>Add c to every z</button>
      </div>
      {compare && (
        <table data-testid="sm-compare">
          <caption>{compare.what}: {compare.kind === 'raise' ? 'aₖ rises, every other a falls' : 'a is unchanged (up to rounding)'}</caption>
          <thead><tr><th scope="col">k</th><th scope="col">a before</th><th scope="col">a after</th><th scope="col">change</th></tr></thead>
          <tbody>
            {compare.before.map((b, i) => (
              <tr key={i}><th scope="row">{i + 1}</th><td>{fmt(b, 6)}</td><td>{fmt(compare.after[i], 6)}</td><td data-testid={`sm-change${i + 1}`}>{fmt(compare.after[i] - b, 3)}</td></tr>
            ))}
          </tbody>
        </table>
      )}
      <p class="widget-caption" aria-live="polite" data-testid="sm-caption">{caption}</p>
    </figure>
  );
}
