// Initialisation and saturation (chapter 11): one layer of sigmoid neurons fed one random input.
// Under N(0, 1) weights z spreads with sd ≈ √(n_in/2 + 1) and most neurons saturate; under
// N(0, 1/n_in) weights (sd 1/√n_in, variance 1/n_in) z stays near sd √1.5. Sampling, the sample sd of the z drawn
// and the closed-form predictions are in src/engine/saturation.ts; this component draws them.
import { useEffect, useRef, useState } from 'preact/hooks';
import { sampleSaturation, type InputDistribution, type SaturationSample } from '../../src/engine/saturation';
import { Chart } from '../kit/Chart';
import { NumberField } from '../kit/NumberField';
import type { NumberRule } from '../kit/number';
import { fmt } from '../kit/format';
import { customField, enumField, numberField, readPacked, readUrlParam, writePacked, writeUrlParam } from '../kit/url-fields';
import { useAddress } from '../kit/address';

const PARAM = 'init';
const NEURONS = 1000;
const THRESHOLD = 0.01;
const NIN_RULE: NumberRule = { label: 'nᵢₙ', min: 1, max: 1000, integer: true };
const SEED_RULE: NumberRule = { label: 'seed', min: 1, max: 1e6, integer: true };
const DEFAULTS = { nIn: 1000, seed: 1, inputs: 'bernoulli' as InputDistribution };
/** The address: ?init=n_in,seed;inputs (kit URL tables packed into one parameter). */
const NUMBERS = [numberField('n', 'nIn', DEFAULTS.nIn, NIN_RULE), numberField('s', 'seed', DEFAULTS.seed, SEED_RULE)] as const;
const URL_TABLE = [
  customField('nums', 'numbers', { nIn: DEFAULTS.nIn, seed: DEFAULTS.seed }, (t) => {
    const v = readPacked(NUMBERS, t);
    return v ? { ok: true, value: v } : { ok: false, message: 'expected n_in,seed' };
  }, (v) => writePacked(NUMBERS, v)),
  enumField('inputs', 'inputs', DEFAULTS.inputs, ['bernoulli', 'uniform'] as const),
] as const;
type Sample = { init: 'standard' | 'scaled'; s: SaturationSample };

function sampleBoth(nIn: number, seed: number, inputs: InputDistribution): Sample[] {
  // The same seed for both, so the input x is the same and only the weights' spread differs.
  return (['standard', 'scaled'] as const).map((init) => ({ init, s: sampleSaturation({ nIn, neurons: NEURONS, init, inputs, seed, threshold: THRESHOLD }) }));
}

/** One histogram row per initialisation (the fy facet channel; Plot's binX types omit it). */
function facetBy<T extends object>(options: T): T {
  return { ...options, fy: 'init' } as T;
}

const INIT_LABEL = { standard: 'N(0, 1)', scaled: 'N(0, 1/nᵢₙ)' } as const;
// Short facet labels so the row names fit beside a phone-width chart.
const FACET_LABEL = { standard: 'N(0,1)', scaled: 'N(0,1/n)' } as const;

