// Overfitting and L2 (chapter 10): the same network trained twice on a small training set (1,000
// MNIST digits), once with λ = 0 and once with the chosen λ, same seed (same initial weights and
// minibatch order). Training vs test accuracy side by side, and Σw², which L2 keeps small.
// Both runs train in training workers (src/lab); the L2 convention is (λ/2n) Σ w², n = 1,000.
import { useEffect, useRef, useState } from 'preact/hooks';
import type { EpochRecord } from '../../src/lab/protocol';
import { createTrainingClient, type TrainingClient } from '../../src/lab/client';
import { Chart } from '../kit/Chart';
import { NumberField } from '../kit/NumberField';
import { fmt, pct } from '../kit/format';
import { mnistUrl } from './mnist-source';
import { checkMnist, checkRegularisedLambda } from './mnist-state';

const TRAIN = 1000;
const TEST = 1000;
const BASE = { sizes: [784, 30, 10], activations: ['sigmoid', 'sigmoid'] as ('sigmoid')[], cost: 'cross-entropy' as const, init: 'scaled' as const, batchSize: 10, seed: 1 };

interface Run {
  lambda: number;
  client: TrainingClient;
  history: EpochRecord[];
  state: string;
}

export default function Overfitting() {
  const [lambda, setLambda] = useState(5);
  const [eta, setEta] = useState(0.5);
  const [epochs, setEpochs] = useState(30);
  const [error, setError] = useState<string | null>(null);
  // Each field's own complaint (null when its text is good): Train waits until all are good, so
  // the runs never use a value other than the one shown.
  const [fieldErrors, setFieldErrors] = useState<Record<'lambda' | 'eta' | 'epochs', string | null>>({ lambda: null, eta: null, epochs: null });
  const fieldError = (key: keyof typeof fieldErrors) => (message: string | null) => setFieldErrors((f) => ({ ...f, [key]: message }));
  const invalid = Object.values(fieldErrors).find((m) => m !== null) ?? null;
  const [loading, setLoading] = useState<{ loaded: number; total: number } | null>(null);
  const [, setTick] = useState(0);
  const runs = useRef<Run[]>([]);
  const redraw = () => setTick((t) => t + 1);

  useEffect(() => () => runs.current.forEach((r) => r.client.dispose()), []);

  const start = () => {
    if (invalid) return;
    const regularised = checkRegularisedLambda(String(lambda));
    if (!regularised.ok) {
      setError(regularised.message);
      return;
    }
    runs.current.forEach((r) => r.client.dispose());
    setError(null);
    runs.current = [0, lambda].map((l) => {
      const client = createTrainingClient();
      const run: Run = { lambda: l, client, history: [], state: 'loading' };
      if (l === 0) client.on('loading', (e) => setLoading({ loaded: e.loaded, total: e.total }));
      client.on('started', () => {
        run.state = 'running';
        setLoading(null);
        redraw();
      });
      client.on('progress', (e) => {
        if (e.epochs.length) {
          run.history.push(...e.epochs);
          redraw();
        }
      });
      client.on('diverged', (e) => setError(`λ = ${l}: stopped (layer ${e.layer}). ${e.message}`));
      client.on('done', (e) => {
        run.state = e.reason;
        run.history = e.history.slice();
        redraw();
      });
      client.on('error', (e) => {
        if (e.id === undefined) setError(e.message);
      });
      client.start({ ...BASE, eta, lambda: l, epochs, progressIntervalMs: 200 }, { kind: 'mnist', url: mnistUrl(), trainCount: TRAIN, testCount: TEST });
      return run;
    });
    redraw();
  };
  const stop = () => runs.current.forEach((r) => r.client.stop());

  const busy = runs.current.some((r) => r.state === 'loading' || r.state === 'running');
  const name = (l: number) => `λ = ${l}`;
  const acc = runs.current.flatMap((r) =>
    r.history.flatMap((h) => [
      { run: name(r.lambda), epoch: h.epoch, accuracy: 100 * (h.trainAccuracy ?? NaN), set: 'training' },
      { run: name(r.lambda), epoch: h.epoch, accuracy: 100 * (h.testAccuracy ?? NaN), set: 'test' },
    ]),
  );
  const norms = runs.current.flatMap((r) => r.history.map((h) => ({ run: name(r.lambda), epoch: h.epoch, norm: h.weightNorm2 })));
  const last = (r: Run) => r.history[r.history.length - 1];

  return (
    <figure class="lab" data-widget="overfitting">
      <h3>Overfitting and L2</h3>
      <p class="widget-caption">
        784-30-10, cross-entropy, scaled initialisation, batch 10, trained on only {TRAIN.toLocaleString('en-GB')} digits and tested on {TEST.toLocaleString('en-GB')} others.
        Both runs share the seed: same initial weights, same minibatches; only λ differs — λ = 0 for the first, the λ you choose (greater than 0) for the second.
      </p>
      <div class="lab-row">
        <NumberField id="of-lambda" label="λ of the regularised run (> 0)" value={lambda} rule={checkRegularisedLambda} onChange={setLambda} onError={fieldError('lambda')} disabled={busy} />
        <NumberField id="of-eta" label="η" value={eta} rule={(t) => checkMnist('eta', t)} onChange={setEta} onError={fieldError('eta')} disabled={busy} />
        <NumberField id="of-epochs" label="epochs" value={epochs} rule={(t) => checkMnist('epochs', t)} onChange={setEpochs} onError={fieldError('epochs')} size={3} disabled={busy} />
        <button type="button" data-testid="of-train" onClick={start} disabled={busy || invalid !== null}>Train both</button>
        <button type="button" data-testid="of-stop" onClick={stop} disabled={!busy}>Stop</button>
      </div>
      {loading && (
        <div class="lab-row">
          <label for="of-load">loading the digits</label>
          <progress id="of-load" max={loading.total || 1} value={loading.loaded} />
        </div>
      )}
      {(invalid ?? error) && <p class="widget-error" role="alert" data-testid="of-error">{invalid ?? error}</p>}
      {runs.current.length > 0 && (
        <>
          <div class="lab-grid">
            <div>
              <h4>accuracy: training vs test</h4>
              <Chart label="Training and test accuracy per epoch, lambda 0 and the chosen lambda side by side" deps={[acc.length]}
                make={(Plot) => Plot.plot({
                  width: 420, height: 260, marginLeft: 44, marginRight: 10,
                  x: { label: 'epoch' }, y: { label: 'accuracy (%)', grid: true },
                  fx: { label: null }, color: { legend: true, domain: ['training', 'test'] },
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
            <caption>After the latest epoch. The gap is training accuracy minus test accuracy: the overfitting.</caption>
            <thead><tr><th scope="col">run</th><th scope="col">epoch</th><th scope="col">training accuracy</th><th scope="col">test accuracy</th><th scope="col">gap</th><th scope="col">Σ w²</th></tr></thead>
            <tbody>
              {runs.current.map((r, i) => {
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
        </>
      )}
    </figure>
  );
}
