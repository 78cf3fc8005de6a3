/** @jsxImportSource preact */
// An editable, runnable TypeScript cell. The code runs in a Web Worker inside a sandboxed,
// opaque-origin iframe with no network (src/notebook/sandbox.ts), never on the page; the editor (CodeMirror) loads when the cell is first shown. Cells with the same
// `session` share one worker and see each other's top-level declarations, in page order.
import { useEffect, useRef, useState } from 'preact/hooks';
import { runnerFor, stoppedMessage, sessionResetNotice, DEFAULT_TIME_LIMIT_MS, MIN_TIME_LIMIT_S, MAX_TIME_LIMIT_S, type CellRunner } from '../../src/notebook/client';
import { loadEdit, saveEdit, clearEdit } from '../../src/notebook/storage';
import { errorText } from '../../src/notebook/errors';
import type { OutputItem } from '../../src/notebook/format';
import type { EditorHandle } from './editor';
import { Output } from './Output';

export interface CellProps {
  /** the cell's code (TypeScript) */
  code: string;
  /** stable id within the page: the reader's edit is saved under it */
  id: string;
  /** page key for saved edits (Cell.astro passes the page's path) */
  page: string;
  /** cells with the same session share state, in page order */
  session?: string;
  /** time limit in seconds (default 5) */
  timeLimit?: number;
  /** a short heading for the cell */
  title?: string;
}

type Status = 'idle' | 'running' | 'ran' | 'error' | 'stale' | 'stopped';
const STATUS_TEXT: Record<Status, string> = {
  idle: 'Not run yet', running: 'Running…', ran: 'Ran', error: 'Error', stale: 'Stale: changed, or its session reset, since it last ran', stopped: 'Stopped',
};

/** the cells of each session on this page, so "Run all" runs them in page order */
interface Registered { el: HTMLElement; run: () => Promise<boolean>; markStale: (why: string) => void; code: () => string }
const bySession = new Map<string, Set<Registered>>();
function sessionCells(session: string): Registered[] {
  return [...(bySession.get(session) ?? [])].sort((a, b) => (a.el.compareDocumentPosition(b.el) & Node.DOCUMENT_POSITION_FOLLOWING ? -1 : 1));
}

const loadEditor = () => import('./editor');
/** the type checker's client (small; the checker itself loads in its worker on the first check) */
const loadChecker = () => import('../../src/notebook/typecheck-client');
const CHECKING = 'Checking types… (the first check loads the TypeScript compiler, about 1 MB, once)';

