// The cell type checker's worker (bundled with the TypeScript compiler by
// scripts/build-typecheck.mjs into public/typecheck/worker.js; started by typecheck-client.ts only
// when a reader asks for a check). It reads the checker's files once, then answers each request.
import ts from 'typescript';
import { checkCellTypes, topLevelNames, type CheckFiles } from './typecheck';

/** `earlier`: the code of the session's cells above this one (their top-level names are known) */
export interface TypecheckRequest { id: number; code: string; earlier: string[] }
export type TypecheckReply = { id: number; ok: true; diagnostics: ReturnType<typeof checkCellTypes> } | { id: number; ok: false; message: string };

let files: Promise<CheckFiles> | null = null;
const scope = self as unknown as { onmessage: ((e: MessageEvent<TypecheckRequest>) => void) | null; postMessage(m: TypecheckReply): void; location: Location };

scope.onmessage = async (e) => {
  const { id, code, earlier } = e.data;
  try {
    files ??= fetch(new URL('files.json', scope.location.href)).then((r) => {
      if (!r.ok) throw new Error(`the checker's files could not be loaded (HTTP ${r.status})`);
      return r.json() as Promise<CheckFiles>;
    });
    scope.postMessage({ id, ok: true, diagnostics: checkCellTypes(ts, await files, code, earlier.flatMap((c) => topLevelNames(ts, c))) });
  } catch (err) {
    files = null;
    scope.postMessage({ id, ok: false, message: err instanceof Error ? err.message : String(err) });
  }
};
