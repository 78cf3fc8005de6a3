// A layered network drawn as SVG. Layers are the text's l = 0 … L; the edge from neuron k of layer
// l − 1 to neuron j of layer l carries w^l_{jk}. Each neuron is focusable (Tab) and hoverable, so a
// widget can highlight the row of w that forms its z; a widget passes the edges to emphasise and
// the lines of text to print in each neuron. Drawing only: no maths here.
//
// The drawing is laid out for the width it is shown at (one viewBox unit = one CSS pixel from
// 260 px up to 480 px), so its 12 px labels stay 12 px on a phone instead of shrinking with a
// fixed 480-unit drawing (≈ 6 px at 375 px). Styles: components/kit/kit.css (.nd…).
import { useLayoutEffect, useRef, useState } from 'preact/hooks';
import '../../kit/kit.css';

export interface NeuronRef {
  l: number;
  j: number;
}

export interface EdgeRef {
  /** Layer of the weight (w^l), from neuron k of layer l − 1 to neuron j of layer l. */
  l: number;
  j: number;
  k: number;
}

export interface NetworkDiagramProps {
  sizes: number[];
  /** Short lines printed inside/under neuron (l, j), e.g. ['z 0.52', 'a 0.63']. */
  lines: (n: NeuronRef) => string[];
  /** Accessible name of neuron (l, j), with its current numbers. */
  describe: (n: NeuronRef) => string;
  /** Edges to draw emphasised, with an optional label (the weight). */
  edges?: (EdgeRef & { label?: string })[];
  /** 'forward' (accent) for a row of w, 'backward' for the transposed weights of BP2. */
  edgeStyle?: 'forward' | 'backward';
  selected?: NeuronRef | null;
  /** Neurons drawn emphasised besides the selected one (e.g. the inputs of a highlighted row). */
  marked?: NeuronRef[];
  onHover?: (n: NeuronRef | null) => void;
  onSelect?: (n: NeuronRef) => void;
  label: string;
  testid?: string;
  /** Names of the layers under the columns; default input, hidden l, output. */
  layerNames?: string[];
}

/** Widest and narrowest layout widths (viewBox units); wider screens scale the 480-unit drawing up. */
const MAX_W = 480;
const MIN_W = 260;
const R = 29;
const LINE = 13;

/** The layout width for an svg shown `shown` CSS pixels wide. */
export function layoutWidth(shown: number): number {
  if (!(shown > 0)) return MAX_W;
  return Math.max(MIN_W, Math.min(MAX_W, Math.round(shown)));
}

function same(a: NeuronRef | null | undefined, b: NeuronRef): boolean {
  return !!a && a.l === b.l && a.j === b.j;
}

export function NetworkDiagram(props: NetworkDiagramProps) {
  const { sizes, lines, describe, edges = [], edgeStyle = 'forward', selected, marked = [], onHover, onSelect, label, testid } = props;
  const svgRef = useRef<SVGSVGElement>(null);
  const [W, setW] = useState(MAX_W);
  useLayoutEffect(() => {
    const el = svgRef.current;
    if (!el || typeof ResizeObserver === 'undefined') return;
    const measure = () => setW(layoutWidth(el.getBoundingClientRect().width));
    measure();
    const ro = new ResizeObserver(measure);
    ro.observe(el);
    return () => ro.disconnect();
  }, []);
  const L = sizes.length - 1;
  const maxN = Math.max(...sizes);
  const gapY = 80;
  const H = maxN * gapY + 40;
  const margin = R + 8;
  const x = (l: number) => margin + (l * (W - 2 * margin)) / L;
  const y = (l: number, j: number) => 20 + (H - 40) / 2 + (j - (sizes[l] - 1) / 2) * gapY;
  const names = props.layerNames ?? sizes.map((_, l) => (l === 0 ? 'input' : l === L ? 'output' : `hidden ${l}`));
  const hot = new Set(edges.map((e) => `${e.l}:${e.j}:${e.k}`));

  const plain: preact.JSX.Element[] = [];
  for (let l = 1; l <= L; l++)
    for (let j = 0; j < sizes[l]; j++)
      for (let k = 0; k < sizes[l - 1]; k++)
        if (!hot.has(`${l}:${j}:${k}`)) plain.push(<line key={`e${l}-${j}-${k}`} class="nd-edge" x1={x(l - 1) + R} y1={y(l - 1, k)} x2={x(l) - R} y2={y(l, j)} />);

  return (
    <svg class="nd" ref={svgRef} viewBox={`0 0 ${W} ${H + 18}`} role="group" aria-label={label} data-testid={testid}>
      <g aria-hidden="true">{plain}</g>
      <g aria-hidden="true">
        {edges.map((e) => {
          const x1 = x(e.l - 1) + R;
          const y1 = y(e.l - 1, e.k);
          const x2 = x(e.l) - R;
          const y2 = y(e.l, e.j);
          // The label sits near the end the highlight is about: the target for a row of w, the
          // source for a column (BP2 reads the weights backwards).
          const t = edgeStyle === 'forward' ? 0.62 : 0.38;
          return (
            <g key={`h${e.l}-${e.j}-${e.k}`}>
              <line class={`nd-edge nd-hot nd-${edgeStyle}`} x1={x1} y1={y1} x2={x2} y2={y2} />
              {e.label && (
                <text class="nd-wlabel" x={x1 + (x2 - x1) * t} y={y1 + (y2 - y1) * t - 4} text-anchor="middle">
                  {e.label}
                </text>
              )}
            </g>
          );
        })}
      </g>
      {sizes.map((n, l) =>
        Array.from({ length: n }, (_, j) => {
          const ref = { l, j };
          const ls = lines(ref);
          return (
            <g
              key={`n${l}-${j}`}
              class={`nd-neuron${same(selected, ref) ? ' nd-selected' : ''}${marked.some((m) => same(m, ref)) ? ' nd-marked' : ''}`}
              // Focusable buttons only when a neuron can be selected; otherwise a labelled picture.
              tabIndex={onSelect ? 0 : undefined}
              role={onSelect ? 'button' : 'img'}
              aria-pressed={onSelect ? same(selected, ref) : undefined}
              aria-label={describe(ref)}
              data-testid={`${testid ?? 'nd'}-n-${l}-${j + 1}`}
              onMouseEnter={() => onHover?.(ref)}
              onMouseLeave={() => onHover?.(null)}
              onFocus={() => onSelect?.(ref)}
              onClick={() => onSelect?.(ref)}
            >
              <circle cx={x(l)} cy={y(l, j)} r={R} />
              {ls.map((t, i) => (
                <text key={i} x={x(l)} y={y(l, j) + (i - (ls.length - 1) / 2) * LINE + 4} text-anchor="middle" aria-hidden="true">
                  {t}
                </text>
              ))}
            </g>
          );
        }),
      )}
      <g aria-hidden="true">
        {names.map((name, l) => (
          <text key={`l${l}`} class="nd-layer" x={x(l)} y={H + 13} text-anchor="middle">
            {name}
          </text>
        ))}
      </g>
    </svg>
  );
}