export default function Cell({ code: original, id, page, session, timeLimit, title }: CellProps) {
  const root = useRef<HTMLDivElement>(null);
  const host = useRef<HTMLDivElement>(null);
  const editor = useRef<EditorHandle | null>(null);
  const codeRef = useRef(original);
  const ranCode = useRef<string | null>(null);
  const runner = useRef<CellRunner | null>(null);
  const [code, setCode] = useState(original);
  const [items, setItems] = useState<OutputItem[]>([]);
  const [status, setStatus] = useState<Status>('idle');
  const statusRef = useRef<Status>('idle');
  statusRef.current = status;
  const [message, setMessage] = useState('');
  const [notice, setNotice] = useState<string | undefined>();
  const [limitText, setLimitText] = useState(String(timeLimit ?? DEFAULT_TIME_LIMIT_MS / 1000));
  const [limitError, setLimitError] = useState<string | undefined>();
  const limitMs = useRef((timeLimit ?? DEFAULT_TIME_LIMIT_MS / 1000) * 1000);
  const [editorReady, setEditorReady] = useState(false);
  const [types, setTypes] = useState<{ state: 'checking' | 'done' | 'failed'; text: string; errors?: number } | null>(null);
  const label = `Code of cell ${title ?? id}`;

  const changed = (c: string) => {
    codeRef.current = c;
    setCode(c);
    const saved = saveEdit(window.localStorage, page, id, c, original);
    if (!saved.ok) setNotice(saved.message);
    else setNotice((n) => (n && /not saved|could not be saved/.test(n) ? undefined : n));
    if (ranCode.current !== null && c !== ranCode.current) setStatus((s) => (s === 'ran' || s === 'error' ? 'stale' : s));
  };

  const run = async (): Promise<boolean> => {
    const r = runner.current ?? (runner.current = runnerFor(session));
    const src = codeRef.current;
    setStatus('running');
    setMessage('');
    const out: OutputItem[] = [];
    setItems([]);
    // outputs arrive one by one; batch them into one render per frame
    let scheduled = false;
    const flush = () => { scheduled = false; setItems([...out]); };
    const outcome = await r.run(src, {
      limitMs: limitMs.current,
      onOutput: (item) => { out.push(item); if (!scheduled) { scheduled = true; requestAnimationFrame(flush); } },
    });
    setItems([...out]);
    ranCode.current = src;
    switch (outcome.status) {
      case 'ok':
        setStatus('ran');
        setMessage(`Ran in ${Math.round(outcome.ms)} ms${out.length === 0 ? ' (no output: end with an expression or call display(…))' : ''}.`);
        return true;
      case 'error':
        setStatus('error');
        setMessage(errorText(outcome.error));
        return false;
      case 'timeout':
        setStatus('stopped');
        setMessage(stoppedMessage(outcome.limitMs, !!session));
        return false;
      case 'crashed':
        setStatus('error');
        setMessage(`The cell's worker failed: ${outcome.message}`);
        return false;
    }
  };

  const runAll = async () => {
    if (!session) { await run(); return; }
    for (const c of sessionCells(session)) if (!(await c.run())) break;
  };

  // register with the session (Run all, stale marking when the session restarts)
  useEffect(() => {
    const r = runner.current ?? (runner.current = runnerFor(session));
    // a cell that had run loses what it declared with the worker: say so (the cell that was
    // stopped says it itself, once its run returns)
    const markStale = (why: string) => {
      const s = statusRef.current;
      if (s !== 'ran' && s !== 'error' && s !== 'stale') return;
      setStatus('stale');
      setMessage(sessionResetNotice(why));
    };
    const off = r.onRestart((why) => { if (session) markStale(why); });
    let entry: Registered | undefined;
    if (session && root.current) {
      entry = { el: root.current, run, markStale, code: () => codeRef.current };
      if (!bySession.has(session)) bySession.set(session, new Set());
      bySession.get(session)!.add(entry);
    }
    return () => { off(); if (entry) bySession.get(session!)?.delete(entry); };
  }, []);
  // keep the registered run() current (it closes over state setters only, but be safe)
  useEffect(() => {
    if (!session) return;
    for (const e of bySession.get(session) ?? []) if (e.el === root.current) e.run = run;
  });

  // restore the reader's edit, then load the editor
  useEffect(() => {
    const saved = loadEdit(window.localStorage, page, id, original);
    if (saved.notice) setNotice(saved.notice);
    const start = saved.code ?? original;
    codeRef.current = start;
    setCode(start);
    let live = true;
    loadEditor().then(({ createEditor, CELL_TYPES_NOTE }) => {
      if (!live || !host.current) return;
      editor.current = createEditor(host.current, codeRef.current, { label, onChange: changed, onRun: () => { void run(); }, typesNote: CELL_TYPES_NOTE });
      setEditorReady(true);
    }).catch(() => setNotice('The code editor could not be loaded; you can still edit the plain text box.'));
    return () => { live = false; editor.current?.destroy(); };
  }, []);

  const reset = () => {
    clearEdit(window.localStorage, page, id);
    codeRef.current = original;
    setCode(original);
    editor.current?.set(original);
    clearEdit(window.localStorage, page, id);
    setNotice(undefined);
    if (ranCode.current !== null && ranCode.current !== original) setStatus((s) => (s === 'ran' || s === 'error' ? 'stale' : s));
  };

  const onLimit = (text: string) => {
    setLimitText(text);
    const v = Number(text);
    if (!Number.isFinite(v) || v < MIN_TIME_LIMIT_S || v > MAX_TIME_LIMIT_S) { setLimitError(`The time limit must be a number of seconds between ${MIN_TIME_LIMIT_S} and ${MAX_TIME_LIMIT_S}; the previous limit is kept.`); return; }
    setLimitError(undefined);
    limitMs.current = Math.round(v * 1000);
  };

  // Types are removed before a cell runs (transpile.ts); the reader can have them checked.
  const checkTypes = async () => {
    const { checkTypes: check, stopTypecheck } = await loadChecker();
    if (types?.state === 'checking') { stopTypecheck(); return; }
    const earlier = session ? sessionCells(session).filter((c) => c.el !== root.current && c.el.compareDocumentPosition(root.current!) & Node.DOCUMENT_POSITION_FOLLOWING).map((c) => c.code()) : [];
    setTypes({ state: 'checking', text: CHECKING });
    const r = await check(codeRef.current, earlier);
    if (!r.ok) { setTypes({ state: 'failed', text: r.message }); return; }
    const { describeDiagnostics } = await import('../../src/notebook/typecheck');
    setTypes({ state: 'done', text: describeDiagnostics(r.diagnostics), errors: r.diagnostics.total });
  };

  const busy = status === 'running';
  return (
    <div class="nb-cell" ref={root} data-cell={id} data-status={status} data-session={session} role="group" aria-label={`Code cell${title ? `: ${title}` : ''}`}>
      <div class="nb-toolbar">
        {title && <strong class="nb-title">{title}</strong>}
        {session && <span class="nb-session" title="Cells of this session share their top-level declarations, in page order">session {session}</span>}
        <span class="nb-status" data-status={status}>{STATUS_TEXT[status]}</span>
      </div>
      {/* CodeMirror owns the host div; Preact only renders the plain text box until the editor is there */}
      <div class="nb-editor" onKeyDown={(e) => { if (!editorReady && e.key === 'Enter' && e.shiftKey) { e.preventDefault(); void run(); } }}>
        <div ref={host} />
        {!editorReady && <textarea class="nb-fallback" aria-label={label} spellcheck={false} rows={Math.min(20, code.split('\n').length + 1)} value={code}
          onInput={(e) => changed((e.target as HTMLTextAreaElement).value)} />}
      </div>
      <div class="nb-actions">
        <button type="button" class="nb-run" onClick={() => void run()} disabled={busy} title="Run (Shift+Enter)">Run</button>
        {session && <button type="button" class="nb-run-all" onClick={() => void runAll()} disabled={busy}>Run all</button>}
        <button type="button" class="nb-reset" onClick={reset} disabled={busy}>Reset</button>
        <button type="button" class="nb-check-types" onClick={() => void checkTypes()} aria-describedby={`${id}-types`}>{types?.state === 'checking' ? 'Stop checking' : 'Check types'}</button>
        <label class="nb-limit">Time limit (s) <input type="number" min={MIN_TIME_LIMIT_S} max={MAX_TIME_LIMIT_S} step="0.5" value={limitText} onInput={(e) => onLimit((e.target as HTMLInputElement).value)} /></label>
        <span class="nb-hint">Shift+Enter runs</span>
      </div>
      {limitError && <p class="nb-notice" role="alert">{limitError}</p>}
      {notice && <p class="nb-notice" role="status">{notice}</p>}
      <div class="nb-message" role="status" aria-live="polite" data-status={status}>{message}</div>
      <div class="nb-types" id={`${id}-types`} role="status" aria-live="polite" data-state={types?.state} data-errors={types?.errors}>{types?.text}</div>
      <Output items={items} />
    </div>
  );
}
