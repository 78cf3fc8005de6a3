/** @jsxImportSource preact */
// A cell's output. Text is rendered as text nodes (never parsed as HTML), tables cell by cell;
// only charts become markup, after sanitizeChart rebuilt them from an allow-list, and each chart
// lives in a shadow root of its own: its styles cannot reach the page, the page's cannot reach it,
// and the box it is drawn in clips it (no overlay can leave the cell).
// The worker already bounds what it sends (format.ts: OutputBudget); the same limits are applied
// here too, so a page never renders more than that whatever reaches it.
import { useEffect, useRef } from 'preact/hooks';
import { MAX_CHART_CHARS, MAX_TEXT_CHARS, count, type OutputItem } from '../../src/notebook/format';
import { sanitizeChart, chartIdPrefix } from '../../src/notebook/sanitize';

/** the chart's own stylesheet, inside its shadow root: sizing only, colours inherited from the page */
const CHART_CSS = `:host { display: block; position: relative; overflow: auto; contain: layout paint; isolation: isolate; max-height: 80vh; }
svg { max-width: 100%; height: auto; background: transparent; overflow: hidden; }
figure { margin: 0; } h2, h3 { font-size: 1em; margin: 0.2em 0; } p { margin: 0.2em 0; }`;

function Chart({ markup, caption }: { markup: string; caption: string }) {
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const host = box.current;
    if (!host) return;
    const say = (text: string) => { host.shadowRoot?.replaceChildren(); host.textContent = text; };
    if (markup.length > MAX_CHART_CHARS) { say(`(chart not shown: its markup has ${count(markup.length)} characters, more than ${count(MAX_CHART_CHARS)})`); return; }
    const node = sanitizeChart(markup, document, undefined, { prefix: chartIdPrefix() });
    if (!node) { say('(the chart could not be shown)'); return; }
    const svg = node.localName === 'svg' ? node : node.querySelector('svg');
    if (svg) { svg.setAttribute('role', 'img'); if (!svg.getAttribute('aria-label')) svg.setAttribute('aria-label', caption); }
    host.textContent = '';
    const root = host.shadowRoot ?? host.attachShadow({ mode: 'open' });
    const style = document.createElement('style');
    style.textContent = CHART_CSS;
    root.replaceChildren(style, node);
  }, [markup, caption]);
  return (
    <figure class="nb-chart">
      <div ref={box} class="nb-chart-box" data-chart="" />
      <figcaption class="nb-caption">{caption}</figcaption>
    </figure>
  );
}

/** text beyond the limit is not rendered (the worker cuts it first; this is the page's own guard) */
function bounded(text: string): string {
  return text.length <= MAX_TEXT_CHARS ? text : `${text.slice(0, MAX_TEXT_CHARS)}\n… output cut at ${count(MAX_TEXT_CHARS)} characters; ${count(text.length - MAX_TEXT_CHARS)} more not shown`;
}

export function Output({ items }: { items: OutputItem[] }) {
  if (items.length === 0) return <div class="nb-output" role="group" aria-label="Output" data-empty="true" />;
  return (
    <div class="nb-output" role="group" aria-label="Output">
      {items.map((item, i) => {
        switch (item.kind) {
          case 'text':
            return <pre key={i} class={`nb-text nb-${item.level ?? 'value'}`}>{bounded(item.text)}</pre>;
          case 'error':
            return <pre key={i} class="nb-error" role="alert" data-line={item.line}>{bounded(item.text)}</pre>;
          case 'table':
            return (
              <div key={i} class="nb-table-wrap">
                <table class="nb-table">
                  <caption>{item.caption}</caption>
                  {item.header && <thead><tr>{item.header.map((h, j) => <th key={j} scope="col">{h}</th>)}</tr></thead>}
                  <tbody>{item.rows.map((r, j) => <tr key={j}>{r.map((c, k) => <td key={k}>{c}</td>)}</tr>)}</tbody>
                </table>
              </div>
            );
          case 'svg':
            return <Chart key={i} markup={item.markup} caption={item.caption} />;
        }
      })}
    </div>
  );
}
