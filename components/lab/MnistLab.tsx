// The MNIST lab (chapter 12): train a 784-n-10 network on real digits in the training worker, watch
// cost, accuracy and the per-layer σ′(z) and |δ| histograms, read the confusion matrix and the
// digits it gets wrong, draw a digit and see it classified, download or upload the model JSON.
// The run's phase lives in one reducer (mnist-run.ts); the views are in mnist-views.tsx.
import type { ComponentType } from 'preact';
import type { PanelProps } from './ReproducePanel';
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { fromJSON, type ModelJSON, type Network } from '../../src/engine/index.ts';
import { NumberField } from '../kit/NumberField';
import { Select } from '../kit/Select';
import { useLeaveGuard } from '../kit/leave-guard';
import { downloadText } from './download';
import { DigitsOfflineError, loadTestDigits, mnistUrl, offlineWithoutDigits } from './mnist-source';
import { testReportChunked, type DigitSet, type TestReport } from './mnist-eval';
import { isBusy, useMnistRun } from './mnist-run';
import { DEFAULT_CONFIG, MNIST_RULES, RECIPES, checkMnist, mnistTrainConfig, readModelUpload, UPLOAD_WHILE_TRAINING, type MnistConfig } from './mnist-state';
import { Classifier, Curves, Histograms, ModelFiles, ReportView } from './mnist-views';

/** The 2,000 test digits of the fixed split, loaded on the page (with a retry after a failure). */
function useTestDigits(onError: (m: string | null) => void) {
  const [test, setTest] = useState<DigitSet | null>(null);
  const [load, setLoad] = useState<{ loaded: number; total: number } | null>(null);
  // `attempt` counts loads: "try again" (after a failed or offline load) bumps it.
  const [attempt, setAttempt] = useState(0);
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    let live = true;
    setFailed(false);
    loadTestDigits((loaded, total) => live && setLoad({ loaded, total }))
      .then((set) => {
        if (live) {
          setTest(set);
          onError(null);
        }
      })
      .catch((e) => {
        if (!live) return;
        if (e instanceof DigitsOfflineError) onError(e.message);
        else onError(`The digits could not be loaded: ${e instanceof Error ? e.message : String(e)}`);
        setFailed(true);
      });
    return () => {
      live = false;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [attempt]);
  // coming back online retries by itself
  useEffect(() => {
    if (!failed) return;
    const retry = () => setAttempt((a) => a + 1);
    window.addEventListener('online', retry);
    return () => window.removeEventListener('online', retry);
  }, [failed]);
  return { test, load, failed, retry: () => setAttempt((a) => a + 1) };
}

/**
 * The report shown for an uploaded model: computed on the page (there may be no worker to ask) in
 * slices of a few milliseconds (testReportChunked), never during a run (uploads are refused then).
 * null while none, or while it is being computed; a new upload or a run's start cancels it.
 */
function useUploadReport(test: DigitSet | null) {
  const [uploaded, setUploaded] = useState<{ net: Network; report: TestReport | null } | null>(null);
  const job = useRef(0);
  useEffect(() => {
    if (!uploaded || uploaded.report || !test) return;
    const mine = ++job.current;
    const net = uploaded.net;
    testReportChunked(net, test, { cancelled: () => mine !== job.current }).then((report) => report && setUploaded((u) => (u?.net === net ? { net, report } : u)));
  }, [uploaded, test]);
  return {
    uploaded,
    show(net: Network) {
      job.current++;
      setUploaded({ net, report: null });
    },
    clear() {
      job.current++;
      setUploaded(null);
    },
  };
}

/** What the reproduce panel uses of the lab (handed over as a prop: see ReproducePanel.tsx). */
const PANEL_LAB: PanelProps['lab'] = { useMnistRun, isBusy, offlineWithoutDigits, useLeaveGuard };

