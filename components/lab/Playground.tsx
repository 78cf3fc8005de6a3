// The 2-D playground: pick a dataset and a network, train it in the training worker (src/lab) and
// watch the decision boundary and the cost curves. All settings and the seed live in the address
// bar (playground-state.ts); A/B mode trains a second network that differs in exactly one
// setting, with the same seed, hence the same initial weights and the same minibatch order.
import { useEffect, useRef, useState } from 'preact/hooks';
import type { EpochRecord, LabEventOf } from '../../src/lab/protocol';
import { createTrainingClient, type TrainingClient } from '../../src/lab/client';
import { Chart } from '../kit/Chart';
import { CLASS_CSS, cellColours, extentOf, gridInputs, thin, type Extent } from './boundary';
import { NumberField } from '../kit/NumberField';
import { Select } from '../kit/Select';
import { fmt, pct } from '../kit/format';
import {
  AB_FIELDS,
  BINARY_COSTS,
  DATASETS,
  HIDDEN_ACTIVATIONS,
  INITS,
  MAX_HIDDEN_LAYERS,
  MAX_NEURONS,
  URL_KEYS,
  addLayer,
  applyAb,
  checkNeurons,
  checkNumber,
  dataSpecOf,
  defaultAb,
  fromParams,
  isMulticlass,
  removeLayer,
  resizeLayer,
  sizesOf,
  toParams,
  trainConfigOf,
  DEFAULT_CONFIG,
  type AbField,
  type AbSetting,
  type PlaygroundConfig,
} from './playground-state';

const GRID = 40;
const MAX_CURVE_POINTS = 400;

type Points = NonNullable<LabEventOf<'started'>['points']>;

interface Run {
  label: 'A' | 'B';
  config: PlaygroundConfig;
  client: TrainingClient;
  state: 'starting' | 'running' | 'paused' | 'done' | 'loading' | 'idle';
  history: EpochRecord[];
  epoch: number;
  points?: Points;
  extent?: Extent;
  nOut: number;
  boundary?: string[];
  predicting: boolean;
  lastPredict: number;
  diverged?: string;
  error?: string;
}

function readUrl(): ReturnType<typeof fromParams> {
  if (typeof window === 'undefined') return { config: { ...DEFAULT_CONFIG }, ab: null, notice: null };
  const p = new URLSearchParams(window.location.search);
  return fromParams((k) => p.get(k));
}

function writeUrl(config: PlaygroundConfig, ab: AbSetting | null) {
  const url = new URL(window.location.href);
  for (const k of URL_KEYS) url.searchParams.delete(k);
  for (const [k, v] of Object.entries(toParams(config, ab))) url.searchParams.set(k, v);
  window.history.replaceState(window.history.state, '', url);
}

const AB_LABEL: Record<AbField, string> = { eta: 'η', lambda: 'λ', cost: 'cost', init: 'init', activation: 'activation' };

