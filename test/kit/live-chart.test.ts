// @vitest-environment happy-dom
// The kit's live charts (issue 17 §4): while a run adds points, a training chart's lines are
// extended in place with the scales Plot drew the frame with, and Plot redraws the chart whole
// when a point leaves the frame's domain, a series appears, the frame changes or the run ends.
import { afterEach, describe, expect, it } from 'vitest';
import * as Plot from '@observablehq/plot';
import { drawChart, type Live } from '../../components/kit/Chart';
import { LIVE_KEY, liveDot, liveLine, niceCeil, snapDomain } from '../../components/kit/live-chart';

type Row = { epoch: number; accuracy: number; set: string; run: string };
const EPOCHS = 10;
const LABEL = 'Training and validation accuracy per epoch';

/** The rows of both runs after `n` epochs: accuracy rising within 70–80 % (and a gap at epoch 3 of the validation curve). */
function rows(n: number): Row[] {
  return ['λ = 0', 'L2, λ = 5'].flatMap((run, r) =>
    Array.from({ length: n }, (_, i) => i + 1).flatMap((epoch) => [
      { run, epoch, set: 'training', accuracy: 71 + 0.8 * epoch - r },
      { run, epoch, set: 'validation', accuracy: epoch === 3 ? NaN : 71 + 0.6 * epoch },
    ]),
  );
}

/** The chart's job as a widget builds it: the y domain snapped from the data, the x domain the run's epochs. */
function job(el: HTMLDivElement, data: Row[], running: boolean, frame: unknown[] = []) {
  const lines = liveLine(data, { x: 'epoch', y: 'accuracy', z: 'set', fx: 'run' });
  const best = ['λ = 0', 'L2, λ = 5'].flatMap((run) => {
    const own = data.filter((d) => d.run === run && d.set === 'validation' && Number.isFinite(d.accuracy));
    return own.length ? [own.reduce((a, b) => (b.accuracy > a.accuracy ? b : a))] : [];
  });
  const dots = liveDot(best, { x: 'epoch', y: 'accuracy', fx: 'run' });
  const live: Live = { running, marks: [lines, dots], frame };
  const make = (P: typeof Plot) => P.plot({
    width: 420, height: 260,
    x: { label: 'epoch', domain: [0, EPOCHS] },
    y: { label: 'accuracy (%)', grid: true, domain: snapDomain(data.map((d) => d.accuracy), { step: 10, max: 100 }) },
    fx: { label: null }, color: { legend: true, domain: ['training', 'validation'] },
    marks: [lines.plot(P, { stroke: 'set', marker: 'dot' }), dots.plot(P, { r: 5, stroke: 'currentColor' }), P.tip(data, P.pointerX({ x: 'epoch', y: 'accuracy', stroke: 'set', fx: 'run' }))],
  });
  return { el, make, label: LABEL, live };
}

const host = () => document.body.appendChild(document.createElement('div'));
const svgOf = (el: HTMLElement) => el.querySelector('svg[role="img"]')!;
/** The points a path's d visits, segment by segment ("M x,y L x,y …" from d3-shape's line). */
function pathPoints(d: string): [number, number][][] {
  return d.split('M').filter(Boolean).map((seg) => seg.replace(/Z$/, '').split('L').map((p) => p.split(',').map(Number) as [number, number]));
}
/** A drawing with Plot's per-draw counters (marker and clip ids) numbered in order of appearance. */
function normalised(el: HTMLElement): string {
  const ids = new Map<string, string>();
  return el.innerHTML.replace(/plot-(marker|clip)-\d+/g, (id) => ids.get(id) ?? (ids.set(id, `id${ids.size}`), `id${ids.size - 1}`));
}

afterEach(() => document.body.replaceChildren());

