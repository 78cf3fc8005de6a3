// Backprop as reverse-mode autodiff (chapter 4): the computational graph of a 1→1→1 sigmoid network
// with the quadratic cost, drawn node by node, and its backward pass stepped one operation at a
// time (Step / Back / Reset). Each node shows its value and its grad ∂C/∂(node) so far. The graph,
// the values, the local derivatives and every grad come from the engine (costGraph, backwardTrace);
// backprop's gradients are shown beside the leaves' final grads.
import { useMemo, useState } from 'preact/hooks';
import { fmt } from '../kit/format';
import { NumberField } from '../kit/NumberField';
import { useAddress } from '../kit/address';
import { writeUrlParam } from '../kit/url-fields';
import '../kit/kit.css';
import { backprop } from '../../src/engine/index';
import { rule } from './shared/netstate';
import {
  AD_FIELDS,
  AD_PARAM,
  type AdField,
  type AutodiffState,
  adGraph,
  adNetwork,
  autodiffDefaults,
  decodeAutodiff,
  encodeAutodiff,
  layout,
  nodeName,
} from './AutodiffGraph-state';

const LABELS: Record<AdField, string> = { x: 'x', y: 'y', w1: 'w¹', b1: 'b¹', w2: 'w²', b2: 'b²' };
const DX = 96;
const ROW_Y = [36, 146, 256];

