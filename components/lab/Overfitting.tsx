// Overfitting and regularisation (chapters 10 and 14): the same network trained twice on a small
// training set (1,000 MNIST digits), once with λ = 0 and once with the chosen λ and penalty (L2
// (λ/2n) Σ w² or L1 (λ/n) Σ |w|, n = 1,000), same seed (same initial weights and minibatch order).
// Training vs validation accuracy side by side with the early-stopping epoch marked, Σw² or Σ|w|,
// the share of weights near zero, and one sentence saying what the finished runs show. Both runs
// train in training workers (src/lab). Settings: overfitting-state.ts (also the URL table);
// `preset="l1"` gives chapter 14's defaults.
import { useEffect, useRef, useState } from 'preact/hooks';
import type { EpochRecord } from '../../src/lab/protocol';
import { createTrainingClient, type TrainingClient } from '../../src/lab/client';
import { Chart, preloadPlot } from '../kit/Chart';
import { liveDot, liveLine, snapDomain } from '../kit/live-chart';
import { NumberField } from '../kit/NumberField';
import { Select } from '../kit/Select';
import { fmt, pct } from '../kit/format';
import { useLeaveGuard } from '../kit/leave-guard';
import { namesOf, writeFields, writeUrlParams } from '../kit/url-fields';
import { useAddressEffect } from '../kit/address';
import { useFrameReducer } from './frame';
import { mnistUrl } from './mnist-source';
import { checkMnist } from './mnist-state';
import {
  INIT_OPTIONS,
  L1_DEFAULTS,
  OVERFITTING_DEFAULTS,
  PATIENCE_RULE,
  REGULARISER_NAME,
  REGULARISER_OPTIONS,
  TRAIN_COUNT,
  VALIDATION_COUNT,
  checkRegularisedLambda,
  concurrentRuns,
  earlyStopOf,
  overfittingConfig,
  overfittingUrl,
  overfittingData,
  readOverfittingUrl,
  verdict,
  type OverfittingSettings,
  type Regulariser,
} from './overfitting-state';
import { parseNumber } from '../kit/number';

type RunState = 'loading' | 'running' | 'done';
interface RunView {
  lambda: number;
  /** 'λ = 0' or e.g. 'L1, λ = 0.5': the run's name in the charts and the table. */
  label: string;
  regulariser: Regulariser;
  history: EpochRecord[];
  state: RunState;
}
interface LabState {
  runs: RunView[];
  /** The epochs the runs were started with: the charts' x domain, known before the first epoch. */
  epochs: number;
  loading: { loaded: number; total: number } | null;
  error: string | null;
}
type Action =
  | { type: 'start'; epochs: number; runs: { lambda: number; label: string; regulariser: Regulariser }[] }
  | { type: 'loading'; loaded: number; total: number }
  | { type: 'started'; run: number }
  | { type: 'epochs'; run: number; epochs: EpochRecord[] }
  | { type: 'done'; run: number; history: EpochRecord[] }
  | { type: 'cancelled' }
  | { type: 'error'; message: string };

/** Runs that have not started (waiting their turn, or loading their data) end without training. */
const endWaiting = (runs: RunView[]) => runs.map((r) => (r.state === 'loading' ? { ...r, state: 'done' as const } : r));

function reduce(s: LabState, a: Action): LabState {
  const patch = (i: number, f: (r: RunView) => RunView) => s.runs.map((r, j) => (j === i ? f(r) : r));
  switch (a.type) {
    case 'start':
      return { runs: a.runs.map((r) => ({ ...r, history: [], state: 'loading' })), epochs: a.epochs, loading: null, error: null };
    case 'loading':
      return { ...s, loading: { loaded: a.loaded, total: a.total } };
    case 'started':
      return { ...s, loading: null, runs: patch(a.run, (r) => ({ ...r, state: 'running' })) };
    case 'epochs':
      return { ...s, runs: patch(a.run, (r) => ({ ...r, history: [...r.history, ...a.epochs] })) };
    case 'done':
      return { ...s, runs: patch(a.run, (r) => ({ ...r, state: 'done', history: a.history.slice() })) };
    case 'cancelled': // Stop before a waiting run began: it never starts
      return { ...s, loading: null, runs: endWaiting(s.runs) };
    case 'error':
      return { ...s, loading: null, error: a.message, runs: endWaiting(s.runs) };
  }
}

type FieldKey = 'lambda' | 'eta' | 'epochs' | 'patience';

