// "Reproduce the book" (chapter 12's lab, loaded with a dynamic import when the reader opens it):
// Nielsen's three MNIST runs on the full set of 70,000 digits, trained in the training worker.
// The worker downloads the full set only when a run starts (progress bar; Stop cancels the
// download); the accuracy on the part the book measured on is drawn after every epoch against the
// book's figure, with the wall time the run took. The runs' settings: mnist-reproduce.ts.
//
// The lab's run hook, busy test, offline check and leave guard come in as props (`lab`), not as
// imports: the lab's initial script then exports nothing to this chunk, which spares chapter 12's
// page an entry facade (its initial JS budget is tight).
import { useEffect, useRef, useState } from 'preact/hooks';
import { Chart } from '../kit/Chart';
import { liveLine, snapDomain } from '../kit/live-chart';
import { Select } from '../kit/Select';
import type { isBusy, useMnistRun } from './mnist-run';
import type { offlineWithoutDigits } from './mnist-source';
import type { useLeaveGuard } from '../kit/leave-guard';
import { BOOK_RUNS, FULL_OFFLINE, LENGTHS, bookRun, fullSetUrl, enginePath, formatSeconds, reproduceRequest, summarise, type BookRunId, type RunLength } from './mnist-reproduce';

const mb = (bytes: number) => (bytes / 1e6).toFixed(1);

export interface PanelLab {
  useMnistRun: typeof useMnistRun;
  isBusy: typeof isBusy;
  offlineWithoutDigits: typeof offlineWithoutDigits;
  useLeaveGuard: typeof useLeaveGuard;
}

export interface PanelProps {
  lab: PanelLab;
  /** The lab above is training (one run at a time). */
  otherBusy?: boolean;
  onBusy?: (busy: boolean) => void;
}

