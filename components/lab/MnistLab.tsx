// The MNIST lab (chapter 12): train a 784-n-10 network on real digits in the training worker, watch
// cost, accuracy and the per-layer σ′(z) and |δ| histograms, read the confusion matrix and the
// digits it gets wrong, draw a digit and see it classified, download or upload the model JSON.
import { useEffect, useRef, useState } from 'preact/hooks';
import { fromJSON, predict, type ModelJSON, type Network } from '../../src/engine/index.ts';
import type { EpochRecord, LayerHistograms } from '../../src/lab/protocol';
import { createTrainingClient, type TrainingClient } from '../../src/lab/client';
import { Chart } from '../kit/Chart';
import { DigitPad, ProbabilityBars, paintDigit } from './DigitPad';
import { NumberField } from '../kit/NumberField';
import { Select } from '../kit/Select';
import { fmt, pct } from '../kit/format';
import { downloadText } from './download';
import { DigitsOfflineError, loadTestDigits, mnistUrl } from './mnist-source';
import { digitAt, testReportChunked, type DigitSet, type TestReport } from './mnist-eval';
import { MNIST_RULES, NIELSEN_LINES, RECIPES, checkMnist, initialNetwork, mnistTrainConfig, outputActivation, readModelUpload, UPLOAD_WHILE_TRAINING, type MnistConfig } from './mnist-state';

type Phase = 'idle' | 'loading' | 'running' | 'paused' | 'done';