export default function Playground() {
  const [config, setConfig] = useState<PlaygroundConfig>(DEFAULT_CONFIG);
  const [ab, setAb] = useState<AbSetting | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [, setTick] = useState(0);
  const runs = useRef<Run[]>([]);
  const loaded = useRef(false);
  const redraw = () => setTick((t) => t + 1);

  // The address bar first (after hydration, so the server-rendered defaults match).
  useEffect(() => {
    const d = readUrl();
    setConfig(d.config);
    setAb(d.ab);
    setNotice(d.notice);
    loaded.current = true;
    return () => disposeRuns();
  }, []);
  useEffect(() => {
    if (loaded.current && typeof window !== 'undefined') writeUrl(config, ab);
  }, [config, ab]);

  const bConfig = ab ? applyAb(config, ab) : null;

  function disposeRuns() {
    for (const r of runs.current) r.client.dispose();
    runs.current = [];
  }

  function requestBoundary(run: Run) {
    if (!run.extent || run.predicting) return;
    run.predicting = true;
    run.lastPredict = performance.now();
    run.client
      .predict(gridInputs(run.extent, GRID), GRID * GRID)
      .then((out) => {
        run.boundary = cellColours(out, run.nOut);
        run.predicting = false;
        redraw();
      })
      .catch(() => {
        run.predicting = false;
      });
  }

  function makeRun(label: 'A' | 'B', c: PlaygroundConfig): Run {
    const client = createTrainingClient();
    const run: Run = { label, config: c, client, state: 'starting', history: [], epoch: 0, nOut: sizesOf(c).at(-1)!, predicting: false, lastPredict: 0 };
    client.on('started', (e) => {
      if (e.points) {
        run.points = e.points;
        run.extent = extentOf([...e.points.train.x, ...e.points.test.x]);
        requestBoundary(run);
      }
      redraw();
    });
    client.on('progress', (e) => {
      run.state = e.state;
      run.epoch = e.epoch;
      if (e.epochs.length) {
        run.history.push(...e.epochs);
        if (run.history.length > 4 * MAX_CURVE_POINTS) run.history = thin(run.history, 2 * MAX_CURVE_POINTS);
      }
      if (performance.now() - run.lastPredict > 250) requestBoundary(run);
      redraw();
    });
    client.on('paused', () => {
      run.state = 'paused';
      requestBoundary(run);
      redraw();
    });
    client.on('resumed', () => {
      run.state = 'running';
      redraw();
    });
    client.on('diverged', (e) => {
      run.diverged = `Run ${label} stopped (layer ${e.layer}). ${e.message}`;
      redraw();
    });
    client.on('done', (e) => {
      run.state = 'done';
      if (e.history.length && run.history.length === 0) run.history = e.history.slice();
      requestBoundary(run);
      redraw();
    });
    client.on('error', (e) => {
      if (e.id === undefined) {
        if (run.state === 'starting') run.state = 'done'; // it never started: no Pause button
        run.error = `Run ${label}: ${e.message}`;
        redraw();
      }
    });
    client.start(trainConfigOf(c), dataSpecOf(c));
    return run;
  }

  function ensureRuns(): boolean {
    if (runs.current.length) return false;
    if (bConfig && !bConfig.ok) {
      setError(`B: ${bConfig.message}`);
      return false;
    }
    runs.current = [makeRun('A', config)];
    if (bConfig?.ok) runs.current.push(makeRun('B', bConfig.value));
    return true;
  }

  const active = runs.current.filter((r) => !r.diverged && r.state !== 'done');
  const running = active.some((r) => r.state === 'running' || r.state === 'starting');

  const play = () => {
    if (!ensureRuns()) for (const r of active) r.client.resume();
    redraw();
  };
  const pause = () => {
    for (const r of active) r.client.pause();
  };
  const step = () => {
    const fresh = ensureRuns();
    for (const r of runs.current) {
      if (r.diverged || r.state === 'done') continue;
      if (fresh || r.state === 'running' || r.state === 'starting') r.client.pause();
      r.client.step('epoch');
    }
    redraw();
  };
  const reset = () => {
    disposeRuns();
    setError(null);
    redraw();
  };

  /** A change that needs a new network (data, shape, σ, cost, init, seed) resets the run. */
  const change = (patch: Partial<PlaygroundConfig>) => {
    reset();
    setConfig((c) => ({ ...c, ...patch }));
  };
  /** η, λ and the batch size change from the next epoch on, the network kept. */
  const tune = (patch: Partial<Pick<PlaygroundConfig, 'eta' | 'lambda' | 'batchSize'>>) => {
    const next = { ...config, ...patch };
    setConfig(next);
    for (const r of runs.current) {
      const own = r.label === 'B' && ab ? applyAb(next, ab) : { ok: true as const, value: next };
      if (own.ok) r.client.set({ eta: own.value.eta, lambda: own.value.lambda, batchSize: own.value.batchSize });
    }
  };
  const shape = (r: { ok: true; value: number[] } | { ok: false; message: string }) => {
    if (r.ok) {
      setError(null);
      change({ hidden: r.value });
    } else setError(r.message);
  };

  const multi = isMulticlass(config);
  const sizes = sizesOf(config);

  // ---- drawing -------------------------------------------------------------------------------
  const series = runs.current.flatMap((r) =>
    thin(r.history, MAX_CURVE_POINTS).flatMap((h) => [
      ...(h.trainCost !== undefined ? [{ epoch: h.epoch, cost: h.trainCost, series: `${runs.current.length > 1 ? `${r.label} ` : ''}train` }] : []),
      ...(h.testCost !== undefined ? [{ epoch: h.epoch, cost: h.testCost, series: `${runs.current.length > 1 ? `${r.label} ` : ''}test` }] : []),
    ]),
  );
  const last = (r: Run) => r.history[r.history.length - 1];
  const summary = runs.current
    .map((r) => {
      const h = last(r);
      return h
        ? `${r.label}: epoch ${h.epoch}, train cost ${fmt(h.trainCost)}, test cost ${fmt(h.testCost)}, train accuracy ${pct(h.trainAccuracy, 1)}, test accuracy ${pct(h.testAccuracy, 1)}.`
        : `${r.label}: starting.`;
    })
    .join(' ');

  return (
    <figure class="lab" data-widget="playground">
      <h3>Playground</h3>
      {notice && <p class="widget-notice" role="status" data-testid="pg-notice">{notice}</p>}

      <div class="lab-row">
        <Select id="pg-dataset" label="dataset" value={config.dataset} options={DATASETS.map((d) => ({ value: d.id, label: d.label }))} onChange={(v) => change({ dataset: v })} />
        <span class="lab-field">
          <label for="pg-noise">noise {fmt(config.noise, 2)}</label>
          <input id="pg-noise" data-testid="pg-noise" type="range" min={0} max={0.5} step={0.05} value={config.noise} onChange={(e) => change({ noise: Number((e.currentTarget as HTMLInputElement).value) })} />
        </span>
        <span class="lab-field">
          <label for="pg-test">test share {Math.round(config.testFraction * 100)}%</label>
          <input id="pg-test" data-testid="pg-test" type="range" min={0.1} max={0.9} step={0.1} value={config.testFraction} onChange={(e) => change({ testFraction: Number((e.currentTarget as HTMLInputElement).value) })} />
        </span>
        <NumberField id="pg-seed" label="seed" value={config.seed} rule={(t) => checkNumber('seed', t)} onChange={(v) => change({ seed: v })} onError={setError} />
      </div>

      <div class="lab-row lab-layers" role="group" aria-label="network shape">
        <span>shape: 2 inputs →</span>
        {config.hidden.map((n, i) => (
          <span class="lab-layer" key={i}>
            <button type="button" aria-label={`remove a neuron from hidden layer ${i + 1}`} onClick={() => shape(resizeLayer(config.hidden, i, -1))}>−</button>
            <label class="sr-only" for={`pg-layer-${i}`}>neurons in hidden layer {i + 1}</label>
            <input id={`pg-layer-${i}`} data-testid={`pg-layer-${i}`} type="text" inputMode="numeric" size={2} value={n}
              onChange={(e) => {
                const c = checkNeurons((e.currentTarget as HTMLInputElement).value);
                if (!c.ok) {
                  (e.currentTarget as HTMLInputElement).value = String(n);
                  setError(c.message);
                } else shape({ ok: true, value: config.hidden.map((m, j) => (j === i ? c.value : m)) });
              }} />
            <button type="button" aria-label={`add a neuron to hidden layer ${i + 1}`} onClick={() => shape(resizeLayer(config.hidden, i, 1))}>+</button>
          </span>
        ))}
        <span>→ {sizes.at(-1)} output{multi ? 's (softmax)' : ''}</span>
        <button type="button" data-testid="pg-add-layer" onClick={() => shape(addLayer(config.hidden))}>add layer</button>
        <button type="button" data-testid="pg-remove-layer" onClick={() => shape(removeLayer(config.hidden))}>remove layer</button>
        <span class="widget-caption">(up to {MAX_HIDDEN_LAYERS} hidden layers of {MAX_NEURONS} neurons)</span>
      </div>

      <div class="lab-row">
        <Select id="pg-activation" label="activation" value={config.activation} options={HIDDEN_ACTIVATIONS.map((a) => ({ value: a, label: a }))} onChange={(v) => change({ activation: v })} />
        <Select id="pg-cost" label="cost" value={multi ? 'log-likelihood' : config.cost} disabled={multi}
          options={multi ? [{ value: 'log-likelihood', label: 'log-likelihood (softmax)' }] : BINARY_COSTS.map((c) => ({ value: c, label: c }))}
          onChange={(v) => change({ cost: v })} />
        <Select id="pg-init" label="init" value={config.init} options={INITS.map((i) => ({ value: i, label: i === 'scaled' ? 'N(0, 1/√n_in)' : 'N(0, 1)' }))} onChange={(v) => change({ init: v })} />
        <NumberField id="pg-eta" label="η" value={config.eta} rule={(t) => checkNumber('eta', t)} onChange={(v) => tune({ eta: v })} onError={setError} />
        <NumberField id="pg-batch" label="batch size" value={config.batchSize} rule={(t) => checkNumber('batchSize', t)} onChange={(v) => tune({ batchSize: v })} onError={setError} size={4} />
        <NumberField id="pg-lambda" label="λ" value={config.lambda} rule={(t) => checkNumber('lambda', t)} onChange={(v) => tune({ lambda: v })} onError={setError} />
      </div>

      <div class="lab-row" role="group" aria-label="A/B comparison">
        <span class="lab-field">
          <input id="pg-ab" data-testid="pg-ab" type="checkbox" checked={ab !== null}
            onChange={(e) => {
              reset();
              setAb((e.currentTarget as HTMLInputElement).checked ? defaultAb(config, multi ? 'eta' : 'cost') : null);
            }} />
          <label for="pg-ab">A/B: train a second network B that differs in one setting</label>
        </span>
        {ab && (
          <>
            <Select id="pg-ab-field" label="B changes" value={ab.field}
              options={AB_FIELDS.filter((f) => !(multi && f === 'cost')).map((f) => ({ value: f, label: AB_LABEL[f] }))}
              onChange={(f) => {
                reset();
                setAb(defaultAb(config, f));
              }} />
            <span class="lab-field">
              <label for="pg-ab-value">B's {AB_LABEL[ab.field]}</label>
              <input id="pg-ab-value" data-testid="pg-ab-value" type="text" size={12} value={ab.value}
                onChange={(e) => {
                  const next = { field: ab.field, value: (e.currentTarget as HTMLInputElement).value.trim() };
                  const r = applyAb(config, next);
                  if (r.ok) {
                    setError(null);
                    reset();
                    setAb(next);
                  } else setError(`B: ${r.message}`);
                }} />
            </span>
          </>
        )}
      </div>

      <div class="lab-row">
        <button type="button" data-testid="pg-play" onClick={running ? pause : play}>{running ? 'Pause' : 'Play'}</button>
        <button type="button" data-testid="pg-step" onClick={step} disabled={running}>Step one epoch</button>
        <button type="button" data-testid="pg-reset" onClick={reset}>Reset</button>
        <span data-testid="pg-state" class="widget-caption">{runs.current.length ? runs.current.map((r) => `${r.label}: ${r.diverged ? 'diverged' : r.state}`).join(', ') : 'not started'}</span>
      </div>

      {error && <p class="widget-error" role="alert" data-testid="pg-error">{error}</p>}
      {runs.current.map((r) => r.diverged && <p class="widget-error" role="alert" data-testid={`pg-diverged-${r.label}`} key={`d${r.label}`}>{r.diverged}</p>)}
      {runs.current.map((r) => r.error && <p class="widget-error" role="alert" data-testid={`pg-run-error-${r.label}`} key={`e${r.label}`}>{r.error}</p>)}

      <div class="lab-grid">
        {runs.current.map((r) => (
          <div key={r.label} data-testid={`pg-boundary-${r.label}`}>
            <h4>{runs.current.length > 1 ? `${r.label}: ` : ''}decision boundary</h4>
            <Chart label={`Decision boundary of network ${r.label} with the training points (filled) and test points (hollow)`} deps={[r.boundary, r.points]}
              make={(Plot) => {
                const e = r.extent ?? { x0: -1, x1: 1, y0: -1, y1: 1 };
                const pts = (set: 'train' | 'test') => {
                  const p = r.points?.[set];
                  return p ? p.label.map((label, i) => ({ x: p.x[2 * i], y: p.x[2 * i + 1], label })) : [];
                };
                return Plot.plot({
                  width: 320, height: 320, marginLeft: 36, marginBottom: 30,
                  x: { domain: [e.x0, e.x1], label: 'x₁' }, y: { domain: [e.y0, e.y1], label: 'x₂' },
                  color: { type: 'identity' },
                  marks: [
                    ...(r.boundary ? [Plot.raster(r.boundary, { width: GRID, height: GRID, x1: e.x0, x2: e.x1, y1: e.y1, y2: e.y0, fill: (d: string) => d, opacity: 0.5, imageRendering: 'pixelated', ariaHidden: 'true' })] : []),
                    Plot.dot(pts('train'), { x: 'x', y: 'y', r: 3, fill: (d: { label: number }) => CLASS_CSS[d.label], stroke: 'white', strokeWidth: 0.5 }),
                    Plot.dot(pts('test'), { x: 'x', y: 'y', r: 3, stroke: (d: { label: number }) => CLASS_CSS[d.label], strokeWidth: 1.5 }),
                  ],
                });
              }} />
          </div>
        ))}
        <div>
          <h4>cost per epoch</h4>
          {series.length === 0 ? (
            <p class="widget-caption">Press Play or Step: the training and test cost appear here after each epoch.</p>
          ) : (
            <Chart label="Training and test cost per epoch" deps={[series.length, series.at(-1)?.epoch, runs.current.length]}
              make={(Plot) => Plot.plot({
                width: 360, height: 280, marginLeft: 48,
                x: { label: 'epoch' }, y: { label: 'cost (log scale)', grid: true, type: 'log', tickFormat: '~g' },
                color: { legend: true, type: 'categorical', domain: runs.current.length > 1 ? ['A train', 'A test', 'B train', 'B test'] : ['train', 'test'] },
                marks: [
                  Plot.line(series.filter((d) => d.cost > 0), { x: 'epoch', y: 'cost', stroke: 'series', z: 'series' }),
                  Plot.tip(series.filter((d) => d.cost > 0), Plot.pointerX({ x: 'epoch', y: 'cost', stroke: 'series', title: (d: { epoch: number; cost: number; series: string }) => `${d.series}\nepoch ${d.epoch}\ncost ${fmt(d.cost)}` })),
                ],
              })} />
          )}
        </div>
      </div>

      <table class="widget-caption" tabIndex={0}>
        <caption>Latest epoch of each run (cost without the λ term).</caption>
        <thead><tr><th scope="col">run</th><th scope="col">epoch</th><th scope="col">train cost</th><th scope="col">test cost</th><th scope="col">train accuracy</th><th scope="col">test accuracy</th></tr></thead>
        <tbody>
          {runs.current.map((r) => {
            const h = last(r);
            return (
              <tr key={r.label}>
                <th scope="row">{r.label}{r.label === 'B' && ab ? ` (${AB_LABEL[ab.field]} = ${ab.value})` : ''}</th>
                <td data-testid={`pg-epoch-${r.label}`}>{h?.epoch ?? 0}</td>
                <td data-testid={`pg-train-cost-${r.label}`}>{fmt(h?.trainCost)}</td>
                <td data-testid={`pg-test-cost-${r.label}`}>{fmt(h?.testCost)}</td>
                <td data-testid={`pg-train-acc-${r.label}`}>{pct(h?.trainAccuracy, 1)}</td>
                <td data-testid={`pg-test-acc-${r.label}`}>{pct(h?.testAccuracy, 1)}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <p class="widget-caption" aria-live="polite" data-testid="pg-caption">
        Network {sizes.join('-')}, {config.activation} hidden layers, {multi ? 'softmax output, log-likelihood cost' : `sigmoid output, ${config.cost} cost`}, η = {config.eta}, batch {config.batchSize}, λ = {config.lambda}, seed {config.seed}. {summary}
      </p>
    </figure>
  );
}
