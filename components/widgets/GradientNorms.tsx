// Vanishing gradients, live (chapter 13): a [784, 30, 30, 30, 30, 10] network trained on MNIST
// digits in a Web Worker, plotting ‖∂C/∂b^l‖ for each layer before training and after every
// epoch. The run and the norms are GradientNorms-state.ts's normsRun (the engine's
// biasGradientNorms); this component only starts, stops and draws it.
import { useEffect, useRef, useState } from 'preact/hooks';
import { Chart } from '../kit/Chart';
import { NumberField } from '../kit/NumberField';
import { Select } from '../kit/Select';
import { fmt } from '../kit/format';
import { readPacked, readUrlParam, writePacked, writeUrlParam } from '../kit/url-fields';
import { useAddress } from '../kit/address';
import { mnistUrl, offlineWithoutDigits, DigitsOfflineError } from '../lab/mnist-source';
import {
  ACTIVATIONS, chartRows, DIGITS_RULE, EPOCHS_RULE, ETA_RULE, GN_DEFAULTS, GN_FIELDS, GN_PARAM, INITS, layerName, SEED_RULE, SIZES, speedRatio,
  type GnInit, type GnPoint, type GnSettings, type HiddenActivation,
} from './GradientNorms-state';
import type { GnReply } from './GradientNorms-worker';

const INIT_LABEL: Record<GnInit, string> = { standard: 'N(0, 1)', scaled: 'N(0, 1/n_in)', he: 'He N(0, 2/n_in)' };
const LAYERS = SIZES.length - 1;
type Phase = 'idle' | 'loading' | 'training' | 'done' | 'stopped' | 'failed';

