/** @jsxImportSource preact */
// Progress overview: per chapter solved / attempted / total, export, import (validated), reset.
import { useEffect, useState } from 'preact/hooks';
import { bank, chapters } from '../../src/exercises/bank/index';
import { loadProgress, saveProgress, exportProgress, importProgress, statusOf, emptyProgress, type Progress } from '../../src/exercises/progress';

export default function ProgressPage({ titles }: { titles: Record<string, string> }) {
  const [p, setP] = useState<Progress | null>(null);
  const [msg, setMsg] = useState<string>('');
  const [confirming, setConfirming] = useState(false);
  useEffect(() => { const r = loadProgress(window.localStorage); setP(r.progress); if (r.notice) setMsg(r.notice); }, []);
  if (!p) return <p>Loading your progress…</p>;
  const save = (np: Progress) => { setP(np); saveProgress(window.localStorage, np); };
  const doExport = () => {
    const blob = new Blob([exportProgress(p)], { type: 'application/json' });
    const a = document.createElement('a');
    a.href = URL.createObjectURL(blob); a.download = 'backprop-notebook-progress.json';
    document.body.appendChild(a); a.click(); a.remove();
    setMsg('Progress exported as backprop-notebook-progress.json.');
  };
  const doImport = async (e: Event) => {
    const f = (e.target as HTMLInputElement).files?.[0];
    if (!f) return;
    const r = importProgress(await f.text());
    if (!r.ok) { setMsg(`Import refused: ${r.error} Nothing was changed.`); return; }
    save(r.value); setMsg('Progress imported.');
    (e.target as HTMLInputElement).value = '';
  };
  return (
    <div class="progress-page">
      <table>
        <caption>Exercises per chapter</caption>
        <thead><tr><th scope="col">Chapter</th><th scope="col">Solved</th><th scope="col">Attempted</th><th scope="col">Total</th><th scope="col">Open</th></tr></thead>
        <tbody>
          {chapters.map((c) => {
            const st = bank[c].map((ex) => ({ ex, s: statusOf(p, ex.id, ex.version) }));
            const solved = st.filter((x) => x.s === 'solved').length;
            const attempted = st.filter((x) => x.s === 'attempted').length;
            const open = st.filter((x) => x.s !== 'solved');
            return (
              <tr key={c} data-chapter={c}>
                <th scope="row"><a href={`/chapters/${c}/`}>{titles[c] ?? c}</a></th>
                <td class="solved">{solved}</td><td class="attempted">{attempted}</td><td>{bank[c].length}</td>
                <td>{open.map((x, i) => <span key={x.ex.id}>{i > 0 && ', '}<a href={`/chapters/${c}/#ex-${x.ex.id}`}>{x.ex.title}</a></span>)}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <div class="progress-actions" style={{ display: 'flex', gap: '0.5rem', flexWrap: 'wrap', marginTop: '1rem' }}>
        <button type="button" onClick={doExport}>Export progress (JSON)</button>
        <label>Import progress <input type="file" accept="application/json,.json" onChange={doImport} aria-label="Import progress from a JSON file" /></label>
        {!confirming ? <button type="button" onClick={() => setConfirming(true)}>Reset progress…</button> : (
          <span role="group" aria-label="Confirm reset">Erase all progress? <button type="button" onClick={() => { save(emptyProgress()); setConfirming(false); setMsg('Progress reset.'); }}>Yes, erase</button> <button type="button" onClick={() => setConfirming(false)}>Cancel</button></span>
        )}
      </div>
      <p role="status" aria-live="polite" class="progress-msg">{msg}</p>
    </div>
  );
}
