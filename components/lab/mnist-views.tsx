// The MNIST lab's views, each a function of what it shows: the learning curves with their
// caption, the per-layer histograms, the test report (confusion matrix and mistakes), the digit
// classifier and the model files. MnistLab.tsx holds the state and composes them.
import { useEffect, useRef } from 'preact/hooks';
import { predict, type ModelJSON, type Network } from '../../src/engine/index.ts';
import type { EpochRecord, LayerHistograms } from '../../src/lab/protocol';
import { Chart } from '../kit/Chart';
import { liveLine, snapDomain } from '../kit/live-chart';
import { NumberField } from '../kit/NumberField';
import { fmt, pct } from '../kit/format';
import { DigitPad, ProbabilityBars, paintDigit } from './DigitPad';
import { digitAt, type DigitSet, type TestReport } from './mnist-eval';
import { NIELSEN_LINES, outputActivation, type MnistConfig } from './mnist-state';

/** The training curves; while `running` their lines grow in place (kit/live-chart.ts), redrawn whole when a domain must change and at the end. */
export function Curves({ history, epochs, before, running = false }: { history: EpochRecord[]; epochs: number; before: number | null; running?: boolean }) {
  const lastEpoch = history[history.length - 1];
  const accRows = history.flatMap((h) => [
    ...(h.trainAccuracy !== undefined ? [{ epoch: h.epoch, accuracy: 100 * h.trainAccuracy, series: 'training' }] : []),
    ...(h.testAccuracy !== undefined ? [{ epoch: h.epoch, accuracy: 100 * h.testAccuracy, series: 'test' }] : []),
  ]);
  const costRows = history.flatMap((h) => [
    ...(h.trainCost !== undefined ? [{ epoch: h.epoch, cost: h.trainCost, series: 'training' }] : []),
    ...(h.testCost !== undefined ? [{ epoch: h.epoch, cost: h.testCost, series: 'test' }] : []),
  ]);
  const xDomain = [0, Math.max(epochs, lastEpoch?.epoch ?? 1)];
  const accLines = liveLine(accRows, { x: 'epoch', y: 'accuracy', z: 'series' });
  const costLines = liveLine(costRows, { x: 'epoch', y: 'cost', z: 'series' });
  return (
    <>
      <div class="lab-grid">
        <div>
          <h4>accuracy per epoch</h4>
          <Chart label="Training and test accuracy per epoch, with Nielsen's full-set accuracies as reference lines" deps={[history.length, lastEpoch?.epoch]}
            live={{ running, marks: [accLines] }}
            make={(Plot) => Plot.plot({
              width: 380, height: 260, marginLeft: 44, marginRight: 10,
              x: { label: 'epoch', domain: xDomain },
              // from 80 % (or the 10 % step below the lowest point) to 100 %
              y: { label: 'accuracy (%)', grid: true, domain: snapDomain([80, 100, ...accRows.map((d) => d.accuracy)], { step: 10, min: 0, max: 100 }) },
              color: { legend: true, domain: ['training', 'test'] },
              marks: [
                Plot.ruleY(NIELSEN_LINES, { y: (d: { accuracy: number }) => 100 * d.accuracy, strokeDasharray: '4 3', stroke: 'currentColor', strokeOpacity: 0.6 }),
                // The two reference labels sit on either side of their lines so they never overlap.
                Plot.text([NIELSEN_LINES[1]], { y: (d: { accuracy: number }) => 100 * d.accuracy, text: 'label', textAnchor: 'start', dy: -6, fontSize: 9, frameAnchor: 'left' }),
                Plot.text([NIELSEN_LINES[0]], { y: (d: { accuracy: number }) => 100 * d.accuracy, text: 'label', textAnchor: 'start', dy: 7, fontSize: 9, frameAnchor: 'left' }),
                accLines.plot(Plot, { stroke: 'series', marker: 'dot' }),
                Plot.tip(accRows, Plot.pointerX({ x: 'epoch', y: 'accuracy', stroke: 'series' })),
              ],
            })} />
        </div>
        <div>
          <h4>cost per epoch</h4>
          <Chart label="Training and test cost per epoch" deps={[history.length, lastEpoch?.epoch]}
            live={{ running, marks: [costLines] }}
            make={(Plot) => Plot.plot({
              width: 380, height: 260, marginLeft: 50,
              x: { label: 'epoch', domain: xDomain },
              y: { label: 'cost', grid: true, domain: snapDomain(costRows.map((d) => d.cost), { zero: true }) },
              color: { legend: true, domain: ['training', 'test'] },
              marks: [costLines.plot(Plot, { stroke: 'series', marker: 'dot' }), Plot.tip(costRows, Plot.pointerX({ x: 'epoch', y: 'cost', stroke: 'series' }))],
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
    </>
  );
}

export function Histograms({ hist }: { hist: LayerHistograms[] }) {
  return (
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
  );
}

export function ReportView({ report, test, stale = false }: { report: TestReport; test: DigitSet | null; stale?: boolean }) {
  return (
    <div data-testid="mn-report" data-stale={stale ? 'true' : undefined} style={stale ? 'opacity:.6' : undefined}>
      {/* the same line either way: a run starting or ending moves nothing below it */}
      <p class="widget-caption" data-testid="mn-report-of">{stale ? "The previous network's report: this run's comes when it ends." : `The current network on the ${report.count.toLocaleString('en-GB')} test digits.`}</p>
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
  );
}

export function Classifier({ net, model, test, input, setInput, pick, setPick, cost, onError }: {
  /** The model's network: built only while there is a digit to classify. */
  net: Network | null;
  model: ModelJSON | null;
  test: DigitSet | null;
  input: Float64Array | null;
  setInput: (x: Float64Array | null) => void;
  pick: number;
  setPick: (i: number) => void;
  cost: MnistConfig['cost'];
  onError: (m: string | null) => void;
}) {
  const outputs = net && input ? predict(net, input) : null;
  const max = (test?.count ?? 1) - 1;
  return (
    <>
      <h4>draw a digit</h4>
      <div class="lab-grid">
        <DigitPad onInput={setInput} shown={input} />
        <div>
          <p class="widget-caption">
            Draw with a mouse, pen or finger; it is cropped to a 20 × 20 box and centred by its centre of mass in 28 × 28, as MNIST was.
            Keyboard users: choose a test digit below instead.
          </p>
          <div class="lab-row">
            <NumberField id="mn-pick" label="test digit #" value={pick} size={5} onError={onError} rule={{ label: 'test digit #', min: 0, max, integer: true }} onChange={setPick} />
            <button type="button" data-testid="mn-show-pick" disabled={!test} onClick={() => test && setInput(digitAt(test, pick).slice())}>Classify this test digit</button>
            {test && <span class="widget-caption" data-testid="mn-pick-label">(its label: {test.labels[pick]})</span>}
          </div>
          {model ? <ProbabilityBars p={outputs} testid="mn-pred" /> : <p class="widget-caption" data-testid="mn-pred">Train a network or upload a model to classify.</p>}
          <p class="widget-caption">Output layer: {model ? `${model.activations.at(-1)!}${model.activations.at(-1)! === 'softmax' ? ' (probabilities summing to 1)' : ' (ten separate outputs in (0, 1))'}` : outputActivation(cost)}.</p>
        </div>
      </div>
    </>
  );
}

export function ModelFiles({ model, canDownload, busy, onDownload, onUpload, uploadError }: {
  model: ModelJSON | null;
  canDownload: boolean;
  busy: boolean;
  onDownload: () => void;
  onUpload: (input: HTMLInputElement) => void;
  uploadError: string | null;
}) {
  return (
    <>
      <h4>the model</h4>
      <div class="lab-row">
        <button type="button" data-testid="mn-download" disabled={!canDownload} onClick={onDownload}>Download model JSON</button>
        <label for="mn-upload">Upload a model JSON</label>
        <input id="mn-upload" data-testid="mn-upload" type="file" accept="application/json,.json" disabled={busy} title={busy ? 'stop the run to upload a model' : undefined}
          onChange={(e) => onUpload(e.currentTarget as HTMLInputElement)} />
        {busy && <span class="widget-caption" data-testid="mn-upload-busy">(stop the run to upload a model)</span>}
        <span class="widget-caption" data-testid="mn-model">{model ? `model ${model.sizes.join('-')}, ${model.cost}` : 'no model yet'}</span>
      </div>
      {uploadError && <p class="widget-error" role="alert" data-testid="mn-upload-error">{uploadError}</p>}
    </>
  );
}

function MiniDigit({ pixels, label }: { pixels: Float64Array | null; label: string }) {
  const ref = useRef<HTMLCanvasElement>(null);
  useEffect(() => paintDigit(ref.current, pixels), [pixels]);
  return <canvas ref={ref} width={28} height={28} role="img" aria-label={label} style="width:42px;height:42px;image-rendering:pixelated;border:1px solid var(--sl-color-gray-5)" />;
}
