// A layered network drawn as SVG. Layers are the text's l = 0 … L; the edge from neuron k of layer
// l − 1 to neuron j of layer l carries w^l_{jk}. Each neuron is focusable (Tab) and hoverable, so a
// widget can highlight the row of w that forms its z; a widget passes the edges to emphasise and
// the lines of text to print in each neuron. Drawing only: no maths here.

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

const W = 480;
const R = 29;

function same(a: NeuronRef | null | undefined, b: NeuronRef): boolean {
  return !!a && a.l === b.l && a.j === b.j;
}

export function NetworkDiagram(props: NetworkDiagramProps) {
  const { sizes, lines, describe, edges = [], edgeStyle = 'forward', selected, marked = [], onHover, onSelect, label, testid } = props;
  const L = sizes.length - 1;
  const maxN = Math.max(...sizes);
  const gapY = 80;
  const H = maxN * gapY + 40;
  const x = (l: number) => 45 + (l * (W - 90)) / L;
  const y = (l: number, j: number) => 20 + (H - 40) / 2 + (j - (sizes[l] - 1) / 2) * gapY;
  const names = props.layerNames ?? sizes.map((_, l) => (l === 0 ? 'input' : l === L ? 'output' : `hidden ${l}`));
  const hot = new Set(edges.map((e) => `${e.l}:${e.j}:${e.k}`));

  const plain: preact.JSX.Element[] = [];
  for (let l = 1; l <= L; l++)
    for (let j = 0; j < sizes[l]; j++)
      for (let k = 0; k < sizes[l - 1]; k++)
        if (!hot.has(`${l}:${j}:${k}`)) plain.push(<line key={`e${l}-${j}-${k}`} class="nd-edge" x1={x(l - 1) + R} y1={y(l - 1, k)} x2={x(l) - R} y2={y(l, j)} />);

  return (
    <svg class="nd" viewBox={`0 0 ${W} ${H + 18}`} role="group" aria-label={label} data-testid={testid}>
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
                <text key={i} x={x(l)} y={y(l, j) + (i - (ls.length - 1) / 2) * 11 + 3.5} text-anchor="middle" aria-hidden="true">
                  {t}
                </text>
              ))}
            </g>
          );
        }),
      )}
      <g aria-hidden="true">
        {names.map((name, l) => (
          <text key={`l${l}`} class="nd-layer" x={x(l)} y={H + 12} text-anchor="middle">
            {name}
          </text>
        ))}
      </g>
    </svg>
  );
}

/** Styles for the diagram and the matrix tables (Starlight variables: both themes). */
export const DIAGRAM_CSS = `
.widget .nd{width:100%;max-width:520px;height:auto;display:block;margin:.5rem auto;font-size:10px;font-family:var(--sl-font-system-mono,monospace)}
.widget .nd text{fill:var(--sl-color-text)}
.widget .nd .nd-layer{fill:var(--sl-color-gray-2);font-size:11px}
.widget .nd-edge{stroke:var(--sl-color-gray-5);stroke-width:1}
.widget .nd-hot.nd-forward{stroke:var(--sl-color-accent);stroke-width:3}
.widget .nd-hot.nd-backward{stroke:var(--sl-color-orange,#c60);stroke-width:3;stroke-dasharray:6 3}
.widget .nd-wlabel{font-size:10px;font-weight:600;paint-order:stroke;stroke:var(--sl-color-bg);stroke-width:3px}
.widget .nd-neuron[tabindex]{cursor:pointer;outline:none}
.widget .nd-neuron circle{fill:var(--sl-color-bg);stroke:var(--sl-color-gray-3);stroke-width:1.5}
.widget .nd-neuron.nd-marked circle{stroke:var(--sl-color-accent);stroke-width:2}
.widget .nd-neuron.nd-selected circle{stroke:var(--sl-color-accent);stroke-width:3.5;fill:var(--sl-color-accent-low)}
.widget .nd-neuron:focus-visible circle{stroke:var(--sl-color-text);stroke-width:3.5}
.widget .wa-eq{font-family:var(--sl-font-system-mono,monospace);font-size:.9em;overflow-wrap:anywhere;padding:.25rem 0}
.widget .wa-matrix{border-collapse:collapse;margin:.25rem 0;font-size:.85em}
.widget .wa-matrix td,.widget .wa-matrix th{padding:.1rem .4rem;border:1px solid var(--sl-color-gray-5);text-align:right}
.widget .wa-matrix th{color:var(--sl-color-gray-2);font-weight:normal}
.widget .wa-matrix .wa-hot{background:var(--sl-color-accent-low);font-weight:600}
.widget .wa-matrix .wa-hot2{outline:2px dashed var(--sl-color-orange,#c60);outline-offset:-2px}
.widget .wa-scroll{overflow-x:auto;max-width:100%}
.widget .wa-scroll table,.widget table.wa-matrix{display:table;overflow:visible}
.widget .wa-field{width:4.5rem}
.widget .wa-small{font-size:.85em;color:var(--sl-color-gray-2)}
.widget .wa-model textarea{display:block;width:100%;font-family:var(--sl-font-system-mono,monospace);font-size:.8em;margin:.25rem 0;color:var(--sl-color-text);background:var(--sl-color-bg);border:1px solid var(--sl-color-gray-4)}
`;
