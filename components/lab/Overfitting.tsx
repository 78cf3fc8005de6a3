// Overfitting and L2 (chapter 10): the same network trained twice on a small training set (1,000
// MNIST digits), once with λ = 0 and once with the chosen λ, same seed (same initial weights and
// minibatch order). Training vs validation accuracy side by side, Σw² (which L2 keeps small), and
// one sentence saying what the finished runs show. Both runs train in training workers (src/lab);
// the L2 convention is (λ/2n) Σ w², n = 1,000. Settings: overfitting-state.ts (also the URL table).
import { useEffect, useReducer, useRef, useState } from 'preact/hooks';
import type { EpochRecord } from '../../src/lab/protocol';
import { createTrainingClient, type TrainingClient } from '../../src/lab/client';
import { Chart } from '../kit/Chart';
import { NumberField } from '../kit/NumberField';
import { Select } from '../kit/Select';
import { fmt, pct } from '../kit/format';
import { useLeaveGuard } from '../kit/leave-guard';
import { namesOf, writeFields, writeUrlParams } from '../kit/url-fields';
import { useAddressEffect } from '../kit/address';
import { mnistUrl } from './mnist-source';
import { checkMnist } from './mnist-state';
import {
  INIT_OPTIONS,
  OVERFITTING_DEFAULTS,
  OVERFITTING_URL,
  TRAIN_COUNT,
  VALIDATION_COUNT,
  checkRegularisedLambda,
  overfittingConfig,
  overfittingData,
  readOverfittingUrl,
  verdict,
  type OverfittingSettings,
} from './overfitting-state';

type RunState = 'loading' | 'running' | 'done';
interface RunView {
  lambda: number;
  history: EpochRecord[];
  state: RunState;
}
interface LabState {
  runs: RunView[];
  loading: { loaded: number; total: number } | null;
  error: string | null;
}
type Action =
  | { type: 'start'; lambdas: number[] }
  | { type: 'loading'; loaded: number; total: number }
  | { type: 'started'; run: number }
  | { type: 'epochs'; run: number; epochs: EpochRecord[] }
  | { type: 'done'; run: number; history: EpochRecord[] }
  | { type: 'error'; message: string };

function reduce(s: LabState, a: Action): LabState {
  const patch = (i: number, f: (r: RunView) => RunView) => s.runs.map((r, j) => (j === i ? f(r) : r));
  switch (a.type) {
    case 'start':
      return { runs: a.lambdas.map((lambda) => ({ lambda, history: [], state: 'loading' })), loading: null, error: null };
    case 'loading':
      return { ...s, loading: { loaded: a.loaded, total: a.total } };
    case 'started':
      return { ...s, loading: null, runs: patch(a.run, (r) => ({ ...r, state: 'running' })) };
    case 'epochs':
      return { ...s, runs: patch(a.run, (r) => ({ ...r, history: [...r.history, ...a.epochs] })) };
    case 'done':
      return { ...s, runs: patch(a.run, (r) => ({ ...r, state: 'done', history: a.history.slice() })) };
    case 'error':
      return { ...s, loading: null, error: a.message, runs: s.runs.map((r) => (r.state === 'loading' ? { ...r, state: 'done' } : r)) };
  }
}

type FieldKey = 'lambda' | 'eta' | 'epochs';

