// The 2-D playground: pick a dataset and a network, train it in the training worker (src/lab) and
// watch the decision boundary and the curves form, at a speed the reader chooses. All settings and
// the seed live in the address bar (playground-state.ts, a kit URL table); A/B mode trains a second
// network that differs in exactly one setting, with the same seed, hence the same initial weights
// and the same minibatch order, and compares the two by accuracy (a scale both runs share: two
// different costs on one axis would compare numbers that mean different things).
// State: playground-store.ts (signals); this file only draws it, in small pieces.
import { useEffect, useMemo } from 'preact/hooks';
import { Chart } from '../kit/Chart';
import { liveLine, niceCeil, snapDomain } from '../kit/live-chart';
import { NumberField } from '../kit/NumberField';
import { Select } from '../kit/Select';
import { fmt, pct } from '../kit/format';
import { useLeaveGuard } from '../kit/leave-guard';
import { writeUrlParams } from '../kit/url-fields';
import { useAddressEffect } from '../kit/address';
import { CLASS_CSS } from './boundary';
import { curveRows } from './curve-points';
import { GRID, createPlaygroundStore, type PlaygroundStore, type RunView } from './playground-store';
import {
  AB_FIELDS,
  BINARY_COSTS,
  DATASETS,
  HIDDEN_ACTIVATIONS,
  INITS,
  MAX_HIDDEN_LAYERS,
  MAX_NEURONS,
  SPEEDS,
  URL_KEYS,
  addLayer,
  applyAb,
  checkNeurons,
  checkNumber,
  defaultAb,
  fromParams,
  isMulticlass,
  removeLayer,
  resizeLayer,
  sizesOf,
  toParams,
  type AbField,
} from './playground-state';

const AB_LABEL: Record<AbField, string> = { eta: 'η', lambda: 'λ', cost: 'cost', init: 'init', activation: 'activation' };
type Store = { store: PlaygroundStore };

function DataRow({ store }: Store) {
  const c = store.config.value;
  return (
    <div class="lab-row">
      <Select id="pg-dataset" label="dataset" value={c.dataset} options={DATASETS.map((d) => ({ value: d.id, label: d.label }))} onChange={(v) => store.change({ dataset: v })} />
      <span class="kit-field">
        <label for="pg-noise">noise {fmt(c.noise, 2)}</label>
        <input id="pg-noise" data-testid="pg-noise" type="range" min={0} max={0.5} step={0.05} value={c.noise} onChange={(e) => store.change({ noise: Number((e.currentTarget as HTMLInputElement).value) })} />
      </span>
      <span class="kit-field">
        <label for="pg-test">test share {Math.round(c.testFraction * 100)}%</label>
        <input id="pg-test" data-testid="pg-test" type="range" min={0.1} max={0.9} step={0.1} value={c.testFraction} onChange={(e) => store.change({ testFraction: Number((e.currentTarget as HTMLInputElement).value) })} />
      </span>
      <NumberField id="pg-seed" label="seed" value={c.seed} rule={(t) => checkNumber('seed', t)} onChange={(v) => store.change({ seed: v })} onError={(m) => (store.error.value = m)} />
    </div>
  );
}

function ShapeEditor({ store }: Store) {
  const c = store.config.value;
  const sizes = sizesOf(c);
  const shape = (r: { ok: true; value: number[] } | { ok: false; message: string }) => {
    if (r.ok) store.change({ hidden: r.value });
    else store.error.value = r.message;
  };
  return (
    <div class="lab-row lab-layers" role="group" aria-label="network shape">
      <span>shape: 2 inputs →</span>
      {c.hidden.map((n, i) => (
        <span class="lab-layer" key={i}>
          <button type="button" aria-label={`remove a neuron from hidden layer ${i + 1}`} onClick={() => shape(resizeLayer(c.hidden, i, -1))}>−</button>
          <label class="sr-only" for={`pg-layer-${i}`}>neurons in hidden layer {i + 1}</label>
          <input id={`pg-layer-${i}`} data-testid={`pg-layer-${i}`} type="text" inputMode="numeric" size={2} value={n}
            onChange={(e) => {
              const r = checkNeurons((e.currentTarget as HTMLInputElement).value);
              if (!r.ok) {
                (e.currentTarget as HTMLInputElement).value = String(n);
                store.error.value = r.message;
              } else shape({ ok: true, value: c.hidden.map((m, j) => (j === i ? r.value : m)) });
            }} />
          <button type="button" aria-label={`add a neuron to hidden layer ${i + 1}`} onClick={() => shape(resizeLayer(c.hidden, i, 1))}>+</button>
        </span>
      ))}
      <span>→ {sizes.at(-1)} output{isMulticlass(c) ? 's (softmax)' : ''}</span>
      <button type="button" data-testid="pg-add-layer" onClick={() => shape(addLayer(c.hidden))}>add layer</button>
      <button type="button" data-testid="pg-remove-layer" onClick={() => shape(removeLayer(c.hidden))}>remove layer</button>
      <span class="widget-caption">(up to {MAX_HIDDEN_LAYERS} hidden layers of {MAX_NEURONS} neurons)</span>
    </div>
  );
}

