// Backprop stepper (chapters 3 and 5): the worked example's 3→3→2→1 network, or a small shape the
// reader picks, taken one step at a time: the forward pass layer by layer, the cost, δᴸ by BP1,
// each δˡ by BP2 through the transposed weights, then ∂C/∂b = δ (BP3) and ∂C/∂w = δ aᵀ (BP4) as an
// outer-product grid. Every number is the engine's (feedforward, backprop, the cost object,
// matTVec, gradientCheck); the widget only lays them out with the numbers substituted.
import { useMemo, useState } from 'preact/hooks';
import { fmt } from '../kit/format';
import { backprop, feedforward, gradientCheck, matTVec, type GradientCheck } from '../../src/engine/index';
import '../kit/kit.css';
import { parseNumber } from '../kit/number';
import { writeUrlParam } from '../kit/url-fields';
import { useAddress } from '../kit/address';
import { NetworkDiagram, type EdgeRef } from './shared/NetworkDiagram';
import { MatrixTable } from './shared/MatrixTable';
import { ModelJson } from './shared/ModelJson';
import { parseSizes, parseVector } from './shared/netstate';
import { sub, sup, sym } from './shared/notation';
import {
  MAX_SIZE, SEED_RULE, STEPPER_DEFAULTS, X_RULE, Y_RULE, decodeStepper, encodeStepper, exampleFor, networkFor, stepsFor,
  type Shape, type StepKind, type StepperState,
} from './BackpropStepper-state';

const PARAM = 'bs';
const term = (v: number) => (v < 0 ? `(${fmt(v)})` : fmt(v));
const vec = (v: ArrayLike<number>) => `(${Array.from(v, (q) => fmt(q)).join(', ')})`;
const vec6 = (v: ArrayLike<number>) => `(${Array.from(v, (q) => fmt(q, 6)).join(', ')})`;

function title(s: StepKind, L: number): string {
  switch (s.kind) {
    case 'start':
      return `Start: a⁰ = x. Press “Next step” to run the forward pass.`;
    case 'forward':
      return `Forward pass, layer ${s.l}${s.l === L ? ' (output)' : ''}: z${sup(s.l)} = w${sup(s.l)} a${sup(s.l - 1)} + b${sup(s.l)}, a${sup(s.l)} = σ(z${sup(s.l)}).`;
    case 'cost':
      return `The cost of this example: C = ½ ‖a${sup(L)} − y‖².`;
    case 'bp1':
      return `BP1, the output error: δ${sup(L)} = ∇ₐC ⊙ σ′(z${sup(L)}).`;
    case 'bp2':
      return `BP2, layer ${s.l}: δ${sup(s.l)} = ((w${sup(s.l + 1)})ᵀ δ${sup(s.l + 1)}) ⊙ σ′(z${sup(s.l)}), the error carried back through the transposed weights.`;
    case 'grad':
      return `BP3 and BP4, layer ${s.l}: ∂C/∂b${sup(s.l)} = δ${sup(s.l)} and ∂C/∂w${sup(s.l)} = δ${sup(s.l)} (a${sup(s.l - 1)})ᵀ, an outer product.`;
  }
}

