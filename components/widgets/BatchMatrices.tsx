// Batch as matrices (chapter 6): a small batch X (N × D, one example per row) goes through the
// chapter's 2→3→2 network as Z = X W + 1 bᵀ with W = wᵀ (D × H). The shapes are listed, one
// example's row is followed through the layer, and the batch weight gradient (Δˡ)ᵀ Aˡ⁻¹ from the
// engine's batchBackprop is set beside the sum of the per-example outer products δ aᵀ from
// backprop, with their largest difference. All numbers are the engine's.
import { useMemo, useState } from 'preact/hooks';
import { fmt } from '../kit/format';
import { Matrix, addVec, backprop, batchBackprop, batchFeedforward, createNetwork, feedforward, subVec } from '../../src/engine/index';
import '../kit/kit.css';
import { writeUrlParam } from '../kit/url-fields';
import { useAddress } from '../kit/address';
import { MatrixTable } from './shared/MatrixTable';
import { NumberGrid } from './shared/NumberGrid';
import { sup } from './shared/notation';
import { BATCH_DEFAULTS, BM_SEED, BM_SIZES, MAX_N, MIN_N, X_RULE, Y_RULE, decodeBatch, encodeBatch, type BatchState } from './BatchMatrices-state';

const PARAM = 'bm';
const maxAbs = (v: ArrayLike<number>) => Array.from(v).reduce((m, q) => Math.max(m, Math.abs(q)), 0);
const shape = (m: { rows: number; cols: number }) => `${m.rows} × ${m.cols}`;

