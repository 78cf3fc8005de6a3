/** @jsxImportSource preact */
// A chapter's exercises as one island. mathjs (grading) and katex (re-rendering prompts for the
// reader's own numbers, TeX preview) are loaded only when first needed.
import { useEffect, useRef, useState } from 'preact/hooks';
import { bank } from '../../src/exercises/bank/index';
import { paramsFor } from '../../src/exercises/params';
import type { Exercise } from '../../src/exercises/types';
import { loadProgress, saveProgress, recordAttempt, statusOf, type Progress } from '../../src/exercises/progress';
import type { CheckResult } from '../../src/exercises/checkers';
import CodeAnswer from './CodeAnswer';

interface Props { chapter: string; initial: { id: string; html: string }[]; defaultSeed: number }

const loadKatex = () => import('katex').then((m) => m.default);
const loadGrade = () => import('../../src/exercises/grade');
const loadCodeGrade = () => import('../../src/exercises/code');
/** an empty answer of the exercise's kind (a code exercise starts from its starter code) */
const emptyInput = (ex: Exercise): string | string[] => (ex.kind === 'grid' ? Array(ex.rows * ex.cols).fill('') : ex.kind === 'choice' ? [] : ex.kind === 'code' ? ex.starter : '');

function variantSeed(p: Progress | null, id: string, def: number): number {
  if (!p) return def;
  const v = (p.exercises[id] as { variant?: number } | undefined)?.variant ?? 0;
  return p.seed + v;
}

export default function ExerciseList({ chapter, initial, defaultSeed }: Props) {
  const [progress, setProgress] = useState<Progress | null>(null);
  const [notice, setNotice] = useState<string | undefined>();
  useEffect(() => {
    const r = loadProgress(window.localStorage);
    setProgress(r.progress);
    setNotice(r.notice);
  }, []);
  const update = (p: Progress) => { setProgress(p); saveProgress(window.localStorage, p); };
  const list = bank[chapter] ?? [];
  return (
    <div class="exercises" data-exercises-for={chapter}>
      {notice && <p role="status" class="ex-notice">{notice}</p>}
      {list.map((ex, i) => (
        <ExerciseCard key={ex.id} ex={ex} index={i} progress={progress} update={update}
          initialHtml={initial.find((x) => x.id === ex.id)?.html ?? ''} defaultSeed={defaultSeed} />
      ))}
    </div>
  );
}