export default function ReproducePanel({ lab, otherBusy = false, onBusy }: PanelProps) {
  const { useMnistRun, isBusy, offlineWithoutDigits, useLeaveGuard } = lab;
  const [id, setId] = useState<BookRunId>('ch1-quadratic');
  const [length, setLength] = useState<RunLength>('full');
  const [error, setError] = useState<string | null>(null);
  const [path, setPath] = useState<string | null>(null);
  // the run being shown: what was asked, when it started (page clock) and when training began / ended
  const [shown, setShown] = useState<{ id: BookRunId; length: RunLength } | null>(null);
  const times = useRef({ clicked: 0, started: 0, ended: 0 });
  const [, redraw] = useState(0);
  const run = useMnistRun(() => {}, {
    models: false,
    releaseWhenDone: true,
    onEvent: (e) => {
      const p = enginePath(e);
      if (p) setPath(p);
      if (e.type === 'started') times.current.started = performance.now();
      if (e.type === 'done') {
        times.current.ended = performance.now();
        redraw((n) => n + 1);
      }
    },
  });
  const { phase, history, workerLoad, progress, diverged } = run.state;
  const busy = isBusy(phase);
  useLeaveGuard(busy);
  useEffect(() => onBusy?.(busy), [busy, onBusy]);
  // the page's clock while a run trains (the elapsed time is shown live)
  useEffect(() => {
    if (phase !== 'running' && phase !== 'paused') return;
    const t = setInterval(() => redraw((n) => n + 1), 1000);
    return () => clearInterval(t);
  }, [phase]);
  useEffect(() => {
    if (phase === 'stopped' && !times.current.ended) times.current.ended = performance.now();
  }, [phase]);

  const start = async () => {
    setError(null);
    const url = fullSetUrl();
    if (await offlineWithoutDigits(url)) {
      setError(FULL_OFFLINE);
      return;
    }
    const { config, data } = reproduceRequest(bookRun(id), length, url);
    times.current = { clicked: performance.now(), started: 0, ended: 0 };
    setPath(null);
    setShown({ id, length });
    run.start(config, data);
  };

  const r = shown ? bookRun(shown.id) : bookRun(id);
  const epochs = shown?.length === 'short' ? 2 : r.config.epochs;
  const summary = summarise(history);
  const t = times.current;
  const trainingFor = t.started ? ((t.ended || performance.now()) - t.started) / 1000 : null;
  const loadingFor = t.started ? (t.started - t.clicked) / 1000 : null;
  const bookPoints = shown?.length === 'short' ? '' : r.bookEpochs ? '; crosses: the accuracies the book prints per epoch' : '';
  const rows = history.filter((h) => h.testAccuracy !== undefined).map((h) => ({ epoch: h.epoch, accuracy: 100 * h.testAccuracy! }));
  const part = r.evaluate === 'test' ? 'test' : 'validation';
  // while the run trains the curve grows in place (kit/live-chart.ts)
  const curve = liveLine(rows, { x: 'epoch', y: 'accuracy' });
  const shownError = error ?? run.state.error;

  return (
    <section class="lab-panel" data-testid="rp-panel" aria-label="Reproduce the book">
      <h4>Reproduce the book: Nielsen's runs on all of MNIST</h4>
      <p class="widget-caption">
        Trains on the first 50,000 of MNIST's 60,000 training digits and measures, after every epoch, the
        accuracy on the part the book reports: the 10,000 test digits, or the 10,000 validation digits (the
        other 10,000 training digits). Minibatch 10, 30 epochs, weights and biases N(0, 1) as in the book's runs.
        The full set (≈ 11 MB compressed, 55 MB of pixels) is downloaded when a run starts.
      </p>
      <div class="lab-row">
        <Select id="rp-run" label="run" value={id} disabled={busy} options={BOOK_RUNS.map((b) => ({ value: b.id, label: b.label }))} onChange={setId} />
        <Select id="rp-length" label="length" value={length} disabled={busy} options={LENGTHS} onChange={setLength} />
      </div>
      <div class="lab-row">
        <button type="button" data-testid="rp-start" onClick={() => void start()} disabled={busy || otherBusy}>Run</button>
        <button type="button" data-testid="rp-stop" onClick={run.stop} disabled={!busy || phase === 'stopping'}>{phase === 'loading' ? 'Cancel the download' : 'Stop'}</button>
        <span class="widget-caption" data-testid="rp-phase">{phase}</span>
        {otherBusy && !busy && <span class="widget-caption">(the lab above is training: one run at a time)</span>}
      </div>
      {phase === 'loading' && (
        <div class="lab-row">
          <label for="rp-load">
            {workerLoad && workerLoad.total > 0 && workerLoad.loaded >= workerLoad.total
              ? 'unpacking the 70,000 digits'
              : `downloading the full set${workerLoad ? ` (${mb(workerLoad.loaded)} of ${mb(workerLoad.total)} MB)` : ''}`}
          </label>
          <progress id="rp-load" data-testid="rp-load" max={workerLoad?.total || 1} value={workerLoad?.loaded ?? 0} />
        </div>
      )}
      {progress && busy && (
        <div class="lab-row">
          <label for="rp-epoch-progress">epoch {progress.epoch} of {epochs}</label>
          <progress id="rp-epoch-progress" data-testid="rp-epoch-progress" max={progress.of || 1} value={progress.batch} />
        </div>
      )}
      {shownError && <p class="widget-error" role="alert" data-testid="rp-error">{shownError}</p>}
      {diverged && <p class="widget-error" role="alert">{diverged}</p>}
      <Chart testid="rp-chart" label={`Accuracy on the ${part} digits per epoch, with the book's figure as a dashed line${bookPoints}`} deps={[rows.length, r.id, shown?.length]}
        live={{ running: busy, marks: [curve] }}
        make={(Plot) => Plot.plot({
          width: 560, height: 260, marginLeft: 44,
          x: { label: 'epoch', domain: [0, epochs] },
          y: { label: `${part} accuracy (%)`, grid: true, domain: snapDomain([85, 100, ...rows.map((d) => d.accuracy)], { step: 5, min: 0, max: 100 }) },
          marks: [
            Plot.ruleY([100 * r.book], { strokeDasharray: '4 3', stroke: 'currentColor', strokeOpacity: 0.7 }),
            Plot.text([100 * r.book], { y: (d: number) => d, text: () => `the book: ${(100 * r.book).toFixed(2)} %`, frameAnchor: 'left', textAnchor: 'start', dy: -6, fontSize: 10 }),
            // the book's own per-epoch figures, where it prints them (chapter 1's run)
            Plot.dot((shown?.length === 'short' ? [] : r.bookEpochs ?? []).map((d) => ({ epoch: d.epoch, accuracy: 100 * d.accuracy })), { x: 'epoch', y: 'accuracy', symbol: 'times', stroke: 'currentColor', r: 4 }),
            curve.plot(Plot, { marker: 'dot' }),
            Plot.tip(rows, Plot.pointerX({ x: 'epoch', y: 'accuracy' })),
          ],
        })} />
      <p class="widget-caption" data-testid="rp-result" aria-live="polite">
        {summary ? (
          <>
            After <span data-testid="rp-epochs-done">{summary.epochs}</span> of {epochs} epochs{shown?.length === 'short' ? ' (short check)' : ''}: {part} accuracy{' '}
            <span data-testid="rp-final">{(100 * summary.final).toFixed(2)}</span> %, best {(100 * summary.best).toFixed(2)} % (epoch {summary.bestEpoch}). {r.bookSays}.
          </>
        ) : (
          <>{r.bookSays}.</>
        )}
      </p>
      <p class="widget-caption" data-testid="rp-time">
        {trainingFor !== null && (
          <>
            Wall time {phase === 'done' || phase === 'stopped' ? '' : 'so far '}{formatSeconds(trainingFor)} (training and evaluating, on this device; the download and
            unpacking before it took {formatSeconds(loadingFor ?? 0)}){summary ? `; the minibatch steps alone ${formatSeconds(summary.trainSeconds)}` : ''}.
            {path && <> Engine path: <span data-testid="rp-path">{path}</span>.</>}
          </>
        )}
      </p>
    </section>
  );
}
