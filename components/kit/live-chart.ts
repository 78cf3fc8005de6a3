// Training charts that grow without a whole redraw (issue 17 §4: the page stays smooth while
// training). While a run adds points, the chart Plot drew last (axes, grid, legend: the frame)
// stays on the page and only its live marks move: each line's path `d` is recomputed with the
// scales Plot returned and d3-shape's line generator (the one Plot's line mark draws with, so the
// path is the one Plot would draw), each dot's cx/cy likewise. Extending is refused — and the
// caller redraws the whole chart with Plot — when a point falls outside the frame's x or y domain,
// or a series or dot appears that the frame does not have, or one the frame has is gone.
//
// A live mark is declared once and used twice: `mark.plot(Plot, options)` inside the chart's
// `make` (a Plot.line or Plot.dot whose elements carry their series key), and the mark itself in
// the Chart's `live.marks`, whose data the extension reads.
import { line as shapeLine } from 'd3-shape';
import type * as PlotTypes from '@observablehq/plot';

type PlotModule = typeof PlotTypes;
type Datum = Record<string, unknown>;
type Field<T> = Extract<keyof T, string>;

/** The attribute that carries a live element's key once drawChart has moved it off aria-label. */
export const LIVE_KEY = 'data-live-key';

export interface LiveChannels<T> {
  x: Field<T>;
  y: Field<T>;
  /** The series: one path per value (lines only). */
  z?: Field<T>;
  /** The facet, when the chart is faceted by `fx`. */
  fx?: Field<T>;
}

/** A live mark (the field names are checked against the data where liveLine/liveDot are called). */
export interface LiveMark {
  kind: 'line' | 'dot';
  data: readonly object[];
  x: string;
  y: string;
  z?: string;
  fx?: string;
  /** The key of the element that draws `d`: its kind, facet and series. */
  keyOf(d: object): string;
  /** The Plot mark (Plot.line or Plot.dot) over `data` with these channels and `options`. */
  plot(Plot: PlotModule, options?: Record<string, unknown>): PlotTypes.Markish;
}

function liveMark<T extends object>(kind: LiveMark['kind'], data: readonly T[], channels: LiveChannels<T>): LiveMark {
  const { x, y, z, fx } = channels;
  const get = (d: object, k: string | undefined) => (k === undefined ? null : (d as Datum)[k]);
  const keyOf = (d: object) => JSON.stringify([kind, get(d, fx), kind === 'line' ? get(d, z) : null]);
  return {
    kind, data, x, y, z, fx, keyOf,
    // the per-element ariaLabel channel tags each path (one per series) or circle with its key;
    // drawChart moves it to LIVE_KEY (role="img" makes the parts presentational)
    plot: (Plot, options = {}) => {
      const o = { x, y, fx, ...options, ariaLabel: keyOf } as never;
      return kind === 'line' ? Plot.line(data as T[], { ...(o as object), z } as never) : Plot.dot(data as T[], o);
    },
  };
}

/** A line per series (`z`), per facet (`fx`), drawn by Plot and extended in place while a run adds points. */
export const liveLine = <T extends object>(data: readonly T[], channels: LiveChannels<T>) => liveMark('line', data, channels);
/** Dots (at most one per facet), drawn by Plot and moved in place while a run adds points. */
export const liveDot = <T extends object>(data: readonly T[], channels: Omit<LiveChannels<T>, 'z'>) => liveMark('dot', data, channels);

/**
 * An axis domain that contains `values` and stays put while new values fall inside it: each end is
 * snapped outward to a multiple of `step` (by default one unit of the span's leading digit), or for
 * a log scale to a power of ten, then clamped to [min, max]; `zero` includes 0.
 */