export default function MnistLab() {
  const [config, setConfig] = useState<MnistConfig>(RECIPES.plain.config);
  const [error, setError] = useState<string | null>(null);
  const [uploadError, setUploadError] = useState<string | null>(null);
  const [test, setTest] = useState<DigitSet | null>(null);
  const [testLoad, setTestLoad] = useState<{ loaded: number; total: number } | null>(null);
  const [phase, setPhase] = useState<Phase>('idle');
  const [workerLoad, setWorkerLoad] = useState<{ loaded: number; total: number } | null>(null);
  const [progress, setProgress] = useState<{ epoch: number; batch: number; of: number } | null>(null);
  const [history, setHistory] = useState<EpochRecord[]>([]);
  const [hist, setHist] = useState<LayerHistograms[] | null>(null);
  const [model, setModel] = useState<ModelJSON | null>(null);
  const [net, setNet] = useState<Network | null>(null);
  const [report, setReport] = useState<TestReport | null>(null);
  const [input, setInput] = useState<Float64Array | null>(null);
  const [pick, setPick] = useState(0);
  const [diverged, setDiverged] = useState<string | null>(null);
  // The settings of the latest run, and its untrained network's test accuracy (the baseline).
  const [runConfig, setRunConfig] = useState<MnistConfig | null>(null);
  const [before, setBefore] = useState<number | null>(null);
  const client = useRef<TrainingClient | null>(null);
  const lastHist = useRef(0);
  const reportRun = useRef(0);

  // The test digits, on this page too (the gallery, the confusion matrix, the digit picker).
  // `attempt` counts loads: "try again" (after a failed or offline load) bumps it.
  const [attempt, setAttempt] = useState(0);
  const [loadFailed, setLoadFailed] = useState(false);
  useEffect(() => {
    let live = true;
    setLoadFailed(false);
    loadTestDigits((loaded, total) => live && setTestLoad({ loaded, total }))
      .then((set) => { if (live) { setTest(set); setError(null); } })
      .catch((e) => {
        if (!live) return;
        if (e instanceof DigitsOfflineError) setError(e.message);
        else setError(`The digits could not be loaded: ${e instanceof Error ? e.message : String(e)}`);
        setLoadFailed(true);
      });
    return () => { live = false; };
  }, [attempt]);
  useEffect(() => () => client.current?.dispose(), []);
  // coming back online retries by itself
  useEffect(() => {
    if (!loadFailed) return;
    const retry = () => setAttempt((a) => a + 1);
    window.addEventListener('online', retry);
    return () => window.removeEventListener('online', retry);
  }, [loadFailed]);

  // A new network (trained or uploaded): re-read the test digits with it, in chunks.
  useEffect(() => {
    if (!net || !test) return;
    const run = ++reportRun.current;
    testReportChunked(net, test, { cancelled: () => run !== reportRun.current }).then((r) => r && setReport(r));
  }, [net, test]);

  // The untrained network of the run (same config and seed as the worker's): its test accuracy.
  useEffect(() => {
    setBefore(null);
    if (!runConfig || !test) return;
    let live = true;
    testReportChunked(initialNetwork(runConfig), test, { keepMistakes: 0, cancelled: () => !live }).then((r) => r && live && setBefore(r.accuracy));
    return () => { live = false; };
  }, [runConfig, test]);

  const adopt = (json: ModelJSON) => {
    setModel(json);
    setNet(fromJSON(json));
  };

  const start = () => {
    client.current?.dispose();
    setHistory([]);
    setHist(null);
    setDiverged(null);
    setProgress(null);
    setWorkerLoad(null);
    setUploadError(null);
    setRunConfig(config);
    setPhase('loading');
    const c = createTrainingClient();
    client.current = c;
    c.on('loading', (e) => setWorkerLoad({ loaded: e.loaded, total: e.total }));
    c.on('started', () => setPhase('running'));
    c.on('progress', (e) => {
      setProgress({ epoch: e.epoch, batch: e.batch, of: e.batchesPerEpoch });
      if (e.state === 'running' || e.state === 'paused') setPhase(e.state);
      if (e.epochs.length) {
        setHistory((h) => [...h, ...e.epochs]);
        c.getModel().then(adopt).catch(() => {});
      }
      if (e.histograms && performance.now() - lastHist.current > 400) {
        lastHist.current = performance.now();
        setHist(e.histograms);
      }
    });
    c.on('paused', () => setPhase('paused'));
    c.on('resumed', () => setPhase('running'));
    c.on('diverged', (e) => setDiverged(`Stopped (layer ${e.layer}). ${e.message}`));
    c.on('done', (e) => {
      setPhase('done');
      setHistory(e.history.slice());
      adopt(e.model);
    });
    c.on('error', (e) => {
      if (e.id !== undefined) return;
      // A failed start (bad settings, data not loaded) ends the run: the controls come back.
      setError(e.message);
      setPhase((p) => (p === 'loading' ? 'idle' : p));
    });
    c.start(mnistTrainConfig(config), { kind: 'mnist', url: mnistUrl(), trainCount: config.trainCount, testCount: 2000 });
  };

  const set = (key: keyof MnistConfig) => (v: number) => setConfig((c) => ({ ...c, [key]: v }));
  const busy = phase === 'loading' || phase === 'running' || phase === 'paused';
  // Read at the moment the file arrives (not when the handler was made): a run may have started since.
  const busyNow = useRef(busy);
  busyNow.current = busy;

  /** An uploaded model replaces the current one, but never while a run is training (it is refused). */
  const upload = async (input: HTMLInputElement) => {
    const file = input.files?.[0];
    if (!file) return;
    setUploadError(null);
    const refuse = (message: string) => {
      setUploadError(message);
      input.value = '';
    };
    if (busyNow.current) return refuse(UPLOAD_WHILE_TRAINING);
    const text = await file.text();
    const r = readModelUpload(file.name, text, busyNow.current); // a run may have started while reading
    if (!r.ok) return refuse(r.message);
    setModel(r.model);
    setNet(r.net);
  };
  const outputs = net && input ? predict(net, input) : null;
  const lastEpoch = history[history.length - 1];

  const accRows = history.flatMap((h) => [
    ...(h.trainAccuracy !== undefined ? [{ epoch: h.epoch, accuracy: 100 * h.trainAccuracy, series: 'training' }] : []),
    ...(h.testAccuracy !== undefined ? [{ epoch: h.epoch, accuracy: 100 * h.testAccuracy, series: 'test' }] : []),
  ]);
  const costRows = history.flatMap((h) => [
    ...(h.trainCost !== undefined ? [{ epoch: h.epoch, cost: h.trainCost, series: 'training' }] : []),
    ...(h.testCost !== undefined ? [{ epoch: h.epoch, cost: h.testCost, series: 'test' }] : []),
  ]);

  const field = (key: keyof typeof MNIST_RULES, size = 5) => (
    <NumberField id={`mn-${key}`} label={MNIST_RULES[key].label} value={config[key]} rule={(t) => checkMnist(key, t)} onChange={set(key)} onError={setError} size={size} disabled={busy} />
  );

  return (
    <figure class="lab" data-widget="mnist-lab">
      <h3>MNIST lab</h3>
      <div class="lab-row" aria-live="polite">
        {test ? (
          <span class="widget-caption" data-testid="mn-digits">{test.count.toLocaleString('en-GB')} test digits loaded.</span>
        ) : loadFailed ? (
          <button type="button" data-testid="mn-retry" onClick={() => setAttempt((a) => a + 1)}>try again</button>
        ) : (
          <>
            <label for="mn-load">loading the digits</label>
            <progress id="mn-load" data-testid="mn-load" max={testLoad?.total || 1} value={testLoad?.loaded ?? 0} />
          </>
        )}
      </div>

      <div class="lab-row" role="group" aria-label="recipes">
        <span>recipe:</span>
        {(Object.keys(RECIPES) as (keyof typeof RECIPES)[]).map((k) => (
          <button type="button" key={k} data-testid={`mn-recipe-${k}`} disabled={busy} onClick={() => setConfig({ ...RECIPES[k].config, epochs: config.epochs, trainCount: config.trainCount })}>{RECIPES[k].label}</button>
        ))}
      </div>
      <div class="lab-row">
        {field('hidden', 4)}
        <Select id="mn-cost" label="cost" value={config.cost} disabled={busy}
          options={[{ value: 'quadratic', label: 'quadratic' }, { value: 'cross-entropy', label: 'cross-entropy' }, { value: 'log-likelihood', label: 'log-likelihood (softmax)' }]}
          onChange={(v) => setConfig((c) => ({ ...c, cost: v }))} />
        <Select id="mn-init" label="init" value={config.init} disabled={busy}
          options={[{ value: 'standard', label: 'N(0, 1)' }, { value: 'scaled', label: 'N(0, 1/√n_in)' }]}
          onChange={(v) => setConfig((c) => ({ ...c, init: v }))} />
        {field('eta')}
        {field('lambda')}
        {field('batchSize', 4)}
        {field('epochs', 3)}
        {field('trainCount', 5)}
        {field('seed', 5)}
      </div>
      <div class="lab-row">
        <button type="button" data-testid="mn-train" onClick={start} disabled={busy}>Train</button>
        <button type="button" data-testid="mn-pause" disabled={phase !== 'running'} onClick={() => client.current?.pause()}>Pause</button>
        <button type="button" data-testid="mn-resume" disabled={phase !== 'paused'} onClick={() => client.current?.resume()}>Resume</button>
        <button type="button" data-testid="mn-stop" disabled={!busy} onClick={() => client.current?.stop()}>Stop</button>
        <span class="widget-caption" data-testid="mn-phase">{phase}</span>
      </div>
      {phase === 'loading' && workerLoad && (
        <div class="lab-row">
          <label for="mn-wload">worker loading the training digits</label>
          <progress id="mn-wload" max={workerLoad.total || 1} value={workerLoad.loaded} />
        </div>
      )}
      {progress && busy && (
        <div class="lab-row">
          <label for="mn-epoch-progress">epoch {progress.epoch} of {config.epochs}</label>
          <progress id="mn-epoch-progress" data-testid="mn-epoch-progress" max={progress.of || 1} value={progress.batch} />
        </div>
      )}
      {error && <p class="widget-error" role="alert" data-testid="mn-error">{error}</p>}
      {diverged && <p class="widget-error" role="alert" data-testid="mn-diverged">{diverged}</p>}

      <div class="lab-grid">
        <div>
          <h4>accuracy per epoch</h4>
          <Chart label="Training and test accuracy per epoch, with Nielsen's full-set accuracies as reference lines" deps={[history.length, history.at(-1)?.epoch]}
            make={(Plot) => Plot.plot({
              width: 380, height: 260, marginLeft: 44, marginRight: 10,
              x: { label: 'epoch', domain: [0, Math.max(config.epochs, history.at(-1)?.epoch ?? 1)] },
              y: { label: 'accuracy (%)', grid: true, domain: [Math.min(80, ...accRows.map((d) => d.accuracy)), 100] },
              color: { legend: true, domain: ['training', 'test'] },
              marks: [
                Plot.ruleY(NIELSEN_LINES, { y: (d: { accuracy: number }) => 100 * d.accuracy, strokeDasharray: '4 3', stroke: 'currentColor', strokeOpacity: 0.6 }),
                // The two reference labels sit on either side of their lines so they never overlap.
                Plot.text([NIELSEN_LINES[1]], { y: (d: { accuracy: number }) => 100 * d.accuracy, text: 'label', textAnchor: 'start', dy: -6, fontSize: 9, frameAnchor: 'left' }),
                Plot.text([NIELSEN_LINES[0]], { y: (d: { accuracy: number }) => 100 * d.accuracy, text: 'label', textAnchor: 'start', dy: 7, fontSize: 9, frameAnchor: 'left' }),
                Plot.line(accRows, { x: 'epoch', y: 'accuracy', stroke: 'series', z: 'series', marker: 'dot' }),
                Plot.tip(accRows, Plot.pointerX({ x: 'epoch', y: 'accuracy', stroke: 'series' })),
              ],
            })} />
        </div>
        <div>
          <h4>cost per epoch</h4>
          <Chart label="Training and test cost per epoch" deps={[history.length, history.at(-1)?.epoch]}
            make={(Plot) => Plot.plot({
              width: 380, height: 260, marginLeft: 50,
              x: { label: 'epoch', domain: [0, Math.max(config.epochs, history.at(-1)?.epoch ?? 1)] },
              y: { label: 'cost', grid: true, zero: true },
              color: { legend: true, domain: ['training', 'test'] },
              marks: [Plot.line(costRows, { x: 'epoch', y: 'cost', stroke: 'series', z: 'series', marker: 'dot' }), Plot.tip(costRows, Plot.pointerX({ x: 'epoch', y: 'cost', stroke: 'series' }))],
            })} />
        </div>
      </div>
      <p class="widget-caption" aria-live="polite" data-testid="mn-caption">
        {lastEpoch
          ? `Epoch ${lastEpoch.epoch}: training accuracy ${pct(lastEpoch.trainAccuracy)}, test accuracy ${pct(lastEpoch.testAccuracy)}, training cost ${fmt(lastEpoch.trainCost)}, test cost ${fmt(lastEpoch.testCost)}, Σw² = ${fmt(lastEpoch.weightNorm2)}.`
          : 'Not trained yet.'}{' '}
        {before !== null && <span data-testid="mn-before">Before training (the initial weights of this seed): test accuracy {pct(before)}; guessing would give about 10%.{' '}</span>}
        Dashed lines: Michael Nielsen's reported accuracies with 50,000 training digits (95.42% for 784-30-10 quadratic; 97.92% for 784-100-10 cross-entropy, λ = 5, η = 0.5), for reference: this lab trains on at most 8,000.
        <span hidden data-testid="mn-test-acc">{lastEpoch?.testAccuracy ?? ''}</span>
        <span hidden data-testid="mn-test-acc-before">{before ?? ''}</span>
        <span hidden data-testid="mn-epochs-done">{lastEpoch?.epoch ?? 0}</span>
      </p>

      {hist && (
        <div>
          <h4>per-layer σ′(z) and |δ| (a sample of {64} training digits)</h4>
          <div class="lab-grid">
            <Chart label="Histogram of sigma prime of z per layer" deps={[hist]}
              make={(Plot) => Plot.plot({
                width: 380, height: 90 + 70 * hist.length, marginLeft: 44, marginRight: 60,
                x: { label: 'σ′(z)' }, y: { label: 'neurons', grid: true }, fy: { label: null },
                marks: [Plot.rectY(hist.flatMap((l) => (l.sigmaPrime ? l.sigmaPrime.counts.map((n, i) => ({ layer: `layer ${l.layer}`, x1: l.sigmaPrime!.edges[i], x2: l.sigmaPrime!.edges[i + 1], n })) : [])), { x1: 'x1', x2: 'x2', y: 'n', fy: 'layer', fill: 'var(--sl-color-accent)' } as never)],
              })} />
            <Chart label="Histogram of log10 of the absolute error delta per layer" deps={[hist]}
              make={(Plot) => Plot.plot({
                width: 380, height: 90 + 70 * hist.length, marginLeft: 44, marginRight: 60,
                x: { label: 'log₁₀ |δ|' }, y: { label: 'count', grid: true }, fy: { label: null },
                marks: [Plot.rectY(hist.flatMap((l) => l.deltaLog10.counts.map((n, i) => ({ layer: `layer ${l.layer}`, x1: l.deltaLog10.edges[i], x2: l.deltaLog10.edges[i + 1], n }))), { x1: 'x1', x2: 'x2', y: 'n', fy: 'layer', fill: 'var(--sl-color-accent)' } as never)],
              })} />
          </div>
          <p class="widget-caption" data-testid="mn-saturation">
            {hist.filter((l) => l.saturated !== undefined).map((l) => `Layer ${l.layer}: ${pct(l.saturated, 1)} of σ′(z) below 1% of its maximum (saturated).`).join(' ')}
          </p>
        </div>
      )}

      {report && (
        <div>
          <div>
            <h4>confusion matrix (test digits)</h4>
            <table data-testid="mn-confusion" tabIndex={0}>
              <caption>Rows: the true digit; columns: the network's answer. {report.count} test digits, {pct(report.accuracy)} right.</caption>
              <thead><tr><th scope="col">true ↓ said →</th>{report.confusion.map((_, d) => <th scope="col" key={d}>{d}</th>)}</tr></thead>
              <tbody>
                {report.confusion.map((row, t) => {
                  const total = row.reduce((s, n) => s + n, 0) || 1;
                  return (
                    <tr key={t}>
                      <th scope="row">{t}</th>
                      {row.map((n, g) => (
                        <td key={g} style={`text-align:right;background:color-mix(in srgb, ${t === g ? 'var(--sl-color-accent)' : 'var(--sl-color-red, #d00)'} ${Math.round((30 * n) / total)}%, transparent)`}>{n}</td>
                      ))}
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
          <div>
            <h4>misclassified test digits</h4>
            <ul data-testid="mn-gallery" style="display:flex;flex-wrap:wrap;gap:.5rem;list-style:none;padding:0;margin:0">
              {report.mistakes.slice(0, 12).map((m) => (
                <li key={m.index} style="margin:0;text-align:center;font-size:.8em">
                  <MiniDigit pixels={test ? digitAt(test, m.index) : null} label={`test digit ${m.index}: a ${m.label}, read as ${m.guess}`} />
                  <div>{m.label} → {m.guess}</div>
                  <div>{m.outputs[m.guess].toFixed(2)} vs {m.outputs[m.label].toFixed(2)}</div>
                </li>
              ))}
            </ul>
            <p class="widget-caption">Each digit: true label → the network's answer, then its output for the answer vs for the true label.</p>
          </div>
        </div>
      )}

      <h4>draw a digit</h4>
      <div class="lab-grid">
        <DigitPad onInput={setInput} shown={input} />
        <div>
          <p class="widget-caption">
            Draw with a mouse, pen or finger; it is cropped to a 20 × 20 box and centred by its centre of mass in 28 × 28, as MNIST was.
            Keyboard users: choose a test digit below instead.
          </p>
          <div class="lab-row">
            <NumberField id="mn-pick" label="test digit #" value={pick} size={5} onError={setError}
              rule={(t) => {
                const v = Number(t);
                const max = (test?.count ?? 1) - 1;
                return Number.isInteger(v) && v >= 0 && v <= max ? { ok: true, value: v } : { ok: false, message: `test digit #: a whole number from 0 to ${max}; got ${t}.` };
              }}
              onChange={setPick} />
            <button type="button" data-testid="mn-show-pick" disabled={!test} onClick={() => test && setInput(digitAt(test, pick).slice())}>Classify this test digit</button>
            {test && <span class="widget-caption" data-testid="mn-pick-label">(its label: {test.labels[pick]})</span>}
          </div>
          {net ? <ProbabilityBars p={outputs} testid="mn-pred" /> : <p class="widget-caption" data-testid="mn-pred">Train a network or upload a model to classify.</p>}
          <p class="widget-caption">Output layer: {net ? `${net.activations.at(-1)!.name}${net.activations.at(-1)!.name === 'softmax' ? ' (probabilities summing to 1)' : ' (ten separate outputs in (0, 1))'}` : outputActivation(config.cost)}.</p>
        </div>
      </div>

      <h4>the model</h4>
      <div class="lab-row">
        <button type="button" data-testid="mn-download" disabled={!model} onClick={() => model && downloadText('mnist-model.json', JSON.stringify(model))}>Download model JSON</button>
        <label for="mn-upload">Upload a model JSON</label>
        <input id="mn-upload" data-testid="mn-upload" type="file" accept="application/json,.json" disabled={busy} title={busy ? 'stop the run to upload a model' : undefined}
          onChange={(e) => void upload(e.currentTarget as HTMLInputElement)} />
        {busy && <span class="widget-caption" data-testid="mn-upload-busy">(stop the run to upload a model)</span>}
        <span class="widget-caption" data-testid="mn-model">{net ? `model ${net.sizes.join('-')}, ${net.cost.name}` : 'no model yet'}</span>
      </div>
      {uploadError && <p class="widget-error" role="alert" data-testid="mn-upload-error">{uploadError}</p>}
    </figure>
  );
}

function MiniDigit({ pixels, label }: { pixels: Float64Array | null; label: string }) {
  const ref = useRef<HTMLCanvasElement>(null);
  useEffect(() => paintDigit(ref.current, pixels), [pixels]);
  return <canvas ref={ref} width={28} height={28} role="img" aria-label={label} style="width:42px;height:42px;image-rendering:pixelated;border:1px solid var(--sl-color-gray-5)" />;
}
