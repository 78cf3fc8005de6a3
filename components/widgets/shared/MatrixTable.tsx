// A matrix shown as a small table: optional row/column headers, highlighted rows, columns or
// cells, and data-testids `${testid}-${i}-${j}` (1-based) so tests can read every entry.
import { fmt } from '../../kit/format';


export interface MatrixTableProps {
  data: ArrayLike<ArrayLike<number>>;
  caption: string;
  testid: string;
  rowHeads?: string[];
  colHeads?: string[];
  hotRows?: number[];
  hotCols?: number[];
  /** A second highlight style (dashed), e.g. the transposed weights of BP2. */
  hot2Cols?: number[];
  digits?: number;
}

export function MatrixTable({ data, caption, testid, rowHeads, colHeads, hotRows = [], hotCols = [], hot2Cols = [], digits = 4 }: MatrixTableProps) {
  const rows = Array.from(data, (r) => Array.from(r));
  return (
    <div class="wa-scroll" tabIndex={0} role="region" aria-label={caption}>
      <table class="wa-matrix" data-testid={testid}>
        <caption>{caption}</caption>
        {colHeads && (
          <thead>
            <tr>
              {rowHeads && <td />}
              {colHeads.map((h, j) => (
                <th key={j} scope="col" class={hotCols.includes(j) ? 'wa-hot' : undefined}>
                  {h}
                </th>
              ))}
            </tr>
          </thead>
        )}
        <tbody>
          {rows.map((r, i) => (
            <tr key={i}>
              {rowHeads && (
                <th scope="row" class={hotRows.includes(i) ? 'wa-hot' : undefined}>
                  {rowHeads[i]}
                </th>
              )}
              {r.map((v, j) => {
                const cls = [hotRows.includes(i) || hotCols.includes(j) ? 'wa-hot' : '', hot2Cols.includes(j) ? 'wa-hot2' : ''].join(' ').trim();
                return (
                  <td key={j} class={cls || undefined} data-testid={`${testid}-${i + 1}-${j + 1}`} data-value={String(v)}>
                    {fmt(v, digits)}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
