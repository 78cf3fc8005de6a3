// Learning slowdown (chapter 7): one sigmoid neuron taught to map x = 1 to y = 0 from two starts,
// under the quadratic or the cross-entropy cost. Runs come from the engine's neuronRun, which also
// says where a run diverges (a value not finite, or |w| or |b| past DIVERGENCE_BOUND) and stops it
// there; this component only animates how many epochs are shown, draws them and says so.
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { neuronRun } from '../../src/engine/neuron';
import { quadratic, crossEntropy } from '../../src/engine/costs';
import { Chart } from '../kit/Chart';
import { NumberField } from '../kit/NumberField';
import { fmt } from '../kit/format';
import { writeUrlParam } from '../kit/url-fields';
import { useAddress } from '../kit/address';
import { SLOWDOWN_DEFAULTS, DIVERGENCE_BOUND, decodeSlowdown, encodeSlowdown, ETA_RULE, EPOCHS_RULE, WB_RULE, type SlowdownState } from './Slowdown-state';

const PARAM = 'sd';
const EPOCHS_PER_FRAME = 3;
// The engine's cost objects themselves, so the widget never guesses a name.
const ENGINE_COST = { quadratic, crossEntropy } as const;

type Run = ReturnType<typeof neuronRun>;
type Series = 'w' | 'b' | 'a' | 'cost';

/** Why a run stopped at its divergedAt epoch, in words. */
function divergenceReason(run: Run): string {
  const k = run.divergedAt ?? run.a.length - 1;
  const values = [run.w[k], run.b[k], run.a[k], run.cost[k]];
  return values.every(Number.isFinite)
    ? `w = ${fmt(run.w[k])}, b = ${fmt(run.b[k])}: |w| or |b| passed ${fmt(DIVERGENCE_BOUND)}`
    : 'a value stopped being a finite number';
}