export default function GradientNorms() {
  const [s, setS] = useState<GnSettings>(GN_DEFAULTS);
  const [points, setPoints] = useState<GnPoint[]>([]);
  const [phase, setPhase] = useState<Phase>('idle');
  const [load, setLoad] = useState<{ loaded: number; total: number } | null>(null);
  const [progress, setProgress] = useState<{ epoch: number; done: number; total: number } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [runError, setRunError] = useState<string | null>(null);
  const worker = useRef<Worker | null>(null);

  const { notice, address } = useAddress(GN_PARAM, (raw) => readPacked(GN_FIELDS, raw), (v) => setS(v), 'the defaults');
  useEffect(() => {
    if (readUrlParam(GN_PARAM) === null && JSON.stringify(s) === JSON.stringify(GN_DEFAULTS)) return;
    writeUrlParam(GN_PARAM, writePacked(GN_FIELDS, s));
  }, [s]);
  useEffect(() => () => worker.current?.terminate(), []);

  const busy = phase === 'loading' || phase === 'training';
  const change = (patch: Partial<GnSettings>) => {
    setS((old) => ({ ...old, ...patch }));
    setPoints([]);
    if (!busy) setPhase('idle');
  };

  const start = async () => {
    worker.current?.terminate();
    setPoints([]);
    setRunError(null);
    setProgress(null);
    setLoad(null);
    setPhase('loading');
    if (await offlineWithoutDigits()) {
      setRunError(new DigitsOfflineError().message);
      setPhase('failed');
      return;
    }
    let w: Worker;
    try {
      w = new Worker(new URL('./GradientNorms-worker.ts', import.meta.url), { type: 'module' });
    } catch {
      setRunError('This browser could not start a Web Worker, so the network cannot be trained here.');
      setPhase('failed');
      return;
    }
    worker.current = w;
    const settings = s;
    w.onmessage = (e: MessageEvent<GnReply>) => {
      if (worker.current !== w) return;
      const m = e.data;
      if (m.type === 'loading') setLoad({ loaded: m.loaded, total: m.total });
      else if (m.type === 'training') {
        setPhase('training');
        setProgress({ epoch: m.epoch, done: m.done, total: m.total });
      } else if (m.type === 'point') {
        setPhase('training');
        setPoints((ps) => [...ps, { epoch: m.epoch, norms: m.norms }]);
      } else {
        if (m.type === 'done') setPhase('done');
        else {
          setRunError(m.message);
          setPhase('failed');
        }
        w.terminate();
        worker.current = null;
      }
    };
    w.onerror = () => {
      setRunError('The training worker failed to start.');
      setPhase('failed');
    };
    w.postMessage({ type: 'run', url: mnistUrl(), settings });
  };

  const stop = () => {
    worker.current?.terminate();
    worker.current = null;
    setPhase('stopped');
  };

  const first = points[0];
  const last = points[points.length - 1];
  const rows = chartRows(points);
  const status =
    phase === 'idle' ? 'Press Train to load the digits (≈ 1.6 MB, once) and train.' :
    phase === 'loading' ? 'loading the digits…' :
    phase === 'training' ? (last ? `training: epoch ${last.epoch} of ${s.epochs} measured.` : 'measuring the gradients before training…') :
    phase === 'done' ? `done: ${s.epochs} epochs.` :
    phase === 'stopped' ? `stopped${last ? ` after epoch ${last.epoch}` : ''}.` : 'failed.';
  const caption = last
    ? `‖∂C/∂b^l‖ for each layer of the ${SIZES.join('-')} network, ${s.activation} hidden layers, ${INIT_LABEL[s.init]} weights, over ${Math.min(s.digits, 8000)} training digits. ` +
      `Before training the last hidden layer's norm is ${fmt(speedRatio(first.norms), 3)} times the first's; after epoch ${last.epoch}, ${fmt(speedRatio(last.norms), 3)} times.`
    : 'No run yet.';

  return (
    <figure class="widget" data-widget="gradient-norms" {...address}>
      <h3>How fast each layer learns</h3>
      {notice && <p class="widget-notice" role="status" data-testid="gn-notice">{notice}</p>}
      <div class="wb-row">
        <Select id="gn-act" label="hidden activation" value={s.activation} disabled={busy}
          options={ACTIVATIONS.map((a) => ({ value: a, label: a === 'relu' ? 'ReLU' : a }))} onChange={(v: HiddenActivation) => change({ activation: v })} />
        <Select id="gn-init" label="weights" value={s.init} disabled={busy}
          options={INITS.map((i) => ({ value: i, label: INIT_LABEL[i] }))} onChange={(v: GnInit) => change({ init: v })} />
      </div>
      <div class="wb-row">
        <NumberField id="gn-digits" rule={DIGITS_RULE} value={s.digits} disabled={busy} onError={setError} onChange={(v) => change({ digits: v })} />
        <NumberField id="gn-epochs" rule={EPOCHS_RULE} value={s.epochs} size={4} disabled={busy} onError={setError} onChange={(v) => change({ epochs: v })} />
        <NumberField id="gn-eta" rule={ETA_RULE} value={s.eta} size={5} disabled={busy} onError={setError} onChange={(v) => change({ eta: v })} />
        <NumberField id="gn-seed" rule={SEED_RULE} value={s.seed} size={6} disabled={busy} onError={setError} onChange={(v) => change({ seed: v })} />
      </div>
      {error && <p class="widget-error" role="alert" data-testid="gn-error">{error}</p>}
      <div class="wb-row">
        <button type="button" data-testid="gn-train" onClick={() => void start()} disabled={busy}>Train</button>
        <button type="button" data-testid="gn-stop" onClick={stop} disabled={!busy}>Stop</button>
        <span class="widget-notice" role="status" data-testid="gn-status" data-phase={phase}>{status}</span>
      </div>
      {phase === 'loading' && (
        <div class="wb-row">
          <label for="gn-load">loading the digits</label>
          <progress id="gn-load" data-testid="gn-load" max={load?.total || 1} value={load?.loaded ?? 0} />
        </div>
      )}
      {phase === 'training' && progress && progress.epoch > 0 && (
        <div class="wb-row">
          <label for="gn-progress">epoch {progress.epoch} of {s.epochs}</label>
          <progress id="gn-progress" data-testid="gn-progress" max={progress.total} value={progress.done} />
        </div>
      )}
      {runError && <p class="widget-error" role="alert" data-testid="gn-run-error">{runError}</p>}
      <div class="wa-scroll" tabIndex={0} role="region" aria-label="gradient norm per layer">
      <table data-testid="gn-table">
        <caption>‖∂C/∂b^l‖: the length of the gradient of the mean cost over the training digits with respect to layer l's biases</caption>
        <thead><tr><th scope="col">layer</th><th scope="col">before training</th><th scope="col">after epoch <span data-testid="gn-epoch">{last ? last.epoch : '–'}</span></th></tr></thead>
        <tbody>
          {Array.from({ length: LAYERS }, (_, i) => (
            <tr key={i}>
              <th scope="row">{layerName(i, LAYERS)}</th>
              <td data-testid={`gn-first-${i + 1}`}>{fmt(first?.norms[i], 4)}</td>
              <td data-testid={`gn-last-${i + 1}`}>{fmt(last?.norms[i], 4)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      </div>
      <Chart label={`Gradient norm per layer over epochs: ${caption}`} deps={[points]}
        make={(Plot) => rows.length === 0 ? Plot.plot({ height: 80, width: 560, axis: null, marks: [Plot.text(['no run yet: press Train'], { frameAnchor: 'middle' })] }) : Plot.plot({
          height: 280, width: 560, marginLeft: 55,
          x: { label: 'epoch', grid: true },
          y: { label: '‖∂C/∂b^l‖', type: 'log', grid: true },
          color: { legend: true, domain: Array.from({ length: LAYERS }, (_, i) => layerName(i, LAYERS)) },
          marks: [Plot.line(rows.filter((r) => r.norm > 0), { x: 'epoch', y: 'norm', stroke: 'layer', z: 'layer', marker: rows.length / LAYERS < 25 ? 'dot' : undefined })],
        })} />
      <p class="widget-caption" aria-live="polite" data-testid="gn-caption">{caption}</p>
    </figure>
  );
}