export default function Overfitting({ preset }: { preset?: 'l1' }) {
  const defaults = preset === 'l1' ? L1_DEFAULTS : OVERFITTING_DEFAULTS;
  const fields = overfittingUrl(defaults);
  const [settings, setSettings] = useState<OverfittingSettings>(defaults);
  // Each field's own complaint (null when its text is good): Train waits until all are good, so
  // the runs never use a value other than the one shown.
  const [fieldErrors, setFieldErrors] = useState<Record<FieldKey, string | null>>({ lambda: null, eta: null, epochs: null, patience: null });
  // The two workers' events render at most once per animation frame (the charts redraw with them).
  const { state: lab, dispatch, dispatchNow } = useFrameReducer(reduce, { runs: [], epochs: 0, loading: null, error: null } as LabState);
  const clients = useRef<TrainingClient[]>([]);
  const stopped = useRef(false);
  const loaded = useRef(false);

  const { notice, address } = useAddressEffect(() => {
    const r = readOverfittingUrl((k) => new URLSearchParams(window.location.search).get(k), defaults);
    setSettings(r.settings);
    loaded.current = true;
    return r.notice;
  });
  useEffect(() => {
    preloadPlot(); // the charts appear with the first run: their library is ready before it starts
    return () => clients.current.forEach((c) => c.dispose());
  }, []);
  useEffect(() => {
    if (loaded.current) writeUrlParams(namesOf(fields), writeFields(fields, settings));
    // eslint-disable-next-line react-hooks/exhaustive-deps -- the table depends only on the preset
  }, [settings]);

  const busy = lab.runs.some((r) => r.state !== 'done');
  useLeaveGuard(busy);
  const fieldError = (key: FieldKey) => (message: string | null) => setFieldErrors((f) => ({ ...f, [key]: message }));
  const invalid = Object.values(fieldErrors).find((m) => m !== null) ?? null;
  const set = (patch: Partial<OverfittingSettings>) => setSettings((s) => ({ ...s, ...patch }));

  const start = () => {
    if (invalid) return;
    clients.current.forEach((c) => c.dispose());
    const lambdas = [0, settings.lambda];
    const reg = settings.regulariser;
    dispatchNow({ type: 'start', epochs: settings.epochs, runs: lambdas.map((lambda, i) => ({ lambda, regulariser: reg, label: i === 0 ? 'λ = 0' : `${REGULARISER_NAME[reg]}, λ = ${lambda}` })) });
    // At most `concurrentRuns` workers train at once (one per spare core), the rest wait their turn:
    // on a two-core machine two busy workers and the page share two cores, and the page's drawing
    // tasks stretch while it waits for a core.
    let next = 0;
    const startNext = () => {
      if (next >= clients.current.length || stopped.current) return;
      const i = next++;
      clients.current[i].start(overfittingConfig(settings, lambdas[i]), overfittingData(mnistUrl()));
    };
    stopped.current = false;
    clients.current = lambdas.map((l, i) => {
      const client = createTrainingClient();
      client.on('loading', (e) => dispatch({ type: 'loading', loaded: e.loaded, total: e.total }));
      client.on('started', () => dispatch({ type: 'started', run: i }));
      client.on('progress', (e) => e.epochs.length && dispatch({ type: 'epochs', run: i, epochs: e.epochs }));
      client.on('diverged', (e) => dispatch({ type: 'error', message: `λ = ${l}: stopped (layer ${e.layer}). ${e.message}` }));
      client.on('done', (e) => {
        dispatch({ type: 'done', run: i, history: e.history });
        startNext();
      });
      client.on('error', (e) => e.id === undefined && dispatch({ type: 'error', message: e.message }));
      return client;
    });
    for (let k = 0; k < concurrentRuns(navigator.hardwareConcurrency); k++) startNext();
  };
  const stop = () => {
    stopped.current = true;
    clients.current.forEach((c) => c.stop());
    dispatchNow({ type: 'cancelled' });
  };

  const acc = lab.runs.flatMap((r) =>
    r.history.flatMap((h) => [
      { run: r.label, epoch: h.epoch, accuracy: 100 * (h.trainAccuracy ?? NaN), set: 'training' },
      { run: r.label, epoch: h.epoch, accuracy: 100 * (h.testAccuracy ?? NaN), set: 'validation' },
    ]),
  );
  // Early stopping on each run's validation accuracy, with the patience shown in the field (a good value).
  const patience = parseNumber(String(settings.patience), PATIENCE_RULE).ok ? settings.patience : defaults.patience;
  const stops = lab.runs.map((r) => earlyStopOf(r.history, patience));
  const bestMarks = lab.runs.flatMap((r, i) => (stops[i] ? [{ run: r.label, epoch: stops[i]!.bestEpoch, accuracy: 100 * stops[i]!.bestValue }] : []));
  const stopMarks = lab.runs.flatMap((r, i) => (stops[i]?.stopEpoch ? [{ run: r.label, epoch: stops[i]!.stopEpoch! }] : []));
  const l1 = lab.runs[1]?.regulariser === 'l1';
  const norms = lab.runs.flatMap((r) => r.history.map((h) => ({ run: r.label, epoch: h.epoch, norm: l1 ? h.weightNorm1 ?? NaN : h.weightNorm2 })));
  const last = (r: RunView | undefined) => r?.history[r.history.length - 1];
  const finished = lab.runs.length === 2 && lab.runs.every((r) => r.state === 'done') ? verdict(last(lab.runs[0]), last(lab.runs[1]), lab.runs[1].lambda, REGULARISER_NAME[lab.runs[1].regulariser]) : null;
  const message = invalid ?? lab.error;
  // While the runs train, the charts' lines and best-epoch rings move in place (kit/live-chart.ts):
  // the x domain is the run's epochs, the y domains snap outward so they rarely change.
  const xDomain = [0, Math.max(lab.epochs, ...lab.runs.map((r) => last(r)?.epoch ?? 0))];
  const accLines = liveLine(acc, { x: 'epoch', y: 'accuracy', z: 'set', fx: 'run' });
  const bestRings = liveDot(bestMarks, { x: 'epoch', y: 'accuracy', fx: 'run' });
  const normLines = liveLine(norms, { x: 'epoch', y: 'norm', z: 'run' });

  return (
    <figure class="lab" data-widget="overfitting" {...address}>
      <h3>Overfitting and regularisation</h3>
      {notice && <p class="widget-notice" role="status" data-testid="of-notice">{notice}</p>}
      <p class="widget-caption">
        784-30-10, sigmoid, cross-entropy, batch 10, trained on only {TRAIN_COUNT.toLocaleString('en-GB')} digits and checked after every epoch on {VALIDATION_COUNT.toLocaleString('en-GB')} held-out validation digits.
        Both runs share the seed: same initial weights, same minibatches; only the penalty differs — none (λ = 0) for the first, the one you choose with λ greater than 0 for the second.
        On a device with fewer than three processor cores the second run waits for the first, so that the page keeps a core to itself.
        On the validation curve, a ring marks each run's best epoch and a dashed line the epoch where early stopping ("no improvement in {patience} epochs") stops.
      </p>
      <div class="lab-row">
        <Select id="of-reg" label="penalty of the second run" value={settings.regulariser} options={REGULARISER_OPTIONS} onChange={(v) => set({ regulariser: v })} disabled={busy} />
        <NumberField id="of-lambda" label="λ of the regularised run (> 0)" value={settings.lambda} rule={checkRegularisedLambda} onChange={(v) => set({ lambda: v })} onError={fieldError('lambda')} disabled={busy} />
        <NumberField id="of-eta" label="η" value={settings.eta} rule={(t) => checkMnist('eta', t)} onChange={(v) => set({ eta: v })} onError={fieldError('eta')} disabled={busy} />
        <NumberField id="of-epochs" label="epochs" value={settings.epochs} rule={(t) => checkMnist('epochs', t)} onChange={(v) => set({ epochs: v })} onError={fieldError('epochs')} size={3} disabled={busy} />
        <Select id="of-init" label="initial weights" value={settings.init} options={INIT_OPTIONS} onChange={(v) => set({ init: v })} disabled={busy} />
        <NumberField id="of-patience" label="early-stopping patience (epochs)" value={settings.patience} rule={(t) => parseNumber(t, PATIENCE_RULE)} onChange={(v) => set({ patience: v })} onError={fieldError('patience')} size={3} />
        <button type="button" data-testid="of-train" onClick={start} disabled={busy || invalid !== null}>Train both</button>
        <button type="button" data-testid="of-stop" onClick={stop} disabled={!busy}>Stop</button>
      </div>
      {lab.loading && (
        <div class="lab-row">
          <label for="of-load">loading the digits</label>
          <progress id="of-load" max={lab.loading.total || 1} value={lab.loading.loaded} />
        </div>
      )}
      {message && <p class="widget-error" role="alert" data-testid="of-error">{message}</p>}
      {lab.runs.length > 0 && (
        <>
          <div class="lab-grid">
            <div>
              <h4>accuracy: training vs validation</h4>
              <Chart label="Training and validation accuracy per epoch, lambda 0 and the chosen lambda side by side" deps={[acc.length, patience]}
                live={{ running: busy, marks: [accLines, bestRings], frame: [stopMarks] }}
                make={(Plot) => Plot.plot({
                  width: 420, height: 260, marginLeft: 44, marginRight: 10,
                  x: { label: 'epoch', domain: xDomain }, y: { label: 'accuracy (%)', grid: true, domain: snapDomain(acc.map((d) => d.accuracy), { step: 10, min: 0, max: 100 }) },
                  fx: { label: null }, color: { legend: true, domain: ['training', 'validation'] },
                  marks: [
                    accLines.plot(Plot, { stroke: 'set' }),
                    Plot.ruleX(stopMarks, { x: 'epoch', fx: 'run', strokeDasharray: '4 3', strokeOpacity: 0.7 }),
                    bestRings.plot(Plot, { r: 5, stroke: 'currentColor' }),
                    Plot.tip(acc, Plot.pointerX({ x: 'epoch', y: 'accuracy', stroke: 'set', fx: 'run' })),
                  ],
                })} />
            </div>
            <div>
              <h4>{l1 ? 'Σ |w|' : 'Σ w²'} (the size of the weights)</h4>
              <Chart label={l1 ? 'Sum of absolute weights per epoch for both runs' : 'Sum of squared weights per epoch for both runs'} deps={[norms.length, l1]}
                live={{ running: busy, marks: [normLines] }}
                make={(Plot) => Plot.plot({
                  width: 360, height: 260, marginLeft: 56,
                  x: { label: 'epoch', domain: xDomain }, y: { label: l1 ? 'Σ |w|' : 'Σ w²', grid: true, domain: snapDomain(norms.map((d) => d.norm), { zero: true }) },
                  color: { legend: true },
                  marks: [normLines.plot(Plot, { stroke: 'run' }), Plot.tip(norms, Plot.pointerX({ x: 'epoch', y: 'norm', stroke: 'run' }))],
                })} />
            </div>
          </div>
          <table tabIndex={0}>
            <caption>After the latest epoch. The gap is training accuracy minus validation accuracy: the overfitting. Early stopping would keep the network of the best epoch.</caption>
            <thead><tr><th scope="col">run</th><th scope="col">epoch</th><th scope="col">training accuracy</th><th scope="col">validation accuracy</th><th scope="col">gap</th><th scope="col">Σ w²</th><th scope="col">Σ |w|</th><th scope="col">weights with |w| &lt; 0.01</th><th scope="col">best validation (epoch)</th><th scope="col">early stop after epoch</th></tr></thead>
            <tbody>
              {lab.runs.map((r, i) => {
                const h = last(r);
                const gap = h && h.trainAccuracy !== undefined && h.testAccuracy !== undefined ? h.trainAccuracy - h.testAccuracy : undefined;
                return (
                  <tr key={i}>
                    <th scope="row">{r.label}</th>
                    <td data-testid={`of-epoch-${i}`}>{h?.epoch ?? 0}</td>
                    <td data-testid={`of-train-${i}`}>{pct(h?.trainAccuracy, 1)}</td>
                    <td data-testid={`of-test-${i}`}>{pct(h?.testAccuracy, 1)}</td>
                    <td data-testid={`of-gap-${i}`}>{gap === undefined ? '–' : `${(100 * gap).toFixed(1)} points`}</td>
                    <td data-testid={`of-norm-${i}`}>{fmt(h?.weightNorm2)}</td>
                    <td data-testid={`of-abs-${i}`}>{fmt(h?.weightNorm1)}</td>
                    <td data-testid={`of-small-${i}`}>{pct(h?.smallWeights, 1)}</td>
                    <td data-testid={`of-best-${i}`}>{stops[i] ? `${pct(stops[i]!.bestValue, 1)} (${stops[i]!.bestEpoch})` : '–'}</td>
                    <td data-testid={`of-stop-${i}`}>{stops[i] ? stops[i]!.stopEpoch ?? 'not yet' : '–'}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
          {finished && <p class="widget-caption" aria-live="polite" data-testid="of-verdict">{finished}</p>}
        </>
      )}
    </figure>
  );
}