function TrainingRow({ store }: Store) {
  const c = store.config.value;
  const multi = isMulticlass(c);
  const onError = (m: string | null) => (store.error.value = m);
  return (
    <div class="lab-row">
      <Select id="pg-activation" label="activation" value={c.activation} options={HIDDEN_ACTIVATIONS.map((a) => ({ value: a, label: a }))} onChange={(v) => store.change({ activation: v })} />
      <Select id="pg-cost" label="cost" value={multi ? 'log-likelihood' : c.cost} disabled={multi}
        options={multi ? [{ value: 'log-likelihood', label: 'log-likelihood (softmax)' }] : BINARY_COSTS.map((x) => ({ value: x, label: x }))}
        onChange={(v) => store.change({ cost: v })} />
      <Select id="pg-init" label="init" value={c.init} options={INITS.map((i) => ({ value: i, label: i === 'scaled' ? 'N(0, 1/nᵢₙ)' : 'N(0, 1)' }))} onChange={(v) => store.change({ init: v })} />
      <NumberField id="pg-eta" label="η" value={c.eta} rule={(t) => checkNumber('eta', t)} onChange={(v) => store.tune({ eta: v })} onError={onError} />
      <NumberField id="pg-batch" label="batch size" value={c.batchSize} rule={(t) => checkNumber('batchSize', t)} onChange={(v) => store.tune({ batchSize: v })} onError={onError} size={4} />
      <NumberField id="pg-lambda" label="λ" value={c.lambda} rule={(t) => checkNumber('lambda', t)} onChange={(v) => store.tune({ lambda: v })} onError={onError} />
    </div>
  );
}

function AbRow({ store }: Store) {
  const c = store.config.value;
  const ab = store.ab.value;
  const multi = isMulticlass(c);
  return (
    <div class="lab-row" role="group" aria-label="A/B comparison">
      <span class="kit-field">
        <input id="pg-ab" data-testid="pg-ab" type="checkbox" checked={ab !== null}
          onChange={(e) => store.setAb((e.currentTarget as HTMLInputElement).checked ? defaultAb(c, multi ? 'eta' : 'cost') : null)} />
        <label for="pg-ab">A/B: train a second network B that differs in one setting</label>
      </span>
      {ab && (
        <>
          <Select id="pg-ab-field" label="B changes" value={ab.field}
            options={AB_FIELDS.filter((f) => !(multi && f === 'cost')).map((f) => ({ value: f, label: AB_LABEL[f] }))}
            onChange={(f) => store.setAb(defaultAb(c, f))} />
          <span class="kit-field">
            <label for="pg-ab-value">B's {AB_LABEL[ab.field]}</label>
            <input id="pg-ab-value" data-testid="pg-ab-value" type="text" size={12} value={ab.value}
              onChange={(e) => {
                const next = { field: ab.field, value: (e.currentTarget as HTMLInputElement).value.trim() };
                const r = applyAb(c, next);
                if (r.ok) store.setAb(next);
                else store.error.value = `B: ${r.message}`;
              }} />
          </span>
        </>
      )}
    </div>
  );
}

function RunControls({ store }: Store) {
  const running = store.running();
  const runs = store.runs.value;
  return (
    <div class="lab-row">
      <button type="button" data-testid="pg-play" onClick={running ? store.pause : store.play}>{running ? 'Pause' : 'Play'}</button>
      <button type="button" data-testid="pg-step" onClick={store.step} disabled={running}>Step one epoch</button>
      <button type="button" data-testid="pg-reset" onClick={store.reset}>Reset</button>
      <Select id="pg-speed" label="speed" value={String(store.config.value.speed)} options={SPEEDS.map((o) => ({ value: String(o.value), label: o.label }))} onChange={(v) => store.tune({ speed: Number(v) })} />
      <span data-testid="pg-state" class="widget-caption">{runs.length ? runs.map((r) => `${r.label}: ${r.diverged ? 'diverged' : r.state}`).join(', ') : 'not started'}</span>
    </div>
  );
}

