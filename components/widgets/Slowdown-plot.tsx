// A lazily loaded Observable Plot: the chart library is fetched only when a widget draws, and each
// redraw replaces the previous svg. `make` receives the Plot module and returns the chart.
import { useEffect, useRef } from 'preact/hooks';

type PlotModule = typeof import('@observablehq/plot');

export function LazyPlot({ make, deps, label }: { make: (Plot: PlotModule) => SVGElement | HTMLElement; deps: unknown[]; label: string }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    let cancelled = false;
    import('@observablehq/plot').then((Plot) => {
      if (cancelled || !ref.current) return;
      try {
        const chart = make(Plot);
        // With a legend Plot returns a <figure>: swatch svgs first, the chart svg last.
        const svgs = chart.tagName.toLowerCase() === 'svg' ? [chart] : Array.from(chart.querySelectorAll('svg'));
        const svg = svgs[svgs.length - 1];
        svgs.slice(0, -1).forEach((swatch) => swatch.setAttribute('aria-hidden', 'true'));
        svg?.setAttribute('role', 'img');
        svg?.setAttribute('aria-label', label);
        // role="img" makes the svg's parts presentational; Plot's per-mark aria-labels on <g> would
        // then be prohibited attributes (axe), so the svg's own label and the caption carry the meaning.
        svg?.querySelectorAll('g[aria-label]').forEach((g) => g.removeAttribute('aria-label'));
        ref.current.replaceChildren(chart);
      } catch {
        ref.current.textContent = 'This chart could not be drawn for the current values.';
      }
    });
    return () => {
      cancelled = true;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, deps);
  return <div class="widget-plot" ref={ref} />;
}