export default function AutodiffGraph() {
  const [state, setState] = useState<AutodiffState>(autodiffDefaults);
  const [errors, setErrors] = useState<Partial<Record<AdField, string | null>>>({});
  const { notice, address } = useAddress(AD_PARAM, decodeAutodiff, setState, 'the default network instead');

  const update = (next: AutodiffState) => {
    setState(next);
    writeUrlParam(AD_PARAM, encodeAutodiff(next));
  };

  const r = useMemo(() => {
    const { graph, trace } = adGraph(state.inputs);
    const places = layout(trace.order);
    const bp = backprop(adNetwork(state.inputs), [state.inputs.x], [state.inputs.y]);
    return { graph, trace, places, bp };
  }, [state.inputs]);

  const { trace, places, graph } = r;
  const total = trace.steps.length;
  const step = Math.min(state.step, total);
  const grads = trace.grads[step];
  const current = step > 0 ? trace.steps[step - 1] : null;
  const index = new Map(trace.order.map((v, i) => [v, i]));
  const width = DX * (Math.max(...places.map((p) => p.column)) + 1) + 20;
  const error = AD_FIELDS.map((f) => errors[f]).find((e) => e) ?? null;
  const leafRows: [string, number, number][] = [
    ['∂C/∂w¹', grads[index.get(graph.weights[0][0][0])!], r.bp.nablaW[0].get(0, 0)],
    ['∂C/∂b¹', grads[index.get(graph.biases[0][0])!], r.bp.nablaB[0][0]],
    ['∂C/∂w²', grads[index.get(graph.weights[1][0][0])!], r.bp.nablaW[1].get(0, 0)],
    ['∂C/∂b²', grads[index.get(graph.biases[1][0])!], r.bp.nablaB[1][0]],
  ];
  const describe = current
    ? `Step ${step} of ${total}: node ${nodeName(current)} (grad ${fmt(grads[index.get(current)!], 4)}) passes local derivative × grad to ${current.parents.map((p, i) => `${nodeName(p)} (${fmt(current.local[i], 4)} × ${fmt(grads[index.get(current)!], 4)})`).join(' and ')}.`
    : `Step 0 of ${total}: only the output C has its grad, ∂C/∂C = 1.`;

  return (
    <figure class="widget" data-widget="autodiff-graph" {...address}>
      <h3>The backward pass on a computational graph</h3>
      {notice && (
        <p class="widget-notice" role="status" data-testid="ad-notice">
          {notice}
        </p>
      )}
      <div class="wb-row">
        {AD_FIELDS.map((f) => (
          <NumberField key={f} id={`ad-${f}`} rule={rule(LABELS[f])} value={state.inputs[f]}
            onError={(m) => setErrors((e) => ({ ...e, [f]: m }))}
            onChange={(v) => update({ ...state, inputs: { ...state.inputs, [f]: v } })} />
        ))}
      </div>
      {error && (
        <p class="widget-error" role="alert" data-testid="ad-error">
          {error} The last valid value is kept.
        </p>
      )}
      <div class="wb-row">
        <button type="button" data-testid="ad-step" disabled={step >= total} onClick={() => update({ ...state, step: step + 1 })}>Step</button>
        <button type="button" data-testid="ad-back" disabled={step === 0} onClick={() => update({ ...state, step: step - 1 })}>Back</button>
        <button type="button" data-testid="ad-reset" disabled={step === 0} onClick={() => update({ ...state, step: 0 })}>Reset</button>
        <span>
          step <output data-testid="ad-stepno">{step}</output> of {total}
        </span>
      </div>
      <svg class="nd" viewBox={`0 0 ${width} 310`} style={{ maxWidth: `${width}px` }} role="img"
        aria-label={`Computational graph of C = ½(σ(w² σ(w¹ x + b¹) + b²) − y)²: ${trace.order.length} nodes. ${describe}`}>
        {trace.order.map((v, i) =>
          v.parents.map((p) => {
            const a = places[index.get(p)!];
            const b = places[i];
            const hot = current === v;
            return (
              <line key={`${i}-${index.get(p)}`} class={hot ? 'nd-edge nd-hot nd-backward' : 'nd-edge'}
                x1={30 + a.column * DX} y1={ROW_Y[a.row]} x2={30 + b.column * DX} y2={ROW_Y[b.row]} />
            );
          }),
        )}
        {trace.order.map((v, i) => {
          const p = places[i];
          const cx = 30 + p.column * DX;
          const cy = ROW_Y[p.row];
          const cls = current === v ? 'nd-neuron nd-selected' : current?.parents.includes(v) ? 'nd-neuron nd-marked' : 'nd-neuron';
          return (
            <g key={i} class={cls}>
              <circle cx={cx} cy={cy} r={18} />
              <text x={cx} y={cy + 4} text-anchor="middle">{nodeName(v)}</text>
              <text x={cx} y={cy + 32} text-anchor="middle">{fmt(v.data, 3)}</text>
              <text x={cx} y={cy + 46} text-anchor="middle" class="nd-layer">g {fmt(grads[i], 3)}</text>
            </g>
          );
        })}
      </svg>
      <p class="widget-caption" aria-live="polite" data-testid="ad-caption">
        {describe}
      </p>
      <div class="wa-scroll" tabIndex={0} role="region" aria-label="Every node: value, local derivatives and grad">
        <table class="wa-matrix" data-testid="ad-nodes">
          <caption>Every node in topological order (parents first): its value, the local derivatives ∂node/∂parent found in the forward pass, and its grad ∂C/∂node after {step} step{step === 1 ? '' : 's'}.</caption>
          <thead>
            <tr>
              <th scope="col">#</th>
              <th scope="col">node</th>
              <th scope="col">from</th>
              <th scope="col">value</th>
              <th scope="col">local derivatives</th>
              <th scope="col">grad</th>
            </tr>
          </thead>
          <tbody>
            {trace.order.map((v, i) => (
              <tr key={i} class={current === v ? 'wa-hot' : undefined}>
                <th scope="row">{i + 1}</th>
                <td>{nodeName(v)}</td>
                <td>{v.parents.map((p) => `${nodeName(p)} (#${index.get(p)! + 1})`).join(', ') || 'leaf'}</td>
                <td data-testid={`ad-value-${i + 1}`}>{fmt(v.data, 6)}</td>
                <td>{v.local.map((d) => fmt(d, 4)).join(', ') || '–'}</td>
                <td data-testid={`ad-grad-${i + 1}`}>{fmt(grads[i], 6)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <table class="wa-matrix" data-testid="ad-compare">
        <caption>The parameters' grads so far beside backprop's BP3 and BP4 (equal once the sweep has passed them).</caption>
        <thead>
          <tr>
            <th scope="col">gradient</th>
            <th scope="col">autodiff</th>
            <th scope="col">backprop</th>
          </tr>
        </thead>
        <tbody>
          {leafRows.map(([name, ad, bp], i) => (
            <tr key={name}>
              <th scope="row">{name}</th>
              <td data-testid={`ad-auto-${i + 1}`}>{fmt(ad, 6)}</td>
              <td data-testid={`ad-bp-${i + 1}`}>{fmt(bp, 6)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  );
}
