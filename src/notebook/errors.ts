// How a cell's error is described to the reader (shared by the worker and the page; tiny on purpose,
// so the page does not pull in the transpiler).
export interface CellError {
  kind: 'syntax' | 'runtime';
  /** message only, without location */
  message: string;
  /** 1-based line in the reader's code, when known */
  line?: number;
  column?: number;
}

export function errorText(e: CellError): string {
  const where = e.line ? ` (line ${e.line}${e.column ? `, column ${e.column}` : ''})` : '';
  return e.kind === 'syntax' ? `Syntax error${where}: ${e.message}` : `${e.message}${where}`;
}