function ExerciseCard({ ex, index, progress, update, initialHtml, defaultSeed }: { ex: Exercise; index: number; progress: Progress | null; update: (p: Progress) => void; initialHtml: string; defaultSeed: number }) {
  const seed = variantSeed(progress, ex.id, defaultSeed);
  const params = paramsFor(ex, seed);
  const [html, setHtml] = useState(initialHtml);
  const [input, setInput] = useState<string | string[]>(emptyInput(ex));
  const [result, setResult] = useState<CheckResult | null>(null);
  const [hints, setHints] = useState(0);
  const [showSolution, setShowSolution] = useState(false);
  const [solutionHtml, setSolutionHtml] = useState('');
  const [hintHtml, setHintHtml] = useState<string[]>([]);
  const [preview, setPreview] = useState('');
  const feedback = useRef<HTMLDivElement>(null);
  const status = progress ? statusOf(progress, ex.id, ex.version) : 'new';
  const entry = progress?.exercises[ex.id];
  const attempts = status === 'changed' ? 0 : entry?.attempts ?? 0;
  const headingId = `ex-${ex.id}`;

  // the reader's own numbers: re-render the prompt when the seed differs from the build-time one
  useEffect(() => {
    if (seed === defaultSeed) { setHtml(initialHtml); return; }
    let live = true;
    loadKatex().then((k) => import('../../src/exercises/render').then(({ renderProse }) => { if (live) setHtml(renderProse(ex.prompt(params), k)); }));
    return () => { live = false; };
  }, [seed]);
  // restore the last answer of the current version
  useEffect(() => {
    if (entry && status !== 'changed' && entry.last !== undefined) setInput(entry.last);
  }, [progress === null]);

  const renderTexList = async (texts: string[]) => {
    const [k, { renderProse }] = await Promise.all([loadKatex(), import('../../src/exercises/render')]);
    return texts.map((t) => renderProse(t, k));
  };

  const check = async (e?: Event) => {
    e?.preventDefault();
    const r = ex.kind === 'code'
      ? await (await loadCodeGrade()).gradeCodeExercise(ex, params, String(input))
      : (await loadGrade()).grade(ex, params, input);
    setResult(r);
    if (progress) update(recordAttempt(progress, ex.id, ex.version, input, r.ok));
    if (r.ok) await openSolution();
    feedback.current?.focus();
  };
  const openSolution = async () => { setSolutionHtml((await renderTexList([ex.solution(params)]))[0]); setShowSolution(true); };
  const nextHint = async () => { const n = Math.min(hints + 1, ex.hints.length); setHintHtml(await renderTexList(ex.hints.slice(0, n))); setHints(n); };
  const newNumbers = () => {
    if (!progress) return;
    const e0 = progress.exercises[ex.id] as { variant?: number } | undefined;
    const variant = (e0?.variant ?? 0) + 1;
    const base = progress.exercises[ex.id] && status !== 'changed' ? progress.exercises[ex.id] : { version: ex.version, attempts: 0, solved: false };
    update({ ...progress, exercises: { ...progress.exercises, [ex.id]: { ...base, last: undefined, variant } as never } });
    if (ex.kind !== 'code') setInput(emptyInput(ex)); // a code answer does not depend on the numbers: keep it
    setResult(null); setShowSolution(false); setHints(0); setHintHtml([]);
  };
  const onExpr = async (v: string) => {
    setInput(v);
    if (!v.trim()) { setPreview(''); return; }
    try {
      const [{ expressionToTex }, k] = await Promise.all([import('../../src/exercises/checkers'), loadKatex()]);
      setPreview(k.renderToString(expressionToTex(v), { throwOnError: false }));
    } catch { setPreview('<span class="ex-preview-error">(cannot parse yet)</span>'); }
  };

  return (
    <section class="exercise" id={headingId} aria-labelledby={`${headingId}-h`} data-exercise={ex.id} data-kind={ex.kind} data-status={status}>
      <h3 id={`${headingId}-h`}>Exercise {index + 1}: {ex.title} {status === 'solved' && <span class="ex-badge">(solved)</span>}</h3>
      {status === 'changed' && <p role="status" class="ex-notice">This exercise has changed since you last answered it; your old answer was set aside.</p>}
      <div class="ex-prompt" dangerouslySetInnerHTML={{ __html: html }} />
      <form onSubmit={check} aria-label={`Answer to exercise ${index + 1}`}>
        {ex.kind === 'number' && (
          <label>Your answer <input class="ex-input" type="text" inputMode="decimal" value={input as string} onInput={(e) => setInput((e.target as HTMLInputElement).value)} /></label>
        )}
        {ex.kind === 'expression' && (
          <div>
            <label>Your expression <input class="ex-input" type="text" spellcheck={false} value={input as string} onInput={(e) => onExpr((e.target as HTMLInputElement).value)} /></label>
            <div class="ex-preview" role="group" aria-label="Preview of your expression" dangerouslySetInnerHTML={{ __html: preview }} />
          </div>
        )}
        {ex.kind === 'code' && (
          <CodeAnswer value={input as string} label={`Your code for exercise ${index + 1}: define ${ex.fnName}`} onInput={(v) => setInput(v)} onSubmit={() => { void check(); }} />
        )}
        {ex.kind === 'grid' && (
          <div class="ex-grid" role="group" aria-label={`${ex.rows} by ${ex.cols} answer grid`} style={{ display: 'grid', gridTemplateColumns: `repeat(${ex.cols}, minmax(4rem, 7rem))`, gap: '0.3rem' }}>
            {(input as string[]).map((v, i) => (
              <input key={i} class="ex-cell" type="text" inputMode="decimal" aria-label={`row ${Math.floor(i / ex.cols) + 1}, column ${(i % ex.cols) + 1}`}
                aria-invalid={result?.wrong?.includes(i) ? 'true' : undefined}
                style={result?.wrong?.includes(i) ? { outline: '2px solid #c62828' } : undefined}
                value={v} onInput={(e) => { const n = [...(input as string[])]; n[i] = (e.target as HTMLInputElement).value; setInput(n); }} />
            ))}
          </div>
        )}
        {ex.kind === 'choice' && (
          <fieldset><legend>{ex.multiple ? 'Select all that apply' : 'Select one'}</legend>
            {ex.options.map((o) => (
              <label key={o.id} style={{ display: 'block' }}>
                <input type={ex.multiple ? 'checkbox' : 'radio'} name={`${ex.id}-opt`} value={o.id} checked={(input as string[]).includes(o.id)}
                  onChange={(e) => { const on = (e.target as HTMLInputElement).checked; setInput(ex.multiple ? (on ? [...(input as string[]), o.id] : (input as string[]).filter((x) => x !== o.id)) : [o.id]); }} /> {o.text}
              </label>
            ))}
          </fieldset>
        )}
        <div class="ex-actions">
          <button type="submit">Check</button>
          {hints < ex.hints.length && <button type="button" onClick={nextHint}>{hints === 0 ? 'Hint' : 'Another hint'}</button>}
          {!showSolution && attempts >= 2 && <button type="button" onClick={openSolution}>Show solution</button>}
          <button type="button" onClick={newNumbers} disabled={!progress}>New numbers</button>
        </div>
      </form>
      <div class="ex-feedback" ref={feedback} tabIndex={-1} aria-live="polite" data-ok={result ? String(result.ok) : undefined}>
        {result && <p>{result.ok ? '✓ ' : '✗ '}{result.message}</p>}
      </div>
      {hintHtml.length > 0 && <ol class="ex-hints">{hintHtml.map((h, i) => <li key={i} dangerouslySetInnerHTML={{ __html: h }} />)}</ol>}
      {showSolution && <div class="ex-solution"><strong>Solution.</strong> <span dangerouslySetInnerHTML={{ __html: solutionHtml }} /></div>}
    </section>
  );
}