export default function InitSaturation() {
  const [nIn, setNIn] = useState(DEFAULTS.nIn);
  const [seed, setSeed] = useState(DEFAULTS.seed);
  const [inputs, setInputs] = useState<InputDistribution>(DEFAULTS.inputs);
  const [error, setError] = useState<string | null>(null);

  const { notice, address } = useAddress(
    PARAM,
    (raw) => readPacked(URL_TABLE, raw, ';'),
    (v) => {
      setNIn(v.numbers.nIn);
      setSeed(v.numbers.seed);
      setInputs(v.inputs);
    },
    'the defaults',
  );
  useEffect(() => {
    // Skip writing the defaults on first render so an untouched page keeps a clean address.
    if (nIn === DEFAULTS.nIn && seed === DEFAULTS.seed && inputs === DEFAULTS.inputs && readUrlParam(PARAM) === null) return;
    writeUrlParam(PARAM, writePacked(URL_TABLE, { numbers: { nIn, seed }, inputs }, ';'));
  }, [nIn, seed, inputs]);

  // Sampling runs in a worker (latest request wins); until the first answer arrives, or if workers
  // are unavailable, it runs here once.
  const [samples, setSamples] = useState<Sample[]>(() => sampleBoth(DEFAULTS.nIn, DEFAULTS.seed, DEFAULTS.inputs));
  const [busy, setBusy] = useState(false);
  const worker = useRef<Worker | null>(null);
  const latest = useRef(0);
  useEffect(() => {
    try {
      worker.current = new Worker(new URL('./InitSaturation-worker.ts', import.meta.url), { type: 'module' });
      worker.current.onmessage = (e: MessageEvent<{ id: number; samples?: Sample[]; error?: string }>) => {
        if (e.data.id !== latest.current) return;
        setBusy(false);
        if (e.data.samples) setSamples(e.data.samples);
        else setError(e.data.error ?? 'Sampling failed.');
      };
    } catch {
      worker.current = null;
    }
    return () => worker.current?.terminate();
  }, []);
  const computedKey = useRef(`${DEFAULTS.nIn},${DEFAULTS.seed},${DEFAULTS.inputs}`);
  useEffect(() => {
    const key = `${nIn},${seed},${inputs}`;
    if (key === computedKey.current) return; // the first render already sampled these
    computedKey.current = key;
    const id = ++latest.current;
    if (worker.current) {
      setBusy(true);
      worker.current.postMessage({ id, options: { nIn, neurons: NEURONS, inputs, seed, threshold: THRESHOLD } });
    } else setSamples(sampleBoth(nIn, seed, inputs));
  }, [nIn, seed, inputs]);

  const zData = samples.flatMap(({ init, s }) => Array.from(s.z, (z) => ({ z, init: FACET_LABEL[init] })));
  const spData = samples.flatMap(({ init, s }) => Array.from(s.sigmaPrime, (sp) => ({ sp, init: FACET_LABEL[init] })));
  const caption =
    `${NEURONS} neurons, nᵢₙ = ${nIn}, inputs ${inputs === 'bernoulli' ? 'each 1 with probability ½, else 0' : 'uniform on [0, 1]'}. ` +
    samples
      .map(({ init, s }) => `${INIT_LABEL[init]} weights: the sampled z have sd ${fmt(s.sampleSd, 3)} (predicted ${fmt(s.predictedSd, 3)}), ${fmt(100 * s.saturatedFraction, 3)}% of neurons saturated (σ′ < ${THRESHOLD}; closed form ${fmt(100 * s.predictedFraction, 3)}%).`)
      .join(' ');

  return (
    <figure class="widget" data-widget="init-saturation" {...address}>
      <h3>Initialisation and saturation</h3>
      {notice && <p class="widget-notice" role="status" data-testid="init-notice">{notice}</p>}
      <NumberField id="init-nin-n" testid="init-nin" rule={NIN_RULE} value={nIn} slider={{ min: 1, max: 1000, step: 1 }} onError={setError} onChange={setNIn} />
      <NumberField id="init-seed-n" testid="init-seed" rule={SEED_RULE} value={seed} slider={{ min: 1, max: 100, step: 1 }} onError={setError} onChange={setSeed} />
      <div class="wb-row">
        <label>inputs{' '}
          <select data-testid="init-inputs" value={inputs} onChange={(e) => setInputs((e.currentTarget as HTMLSelectElement).value as InputDistribution)}>
            <option value="bernoulli">x_k = 1 with prob. ½, else 0</option>
            <option value="uniform">x_k uniform on [0, 1]</option>
          </select>
        </label>
      </div>
      {error && <p class="widget-error" role="alert" data-testid="init-error">{error}</p>}
      <p class="widget-notice" role="status" data-testid="init-status">{busy ? 'sampling…' : `${NEURONS} neurons sampled for each initialisation.`}</p>
      <table data-busy={busy ? 'true' : 'false'}>
        <caption>
          sd of z (sample): the standard deviation of the {NEURONS} z drawn; predicted: √(Σx² Var(w) + 1) for this input. saturated: share of
          neurons with σ′(z) &lt; {THRESHOLD}; predicted: 2(1 − Φ(z*/sd)) with σ′(z*) = {THRESHOLD}
        </caption>
        <thead><tr><th scope="col">weights</th><th scope="col">sd of z (sample)</th><th scope="col">sd of z (predicted)</th><th scope="col">saturated</th><th scope="col">saturated (predicted)</th></tr></thead>
        <tbody>
          {samples.map(({ init, s }) => (
            <tr key={init}>
              <th scope="row">{INIT_LABEL[init]}</th>
              <td data-testid={`init-sd-${init}`}>{fmt(s.sampleSd, 4)}</td>
              <td data-testid={`init-sd-pred-${init}`}>{fmt(s.predictedSd, 4)}</td>
              <td data-testid={`init-frac-${init}`}>{fmt(100 * s.saturatedFraction, 4)}%</td>
              <td data-testid={`init-pred-${init}`}>{fmt(100 * s.predictedFraction, 4)}%</td>
            </tr>
          ))}
        </tbody>
      </table>
      <div class="wb-grid">
        <div>
          <h4>histogram of z</h4>
          <Chart label={`Histograms of z for ${INIT_LABEL.standard} and ${INIT_LABEL.scaled} weights, nᵢₙ = ${nIn}`} deps={[samples]}
            make={(Plot) => Plot.plot({
              height: 260, width: 320, marginLeft: 45, marginRight: 70,
              x: { label: 'z' }, y: { label: 'neurons', grid: true }, fy: { label: null },
              marks: [Plot.rectY(zData, Plot.binX({ y: 'count' }, facetBy({ x: 'z', fill: 'var(--sl-color-accent)', thresholds: 40 }))), Plot.ruleY([0], { ariaHidden: 'true' })],
            })} />
        </div>
        <div>
          <h4>histogram of σ′(z)</h4>
          <Chart label={`Histograms of sigma prime of z for both initialisations, nᵢₙ = ${nIn}`} deps={[samples]}
            make={(Plot) => Plot.plot({
              height: 260, width: 320, marginLeft: 45, marginRight: 70,
              x: { label: 'σ′(z)', domain: [0, 0.25] }, y: { label: 'neurons', grid: true }, fy: { label: null },
              marks: [Plot.rectY(spData, Plot.binX({ y: 'count' }, facetBy({ x: 'sp', fill: 'var(--sl-color-accent)', thresholds: 25 }))), Plot.ruleY([0], { ariaHidden: 'true' })],
            })} />
        </div>
      </div>
      <p class="widget-caption" aria-live="polite" data-testid="init-caption">{caption}</p>
    </figure>
  );
}