export default function Slowdown() {
  const [state, setState] = useState<SlowdownState>(SLOWDOWN_DEFAULTS);
  const [shown, setShown] = useState(SLOWDOWN_DEFAULTS.epochs);
  const [playing, setPlaying] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const frame = useRef<number | null>(null);
  // The address is written only once the reader has set something (an untouched page keeps a clean URL).
  const touched = useRef(false);

  const { notice, address } = useAddress(
    PARAM,
    (raw) => decodeSlowdown(raw),
    (decoded) => {
      setState(decoded.state);
      setShown(decoded.shown);
    },
    'the defaults',
  );

  const update = (next: SlowdownState) => {
    touched.current = true;
    setState(next);
    setShown(next.epochs);
  };
  const showEpoch = (f: (s: number) => number) => {
    touched.current = true;
    setShown(f);
  };

  const runs = useMemo(() => {
    try {
      return state.starts.map((s) =>
        neuronRun({ w: s.w, b: s.b, eta: state.eta, epochs: state.epochs, cost: ENGINE_COST[state.cost], x: 1, y: 0, bound: DIVERGENCE_BOUND }),
      );
    } catch {
      return null;
    }
  }, [state]);

  // A diverged run stops at its divergedAt epoch (the engine's arrays end there), and the display
  // stops with the first one: the last epoch that can be shown is the shortest run's last.
  const maxEpoch = runs ? Math.min(...runs.map((run) => run.a.length - 1)) : 0;
  const last = Math.min(shown, maxEpoch);
  const firstDiverged = runs ? Math.min(...runs.map((run) => run.divergedAt ?? Infinity)) : Infinity;
  const divergedRuns = runs ? runs.map((run, r) => ({ run, r })).filter(({ run }) => run.divergedAt !== null && run.divergedAt <= last) : [];

  // The shown epoch is part of the address; not written while playing (one write per frame would
  // trip the browser's history throttling), so it is written when play stops or the reader steps.
  useEffect(() => {
    if (playing || !touched.current) return;
    writeUrlParam(PARAM, encodeSlowdown(state, last));
  }, [state, last, playing]);

  // Animation: a few epochs per frame until the end; it stops at divergence.
  useEffect(() => {
    if (!playing || !runs) return;
    const tick = () => {
      setShown((s) => {
        const next = Math.min(s + EPOCHS_PER_FRAME, maxEpoch);
        if (next >= maxEpoch) setPlaying(false);
        return next;
      });
      frame.current = requestAnimationFrame(tick);
    };
    frame.current = requestAnimationFrame(tick);
    return () => {
      if (frame.current !== null) cancelAnimationFrame(frame.current);
    };
  }, [playing, runs, maxEpoch]);

  const series = (key: Series) =>
    runs
      ? runs.flatMap((run, r) =>
          run[key].slice(0, last + 1).flatMap((v, epoch) => (Number.isFinite(v) ? [{ epoch, v, start: `start ${r + 1}` }] : [])),
        )
      : [];

  const costName = state.cost === 'quadratic' ? 'quadratic' : 'cross-entropy';
  const caption = runs
    ? `${costName} cost, η = ${fmt(state.eta)}, epoch ${last} of ${state.epochs}. ` +
      runs
        .map(
          (run, r) =>
            `Start ${r + 1} (w = ${fmt(state.starts[r].w)}, b = ${fmt(state.starts[r].b)}): output a = ${fmt(run.a[last])}, cost = ${fmt(run.cost[last])}.`,
        )
        .join(' ') +
      (divergedRuns.length ? ` Diverged at epoch ${firstDiverged}; the runs stop there.` : '')
    : 'No run.';

  const quantities: { key: Series; title: string }[] = [
    { key: 'w', title: 'weight w' },
    { key: 'b', title: 'bias b' },
    { key: 'cost', title: 'cost C' },
    { key: 'a', title: 'output a' },
  ];

  return (
    <figure class="widget" data-widget="slowdown" {...address}>
      <h3>Learning slowdown: one neuron, input 1, target 0</h3>
      {notice && <p class="widget-notice" role="status" data-testid="sd-notice">{notice}</p>}
      <div class="wb-row" role="radiogroup" aria-label="cost function">
        {(['quadratic', 'crossEntropy'] as const).map((c) => (
          <label key={c}>
            <input type="radio" name="sd-cost" value={c} checked={state.cost === c} data-testid={`sd-cost-${c}`} onChange={() => update({ ...state, cost: c })} />{' '}
            {c === 'quadratic' ? 'quadratic cost' : 'cross-entropy cost'}
          </label>
        ))}
      </div>
      <div class="wb-grid">
        {state.starts.map((s, r) => (
          <fieldset key={r}>
            <legend>start {r + 1}</legend>
            <NumberField id={`sd-w${r}-n`} testid={`sd-w${r + 1}`} rule={WB_RULE(`w${r === 0 ? '₁' : '₂'}`)} value={s.w} slider={{ min: -5, max: 5, step: 0.1 }}
              onError={setError} onChange={(v) => update({ ...state, starts: state.starts.map((q, i) => (i === r ? { ...q, w: v } : q)) as SlowdownState['starts'] })} />
            <NumberField id={`sd-b${r}-n`} testid={`sd-b${r + 1}`} rule={WB_RULE(`b${r === 0 ? '₁' : '₂'}`)} value={s.b} slider={{ min: -5, max: 5, step: 0.1 }}
              onError={setError} onChange={(v) => update({ ...state, starts: state.starts.map((q, i) => (i === r ? { ...q, b: v } : q)) as SlowdownState['starts'] })} />
          </fieldset>
        ))}
      </div>
      <NumberField id="sd-eta-n" testid="sd-eta" rule={ETA_RULE} value={state.eta} slider={{ min: 0.01, max: 2, step: 0.01 }} onError={setError} onChange={(v) => update({ ...state, eta: v })} />
      <NumberField id="sd-epochs-n" testid="sd-epochs" rule={EPOCHS_RULE} value={state.epochs} slider={{ min: 10, max: 1000, step: 10 }} onError={setError} onChange={(v) => update({ ...state, epochs: v })} />
      <div class="wb-row">
        <button type="button" data-testid="sd-play" onClick={() => { touched.current = true; if (!playing && last >= maxEpoch) setShown(0); setPlaying(!playing); }}>{playing ? 'Pause' : 'Play'}</button>
        <button type="button" data-testid="sd-step" disabled={playing || last >= maxEpoch} onClick={() => showEpoch((s) => Math.min(Math.min(s, maxEpoch) + 1, maxEpoch))}>Step one epoch</button>
        <button type="button" data-testid="sd-reset" onClick={() => { setPlaying(false); showEpoch(() => 0); }}>Reset to epoch 0</button>
        <span>epoch <output data-testid="sd-epoch">{last}</output></span>
      </div>
      {error && <p class="widget-error" role="alert" data-testid="sd-error">{error}</p>}
      {divergedRuns.length > 0 && (
        <p class="widget-error" role="alert" data-testid="sd-diverged">
          diverged at epoch {firstDiverged} — try a smaller η.{' '}
          {divergedRuns.map(({ run, r }) => `Start ${r + 1}: ${divergenceReason(run)} at epoch ${run.divergedAt}.`).join(' ')} The runs stop there.
        </p>
      )}
      <div class="wb-grid">
        {quantities.map((q) => (
          <div key={q.key}>
            <h4>{q.title}</h4>
            <Chart
              label={`${q.title} against epoch for both starts, ${costName} cost`}
              deps={[runs, last, q.key]}
              make={(Plot) =>
                Plot.plot({
                  height: 160,
                  width: 280,
                  marginLeft: 45,
                  x: { label: 'epoch', domain: [0, state.epochs] },
                  y: { label: q.key, grid: true },
                  color: { legend: q.key === 'w', domain: ['start 1', 'start 2'] },
                  marks: [Plot.lineY(series(q.key), { x: 'epoch', y: 'v', stroke: 'start', z: 'start' })],
                })
              }
            />
          </div>
        ))}
      </div>
      {runs && (
        <table>
          <caption>values at epoch {last}</caption>
          <thead><tr><th scope="col">start</th><th scope="col">w</th><th scope="col">b</th><th scope="col">a</th><th scope="col">C</th></tr></thead>
          <tbody>
            {runs.map((run, r) => (
              <tr key={r}>
                <th scope="row">{r + 1}</th>
                <td data-testid={`sd-w-${r + 1}`}>{fmt(run.w[last], 6)}</td>
                <td data-testid={`sd-bias-${r + 1}`}>{fmt(run.b[last], 6)}</td>
                <td data-testid={`sd-a-${r + 1}`}>{fmt(run.a[last], 6)}</td>
                <td data-testid={`sd-c-${r + 1}`}>{fmt(run.cost[last], 6)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <p class="widget-caption" aria-live="polite" data-testid="sd-caption">{caption}</p>
    </figure>
  );
}
