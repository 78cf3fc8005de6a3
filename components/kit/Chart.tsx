// The widget kit's chart: Observable Plot, loaded lazily (the library is fetched when the first
// chart of a page draws), with the accessibility rules in one place:
//   - the chart's svg gets role="img" and the given aria-label (what the chart shows);
//   - with a legend Plot returns a <figure> whose swatch svgs are decorative: aria-hidden;
//   - role="img" makes the svg's parts presentational, so Plot's per-mark aria-labels on <g>
//     (prohibited there, says axe) are removed; the label and the caption carry the meaning;
//   - an optional caption is rendered as text under the chart.
// Charts are drawn one per task: during training several charts change at once and drawing
// them all in one task would hold the main thread; pending redraws of one chart coalesce.
import { useEffect, useRef } from 'preact/hooks';
import './kit.css';

export type PlotModule = typeof import('@observablehq/plot');
type Make = (Plot: PlotModule) => SVGElement | HTMLElement;
type Job = { el: HTMLDivElement; make: Make; label: string };

const queue = new Map<object, Job>();
let scheduled = false;
let plotModule: Promise<PlotModule> | null = null;

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

/** Draw one chart into `el` with the accessibility rules above (exported for tests). */
export function drawChart(Plot: PlotModule, { el, make, label }: Job): void {
  if (!el.isConnected) return;
  try {
    const chart = make(Plot);
    const svgs = chart.tagName.toLowerCase() === 'svg' ? [chart] : Array.from(chart.querySelectorAll('svg'));
    const svg = svgs[svgs.length - 1];
    svgs.slice(0, -1).forEach((s) => s.setAttribute('aria-hidden', 'true'));
    svg?.setAttribute('role', 'img');
    svg?.setAttribute('aria-label', label);
    svg?.querySelectorAll('g[aria-label]').forEach((g) => g.removeAttribute('aria-label'));
    el.replaceChildren(chart);
  } catch {
    el.textContent = 'This chart could not be drawn for the current values.';
  }
}

export function Chart({ make, deps, label, caption, testid }: { make: Make; deps: unknown[]; label: string; caption?: string; testid?: string }) {
  const ref = useRef<HTMLDivElement>(null);
  const key = useRef({});
  useEffect(() => {
    if (!ref.current) return;
    queue.set(key.current, { el: ref.current, make, label });
    pump();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, deps);
  useEffect(() => () => void queue.delete(key.current), []);
  return (
    <>
      <div class="widget-plot" ref={ref} data-testid={testid} />
      {caption && <p class="widget-caption">{caption}</p>}
    </>
  );
}