function Boundary({ run, titled }: { run: RunView; titled: boolean }) {
  return (
    <div data-testid={`pg-boundary-${run.label}`}>
      <h4>{titled ? `${run.label}: ` : ''}decision boundary</h4>
      <Chart label={`Decision boundary of network ${run.label} with the training points (filled) and test points (hollow)`} deps={[run.boundary, run.points]}
        make={(Plot) => {
          const e = run.extent ?? { x0: -1, x1: 1, y0: -1, y1: 1 };
          const pts = (set: 'train' | 'test') => {
            const p = run.points?.[set];
            return p ? p.label.map((label, i) => ({ x: p.x[2 * i], y: p.x[2 * i + 1], label })) : [];
          };
          return Plot.plot({
            width: 320, height: 320, marginLeft: 36, marginBottom: 30,
            x: { domain: [e.x0, e.x1], label: 'x₁' }, y: { domain: [e.y0, e.y1], label: 'x₂' },
            color: { type: 'identity' },
            marks: [
              ...(run.boundary ? [Plot.raster(run.boundary, { width: GRID, height: GRID, x1: e.x0, x2: e.x1, y1: e.y1, y2: e.y0, fill: (d: string) => d, opacity: 0.5, imageRendering: 'pixelated', ariaHidden: 'true' })] : []),
              Plot.dot(pts('train'), { x: 'x', y: 'y', r: 3, fill: (d: { label: number }) => CLASS_CSS[d.label], stroke: 'white', strokeWidth: 0.5 }),
              Plot.dot(pts('test'), { x: 'x', y: 'y', r: 3, stroke: (d: { label: number }) => CLASS_CSS[d.label], strokeWidth: 1.5 }),
            ],
          });
        }} />
    </div>
  );
}

type Row = { epoch: number; value: number; series: string };