export function snapDomain(values: readonly number[], { step, min = -Infinity, max = Infinity, zero = false, log = false }: { step?: number; min?: number; max?: number; zero?: boolean; log?: boolean } = {}): [number, number] {
  const v = values.filter((x) => Number.isFinite(x) && (!log || x > 0));
  if (zero && !log) v.push(0);
  if (v.length === 0) return log ? [0.1, 1] : [Math.max(min, 0), Math.min(max, 1)];
  let lo = Math.min(...v);
  let hi = Math.max(...v);
  if (log) {
    lo = 10 ** Math.floor(Math.log10(lo));
    hi = 10 ** Math.ceil(Math.log10(hi));
    return [Math.max(min, lo), Math.min(max, hi === lo ? lo * 10 : hi)];
  }
  const s = step ?? 10 ** Math.floor(Math.log10(hi - lo || Math.abs(hi) || 1));
  lo = Math.floor(lo / s) * s;
  hi = Math.ceil(hi / s) * s;
  if (hi === lo) hi = lo + s;
  return [Math.max(min, lo), Math.min(max, hi)];
}

/** The smallest of 1, 2, 5 × 10ᵏ at or above `v` (> 0): an axis end for a run of unknown length, which moves 3 times per decade. */
export function niceCeil(v: number): number {
  if (!(v > 0) || !Number.isFinite(v)) return 1;
  const p = 10 ** Math.floor(Math.log10(v));
  return [1, 2, 5, 10].map((m) => m * p).find((c) => c >= v * (1 - 1e-12))!;
}

type PlotChart = Element & { scale?: (name: 'x' | 'y') => PlotTypes.Scale | undefined };

const finite = (x: unknown): x is number => typeof x === 'number' && Number.isFinite(x);

/**
 * Move the live marks of `chart` (a Plot chart drawn by drawChart) to their marks' current data.
 * Returns false, changing nothing, when that needs Plot: a point outside the x or y domain, a
 * series or dot the chart does not have, or one it has and the data no longer do.
 */
export function extendChart(chart: Element, marks: readonly LiveMark[]): boolean {
  const sx = (chart as PlotChart).scale?.('x');
  const sy = (chart as PlotChart).scale?.('y');
  if (!sx || !sy) return false;
  const inside = (s: PlotTypes.Scale, v: number) => {
    const d = s.domain as number[];
    return d.length === 2 && finite(d[0]) && finite(d[1]) && v >= Math.min(d[0], d[1]) && v <= Math.max(d[0], d[1]);
  };
  const X = (v: unknown): number => sx.apply(v);
  const Y = (v: unknown): number => sy.apply(v);
  const elements = new Map<string, Element>();
  for (const el of chart.querySelectorAll(`[${LIVE_KEY}]`)) {
    const key = el.getAttribute(LIVE_KEY)!;
    if (elements.has(key)) return false; // two elements with one key: which is which is Plot's business
    elements.set(key, el);
  }
  const updates: (() => void)[] = [];
  const seen = new Set<string>();
  for (const mark of marks) {
    // a point Plot draws: both positions defined (Plot skips the others: a gap in a line, no dot)
    const drawn = (d: Datum) => finite(X(d[mark.x])) && finite(Y(d[mark.y]));
    const groups = new Map<string, Datum[]>();
    for (const d of mark.data as Datum[]) {
      const key = mark.keyOf(d);
      let g = groups.get(key);
      if (!g) groups.set(key, (g = []));
      g.push(d);
    }
    for (const [key, rows] of groups) {
      const shown = rows.filter(drawn);
      if (shown.length === 0) continue; // Plot draws no element for it either
      const el = elements.get(key);
      if (!el || seen.has(key)) return false;
      seen.add(key);
      if (!shown.every((d) => inside(sx, d[mark.x] as number) && inside(sy, d[mark.y] as number))) return false;
      if (mark.kind === 'line') {
        const d = shapeLine<Datum>().defined(drawn).x((r) => X(r[mark.x])).y((r) => Y(r[mark.y]))(rows) ?? '';
        updates.push(() => el.setAttribute('d', d));
      } else {
        if (shown.length !== 1) return false;
        const [cx, cy] = [X(shown[0][mark.x]), Y(shown[0][mark.y])];
        updates.push(() => (el.setAttribute('cx', String(cx)), el.setAttribute('cy', String(cy))));
      }
    }
  }
  if (seen.size !== elements.size) return false; // an element whose series is gone
  updates.forEach((u) => u());
  return true;
}
