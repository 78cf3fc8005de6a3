// Observable Plot without the page: Plot accepts a `document` option, so in the worker every
// chart is drawn against a linkedom document and sent to the page as markup (which the page
// sanitises before inserting it, see sanitize.ts).
import type { ChartSupport } from './evaluate';

type PlotNs = Record<string, unknown> & { plot: (o?: Record<string, unknown>) => unknown; Mark?: { prototype: Record<string, unknown> } };

/** a node of the worker-side DOM */
interface NodeLike { outerHTML: string; tagName?: string; nodeName?: string; getAttribute?(n: string): string | null; querySelector?(s: string): NodeLike | null; querySelectorAll?(s: string): { length: number }; textContent?: string | null }

function isNode(v: unknown): v is NodeLike {
  return !!v && typeof v === 'object' && typeof (v as NodeLike).outerHTML === 'string' && typeof ((v as NodeLike).tagName ?? (v as NodeLike).nodeName) === 'string';
}

/** a text alternative: the chart's own title/caption/aria-label, or a plain statement */
function captionOf(node: NodeLike): string {
  const pick = (s: string) => node.querySelector?.(s)?.textContent?.trim();
  const label = node.getAttribute?.('aria-label') ?? node.querySelector?.('svg')?.getAttribute?.('aria-label');
  const parts = [pick('h2'), pick('h3'), pick('figcaption'), label, node.getAttribute?.('aria-description')].filter((x): x is string => !!x);
  return parts.length ? `Chart: ${[...new Set(parts)].join('. ')}` : 'Chart drawn by Observable Plot (give it a title or ariaLabel to describe it here).';
}

function tagCount(markup: string): number {
  let n = 0;
  for (let i = markup.indexOf('<'); i !== -1; i = markup.indexOf('<', i + 1)) n++;
  return n;
}

export function chartSupport(Plot: PlotNs, document: unknown): ChartSupport {
  const plot = (options: Record<string, unknown> = {}) => Plot.plot({ ...options, document });
  // `Plot.lineY(data).plot()` goes through Mark.prototype.plot, which calls Plot's own plot():
  // give it the document too.
  const Mark = Plot.Mark as { prototype: { plot?: unknown } } | undefined;
  if (Mark?.prototype) {
    Mark.prototype.plot = function (this: unknown, { marks = [], ...options }: { marks?: unknown[] } & Record<string, unknown> = {}) {
      return Plot.plot({ ...options, marks: [...marks, this], document });
    };
  }
  const legend = typeof Plot.legend === 'function'
    ? (options: Record<string, unknown> = {}) => (Plot.legend as (o: unknown) => unknown)({ ...options, document })
    : undefined;
  const bound = Object.freeze({ ...Plot, plot, ...(legend ? { legend } : {}) });
  return {
    Plot: bound,
    serialize(v) {
      if (!isNode(v)) return null;
      // elements counted without serialising (a DOM node), or bounded by the markup's "<"s (anything else)
      const nodes = typeof v.querySelectorAll === 'function' ? v.querySelectorAll('*').length + 1 : tagCount(String(v.outerHTML));
      return { caption: captionOf(v), nodes, markup: () => String(v.outerHTML) };
    },
  };
}
