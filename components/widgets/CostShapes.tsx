// Cost shapes (chapter 8): for a target y, the quadratic and cross-entropy costs against the output
// a, and |∂C/∂z| against z for each — where the quadratic gradient carries σ′(z) and so dies out
// when the neuron saturates, while the cross-entropy gradient is |a − y|. Curves come from
// src/engine/costcurve.ts.
import { useMemo, useState } from 'preact/hooks';
import { costCurveByA, gradientCurveByZ } from '../../src/engine/costcurve';
import { Chart } from '../kit/Chart';
import { NumberField } from '../kit/NumberField';
import type { NumberRule } from '../kit/number';
import { fmt } from '../kit/format';
import { numberField, readPacked, writePacked, writeUrlParam } from '../kit/url-fields';
import { useAddress } from '../kit/address';

const PARAM = 'cs';
const Y_RULE: NumberRule = { label: 'target y', min: 0, max: 1 };
const Z_RULE: NumberRule = { label: 'z', min: -8, max: 8 };
const DEFAULTS = { y: 0, z: 4 };
/** The address: ?cs=y,z (a kit URL table packed into one parameter). */
const URL_TABLE = [numberField('y', 'y', DEFAULTS.y, Y_RULE), numberField('z', 'z', DEFAULTS.z, Z_RULE)] as const;

export default function CostShapes() {
  const [y, setY] = useState(DEFAULTS.y);
  const [z, setZ] = useState(DEFAULTS.z);
  const [error, setError] = useState<string | null>(null);

  const { notice, address } = useAddress(
    PARAM,
    (raw) => readPacked(URL_TABLE, raw),
    (v) => {
      setY(v.y);
      setZ(v.z);
    },
    'the defaults',
  );
  const save = (ny: number, nz: number) => writeUrlParam(PARAM, writePacked(URL_TABLE, { y: ny, z: nz }));

  const byA = useMemo(() => costCurveByA(y), [y]);
  const byZ = useMemo(() => gradientCurveByZ(y), [y]);
  const [here] = useMemo(() => gradientCurveByZ(y, z, z + 1, 2), [y, z]);

  const costLong = byA.flatMap((p) => [
    { a: p.a, C: p.quadratic, cost: 'quadratic' },
    { a: p.a, C: p.crossEntropy, cost: 'cross-entropy' },
  ]);
  const gradLong = byZ.flatMap((p) => [
    { z: p.z, g: p.quadratic, cost: 'quadratic |(a−y)σ′(z)|' },
    { z: p.z, g: p.crossEntropy, cost: 'cross-entropy |a−y|' },
  ]);
  const caption =
    `Target y = ${fmt(y)}. At z = ${fmt(z)}: a = σ(z) = ${fmt(here.a)}, σ′(z) = ${fmt(here.sigmaPrime)}; ` +
    `quadratic |∂C/∂z| = ${fmt(here.quadratic)}, cross-entropy |∂C/∂z| = ${fmt(here.crossEntropy)}` +
    (here.crossEntropy > 0 ? ` (ratio σ′(z) = ${fmt(here.quadratic / here.crossEntropy)}).` : '.');

  return (
    <figure class="widget" data-widget="cost-shapes" {...address}>
      <h3>Cost shapes: quadratic against cross-entropy</h3>
      {notice && <p class="widget-notice" role="status" data-testid="cs-notice">{notice}</p>}
      <NumberField id="cs-y-n" testid="cs-y" rule={Y_RULE} value={y} slider={{ min: 0, max: 1, step: 0.01 }} onError={setError}
        onChange={(v) => { setY(v); save(v, z); }} />
      <NumberField id="cs-z-n" testid="cs-z" rule={Z_RULE} value={z} slider={{ min: -8, max: 8, step: 0.1 }} onError={setError}
        onChange={(v) => { setZ(v); save(y, v); }} />
      {error && <p class="widget-error" role="alert" data-testid="cs-error">{error}</p>}
      <div class="wb-grid">
        <div>
          <h4>cost against output a</h4>
          <Chart
            label={`Quadratic and cross-entropy cost against a for target y = ${fmt(y)}`}
            deps={[y]}
            make={(Plot) =>
              Plot.plot({
                height: 220, width: 320, marginLeft: 45,
                x: { label: 'a', domain: [0, 1] },
                y: { label: 'C', grid: true },
                color: { legend: true },
                marks: [Plot.ruleX([y], { stroke: 'currentColor', strokeDasharray: '3,3', ariaHidden: 'true' }), Plot.lineY(costLong, { x: 'a', y: 'C', stroke: 'cost', z: 'cost' })],
              })
            }
          />
        </div>
        <div>
          <h4>|∂C/∂z| against z</h4>
          <Chart
            label={`Gradient magnitude against z for both costs, target y = ${fmt(y)}, marker at z = ${fmt(z)}`}
            deps={[y, z]}
            make={(Plot) =>
              Plot.plot({
                height: 220, width: 320, marginLeft: 45,
                x: { label: 'z' },
                y: { label: '|∂C/∂z|', grid: true, domain: [0, 1] },
                color: { legend: true },
                marks: [
                  Plot.lineY(gradLong, { x: 'z', y: 'g', stroke: 'cost', z: 'cost' }),
                  // σ′(z) itself, dashed: the factor the quadratic gradient carries and cross-entropy cancels.
                  Plot.lineY(byZ, { x: 'z', y: 'sigmaPrime', stroke: 'currentColor', strokeDasharray: '2,3', strokeOpacity: 0.7 }),
                  Plot.text(byZ.filter((p) => p.z === 0), { x: 'z', y: 'sigmaPrime', text: () => 'σ′(z)', dy: -10, fill: 'currentColor' }),
                  Plot.ruleX([z], { stroke: 'currentColor', strokeDasharray: '3,3', ariaHidden: 'true' }),
                ],
              })
            }
          />
        </div>
      </div>
      <table>
        <caption>at z = {fmt(z)}</caption>
        <tbody>
          <tr><th scope="row">a = σ(z)</th><td data-testid="cs-a">{fmt(here.a, 6)}</td></tr>
          <tr><th scope="row">σ′(z)</th><td data-testid="cs-sigma-prime">{fmt(here.sigmaPrime, 6)}</td></tr>
          <tr><th scope="row">quadratic |∂C/∂z|</th><td data-testid="cs-grad-quadratic">{fmt(here.quadratic, 6)}</td></tr>
          <tr><th scope="row">cross-entropy |∂C/∂z|</th><td data-testid="cs-grad-ce">{fmt(here.crossEntropy, 6)}</td></tr>
        </tbody>
      </table>
      <p class="widget-caption" aria-live="polite" data-testid="cs-caption">{caption}</p>
    </figure>
  );
}