export default function BackpropStepper() {
  const [state, setState] = useState<StepperState>(STEPPER_DEFAULTS);
  const [error, setError] = useState<string | null>(null);
  const [check, setCheck] = useState<{ key: string; result: GradientCheck } | null>(null);
  const [form, setForm] = useState({ custom: false, sizes: '2-3-1', seed: '1', x: STEPPER_DEFAULTS.x.join(', '), y: STEPPER_DEFAULTS.y.join(', ') });

  const { notice, address } = useAddress(
    PARAM,
    (raw) => decodeStepper(raw),
    (decoded) => {
      setState(decoded);
      setForm({
        custom: decoded.shape.kind === 'custom',
        sizes: decoded.shape.kind === 'custom' ? decoded.shape.sizes.join('-') : '2-3-1',
        seed: decoded.shape.kind === 'custom' ? String(decoded.shape.seed) : '1',
        x: decoded.x.join(', '),
        y: decoded.y.join(', '),
      });
    },
    'the worked example instead',
  );

  const update = (next: StepperState) => {
    setState(next);
    writeUrlParam(PARAM, encodeStepper(next));
  };

  const net = useMemo(() => networkFor(state.shape), [state.shape]);
  const sizes = net.sizes;
  const L = sizes.length - 1;
  const { ff, bp, cost, gradA } = useMemo(() => {
    const ff = feedforward(net, state.x);
    const aL = ff.as[L];
    return { ff, bp: backprop(net, state.x, state.y), cost: net.cost.value(aL, state.y), gradA: net.cost.grad(aL, state.y) };
  }, [net, state.x, state.y]);
  const sp = (l: number) => net.activations[l - 1].prime(ff.zs[l - 1]);
  /** (w^{l+1})ᵀ δ^{l+1}: what BP2 multiplies by σ′(zˡ). */
  const back = (l: number) => matTVec(net.weights[l], bp.deltas[l]);

  const steps = stepsFor(L);
  const stepIndex = Math.min(state.step, steps.length - 1);
  const step = steps[stepIndex];
  const reached = (pred: (s: StepKind) => boolean) => steps.findIndex(pred) <= stepIndex;
  const zKnown = (l: number) => reached((s) => s.kind === 'forward' && s.l === l);
  const dKnown = (l: number) => reached((s) => (l === L ? s.kind === 'bp1' : s.kind === 'bp2' && s.l === l));

  const go = (i: number) => update({ ...state, step: Math.max(0, Math.min(steps.length - 1, i)) });

  const applyShape = () => {
    let shape: Shape = { kind: 'example' };
    if (form.custom) {
      const s = parseSizes(form.sizes, MAX_SIZE);
      if (!s.ok) return setError(s.message);
      const seed = parseNumber(form.seed, SEED_RULE);
      if (!seed.ok) return setError(seed.message);
      shape = { kind: 'custom', sizes: s.value, seed: seed.value };
    }
    const ex = exampleFor(shape);
    setError(null);
    setForm({ ...form, x: ex.x.join(', '), y: ex.y.join(', ') });
    update({ shape, x: ex.x, y: ex.y, step: 0 });
  };

  const applyExample = () => {
    const x = parseVector(form.x, sizes[0], X_RULE);
    if (!x.ok) return setError(x.message);
    const y = parseVector(form.y, sizes[L], Y_RULE);
    if (!y.ok) return setError(y.message);
    setError(null);
    update({ ...state, x: x.value, y: y.value });
  };

  const key = encodeStepper({ ...state, step: 0 });
  const runCheck = () => setCheck({ key, result: gradientCheck(networkFor(state.shape), state.x, state.y) });
  const shownCheck = check && check.key === key ? check.result : null;

  // What the diagram emphasises at this step.
  let edges: EdgeRef[] = [];
  let edgeStyle: 'forward' | 'backward' = 'forward';
  const allEdges = (l: number) => Array.from({ length: sizes[l] * sizes[l - 1] }, (_, i) => ({ l, j: Math.floor(i / sizes[l - 1]), k: i % sizes[l - 1] }));
  if (step.kind === 'forward' || step.kind === 'grad') edges = allEdges(step.l);
  if (step.kind === 'bp2') {
    edges = allEdges(step.l + 1);
    edgeStyle = 'backward';
  }

  const lines: string[] = [];
  if (step.kind === 'start') lines.push(`a⁰ = x = ${vec(state.x)},  y = ${vec(state.y)}`);
  if (step.kind === 'forward') {
    const l = step.l;
    for (let j = 0; j < sizes[l]; j++) {
      const terms = Array.from(ff.as[l - 1], (ak, k) => `${term(net.weights[l - 1].get(j, k))}·${term(ak)}`).join(' + ');
      lines.push(`${sym('z', l, j + 1)} = ${terms} + ${term(net.biases[l - 1][j])} = ${fmt(ff.zs[l - 1][j], 6)},  ${sym('a', l, j + 1)} = σ(${fmt(ff.zs[l - 1][j])}) = ${fmt(ff.as[l][j], 6)}`);
    }
  }
  if (step.kind === 'cost') {
    const terms = Array.from(ff.as[L], (a, j) => `(${fmt(a)} − ${fmt(state.y[j])})²`).join(' + ');
    lines.push(`C = ½ [${terms}] = ${fmt(cost, 6)}`);
  }
  if (step.kind === 'bp1') {
    for (let j = 0; j < sizes[L]; j++)
      lines.push(`${sym('δ', L, j + 1)} = (${sym('a', L, j + 1)} − y${sub(j + 1)}) · σ′(${sym('z', L, j + 1)}) = ${term(gradA[j])} · ${fmt(sp(L)[j])} = ${fmt(bp.deltas[L - 1][j], 6)}`);
  }
  if (step.kind === 'bp2') {
    const l = step.l;
    for (let j = 0; j < sizes[l]; j++) {
      const terms = Array.from(bp.deltas[l], (dk, k) => `${term(net.weights[l].get(k, j))}·${term(dk)}`).join(' + ');
      lines.push(`${sym('δ', l, j + 1)} = (${terms}) · σ′(${sym('z', l, j + 1)}) = ${term(back(l)[j])} · ${fmt(sp(l)[j])} = ${fmt(bp.deltas[l - 1][j], 6)}`);
    }
  }
  if (step.kind === 'grad') {
    const l = step.l;
    lines.push(`∂C/∂b${sup(l)} = δ${sup(l)} = ${vec(bp.nablaB[l - 1])}`);
    // BP4 row by row: row j of ∂C/∂wˡ is the activations a^{l−1} times δˡⱼ, the numbers substituted
    // (a and δ from the engine's feedforward and backprop, the products the engine's nablaW).
    for (let j = 0; j < sizes[l]; j++) {
      const row = Array.from({ length: sizes[l - 1] }, (_, k) => bp.nablaW[l - 1].get(j, k));
      lines.push(`∂C/∂${sym('w', l, j + 1)}ₖ = ${sym('a', l - 1)}ₖ ${sym('δ', l, j + 1)} = ${vec(ff.as[l - 1])} · ${term(bp.deltas[l - 1][j])} = ${vec6(row)}`);
    }
  }

  const description = `Step ${stepIndex + 1} of ${steps.length}. ${title(step, L)}`;
  const shapeName = sizes.join('→');

  return (
    <figure class="widget" data-widget="backprop-stepper" {...address}>
      <h3>Backprop stepper</h3>
      {notice && (
        <p class="widget-notice" role="status" data-testid="bs-notice">
          {notice}
        </p>
      )}
      <fieldset>
        <legend>Network</legend>
        <div class="wb-row">
          <label>
            <input type="radio" name="bs-shape" data-testid="bs-example" checked={!form.custom} onChange={() => setForm({ ...form, custom: false })} /> the worked example
            (3→3→2→1)
          </label>
          <label>
            <input type="radio" name="bs-shape" data-testid="bs-custom" checked={form.custom} onChange={() => setForm({ ...form, custom: true })} /> my own shape
          </label>
        </div>
        {form.custom && (
          <div class="wb-row">
            <label for="bs-sizes">layer sizes (1–{MAX_SIZE} each)</label>
            <input id="bs-sizes" data-testid="bs-sizes" class="wa-field" type="text" value={form.sizes} onInput={(e) => setForm({ ...form, sizes: (e.currentTarget as HTMLInputElement).value })} />
            <label for="bs-seed">seed</label>
            <input id="bs-seed" data-testid="bs-seed" class="wa-field" type="text" inputMode="numeric" value={form.seed} onInput={(e) => setForm({ ...form, seed: (e.currentTarget as HTMLInputElement).value })} />
          </div>
        )}
        <button type="button" data-testid="bs-build" onClick={applyShape}>
          Use this network
        </button>
        <div class="wb-row">
          <label for="bs-x">x</label>
          <input id="bs-x" data-testid="bs-x" type="text" size={14} value={form.x} onInput={(e) => setForm({ ...form, x: (e.currentTarget as HTMLInputElement).value })} />
          <label for="bs-y">y</label>
          <input id="bs-y" data-testid="bs-y" type="text" size={8} value={form.y} onInput={(e) => setForm({ ...form, y: (e.currentTarget as HTMLInputElement).value })} />
          <button type="button" data-testid="bs-apply-xy" onClick={applyExample}>
            Use this example
          </button>
        </div>
      </fieldset>
      {error && (
        <p class="widget-error" role="alert" data-testid="bs-error">
          {error} The network and example shown are unchanged.
        </p>
      )}
      <div class="wb-row" role="group" aria-label="Step through backpropagation">
        <button type="button" data-testid="bs-reset" onClick={() => go(0)} disabled={stepIndex === 0}>
          Reset
        </button>
        <button type="button" data-testid="bs-prev" onClick={() => go(stepIndex - 1)} disabled={stepIndex === 0}>
          Previous step
        </button>
        <button type="button" data-testid="bs-next" onClick={() => go(stepIndex + 1)} disabled={stepIndex === steps.length - 1}>
          Next step
        </button>
        <button type="button" data-testid="bs-end" onClick={() => go(steps.length - 1)} disabled={stepIndex === steps.length - 1}>
          Run to the end
        </button>
      </div>
      <p aria-live="polite" data-testid="bs-step">
        <strong>{description}</strong>
      </p>
      <NetworkDiagram
        sizes={sizes}
        testid="bs-diagram"
        label={`The ${shapeName} network; the highlighted connections are the weights used at this step`}
        lines={(n) => {
          if (n.l === 0) return [`x${sub(n.j + 1)}`, fmt(state.x[n.j], 3)];
          const out = zKnown(n.l) ? [`z ${fmt(ff.zs[n.l - 1][n.j], 3)}`, `a ${fmt(ff.as[n.l][n.j], 3)}`] : ['·'];
          if (dKnown(n.l)) out.push(`δ ${fmt(bp.deltas[n.l - 1][n.j], 3)}`);
          return out;
        }}
        describe={(n) => {
          if (n.l === 0) return `input ${n.j + 1}: x = ${fmt(state.x[n.j])}`;
          const parts = [`layer ${n.l} neuron ${n.j + 1}`];
          if (zKnown(n.l)) parts.push(`z = ${fmt(ff.zs[n.l - 1][n.j])}, a = ${fmt(ff.as[n.l][n.j])}`);
          if (dKnown(n.l)) parts.push(`δ = ${fmt(bp.deltas[n.l - 1][n.j])}`);
          return parts.join(': ');
        }}
        edges={edges}
        edgeStyle={edgeStyle}
      />
      <div data-testid="bs-lines">
        {lines.map((t, i) => (
          <p key={i} class="wa-eq" data-testid={`bs-line-${i + 1}`}>
            {t}
          </p>
        ))}
      </div>
      {step.kind === 'forward' && (
        <MatrixTable testid="bs-fwd" caption={`z${sup(step.l)} and a${sup(step.l)}, from the engine’s feedforward.`} digits={6}
          colHeads={['z', 'a = σ(z)']} rowHeads={Array.from({ length: sizes[step.l] }, (_, j) => `neuron ${j + 1}`)}
          data={Array.from({ length: sizes[step.l] }, (_, j) => [ff.zs[step.l - 1][j], ff.as[step.l][j]])} />
      )}
      {step.kind === 'cost' && (
        <p>
          C = <output data-testid="bs-cost">{fmt(cost, 6)}</output>
        </p>
      )}
      {step.kind === 'bp1' && (
        <MatrixTable testid="bs-delta" caption={`δ${sup(L)} = ∇ₐC ⊙ σ′(z${sup(L)}), from the engine’s backprop.`} digits={6}
          colHeads={['∇ₐC = a − y', 'σ′(z)', 'δ']} rowHeads={Array.from({ length: sizes[L] }, (_, j) => `neuron ${j + 1}`)}
          data={Array.from({ length: sizes[L] }, (_, j) => [gradA[j], sp(L)[j], bp.deltas[L - 1][j]])} />
      )}
      {step.kind === 'bp2' && (
        <>
          <MatrixTable testid="bs-wT" caption={`(w${sup(step.l + 1)})ᵀ: row j holds the weights out of neuron j of layer ${step.l}, the dashed column multiplies each δ${sup(step.l + 1)}ₖ.`}
            colHeads={Array.from(bp.deltas[step.l], (d, k) => `δ${sup(step.l + 1)}${sub(k + 1)} = ${fmt(d)}`)}
            rowHeads={Array.from({ length: sizes[step.l] }, (_, j) => `j = ${j + 1}`)} hot2Cols={Array.from({ length: sizes[step.l + 1] }, (_, k) => k)}
            data={net.weights[step.l].transpose().toArray()} />
          <MatrixTable testid="bs-delta" caption={`δ${sup(step.l)} by BP2, from the engine’s backprop.`} digits={6}
            colHeads={[`(w${sup(step.l + 1)})ᵀ δ${sup(step.l + 1)}`, 'σ′(z)', 'δ']} rowHeads={Array.from({ length: sizes[step.l] }, (_, j) => `neuron ${j + 1}`)}
            data={Array.from({ length: sizes[step.l] }, (_, j) => [back(step.l)[j], sp(step.l)[j], bp.deltas[step.l - 1][j]])} />
        </>
      )}
      {step.kind === 'grad' && (
        <div class="wb-grid">
          <MatrixTable testid="bs-gw" caption={`∂C/∂w${sup(step.l)} = δ${sup(step.l)} (a${sup(step.l - 1)})ᵀ: each cell is its row’s δ times its column’s a.`} digits={6}
            rowHeads={Array.from(bp.deltas[step.l - 1], (d, j) => `δ${sub(j + 1)} = ${fmt(d)}`)}
            colHeads={Array.from(ff.as[step.l - 1], (a, k) => `a${sup(step.l - 1)}${sub(k + 1)} = ${fmt(a)}`)}
            data={bp.nablaW[step.l - 1].toArray()} />
          <MatrixTable testid="bs-gb" caption={`∂C/∂b${sup(step.l)} = δ${sup(step.l)} (BP3).`} digits={6}
            rowHeads={Array.from({ length: sizes[step.l] }, (_, j) => `b${sub(j + 1)}`)}
            data={Array.from(bp.nablaB[step.l - 1], (v) => [v])} />
        </div>
      )}
      <div class="wb-row">
        <button type="button" data-testid="bs-check" onClick={runCheck}>
          Check by finite differences
        </button>
      </div>
      {shownCheck && (
        <div class="wa-scroll" tabIndex={0} role="region" aria-label="Finite-difference check" data-testid="bs-fd">
          <table>
            <caption>
              Every gradient entry by backprop and by the central difference (C(θ+h) − C(θ−h))/2h with h = 10⁻⁵. Largest relative error:{' '}
              <output data-testid="bs-fd-max">{shownCheck.maxRelError.toExponential(1)}</output>.
            </caption>
            <thead>
              <tr><th scope="col">parameter</th><th scope="col">backprop</th><th scope="col">finite difference</th><th scope="col">relative error</th></tr>
            </thead>
            <tbody>
              {shownCheck.entries.map((e, i) => (
                <tr key={i}>
                  <th scope="row">{e.param === 'w' ? sym('w', e.layer, e.j + 1, (e.k ?? 0) + 1) : sym('b', e.layer, e.j + 1)}</th>
                  <td data-testid={`bs-fd-${i + 1}-bp`}>{fmt(e.backprop, 6)}</td>
                  <td data-testid={`bs-fd-${i + 1}-num`}>{fmt(e.numeric, 6)}</td>
                  <td data-testid={`bs-fd-${i + 1}-rel`}>{e.relError.toExponential(1)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <ModelJson net={net} testid="bs-model" filename="stepper-model.json" />
      <p class="widget-caption" data-testid="bs-caption">
        {`Network ${shapeName}, x = ${vec(state.x)}, y = ${vec(state.y)}. Output a${sup(L)} = ${vec(ff.as[L])}, cost C = ${fmt(cost)}, ` +
          `output error δ${sup(L)} = ${vec(bp.deltas[L - 1])}.`}
      </p>
    </figure>
  );
}
