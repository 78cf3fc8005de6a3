// Augmented bias (chapter 6): one layer computed twice, as w a + b and as [w | b]·[a; 1], side by
// side. The augmented matrix and vector come from the engine (augmentedWeights is the chapter's row
// form [wᵀ; bᵀ], so its transpose is [w | b]; augmentRows appends the 1), the products from
// matVec/addVec; the widget shows both z and their largest difference.
import { useMemo, useState } from 'preact/hooks';
import { fmt } from '../kit/format';
import { Matrix, addVec, augmentRows, augmentedWeights, matVec, subVec } from '../../src/engine/index';
import '../kit/kit.css';
import { writeUrlParam } from '../kit/url-fields';
import { useAddress } from '../kit/address';
import { MatrixTable } from './shared/MatrixTable';
import { NumberGrid } from './shared/NumberGrid';
import { PARAM_RULE, rule } from './shared/netstate';
import { AB_OUT, augmentedDefaults, decodeAugmented, encodeAugmented, type AugmentedState } from './AugmentedBias-state';

const PARAM = 'ab';
const vec = (v: ArrayLike<number>) => `(${Array.from(v, (q) => fmt(q)).join(', ')})`;

export default function AugmentedBias() {
  const [state, setState] = useState<AugmentedState>(augmentedDefaults);
  const [error, setError] = useState<string | null>(null);

  const { notice, address } = useAddress(
    PARAM,
    (raw) => decodeAugmented(raw),
    (decoded) => setState(decoded),
    "the chapter's layer instead",
  );

  const update = (next: AugmentedState) => {
    setState(next);
    writeUrlParam(PARAM, encodeAugmented(next));
  };

  const r = useMemo(() => {
    const w = Matrix.from(state.w);
    const plain = addVec(matVec(w, state.a), state.b); // z = w a + b
    const wb = augmentedWeights(w, state.b).transpose(); // [w | b]
    const a1 = augmentRows([state.a]).row(0); // [a; 1]
    const aug = matVec(wb, a1); // z = [w | b] [a; 1]
    const diff = Array.from(subVec(plain, aug)).reduce((m, d) => Math.max(m, Math.abs(d)), 0);
    return { plain, wb, a1, aug, diff };
  }, [state]);

  const nIn = state.a.length;
  const colHeads = Array.from({ length: nIn }, (_, k) => `k = ${k + 1}`);
  const rowHeads = Array.from({ length: AB_OUT }, (_, j) => `j = ${j + 1}`);
  const caption =
    `a = ${vec(state.a)}. w a + b = ${vec(r.plain)}; [w | b]·[a; 1] = ${vec(r.aug)}; ` +
    `largest difference ${r.diff === 0 ? '0 (identical)' : r.diff.toExponential(1)}.`;

  return (
    <figure class="widget" data-widget="augmented-bias" {...address}>
      <h3>The augmented-bias trick</h3>
      {notice && (
        <p class="widget-notice" role="status" data-testid="ab-notice">
          {notice}
        </p>
      )}
      <div class="wb-grid">
        <section aria-labelledby="ab-left">
          <h4 id="ab-left">w a + b</h4>
          <div class="wa-scroll" tabIndex={0} role="region" aria-label="Editable w, b and a">
            <NumberGrid testid="ab-w" caption="w (3 × 2): edit any entry" values={state.w} rule={PARAM_RULE} rowHeads={rowHeads} colHeads={colHeads}
              label={(j, k) => `w${j + 1}${k + 1}`} onError={setError}
              onChange={(j, k, v) => update({ ...state, w: state.w.map((row, a) => (a === j ? row.map((q, b) => (b === k ? v : q)) : row)) })} />
            <NumberGrid testid="ab-b" caption="b (3 × 1)" values={state.b.map((v) => [v])} rule={PARAM_RULE} rowHeads={rowHeads}
              label={(j) => `b${j + 1}`} onError={setError} onChange={(j, _k, v) => update({ ...state, b: state.b.map((q, a) => (a === j ? v : q)) })} />
            <NumberGrid testid="ab-a" caption="a (2 × 1)" values={state.a.map((v) => [v])} rule={rule('a', PARAM_RULE)}
              rowHeads={colHeads} label={(k) => `a${k + 1}`} onError={setError}
              onChange={(k, _j, v) => update({ ...state, a: state.a.map((q, a) => (a === k ? v : q)) })} />
          </div>
          <MatrixTable testid="ab-z1" caption="z = w a + b (matVec, then addVec)" data={Array.from(r.plain, (v) => [v])} rowHeads={rowHeads} digits={6} />
        </section>
        <section aria-labelledby="ab-right">
          <h4 id="ab-right">[w | b] · [a; 1]</h4>
          <MatrixTable testid="ab-wb" caption="[w | b] (3 × 3): the bias is the last column" data={r.wb.toArray()} rowHeads={rowHeads}
            colHeads={[...colHeads, 'b']} hot2Cols={[nIn]} />
          <MatrixTable testid="ab-a1" caption="[a; 1] (3 × 1): a constant 1 appended" data={Array.from(r.a1, (v) => [v])} rowHeads={[...colHeads, '1']} />
          <MatrixTable testid="ab-z2" caption="z = [w | b] [a; 1] (one matVec)" data={Array.from(r.aug, (v) => [v])} rowHeads={rowHeads} digits={6} />
        </section>
      </div>
      {error && (
        <p class="widget-error" role="alert" data-testid="ab-error">
          {error} The last valid value is kept.
        </p>
      )}
      <p>
        Largest difference between the two: <output data-testid="ab-diff">{r.diff === 0 ? '0' : r.diff.toExponential(1)}</output>. Row j of [w | b] times [a; 1] is
        Σₖ wⱼₖ aₖ + bⱼ · 1, the same sum with the bias as the weight of a neuron whose activation is always 1. The chapter’s row form [aᵀ 1] W̃ with W̃ = [wᵀ; bᵀ] is
        the transpose of this product.
      </p>
      <p class="widget-caption" aria-live="polite" data-testid="ab-caption">
        {caption}
      </p>
    </figure>
  );
}