describe('a live training chart', () => {
  it('extending it moves every line to exactly its points, through the scales Plot drew the frame with', () => {
    const el = host();
    expect(drawChart(Plot, job(el, rows(4), true))).toBe('drawn');
    const chart = el.firstElementChild!;
    const data = rows(6);
    expect(drawChart(Plot, job(el, data, true))).toBe('extended');
    expect(el.firstElementChild).toBe(chart); // the frame stayed: no Plot redraw
    const plot = chart as unknown as Plot.Plot;
    const x = plot.scale('x')!, y = plot.scale('y')!;
    const paths = chart.querySelectorAll(`path[${LIVE_KEY}]`);
    expect(paths.length).toBe(4);
    for (const path of paths) {
      const [, run, set] = JSON.parse(path.getAttribute(LIVE_KEY)!);
      const own = data.filter((d) => d.run === run && d.set === set);
      // a NaN (validation, epoch 3) is a gap: the path restarts after it, as Plot draws it
      const segments = set === 'validation' ? [own.slice(0, 2), own.slice(3)] : [own];
      const expected = segments.map((s) => s.map((d) => [x.apply(d.epoch), y.apply(d.accuracy)]));
      const got = pathPoints(path.getAttribute('d')!);
      expect(got.length).toBe(expected.length);
      got.forEach((seg, i) => {
        expect(seg.length).toBe(expected[i].length);
        seg.forEach(([px, py], j) => {
          expect(px).toBeCloseTo(expected[i][j][0], 2);
          expect(py).toBeCloseTo(expected[i][j][1], 2);
        });
      });
    }
    // the best-epoch ring of each run moved to its new best (the last epoch here)
    for (const c of chart.querySelectorAll(`circle[${LIVE_KEY}]`)) {
      const [, run] = JSON.parse(c.getAttribute(LIVE_KEY)!);
      const best = data.filter((d) => d.run === run && d.set === 'validation').at(-1)!;
      expect(Number(c.getAttribute('cx'))).toBeCloseTo(x.apply(best.epoch), 2);
      expect(Number(c.getAttribute('cy'))).toBeCloseTo(y.apply(best.accuracy), 2);
    }
  });

  it('the extended paths are the ones Plot draws for the same data and domains', () => {
    const a = host(), b = host();
    drawChart(Plot, job(a, rows(3), true));
    expect(drawChart(Plot, job(a, rows(7), true))).toBe('extended');
    drawChart(Plot, job(b, rows(7), true));
    const d = (el: HTMLElement) => Array.from(el.querySelectorAll(`[${LIVE_KEY}]`), (p) => [p.getAttribute(LIVE_KEY), p.getAttribute('d') ?? `${p.getAttribute('cx')},${p.getAttribute('cy')}`]).sort();
    expect(d(a)).toEqual(d(b));
  });

  it('a point outside the y domain redraws the chart with Plot, with the wider domain', () => {
    const el = host();
    drawChart(Plot, job(el, rows(5), true));
    const chart = el.firstElementChild as unknown as Plot.Plot;
    expect(chart.scale('y')!.domain).toEqual([70, 80]);
    const data = rows(6);
    data.push({ run: 'λ = 0', epoch: 7, set: 'training', accuracy: 93 });
    expect(drawChart(Plot, job(el, data, true))).toBe('drawn');
    const redrawn = el.firstElementChild as unknown as Plot.Plot;
    expect(redrawn).not.toBe(chart);
    expect(redrawn.scale('y')!.domain).toEqual([70, 100]);
  });

  it('a point outside the x domain, a new series, a changed frame or a new run redraws it', () => {
    const el = host();
    const one = rows(4).filter((d) => d.run === 'λ = 0');
    drawChart(Plot, job(el, one, true));
    // the second run's first epoch: its facet has no lines yet
    expect(drawChart(Plot, job(el, rows(4), true))).toBe('drawn');
    expect(drawChart(Plot, job(el, rows(5), true))).toBe('extended');
    const late = [...rows(5), { run: 'λ = 0', epoch: EPOCHS + 1, set: 'training', accuracy: 70 }];
    expect(drawChart(Plot, job(el, late, true))).toBe('drawn');
    expect(drawChart(Plot, job(el, rows(5), true, ['early stop at 4']))).toBe('drawn');
    expect(drawChart(Plot, job(el, rows(5), true, ['early stop at 4']))).toBe('extended');
    // a run's series gone (a new run started with one run only)
    expect(drawChart(Plot, job(el, one, true, ['early stop at 4']))).toBe('drawn');
  });

  it('when the run ends the chart is drawn whole: the same as a Plot drawing of the final data', () => {
    const el = host(), fresh = host();
    drawChart(Plot, job(el, rows(2), true));
    for (let n = 3; n <= EPOCHS; n++) drawChart(Plot, job(el, rows(n), true));
    const extended = el.firstElementChild;
    expect(drawChart(Plot, job(el, rows(EPOCHS), false))).toBe('drawn');
    expect(el.firstElementChild).not.toBe(extended);
    drawChart(Plot, job(fresh, rows(EPOCHS), false));
    expect(normalised(el)).toBe(normalised(fresh));
    // at rest nothing is extended: every update is a Plot drawing
    expect(drawChart(Plot, job(el, rows(EPOCHS), false))).toBe('drawn');
  });

  it('keeps the accessibility rules while extended: role="img", the label, decorative swatches, no aria-label on g', () => {
    const el = host();
    drawChart(Plot, job(el, rows(3), true));
    expect(drawChart(Plot, job(el, rows(8), true))).toBe('extended');
    const svg = svgOf(el);
    expect(svg.getAttribute('aria-label')).toBe(LABEL);
    const svgs = Array.from(el.querySelectorAll('svg'));
    expect(svgs.length).toBeGreaterThan(1); // the legend's swatches
    expect(svgs.filter((s) => s !== svg).every((s) => s.getAttribute('aria-hidden') === 'true')).toBe(true);
    expect(el.querySelectorAll('g[aria-label]').length).toBe(0);
    expect(svg.querySelectorAll('[aria-label]').length).toBe(0);
    expect(svg.querySelectorAll(`[${LIVE_KEY}]`).length).toBe(6); // 4 lines, 2 rings
  });
});

describe('snapDomain', () => {
  it('snaps outward to the step and changes only when a value leaves the domain', () => {
    expect(snapDomain([62, 68.5], { step: 10, max: 100 })).toEqual([60, 70]);
    expect(snapDomain([62, 69.9], { step: 10, max: 100 })).toEqual([60, 70]);
    expect(snapDomain([62, 70.1], { step: 10, max: 100 })).toEqual([60, 80]);
    expect(snapDomain([95, 100], { step: 10, max: 100 })).toEqual([90, 100]);
    expect(snapDomain([4567, 3000], { zero: true })).toEqual([0, 5000]);
    expect(snapDomain([0.31, 0.012], { log: true })).toEqual([0.01, 1]);
    expect(snapDomain([NaN, 5], { step: 10 })).toEqual([0, 10]);
  });
});

describe('niceCeil', () => {
  it('is the smallest 1, 2 or 5 × 10ᵏ at or above the value', () => {
    expect([0.3, 1, 1.5, 2, 3, 7, 10, 11, 200, 201, 4999].map(niceCeil)).toEqual([0.5, 1, 2, 2, 5, 10, 10, 20, 200, 500, 5000]);
  });
});