export default function BatchMatrices() {
  const [state, setState] = useState<BatchState>(BATCH_DEFAULTS);
  const [error, setError] = useState<string | null>(null);

  const { notice, address } = useAddress(
    PARAM,
    (raw) => decodeBatch(raw),
    (decoded) => setState(decoded),
    "the chapter's batch instead",
  );

  const update = (next: BatchState) => {
    setState(next);
    writeUrlParam(PARAM, encodeBatch(next));
  };

  const net = useMemo(() => createNetwork({ sizes: BM_SIZES, seed: BM_SEED }), []);
  const N = state.X.length;
  const i = Math.min(state.example, N - 1);
  const l = state.layer;
  const r = useMemo(() => {
    const fwd = batchFeedforward(net, state.X);
    const batch = batchBackprop(net, state.X, state.Y);
    const per = state.X.map((x, n) => backprop(net, x, state.Y[n]));
    // Σᵢ δ⁽ⁱ⁾ (a⁽ⁱ⁾)ᵀ: the per-example BP4 outer products added entry by entry.
    const w = net.weights[l - 1];
    const sumW = new Matrix(w.rows, w.cols, per.reduce<Float64Array>((acc, g) => addVec(acc, g.nablaW[l - 1].data), new Float64Array(w.rows * w.cols)));
    const sumB = per.reduce<Float64Array>((acc, g) => addVec(acc, g.nablaB[l - 1]), new Float64Array(w.rows));
    const diffW = maxAbs(subVec(sumW.data, batch.nablaW[l - 1].data));
    const diffB = maxAbs(subVec(sumB, batch.nablaB[l - 1]));
    const single = feedforward(net, state.X[i]);
    const rowDiff = maxAbs(subVec(fwd.Zs[0].row(i), single.zs[0]));
    return { fwd, batch, per, sumW, sumB, diff: Math.max(diffW, diffB), single, rowDiff };
  }, [net, state, i, l]);

  const W1 = net.weights[0].transpose();
  const setX = (n: number, d: number, v: number) => update({ ...state, X: state.X.map((row, a) => (a === n ? row.map((q, b) => (b === d ? v : q)) : row)) });
  const setY = (n: number, d: number, v: number) => update({ ...state, Y: state.Y.map((row, a) => (a === n ? row.map((q, b) => (b === d ? v : q)) : row)) });
  const ex = (n: number) => `x⁽${sup(n + 1)}⁾`;
  const exampleHeads = state.X.map((_, n) => `example ${n + 1}`);
  const vec = (v: ArrayLike<number>) => `(${Array.from(v, (q) => fmt(q)).join(', ')})`;

  const shapes: [string, string, string][] = [
    ['X = A⁰', shape(r.fwd.As[0]), 'one row per example, one column per input'],
    ['W¹ = (w¹)ᵀ', shape(W1), 'D × H: one column per neuron of layer 1'],
    ['Z¹ = X W¹ + 1 (b¹)ᵀ', shape(r.fwd.Zs[0]), 'N × H: one row per example'],
    ['A¹ = σ(Z¹)', shape(r.fwd.As[1]), ''],
    ['W² = (w²)ᵀ', shape(net.weights[1].transpose()), ''],
    ['Z², A² = σ(Z²)', shape(r.fwd.Zs[1]), 'the outputs, one row per example'],
    [`∂C/∂w${sup(l)} = (Δ${sup(l)})ᵀ A${sup(l - 1)}`, shape(r.batch.nablaW[l - 1]), `the shape of w${sup(l)}`],
  ];

  const caption =
    `Batch of N = ${N} examples through the 2→3→2 network. Example ${i + 1}: row ${i + 1} of Z¹ = ${vec(r.fwd.Zs[0].row(i))}, ` +
    `the same as feedforward on ${ex(i)} (difference ${r.rowDiff.toExponential(1)}). Layer ${l}: the batch gradient and the sum of ${N} per-example outer products ` +
    `differ by at most ${r.diff.toExponential(1)}.`;

  return (
    <figure class="widget" data-widget="batch-matrices" {...address}>
      <h3>A batch as matrices</h3>
      {notice && (
        <p class="widget-notice" role="status" data-testid="bm-notice">
          {notice}
        </p>
      )}
      <div class="wb-grid">
        <div class="wa-scroll" tabIndex={0} role="region" aria-label="The batch X and targets Y">
          <NumberGrid testid="bm-x" caption={`X: ${N} × 2, one example per row`} values={state.X} rule={X_RULE} hotRow={i}
            rowHeads={exampleHeads} colHeads={['x₁', 'x₂']} label={(n, d) => `x${d + 1} of example ${n + 1}`}
            onChange={setX} onError={setError} />
          <NumberGrid testid="bm-y" caption={`Y: ${N} × 2 targets`} values={state.Y} rule={Y_RULE} hotRow={i}
            rowHeads={exampleHeads} colHeads={['y₁', 'y₂']} label={(n, d) => `y${d + 1} of example ${n + 1}`}
            onChange={setY} onError={setError} />
        </div>
        <div>
          <div class="wb-row">
            <button type="button" data-testid="bm-add" disabled={N >= MAX_N}
              onClick={() => update({ ...state, X: [...state.X, [0, 0]], Y: [...state.Y, [0, 0]] })}>
              Add an example
            </button>
            <button type="button" data-testid="bm-remove" disabled={N <= MIN_N}
              onClick={() => update({ ...state, X: state.X.slice(0, -1), Y: state.Y.slice(0, -1), example: Math.min(i, N - 2) })}>
              Remove the last
            </button>
          </div>
          <div class="wb-row">
            <label>
              follow example{' '}
              <select data-testid="bm-example" value={i} onChange={(e) => update({ ...state, example: Number((e.currentTarget as HTMLSelectElement).value) })}>
                {state.X.map((_, n) => (
                  <option key={n} value={n}>
                    {n + 1}
                  </option>
                ))}
              </select>
            </label>
            <label>
              gradient of layer{' '}
              <select data-testid="bm-layer" value={l} onChange={(e) => update({ ...state, layer: Number((e.currentTarget as HTMLSelectElement).value) })}>
                <option value={1}>1 (w¹, 3 × 2)</option>
                <option value={2}>2 (w², 2 × 3)</option>
              </select>
            </label>
          </div>
        </div>
      </div>
      {error && (
        <p class="widget-error" role="alert" data-testid="bm-error">
          {error} The last valid value is kept.
        </p>
      )}
      <h4>Shapes</h4>
      <div class="wa-scroll" tabIndex={0} role="region" aria-label="Shapes of the batch matrices">
        <table data-testid="bm-shapes">
          <thead>
            <tr><th scope="col">matrix</th><th scope="col">shape</th><th scope="col">what it holds</th></tr>
          </thead>
          <tbody>
            {shapes.map(([m, s, note], n) => (
              <tr key={n}>
                <th scope="row">{m}</th>
                <td data-testid={`bm-shape-${n + 1}`}>{s}</td>
                <td>{note}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <h4>Example {i + 1} through layer 1</h4>
      <div class="wb-grid">
        <MatrixTable testid="bm-W1" caption="W¹ = (w¹)ᵀ, 2 × 3" data={W1.toArray()} rowHeads={['x₁', 'x₂']} colHeads={['1', '2', '3']} />
        <MatrixTable testid="bm-Z" caption={`Z¹ = X W¹ + 1 (b¹)ᵀ; row ${i + 1} is example ${i + 1}`} data={r.fwd.Zs[0].toArray()} rowHeads={exampleHeads} hotRows={[i]} digits={6} />
        <MatrixTable testid="bm-A" caption={`A¹ = σ(Z¹)`} data={r.fwd.As[1].toArray()} rowHeads={exampleHeads} hotRows={[i]} digits={6} />
      </div>
      <p class="wa-eq" data-testid="bm-row">
        Row {i + 1} of Z¹ = {vec(r.fwd.Zs[0].row(i))}; z¹ = w¹ {ex(i)} + b¹ by feedforward = {vec(r.single.zs[0])}; difference{' '}
        <output data-testid="bm-row-diff">{r.rowDiff.toExponential(1)}</output>.
      </p>
      <h4>The weight gradient of layer {l} is a sum over the batch</h4>
      <div class="wb-grid">
        {r.per.map((g, n) => (
          <MatrixTable key={n} testid={`bm-per-${n + 1}`} caption={`example ${n + 1}: δ${sup(l)} (a${sup(l - 1)})ᵀ`} data={g.nablaW[l - 1].toArray()} digits={6}
            hotRows={n === i ? Array.from({ length: g.nablaW[l - 1].rows }, (_, k) => k) : []} />
        ))}
      </div>
      <div class="wb-grid">
        <MatrixTable testid="bm-sum" caption={`the sum of the ${N} outer products (backprop per example)`} data={r.sumW.toArray()} digits={6} />
        <MatrixTable testid="bm-batch" caption={`(Δ${sup(l)})ᵀ A${sup(l - 1)} in one product (batchBackprop)`} data={r.batch.nablaW[l - 1].toArray()} digits={6} />
        <MatrixTable testid="bm-bias" caption={`∂C/∂b${sup(l)}: Σᵢ δ⁽ⁱ⁾ and the column sums of Δ${sup(l)}`} colHeads={['Σ per example', 'batch']} digits={6}
          data={Array.from(r.sumB, (v, j) => [v, r.batch.nablaB[l - 1][j]])} />
      </div>
      <p>
        Largest difference between the two ways, over every weight and bias of layer {l}: <output data-testid="bm-diff">{r.diff.toExponential(1)}</output> (rounding only).
      </p>
      <p class="widget-caption" aria-live="polite" data-testid="bm-caption">
        {caption}
      </p>
    </figure>
  );
}
