/** @jsxImportSource preact */
// Progress overview: per chapter solved / imported / attempted / total and an overall total, export,
// import (validated, merged per exercise), reset. It follows changes made in other tabs live.
//
// Import and reset can erase or change progress, so they are refused when the page is shown inside
// another page's frame (a host without `_headers` cannot forbid framing, and a framed page can be
// clicked through an overlay: clickjacking).
import { useEffect, useRef, useState } from 'preact/hooks';
import type { ExerciseSummary } from '../../src/exercises/summary';
import { loadProgress, updateProgress, exportProgress, importProgress, mergeImported, statusOf, emptyProgress, STORE_KEY, type Progress } from '../../src/exercises/progress';
import { setAsideMalformedAnswers } from '../../src/exercises/answer-shape';
import '../kit/exercises.css';


/** true when this page is inside another page's frame (a cross-origin parent cannot even be compared) */
export function isFramed(): boolean {
  try { return window.top !== window.self; } catch { return true; }
}
export const FRAMED_MESSAGE = 'This page is shown inside another page’s frame, so importing and resetting progress are turned off here (a framing page could trick you into clicking them). Open the page directly to use them.';

/**
 * `exercises`: every chapter's exercises in reading order, as summaries computed at build time
 * (summariseBank in src/exercises/summary.ts), so the page does not ship the bank itself.
 * `titles`: the chapters' titles.
 */
export default function ProgressPage({ titles, exercises: bank }: { titles: Record<string, string>; exercises: Record<string, ExerciseSummary[]> }) {
  const chapters = Object.keys(bank);
  const byId: Record<string, ExerciseSummary> = Object.fromEntries(Object.values(bank).flat().map((ex) => [ex.id, ex]));
  const TOTAL = Object.keys(byId).length;
  const [p, setP] = useState<Progress | null>(null);
  const [msg, setMsg] = useState<string>('');
  const [confirming, setConfirming] = useState(false);
  const [framed, setFramed] = useState(false);
  const current = useRef<Progress | null>(null);
  current.current = p;
  useEffect(() => {
    const r = loadProgress(window.localStorage);
    setP(r.progress);
    if (r.notice) setMsg(r.notice);
    setFramed(isFramed());
    const onStorage = (e: StorageEvent) => { if (e.key === STORE_KEY || e.key === null) setP(loadProgress(window.localStorage).progress); };
    window.addEventListener('storage', onStorage);
    return () => window.removeEventListener('storage', onStorage);
  }, []);
  if (!p) return <p>Loading your progress…</p>;
  /** apply one change to the store as it is now; says so when it could not be saved */
  const change = (fn: (q: Progress) => Progress, done: string) => {
    const r = updateProgress(window.localStorage, current.current ?? emptyProgress(), fn);
    setP(r.progress);
    setMsg(r.saved.ok ? done : `${done.replace(/\.$/, '')}, but ${r.saved.message.charAt(0).toLowerCase()}${r.saved.message.slice(1)}`);
  };
  const doExport = () => {
    const blob = new Blob([exportProgress(p)], { type: 'application/json' });
    const a = document.createElement('a');
    a.href = URL.createObjectURL(blob); a.download = 'backprop-notebook-progress.json';
    document.body.appendChild(a); a.click(); a.remove();
    setMsg('Progress exported as backprop-notebook-progress.json.');
  };
  const doImport = async (e: Event) => {
    const input = e.target as HTMLInputElement;
    const f = input.files?.[0];
    if (!f) return;
    if (isFramed()) { setMsg(`Import refused: ${FRAMED_MESSAGE} Nothing was changed.`); input.value = ''; return; }
    const r = importProgress(await f.text());
    if (!r.ok) { setMsg(`Import refused: ${r.error} Nothing was changed.`); return; }
    const checked = setAsideMalformedAnswers(r.value, byId);
    const aside = checked.setAside.length ? ` The saved answers of ${checked.setAside.map((s) => `“${byId[s.id].title}” (${s.why})`).join(', ')} had the wrong form and were left out.` : '';
    change((q) => mergeImported(q, checked.progress), `Progress imported and merged with this browser’s: for each exercise the better or later entry is kept. Exercises solved only per the file are marked “imported — not verified here” until you solve them in this browser.${aside}`);
    input.value = '';
  };
  const doReset = () => {
    setConfirming(false);
    if (isFramed()) { setMsg(`Reset refused: ${FRAMED_MESSAGE}`); return; }
    change(() => emptyProgress(), 'Progress reset.');
  };
  const statuses = chapters.map((c) => ({ c, st: bank[c].map((ex) => ({ ex, s: statusOf(p, ex.id, ex.version) })) }));
  const solvedAll = statuses.reduce((n, { st }) => n + st.filter((x) => x.s === 'solved').length, 0);
  const importedAll = statuses.reduce((n, { st }) => n + st.filter((x) => x.s === 'imported').length, 0);
  const link = (c: string, ex: ExerciseSummary, i: number) => <span key={ex.id}>{i > 0 && ', '}<a href={`/chapters/${c}/#ex-${ex.id}`}>{ex.title}</a></span>;
  return (
    <div class="progress-page">
      <p class="progress-total" data-solved={solvedAll} data-total={TOTAL}>{solvedAll} of {TOTAL} exercises solved in this browser{importedAll > 0 ? `; ${importedAll} more solved per imported progress (not verified here)` : ''}.</p>
      <table>
        <caption>Exercises per chapter</caption>
        <thead><tr><th scope="col">Chapter</th><th scope="col">Solved</th><th scope="col">Imported, not verified</th><th scope="col">Attempted</th><th scope="col">Total</th><th scope="col">Open</th></tr></thead>
        <tbody>
          {statuses.map(({ c, st }) => {
            const solved = st.filter((x) => x.s === 'solved').length;
            const imported = st.filter((x) => x.s === 'imported');
            const attempted = st.filter((x) => x.s === 'attempted').length;
            const open = st.filter((x) => x.s !== 'solved' && x.s !== 'imported');
            return (
              <tr key={c} data-chapter={c}>
                <th scope="row"><a href={`/chapters/${c}/`}>{titles[c] ?? c}</a></th>
                <td class="solved">{solved}</td>
                <td class="imported">{imported.length}{imported.length > 0 && <>: {imported.map((x, i) => link(c, x.ex, i))}</>}</td>
                <td class="attempted">{attempted}</td><td>{bank[c].length}</td>
                <td>{open.map((x, i) => link(c, x.ex, i))}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {framed && <p role="alert" class="ex-notice progress-framed">{FRAMED_MESSAGE}</p>}
      <div class="progress-actions">
        <button type="button" onClick={doExport}>Export progress (JSON)</button>
        <label>Import progress <input type="file" accept="application/json,.json" onChange={doImport} disabled={framed} aria-label="Import progress from a JSON file" /></label>
        {!confirming ? <button type="button" onClick={() => setConfirming(true)} disabled={framed}>Reset progress…</button> : (
          <span role="group" aria-label="Confirm reset">Erase all progress? <button type="button" onClick={doReset}>Yes, erase</button> <button type="button" onClick={() => setConfirming(false)}>Cancel</button></span>
        )}
      </div>
      <p role="status" aria-live="polite" class="progress-msg">{msg}</p>
    </div>
  );
}