export default function MnistLab() {
  const [config, setConfig] = useState<MnistConfig>(DEFAULT_CONFIG);
  const [error, setError] = useState<string | null>(null);
  const [uploadError, setUploadError] = useState<string | null>(null);
  const [model, setModel] = useState<ModelJSON | null>(null);
  // The validated network of an uploaded model; a trained model's network is built from its JSON
  // only when a digit is to be classified (fromJSON takes milliseconds: not after every epoch).
  const [uploadedNet, setUploadedNet] = useState<Network | null>(null);
  // A model trained here and not downloaded since its last change: leaving the page loses it.
  const [unsaved, setUnsaved] = useState(false);
  const [input, setInput] = useState<Float64Array | null>(null);
  const [pick, setPick] = useState(0);
  const digits = useTestDigits(setError);
  const adopt = (json: ModelJSON) => {
    setModel(json);
    setUploadedNet(null);
    setUnsaved(true);
  };
  const hasInput = input !== null;
  const net = useMemo(() => uploadedNet ?? (model && hasInput ? fromJSON(model) : null), [uploadedNet, model, hasInput]);
  const run = useMnistRun(adopt);
  const { phase, history, diverged, workerLoad, progress, baseline: before } = run.state;
  const busy = isBusy(phase);
  // The test report and the baseline of a run are computed in the training worker ('report'
  // events: config.report); only an uploaded model's report is computed here. During a run the
  // previous network's report stays, marked as such, and so do the previous run's histograms
  // until this run's arrive: nothing appears or vanishes under the reader while it trains.
  const uploadReport = useUploadReport(digits.test);
  const fresh = uploadReport.uploaded ? uploadReport.uploaded.report : run.state.report;
  const lastReport = useRef<TestReport | null>(null);
  if (fresh) lastReport.current = fresh;
  const report = uploadReport.uploaded && !uploadReport.uploaded.report ? null : fresh ?? lastReport.current;
  const staleReport = report !== null && !fresh && busy;
  const lastHistograms = useRef(run.state.histograms);
  if (run.state.histograms) lastHistograms.current = run.state.histograms;
  const histograms = lastHistograms.current;
  useLeaveGuard(busy || unsaved);
  // The "reproduce the book" panel: its code is fetched (dynamic import) when the reader opens it.
  const [Panel, setPanel] = useState<ComponentType<PanelProps> | null>(null);
  const [panelOpening, setPanelOpening] = useState(false);
  const [panelBusy, setPanelBusy] = useState(false);
  const openPanel = () => {
    setPanelOpening(true);
    import('./ReproducePanel')
      .then((m) => setPanel(() => m.default))
      .catch((e) => setError(`The panel could not be loaded: ${e instanceof Error ? e.message : String(e)}`))
      .finally(() => setPanelOpening(false));
  };
  // Read at the moment the file arrives (not when the handler was made): a run may have started since.
  const busyNow = useRef(busy);
  busyNow.current = busy;
  const shownError = error ?? run.state.error;

  const start = () => {
    setError(null);
    setUploadError(null);
    uploadReport.clear();
    run.start({ ...mnistTrainConfig(config), report: { keepMistakes: 24 } }, { kind: 'mnist', url: mnistUrl(), trainCount: config.trainCount, testCount: 2000 });
  };

  /** An uploaded model replaces the current one, but never while a run is training (it is refused). */
  const upload = async (el: HTMLInputElement) => {
    const file = el.files?.[0];
    if (!file) return;
    setUploadError(null);
    const refuse = (message: string) => {
      setUploadError(message);
      el.value = '';
    };
    if (busyNow.current) return refuse(UPLOAD_WHILE_TRAINING);
    const text = await file.text();
    const r = readModelUpload(file.name, text, busyNow.current); // a run may have started while reading
    if (!r.ok) return refuse(r.message);
    setModel(r.model);
    setUploadedNet(r.net);
    uploadReport.show(r.net);
    setUnsaved(false);
  };
  const download = () => {
    if (!model) return;
    downloadText('mnist-model.json', JSON.stringify(model));
    setUnsaved(false);
  };

  const set = (key: keyof MnistConfig) => (v: number) => setConfig((c) => ({ ...c, [key]: v }));
  const field = (key: keyof typeof MNIST_RULES, size = 5) => (
    <NumberField id={`mn-${key}`} label={MNIST_RULES[key].label} value={config[key]} rule={(t) => checkMnist(key, t)} onChange={set(key)} onError={setError} size={size} disabled={busy} />
  );

  return (
    <figure class="lab" data-widget="mnist-lab">
      <h3>MNIST lab</h3>
      <div class="lab-row" aria-live="polite">
        {digits.test ? (
          <span class="widget-caption" data-testid="mn-digits">{digits.test.count.toLocaleString('en-GB')} test digits loaded.</span>
        ) : digits.failed ? (
          <button type="button" data-testid="mn-retry" onClick={digits.retry}>try again</button>
        ) : (
          <>
            <label for="mn-load">loading the digits</label>
            <progress id="mn-load" data-testid="mn-load" max={digits.load?.total || 1} value={digits.load?.loaded ?? 0} />
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
          options={[{ value: 'standard', label: 'N(0, 1)' }, { value: 'scaled', label: 'N(0, 1/n_in)' }]}
          onChange={(v) => setConfig((c) => ({ ...c, init: v }))} />
        {field('eta')}
        {field('lambda')}
        {field('batchSize', 4)}
        {field('epochs', 3)}
        {field('trainCount', 5)}
        {field('seed', 5)}
      </div>
      <div class="lab-row">
        <button type="button" data-testid="mn-train" onClick={start} disabled={busy || panelBusy}>Train</button>
        <button type="button" data-testid="mn-pause" disabled={phase !== 'running'} onClick={run.pause}>Pause</button>
        <button type="button" data-testid="mn-resume" disabled={phase !== 'paused'} onClick={run.resume}>Resume</button>
        <button type="button" data-testid="mn-stop" disabled={!busy || phase === 'stopping'} onClick={run.stop}>Stop</button>
        <span class="widget-caption" data-testid="mn-phase">{phase}</span>
        {/* In the controls' row, and always there (hidden when idle), so that it coming and going
            moves nothing on the page: the worker's download, then the epoch's minibatches. */}
        {phase === 'loading' && workerLoad ? (
          <span>
            <label for="mn-wload">worker loading the training digits</label>{' '}
            <progress id="mn-wload" max={workerLoad.total || 1} value={workerLoad.loaded} />
          </span>
        ) : (
          <span style={progress && busy ? undefined : 'visibility:hidden'} aria-hidden={progress && busy ? undefined : 'true'}>
            <label for="mn-epoch-progress">epoch {progress?.epoch ?? 1} of {config.epochs}</label>{' '}
            <progress id="mn-epoch-progress" data-testid="mn-epoch-progress" max={progress?.of || 1} value={progress && busy ? progress.batch : 0} />
          </span>
        )}
      </div>
      {shownError && <p class="widget-error" role="alert" data-testid="mn-error">{shownError}</p>}
      {diverged && <p class="widget-error" role="alert" data-testid="mn-diverged">{diverged}</p>}

      <Curves history={history} epochs={config.epochs} before={before} running={busy} />
      {histograms && <Histograms hist={histograms} />}
      {report && <ReportView report={report} test={digits.test} stale={staleReport} />}
      <Classifier net={net} model={model} test={digits.test} input={input} setInput={setInput} pick={pick} setPick={setPick} cost={config.cost} onError={setError} />
      <ModelFiles model={model} canDownload={model !== null} busy={busy} onDownload={download} onUpload={(el) => void upload(el)} uploadError={uploadError} />
      {Panel ? (
        <Panel lab={PANEL_LAB} otherBusy={busy} onBusy={setPanelBusy} />
      ) : (
        <div class="lab-row">
          <button type="button" data-testid="mn-reproduce" onClick={openPanel} disabled={panelOpening}>Reproduce the book: Nielsen's runs on all 70,000 digits…</button>
        </div>
      )}
    </figure>
  );
}
