/** @jsxImportSource preact */
// A cell's output. Text is rendered as text nodes (never parsed as HTML), tables cell by cell;
// only charts become markup, after sanitizeChart rebuilt them from an allow-list.
import { useEffect, useRef } from 'preact/hooks';
import type { OutputItem } from '../../src/notebook/format';
import { sanitizeChart } from '../../src/notebook/sanitize';

function Chart({ markup, caption }: { markup: string; caption: string }) {
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!box.current) return;
    const node = sanitizeChart(markup, document);
    if (!node) { box.current.textContent = '(the chart could not be shown)'; return; }
    const svg = node.localName === 'svg' ? node : node.querySelector('svg');
    if (svg) { svg.setAttribute('role', 'img'); if (!svg.getAttribute('aria-label')) svg.setAttribute('aria-label', caption); }
    box.current.replaceChildren(node);
  }, [markup]);
  return (
    <figure class="nb-chart">
      <div ref={box} />
      <figcaption class="nb-caption">{caption}</figcaption>
    </figure>
  );
}

export function Output({ items }: { items: OutputItem[] }) {
  if (items.length === 0) return <div class="nb-output" role="group" aria-label="Output" data-empty="true" />;
  return (
    <div class="nb-output" role="group" aria-label="Output">
      {items.map((item, i) => {
        switch (item.kind) {
          case 'text':
            return <pre key={i} class={`nb-text nb-${item.level ?? 'value'}`}>{item.text}</pre>;
          case 'error':
            return <pre key={i} class="nb-error" role="alert" data-line={item.line}>{item.text}</pre>;
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