/** One run: its cost per epoch (log scale). A and B: their accuracy per epoch on one 0–100 % axis. */
function Curves({ runs }: { runs: RunView[] }) {
  const ab = runs.length > 1;
  const rows: Row[] = runs.flatMap((r) =>
    curveRows(r.curve, r.last).flatMap((h) => {
      const name = (set: string) => `${ab ? `${r.label} ` : ''}${set}`;
      const pick = (train?: number, test?: number): Row[] => [
        ...(train !== undefined ? [{ epoch: h.epoch, value: train, series: name('train') }] : []),
        ...(test !== undefined ? [{ epoch: h.epoch, value: test, series: name('test') }] : []),
      ];
      return ab ? pick(h.trainAccuracy === undefined ? undefined : 100 * h.trainAccuracy, h.testAccuracy === undefined ? undefined : 100 * h.testAccuracy) : pick(h.trainCost, h.testCost);
    }),
  );
  const last = rows.at(-1)?.epoch;
  if (rows.length === 0) {
    return (
      <div>
        <h4>{ab ? 'accuracy per epoch' : 'cost per epoch'}</h4>
        <p class="widget-caption">Press Play or Step: the training and test {ab ? 'accuracy of A and B appear' : 'cost appear'} here after each epoch.</p>
      </div>
    );
  }
  // While a run plays, the lines grow in place (kit/live-chart.ts): the x axis ends at 1, 2 or 5 × 10ᵏ
  // epochs and the cost axis at powers of ten, so Plot redraws the chart only when a point leaves them.
  const running = runs.some((r) => r.state === 'running');
  const xDomain = [0, niceCeil(last ?? 1)];
  const costRows = rows.filter((d) => d.value > 0);
  const lines = liveLine(ab ? rows : costRows, { x: 'epoch', y: 'value', z: 'series' });
  const tip = (unit: string) => (d: Row) => `${d.series}\nepoch ${d.epoch}\n${unit} ${ab ? `${fmt(d.value, 3)}%` : fmt(d.value)}`;
  return (
    <div>
      <h4>{ab ? 'accuracy per epoch' : 'cost per epoch'}</h4>
      {ab ? (
        <Chart label="Training and test accuracy per epoch of networks A and B" deps={[rows.length, last]} live={{ running, marks: [lines] }}
          make={(Plot) => Plot.plot({
            width: 360, height: 280, marginLeft: 48,
            x: { label: 'epoch', domain: xDomain }, y: { label: 'accuracy (%)', grid: true, domain: [0, 100] },
            color: { legend: true, type: 'categorical', domain: ['A train', 'A test', 'B train', 'B test'] },
            marks: [
              lines.plot(Plot, { stroke: 'series' }),
              Plot.tip(rows, Plot.pointerX({ x: 'epoch', y: 'value', stroke: 'series', title: tip('accuracy') })),
            ],
          })} />
      ) : (
        <Chart label="Training and test cost per epoch" deps={[rows.length, last]} live={{ running, marks: [lines] }}
          make={(Plot) => Plot.plot({
            width: 360, height: 280, marginLeft: 48,
            x: { label: 'epoch', domain: xDomain }, y: { label: 'cost (log scale)', grid: true, type: 'log', tickFormat: '~g', domain: snapDomain(costRows.map((d) => d.value), { log: true }) },
            color: { legend: true, type: 'categorical', domain: ['train', 'test'] },
            marks: [
              lines.plot(Plot, { stroke: 'series' }),
              Plot.tip(costRows, Plot.pointerX({ x: 'epoch', y: 'value', stroke: 'series', title: tip('cost') })),
            ],
          })} />
      )}
      {ab && <p class="widget-caption">A and B are compared by accuracy: when B uses another cost, the two costs are different quantities and their values cannot be compared on one axis (the table gives each run's cost).</p>}
    </div>
  );
}

function RunTable({ runs, abText }: { runs: RunView[]; abText: string | null }) {
  return (
    <table class="widget-caption" tabIndex={0}>
      <caption>Latest epoch of each run (cost without the λ term).</caption>
      <thead><tr><th scope="col">run</th><th scope="col">epoch</th><th scope="col">train cost</th><th scope="col">test cost</th><th scope="col">train accuracy</th><th scope="col">test accuracy</th></tr></thead>
      <tbody>
        {runs.map((r) => {
          const h = r.last;
          return (
            <tr key={r.label}>
              <th scope="row">{r.label}{r.label === 'B' && abText ? ` (${abText})` : ''}</th>
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
  );
}

export default function Playground() {
  const store = useMemo(createPlaygroundStore, []);
  // The address bar first (after hydration, so the server-rendered defaults match).
  const { address } = useAddressEffect(() => {
    const d = fromParams((k) => new URLSearchParams(window.location.search).get(k));
    store.config.value = d.config;
    store.ab.value = d.ab;
    store.notice.value = d.notice;
    return null; // the store shows the notice
  });
  useEffect(() => {
    const off = store.config.subscribe(() => writeUrlParams(URL_KEYS, toParams(store.config.value, store.ab.value)));
    const offAb = store.ab.subscribe(() => writeUrlParams(URL_KEYS, toParams(store.config.value, store.ab.value)));
    return () => {
      off();
      offAb();
      store.dispose();
    };
  }, [store]);
  const runs = store.runs.value;
  const config = store.config.value;
  const ab = store.ab.value;
  // Leaving would lose a run under way or one that has trained (until Reset).
  useLeaveGuard(store.running() || runs.some((r) => (r.last?.epoch ?? 0) > 0));
  const multi = isMulticlass(config);
  const summary = runs
    .map((r) => {
      const h = r.last;
      return h
        ? `${r.label}: epoch ${h.epoch}, train cost ${fmt(h.trainCost)}, test cost ${fmt(h.testCost)}, train accuracy ${pct(h.trainAccuracy, 1)}, test accuracy ${pct(h.testAccuracy, 1)}.`
        : `${r.label}: starting.`;
    })
    .join(' ');

  return (
    <figure class="lab" data-widget="playground" {...address}>
      <h3>Playground</h3>
      {store.notice.value && <p class="widget-notice" role="status" data-testid="pg-notice">{store.notice.value}</p>}
      <DataRow store={store} />
      <ShapeEditor store={store} />
      <TrainingRow store={store} />
      <AbRow store={store} />
      <RunControls store={store} />
      {store.error.value && <p class="widget-error" role="alert" data-testid="pg-error">{store.error.value}</p>}
      {runs.map((r) => r.diverged && <p class="widget-error" role="alert" data-testid={`pg-diverged-${r.label}`} key={`d${r.label}`}>{r.diverged}</p>)}
      {runs.map((r) => r.error && <p class="widget-error" role="alert" data-testid={`pg-run-error-${r.label}`} key={`e${r.label}`}>{r.error}</p>)}
      <div class="lab-grid">
        {runs.map((r) => <Boundary key={r.label} run={r} titled={runs.length > 1} />)}
        <Curves runs={runs} />
      </div>
      <RunTable runs={runs} abText={ab ? `${AB_LABEL[ab.field]} = ${ab.value}` : null} />
      <p class="widget-caption" aria-live="polite" data-testid="pg-caption">
        Network {sizesOf(config).join('-')}, {config.activation} hidden layers, {multi ? 'softmax output, log-likelihood cost' : `sigmoid output, ${config.cost} cost`}, η = {config.eta}, batch {config.batchSize}, λ = {config.lambda}, seed {config.seed}. {summary}
      </p>
    </figure>
  );
}
