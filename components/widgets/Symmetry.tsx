// Symmetry breaking (chapter 11): the same 2-3-1 network trained on XOR from all-zero parameters
// and from a random initialisation. With zero parameters every hidden neuron gets the same
// gradient at every step, so the three stay identical (one neuron in triplicate) and XOR is out of
// reach; random weights make them differ from the first step. Computed by Symmetry-state.ts.
import { useEffect, useMemo, useState } from 'preact/hooks';
import { NumberField } from '../kit/NumberField';
import { Select } from '../kit/Select';
import { fmt } from '../kit/format';
import { readPacked, readUrlParam, writePacked, writeUrlParam } from '../kit/url-fields';
import { useAddress } from '../kit/address';
import {
  RANDOM_INITS, STEPS_RULE, SYM_DEFAULTS, SYM_ETA_RULE, SYM_FIELDS, SYM_PARAM, SYM_SEED_RULE, symmetrySide, XOR,
  type RandomInit, type SymSettings, type SymSide,
} from './Symmetry-state';

const INIT_LABEL: Record<RandomInit | 'zero', string> = {
  zero: 'all zero', standard: 'N(0, 1)', scaled: 'N(0, 1/n_in)', xavier: 'Xavier N(0, 2/(n_in + n_out))', he: 'He N(0, 2/n_in)',
};

function Side({ side, id }: { side: SymSide; id: string }) {
  return (
    <div data-testid={`sym-${id}`}>
      <h4>{INIT_LABEL[side.init as RandomInit | 'zero']}</h4>
      <div class="wa-scroll" tabIndex={0} role="region" aria-label={`hidden neurons, ${INIT_LABEL[side.init as RandomInit | 'zero']} start`}>
      <table>
        <caption>hidden neurons after training: incoming weights w_j1, w_j2, bias b_j, outgoing weight, activation for x = (1, 0)</caption>
        <thead><tr><th scope="col">neuron</th><th scope="col">w_j1</th><th scope="col">w_j2</th><th scope="col">b_j</th><th scope="col">out</th><th scope="col">a_j</th></tr></thead>
        <tbody>
          {side.neurons.map((n, j) => (
            <tr key={j}>
              <th scope="row">{j + 1}</th>
              <td data-testid={`sym-${id}-w-${j + 1}`}>{fmt(n.w[0], 4)}</td>
              <td>{fmt(n.w[1], 4)}</td>
              <td>{fmt(n.b, 4)}</td>
              <td>{fmt(n.out, 4)}</td>
              <td data-testid={`sym-${id}-a-${j + 1}`}>{fmt(n.a, 4)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      </div>
      <p class="widget-caption">
        largest difference between neurons: <span data-testid={`sym-${id}-spread`}>{fmt(side.spread, 4)}</span>; cost{' '}
        <span data-testid={`sym-${id}-cost`}>{fmt(side.cost, 4)}</span>; outputs on (0,0), (0,1), (1,0), (1,1):{' '}
        <span data-testid={`sym-${id}-outputs`}>{side.outputs.slice(0, 4).map((o) => fmt(o, 3)).join(', ')}</span>
      </p>
    </div>
  );
}

export default function Symmetry() {
  const [s, setS] = useState<SymSettings>(SYM_DEFAULTS);
  const [error, setError] = useState<string | null>(null);
  const { notice, address } = useAddress(SYM_PARAM, (raw) => readPacked(SYM_FIELDS, raw), setS, 'the defaults');
  useEffect(() => {
    if (readUrlParam(SYM_PARAM) === null && JSON.stringify(s) === JSON.stringify(SYM_DEFAULTS)) return;
    writeUrlParam(SYM_PARAM, writePacked(SYM_FIELDS, s));
  }, [s]);
  const zero = useMemo(() => symmetrySide('zero', s), [s]);
  const random = useMemo(() => symmetrySide(s.init, s), [s]);
  return (
    <figure class="widget" data-widget="symmetry" {...address}>
      <h3>Symmetry breaking</h3>
      {notice && <p class="widget-notice" role="status" data-testid="sym-notice">{notice}</p>}
      <p class="widget-caption">
        A 2-3-1 sigmoid network, cross-entropy cost, trained by gradient descent on all {XOR.length} examples at once (XOR, with (1, 1) counted twice).
      </p>
      <div class="wb-row">
        <NumberField id="sym-steps" rule={STEPS_RULE} value={s.steps} slider={{ min: 0, max: 2000, step: 10 }} onError={setError} onChange={(v) => setS((o) => ({ ...o, steps: v }))} />
        <NumberField id="sym-eta" rule={SYM_ETA_RULE} value={s.eta} size={5} onError={setError} onChange={(v) => setS((o) => ({ ...o, eta: v }))} />
        <NumberField id="sym-seed" rule={SYM_SEED_RULE} value={s.seed} size={6} onError={setError} onChange={(v) => setS((o) => ({ ...o, seed: v }))} />
        <Select id="sym-init" label="random weights" value={s.init} options={RANDOM_INITS.map((i) => ({ value: i, label: INIT_LABEL[i] }))} onChange={(v: RandomInit) => setS((o) => ({ ...o, init: v }))} />
      </div>
      {error && <p class="widget-error" role="alert" data-testid="sym-error">{error}</p>}
      <div class="wb-grid">
        <Side side={zero} id="zero" />
        <Side side={random} id="random" />
      </div>
      <p class="widget-caption" aria-live="polite" data-testid="sym-caption">
        After {s.steps} steps the all-zero network's three hidden neurons {zero.spread === 0 ? 'are still exactly identical' : `differ by ${fmt(zero.spread, 3)}`} (cost {fmt(zero.cost, 4)});
        the {INIT_LABEL[s.init]} network's differ by up to {fmt(random.spread, 3)} (cost {fmt(random.cost, 4)}).
      </p>
    </figure>
  );
}
