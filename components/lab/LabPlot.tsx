// A lazily loaded Observable Plot chart for the lab widgets, drawn one chart per task: during
// training several charts change at once (curves, histograms), and drawing them all in one task
// would hold the main thread for hundreds of milliseconds. Pending redraws of the same chart
// coalesce (only the latest is drawn). Accessibility as in widgets/Slowdown-plot.tsx.
import { useEffect, useRef } from 'preact/hooks';

type PlotModule = typeof import('@observablehq/plot');
type Job = { el: HTMLDivElement; make: (Plot: PlotModule) => SVGElement | HTMLElement; label: string };

const queue = new Map<object, Job>();
let scheduled = false;
let plotModule: Promise<PlotModule> | null = null;

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
      draw(Plot, job);
      pump();
    }, 0);
  });
}

function draw(Plot: PlotModule, { el, make, label }: Job) {
  if (!el.isConnected) return;
  try {
    const chart = make(Plot);
    // With a legend Plot returns a <figure>: swatch svgs first, the chart svg last.
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

export function LabPlot({ make, deps, label, testid }: { make: (Plot: PlotModule) => SVGElement | HTMLElement; deps: unknown[]; label: string; testid?: string }) {
  const ref = useRef<HTMLDivElement>(null);
  const key = useRef({});
  useEffect(() => {
    if (!ref.current) return;
    queue.set(key.current, { el: ref.current, make, label });
    pump();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, deps);
  useEffect(() => () => void queue.delete(key.current), []);
  return <div class="widget-plot" ref={ref} data-testid={testid} />;
}
