// The widget kit's chart: Observable Plot, loaded lazily (the library is fetched when the first
// chart of a page draws), with the accessibility rules in one place:
//   - the chart's svg gets role="img" and the given aria-label (what the chart shows);
//   - with a legend Plot returns a <figure> whose swatch svgs are decorative: aria-hidden;
//   - role="img" makes the svg's parts presentational, so Plot's per-mark aria-labels on <g>
//     (prohibited there, says axe) are removed, and the live marks' per-element ones become
//     data-live-key; the label and the caption carry the meaning;
//   - an optional caption is rendered as text under the chart.
// Charts are drawn one per task: during training several charts change at once and drawing
// them all in one task would hold the main thread; pending redraws of one chart coalesce.
// A training chart passes `live` (live-chart.ts): while `live.running`, an update moves its live
// marks in place instead of redrawing it with Plot whenever the frame allows; Plot redraws it
// when it must, when `live.frame` changes, and when the run ends (so the chart at rest, its tips
// included, is Plot's own).
import { useEffect, useRef } from 'preact/hooks';
import { LIVE_KEY, extendChart, type LiveMark } from './live-chart';
import './kit.css';

export type PlotModule = typeof import('@observablehq/plot');
type Make = (Plot: PlotModule) => SVGElement | HTMLElement;

export interface Live {
  /** A run is adding points to the live marks. */
  running: boolean;
  /** The marks that move in place: the same objects whose `plot` the chart's `make` draws with. */
  marks: readonly LiveMark[];
  /** Anything else the chart draws from changing data (other marks): a change redraws it whole. */
  frame?: readonly unknown[];
}
type Job = { el: HTMLDivElement; make: Make; label: string; live?: Live };

const queue = new Map<object, Job>();
let scheduled = false;
let plotModule: Promise<PlotModule> | null = null;
/** Each live chart's last Plot drawing and the frame it was drawn for. */
const drawn = new WeakMap<HTMLDivElement, { chart: Element; frame: string }>();
const frameOf = (live: Live) => JSON.stringify([live.running, live.frame ?? []]);

/**
 * Fetch and evaluate Observable Plot when the browser is idle, ahead of a chart that will draw
 * later (a widget whose charts appear with its first training run): the module's first evaluation
 * and compilation would otherwise fall inside the run, beside its worker starting up.
 */
export function preloadPlot(): void {
  if (plotModule || typeof window === 'undefined') return;
  const load = () => void (plotModule ??= import('@observablehq/plot'));
  if ('requestIdleCallback' in window) requestIdleCallback(load, { timeout: 5000 });
  else setTimeout(load, 1000);
}

function pump() {
  if (scheduled || queue.size === 0) return;
  scheduled = true;
  plotModule ??= import('@observablehq/plot');
  plotModule.then((Plot) => {
    setTimeout(() => {
      scheduled = false;
      const next = queue.entries().next();
      if (next.done) return;
      const [key, job] = next.value;
      queue.delete(key);
      drawChart(Plot, job);
      pump();
    }, 0);
  });
}

/**
 * Draw one chart into `el` with the accessibility rules above, or for a running live chart move
 * its live marks when the chart drawn last allows it (exported for tests). Returns what it did.
 */
export function drawChart(Plot: PlotModule, { el, make, label, live }: Job): 'extended' | 'drawn' | 'failed' | 'detached' {
  if (!el.isConnected) return 'detached';
  const last = live && drawn.get(el);
  if (live?.running && last && last.frame === frameOf(live) && el.contains(last.chart)) {
    try {
      if (extendChart(last.chart, live.marks)) return 'extended';
    } catch {
      /* drawn whole below */
    }
  }
  drawn.delete(el);
  try {
    const chart = make(Plot);
    const svgs = chart.tagName.toLowerCase() === 'svg' ? [chart] : Array.from(chart.querySelectorAll('svg'));
    const svg = svgs[svgs.length - 1];
    svgs.slice(0, -1).forEach((s) => s.setAttribute('aria-hidden', 'true'));
    svg?.setAttribute('role', 'img');
    svg?.setAttribute('aria-label', label);
    svg?.querySelectorAll('g[aria-label]').forEach((g) => g.removeAttribute('aria-label'));
    svg?.querySelectorAll('[aria-label]:not(svg)').forEach((e) => {
      e.setAttribute(LIVE_KEY, e.getAttribute('aria-label')!);
      e.removeAttribute('aria-label');
    });
    el.replaceChildren(chart);
    if (live) drawn.set(el, { chart, frame: frameOf(live) });
    return 'drawn';
  } catch {
    el.textContent = 'This chart could not be drawn for the current values.';
    return 'failed';
  }
}

export function Chart({ make, deps, label, caption, testid, live }: { make: Make; deps: unknown[]; label: string; caption?: string; testid?: string; live?: Live }) {
  const ref = useRef<HTMLDivElement>(null);
  const key = useRef({});
  useEffect(() => {
    if (!ref.current) return;
    queue.set(key.current, { el: ref.current, make, label, live });
    pump();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [...deps, live?.running]);
  useEffect(() => () => void queue.delete(key.current), []);
  return (
    <>
      <div class="widget-plot" ref={ref} data-testid={testid} />
      {caption && <p class="widget-caption">{caption}</p>}
    </>
  );
}