export default function Overfitting() {
  const [settings, setSettings] = useState<OverfittingSettings>(OVERFITTING_DEFAULTS);
  // Each field's own complaint (null when its text is good): Train waits until all are good, so
  // the runs never use a value other than the one shown.
  const [fieldErrors, setFieldErrors] = useState<Record<FieldKey, string | null>>({ lambda: null, eta: null, epochs: null });
  const [lab, dispatch] = useReducer(reduce, { runs: [], loading: null, error: null });
  const clients = useRef<TrainingClient[]>([]);
  const loaded = useRef(false);

  const { notice, address } = useAddressEffect(() => {
    const r = readOverfittingUrl((k) => new URLSearchParams(window.location.search).get(k));
    setSettings(r.settings);
    loaded.current = true;
    return r.notice;
  });
  useEffect(() => () => clients.current.forEach((c) => c.dispose()), []);
  useEffect(() => {
    if (loaded.current) writeUrlParams(namesOf(OVERFITTING_URL), writeFields(OVERFITTING_URL, settings));
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
    dispatch({ type: 'start', lambdas });
    clients.current = lambdas.map((l, i) => {
      const client = createTrainingClient();
      if (i === 0) client.on('loading', (e) => dispatch({ type: 'loading', loaded: e.loaded, total: e.total }));
      client.on('started', () => dispatch({ type: 'started', run: i }));
      client.on('progress', (e) => e.epochs.length && dispatch({ type: 'epochs', run: i, epochs: e.epochs }));
      client.on('diverged', (e) => dispatch({ type: 'error', message: `λ = ${l}: stopped (layer ${e.layer}). ${e.message}` }));
      client.on('done', (e) => dispatch({ type: 'done', run: i, history: e.history }));
      client.on('error', (e) => e.id === undefined && dispatch({ type: 'error', message: e.message }));
      client.start(overfittingConfig(settings, l), overfittingData(mnistUrl()));
      return client;
    });
  };
  const stop = () => clients.current.forEach((c) => c.stop());

  const name = (l: number) => `λ = ${l}`;
  const acc = lab.runs.flatMap((r) =>
    r.history.flatMap((h) => [
      { run: name(r.lambda), epoch: h.epoch, accuracy: 100 * (h.trainAccuracy ?? NaN), set: 'training' },
      { run: name(r.lambda), epoch: h.epoch, accuracy: 100 * (h.testAccuracy ?? NaN), set: 'validation' },
    ]),
  );
  const norms = lab.runs.flatMap((r) => r.history.map((h) => ({ run: name(r.lambda), epoch: h.epoch, norm: h.weightNorm2 })));
  const last = (r: RunView | undefined) => r?.history[r.history.length - 1];
  const finished = lab.runs.length === 2 && lab.runs.every((r) => r.state === 'done') ? verdict(last(lab.runs[0]), last(lab.runs[1]), lab.runs[1].lambda) : null;
  const message = invalid ?? lab.error;

  return (
    <figure class="lab" data-widget="overfitting" {...address}>
      <h3>Overfitting and L2</h3>
      {notice && <p class="widget-notice" role="status" data-testid="of-notice">{notice}</p>}
      <p class="widget-caption">
        784-30-10, sigmoid, cross-entropy, batch 10, trained on only {TRAIN_COUNT.toLocaleString('en-GB')} digits and checked after every epoch on {VALIDATION_COUNT.toLocaleString('en-GB')} held-out validation digits.
        Both runs share the seed: same initial weights, same minibatches; only λ differs — λ = 0 for the first, the λ you choose (greater than 0) for the second.
      </p>
      <div class="lab-row">
        <NumberField id="of-lambda" label="λ of the regularised run (> 0)" value={settings.lambda} rule={checkRegularisedLambda} onChange={(v) => set({ lambda: v })} onError={fieldError('lambda')} disabled={busy} />
        <NumberField id="of-eta" label="η" value={settings.eta} rule={(t) => checkMnist('eta', t)} onChange={(v) => set({ eta: v })} onError={fieldError('eta')} disabled={busy} />
        <NumberField id="of-epochs" label="epochs" value={settings.epochs} rule={(t) => checkMnist('epochs', t)} onChange={(v) => set({ epochs: v })} onError={fieldError('epochs')} size={3} disabled={busy} />
        <Select id="of-init" label="initial weights" value={settings.init} options={INIT_OPTIONS} onChange={(v) => set({ init: v })} disabled={busy} />
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
              <Chart label="Training and validation accuracy per epoch, lambda 0 and the chosen lambda side by side" deps={[acc.length]}
                make={(Plot) => Plot.plot({
                  width: 420, height: 260, marginLeft: 44, marginRight: 10,
                  x: { label: 'epoch' }, y: { label: 'accuracy (%)', grid: true },
                  fx: { label: null }, color: { legend: true, domain: ['training', 'validation'] },
                  marks: [Plot.line(acc, { x: 'epoch', y: 'accuracy', stroke: 'set', z: 'set', fx: 'run' }), Plot.tip(acc, Plot.pointerX({ x: 'epoch', y: 'accuracy', stroke: 'set', fx: 'run' }))],
                })} />
            </div>
            <div>
              <h4>Σ w² (the size of the weights)</h4>
              <Chart label="Sum of squared weights per epoch for both runs" deps={[norms.length]}
                make={(Plot) => Plot.plot({
                  width: 360, height: 260, marginLeft: 56,
                  x: { label: 'epoch' }, y: { label: 'Σ w²', grid: true, zero: true },
                  color: { legend: true },
                  marks: [Plot.line(norms, { x: 'epoch', y: 'norm', stroke: 'run', z: 'run' }), Plot.tip(norms, Plot.pointerX({ x: 'epoch', y: 'norm', stroke: 'run' }))],
                })} />
            </div>
          </div>
          <table tabIndex={0}>
            <caption>After the latest epoch. The gap is training accuracy minus validation accuracy: the overfitting.</caption>
            <thead><tr><th scope="col">run</th><th scope="col">epoch</th><th scope="col">training accuracy</th><th scope="col">validation accuracy</th><th scope="col">gap</th><th scope="col">Σ w²</th></tr></thead>
            <tbody>
              {lab.runs.map((r, i) => {
                const h = last(r);
                const gap = h && h.trainAccuracy !== undefined && h.testAccuracy !== undefined ? h.trainAccuracy - h.testAccuracy : undefined;
                return (
                  <tr key={i}>
                    <th scope="row">{name(r.lambda)}</th>
                    <td data-testid={`of-epoch-${i}`}>{h?.epoch ?? 0}</td>
                    <td data-testid={`of-train-${i}`}>{pct(h?.trainAccuracy, 1)}</td>
                    <td data-testid={`of-test-${i}`}>{pct(h?.testAccuracy, 1)}</td>
                    <td data-testid={`of-gap-${i}`}>{gap === undefined ? '–' : `${(100 * gap).toFixed(1)} points`}</td>
                    <td data-testid={`of-norm-${i}`}>{fmt(h?.weightNorm2)}</td>
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
