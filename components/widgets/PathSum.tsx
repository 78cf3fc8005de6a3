// The sum over paths (chapter 3): pick a weight w^l_jk of chapter 5's 3→3→2→1 network and an
// input; the widget lists every path from the weight to the cost with the local rates along it,
// their products and their sum, beside BP4's δ^l_j a^{l−1}_k. Everything is computed by the engine
// (weightPaths, backprop); this file only lays it out.
import { useMemo, useState } from 'preact/hooks';
import { fmt } from '../kit/format';
import { NumberField } from '../kit/NumberField';
import { Select } from '../kit/Select';
import { useAddress } from '../kit/address';
import { writeUrlParam } from '../kit/url-fields';
import '../kit/kit.css';
import { backprop, fromJSON, weightPaths } from '../../src/engine/index';
import { WORKED_MODEL, WORKED_Y } from '../../src/data/worked-example';
import { rule } from './shared/netstate';
import { sub, sup } from './shared/notation';
import {
  PS_PARAM,
  decodePathSum,
  encodePathSum,
  factorText,
  parseWeightKey,
  pathSumDefaults,
  pathText,
  weightKey,
  weightOptions,
  type PathSumState,
} from './PathSum-state';

const NET = fromJSON(WORKED_MODEL);
const OPTIONS = weightOptions();

export default function PathSum() {
  const [state, setState] = useState<PathSumState>(pathSumDefaults);
  const [errors, setErrors] = useState<(string | null)[]>([null, null, null]);
  const { notice, address } = useAddress(PS_PARAM, decodePathSum, setState, "the chapter's weight w¹₁₁ and input instead");

  const update = (next: PathSumState) => {
    setState(next);
    writeUrlParam(PS_PARAM, encodePathSum(next));
  };

  const r = useMemo(() => {
    const paths = weightPaths(NET, state.x, WORKED_Y, state.layer, state.j, state.k);
    const bp = backprop(NET, state.x, WORKED_Y);
    const bp4 = bp.nablaW[state.layer - 1].get(state.j, state.k);
    return { ...paths, bp4, delta: bp.deltas[state.layer - 1][state.j] };
  }, [state]);

  const { layer, j, k } = state;
  const wName = `w${sup(layer)}${sub(j + 1)}${sub(k + 1)}`;
  const error = errors.find((e) => e !== null) ?? null;
  const diff = Math.abs(r.sum - r.bp4);

  return (
    <figure class="widget" data-widget="path-sum" {...address}>
      <h3>A weight's gradient as a sum over paths</h3>
      {notice && (
        <p class="widget-notice" role="status" data-testid="ps-notice">
          {notice}
        </p>
      )}
      <div class="wb-row">
        <Select id="ps-weight" label="weight" value={weightKey(state)} options={OPTIONS}
          onChange={(v) => {
            const w = parseWeightKey(v);
            if (w) update({ ...state, ...w });
          }} />
      </div>
      <div class="wb-row">
        {state.x.map((v, i) => (
          <NumberField key={i} id={`ps-x${i + 1}`} rule={rule(`x${sub(i + 1)}`)} value={v}
            onError={(m) => setErrors((es) => es.map((e, q) => (q === i ? m : e)))}
            onChange={(nv) => update({ ...state, x: state.x.map((q, a) => (a === i ? nv : q)) })} />
        ))}
        <span>target y = {WORKED_Y[0]}, quadratic cost</span>
      </div>
      {error && (
        <p class="widget-error" role="alert" data-testid="ps-error">
          {error} The last valid value is kept.
        </p>
      )}
      <div class="wa-scroll" tabIndex={0} role="region" aria-label={`The paths from ${wName} to the cost`}>
        <table class="wa-matrix" data-testid="ps-paths">
          <caption>
            The <output data-testid="ps-count">{r.paths.length}</output> path{r.paths.length === 1 ? '' : 's'} from {wName} to the cost C: the local rates along each, from
            weightPaths, and their product.
          </caption>
          <thead>
            <tr>
              <th scope="col">#</th>
              <th scope="col">path</th>
              <th scope="col">local rates along it</th>
              <th scope="col">product</th>
            </tr>
          </thead>
          <tbody>
            {r.paths.map((p, i) => (
              <tr key={i}>
                <th scope="row">{i + 1}</th>
                <td style={{ textAlign: 'left' }}>{pathText(layer, j, k, p.zNeurons, p.aNeurons)}</td>
                <td style={{ textAlign: 'left' }} data-testid={`ps-factors-${i + 1}`}>
                  {p.factors.map((f) => `${factorText(f)} = ${fmt(f.value, 4)}`).join(' × ')}
                </td>
                <td data-testid={`ps-product-${i + 1}`}>{fmt(p.product, 6)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p>
        Sum over the paths: <output data-testid="ps-sum">{fmt(r.sum, 6)}</output>. BP4, δ{sup(layer)}{sub(j + 1)} a{sup(layer - 1)}{sub(k + 1)} ={' '}
        {fmt(r.delta, 6)} × {fmt(r.paths[0].factors[0].value, 6)} = <output data-testid="ps-bp4">{fmt(r.bp4, 6)}</output>.
        They differ by <output data-testid="ps-diff">{diff === 0 ? '0' : diff.toExponential(1)}</output>.
      </p>
      <p class="widget-caption" aria-live="polite" data-testid="ps-caption">
        {wName}: {r.paths.length} path{r.paths.length === 1 ? '' : 's'}, sum {fmt(r.sum, 6)}, BP4 {fmt(r.bp4, 6)}.
      </p>
    </figure>
  );
}
