/** @jsxImportSource preact */
// A chapter's exercises as one island. mathjs (grading) and katex (re-rendering prompts for the
// reader's own numbers, feedback, TeX preview) are loaded only when first needed.
//
// Progress is shared with every other open tab: each change is applied to the store as it is now
// (updateProgress), and `storage` events from other tabs refresh what this one shows.
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { paramsFor, hasVariants } from '../../src/exercises/params';
import type { Exercise, Params } from '../../src/exercises/types';
import { loadProgress, updateProgress, recordAttempt, newVariant, statusOf, emptyProgress, STORE_KEY, type Progress } from '../../src/exercises/progress';
import { answerShapeProblem } from '../../src/exercises/answer-shape';
import { figuresNeeded, figuresForAll, figuresText } from '../../src/exercises/precision';
import { spreadPaste } from '../../src/exercises/paste';
import type { CheckResult } from '../../src/exercises/checkers';
import CodeAnswer from './CodeAnswer';
import '../kit/exercises.css';

/** what an island passes (serialisable: Exercises.astro renders it) */
export interface ExerciseIslandProps { chapter: string; initial: { id: string; html: string }[]; defaultSeed: number }
/** the chapter's exercises come from its island (components/exercises/islands/), which imports only that chapter's bank */
interface Props extends ExerciseIslandProps { list: Exercise[] }

const loadKatex = () => import('katex').then((m) => m.default);
const loadRender = () => import('../../src/exercises/render');
const loadGrade = () => import('../../src/exercises/grade');
const loadCodeGrade = () => import('../../src/exercises/code');
// a code exercise's printed output is drawn by the cells' own output view, loaded only when there is some
const loadOutputView = () => import('../notebook/Output').then((m) => m.Output);
/** an empty answer of the exercise's kind (a code exercise starts from its starter code) */
const emptyInput = (ex: Exercise): string | string[] => (ex.kind === 'grid' ? Array(ex.rows * ex.cols).fill('') : ex.kind === 'choice' ? [] : ex.kind === 'code' ? ex.starter : '');

/** localStorage, or a store whose every use throws (the progress functions then say so) */
function storage(): Storage {
  try { return window.localStorage; } catch {
    const fail = () => { throw new Error('storage unavailable'); };
    return { getItem: fail, setItem: fail, removeItem: fail, clear: fail, key: fail, length: 0 } as unknown as Storage;
  }
}

function variantSeed(p: Progress | null, id: string, def: number): number {
  if (!p) return def;
  const v = p.exercises[id]?.variant ?? 0;
  return p.seed + v;
}

type Update = (change: (p: Progress) => Progress) => void;

export default function ExerciseList({ chapter, initial, defaultSeed, list }: Props) {
  const [progress, setProgress] = useState<Progress | null>(null);
  const [notice, setNotice] = useState<string | undefined>();
  const [saveProblem, setSaveProblem] = useState<string | undefined>();
  const current = useRef<Progress | null>(null);
  current.current = progress;
  useEffect(() => {
    const r = loadProgress(storage());
    setProgress(r.progress);
    setNotice(r.notice);
    // another tab saved, reset or imported: show the store as it now is
    const onStorage = (e: StorageEvent) => { if (e.key === STORE_KEY || e.key === null) setProgress(loadProgress(storage()).progress); };
    window.addEventListener('storage', onStorage);
    return () => window.removeEventListener('storage', onStorage);
  }, []);
  const update: Update = (change) => {
    const r = updateProgress(storage(), current.current ?? emptyProgress(defaultSeed), change);
    current.current = r.progress;
    setProgress(r.progress);
    setSaveProblem(r.saved.ok ? undefined : r.saved.message);
  };
  return (
    <div class="exercises" data-exercises-for={chapter}>
      {notice && <p role="status" class="ex-notice">{notice}</p>}
      {saveProblem && <p role="alert" class="ex-notice ex-save-failed">{saveProblem}</p>}
      {list.map((ex, i) => (
        <ExerciseCard key={ex.id} ex={ex} index={i} progress={progress} update={update}
          initialHtml={initial.find((x) => x.id === ex.id)?.html ?? ''} defaultSeed={defaultSeed} />
      ))}
    </div>
  );
}

/** what the reader is told about precision, beside a number or grid field */
function precisionNote(ex: Exercise, params: Params): string | undefined {
  try {
    if (ex.kind === 'number') return figuresText(figuresNeeded(ex.answer(params), ex.tol));
    if (ex.kind === 'grid') return figuresText(figuresForAll(ex.answer(params), ex.tol));
  } catch { /* no note rather than a broken card */ }
  return undefined;
}

function ExerciseCard({ ex, index, progress, update, initialHtml, defaultSeed }: { ex: Exercise; index: number; progress: Progress | null; update: Update; initialHtml: string; defaultSeed: number }) {
  const seed = variantSeed(progress, ex.id, defaultSeed);
  const params = useMemo(() => paramsFor(ex, seed), [seed]);
  const [html, setHtml] = useState(initialHtml);
  const [htmlSeed, setHtmlSeed] = useState(defaultSeed);
  const [input, setInputState] = useState<string | string[]>(emptyInput(ex));
  // bumped whenever the answer is set from outside the field (restored, new numbers): the code editor then takes it
  const [outsideRev, setOutsideRev] = useState(0);
  const [result, setResult] = useState<CheckResult | null>(null);
  const [feedbackHtml, setFeedbackHtml] = useState('');
  const [OutputView, setOutputView] = useState<Awaited<ReturnType<typeof loadOutputView>> | null>(null);
  useEffect(() => {
    if (result?.printed?.length && !OutputView) void loadOutputView().then((view) => setOutputView(() => view));
  }, [result, OutputView]);
  const [hints, setHints] = useState(0);
  const [showSolution, setShowSolution] = useState(false);
  const [solutionHtml, setSolutionHtml] = useState('');
  const [hintHtml, setHintHtml] = useState<string[]>([]);
  const [preview, setPreview] = useState('');
  const [shapeNotice, setShapeNotice] = useState<string | undefined>();
  const [checking, setChecking] = useState(false);
  const feedback = useRef<HTMLDivElement>(null);
  const restored = useRef(false);
  const status = progress ? statusOf(progress, ex.id, ex.version) : 'new';
  const entry = progress?.exercises[ex.id];
  const attempts = status === 'changed' ? 0 : entry?.attempts ?? 0;
  const headingId = `ex-${ex.id}`;
  const variants = hasVariants(ex);
  const note = precisionNote(ex, params);

  const setFromOutside = (v: string | string[]) => { setInputState(v); setOutsideRev((r) => r + 1); };
  /** the reader edited the answer: feedback about the previous answer no longer applies */
  const edit = (v: string | string[]) => {
    setInputState(v);
    if (result) { setResult(null); setFeedbackHtml(''); }
  };

  // the reader's own numbers: re-render the prompt when the seed differs from the build-time one
  useEffect(() => {
    if (seed === defaultSeed) { setHtml(initialHtml); setHtmlSeed(seed); return; }
    let live = true;
    Promise.all([loadKatex(), loadRender()]).then(([k, { renderProse }]) => { if (live) { setHtml(renderProse(ex.prompt(params), k)); setHtmlSeed(seed); } });
    return () => { live = false; };
  }, [seed]);
  // restore the last answer of the current version, once, if it has the right shape for this exercise
  useEffect(() => {
    if (!progress || restored.current) return;
    restored.current = true;
    if (!entry || status === 'changed' || entry.last === undefined) return;
    const why = answerShapeProblem(ex, entry.last);
    if (why) setShapeNotice(`Your saved answer to this exercise was set aside: ${why}.`);
    else setFromOutside(entry.last);
  }, [progress]);

  const renderTexList = async (texts: string[]) => {
    const [k, { renderProse }] = await Promise.all([loadKatex(), loadRender()]);
    return texts.map((t) => renderProse(t, k));
  };

  const check = async (e?: Event) => {
    e?.preventDefault();
    const answer = input;
    setChecking(true);
    let r: CheckResult;
    try {
      r = ex.kind === 'code'
        ? await (await loadCodeGrade()).gradeCodeExercise(ex, params, String(answer))
        : (await loadGrade()).grade(ex, params, answer);
    } catch (err) {
      r = { ok: false, message: `Could not check this answer: ${(err as Error)?.message ?? String(err)}` };
    }
    const [k, render] = await Promise.all([loadKatex(), loadRender()]);
    setResult(r);
    setFeedbackHtml(render.feedbackHtml(r, k, { plain: ex.kind === 'code' }));
    setChecking(false);
    update((p) => recordAttempt(p, ex.id, ex.version, answer, r.ok));
    setShapeNotice(undefined);
    if (r.ok) await openSolution();
    feedback.current?.focus();
  };
  const openSolution = async () => { setSolutionHtml((await renderTexList([ex.solution(params)]))[0]); setShowSolution(true); };
  const nextHint = async () => { const n = Math.min(hints + 1, ex.hints.length); setHintHtml(await renderTexList(ex.hints.slice(0, n))); setHints(n); };
  const newNumbers = () => {
    update((p) => newVariant(p, ex.id, ex.version));
    if (ex.kind !== 'code') setFromOutside(emptyInput(ex)); // a code answer does not depend on the numbers: keep it
    setResult(null); setFeedbackHtml(''); setShowSolution(false); setHints(0); setHintHtml([]); setPreview('');
  };
  const onExpr = async (v: string) => {
    edit(v);
    if (!v.trim()) { setPreview(''); return; }
    try {
      const [{ expressionToTex }, k] = await Promise.all([import('../../src/exercises/checkers'), loadKatex()]);
      const variables = ex.kind === 'expression' ? ex.spec.variables : [];
      setPreview(k.renderToString(expressionToTex(v, variables), { throwOnError: false }));
    } catch { setPreview('<span class="ex-preview-error">(cannot parse yet)</span>'); }
  };
  const noteId = `${headingId}-note`;
  const labels = ex.kind === 'grid' ? (ex.entryLabels?.(params) ?? null) : null;

  return (
    <section class="exercise" id={headingId} aria-labelledby={`${headingId}-h`} data-exercise={ex.id} data-kind={ex.kind} data-status={status}>
      <h3 id={`${headingId}-h`}>Exercise {index + 1}: {ex.title}
        {status === 'solved' && <span class="ex-badge"> (solved)</span>}
        {status === 'imported' && <span class="ex-badge ex-badge-imported"> (solved per imported progress — not yet solved in this browser)</span>}
      </h3>
      {status === 'changed' && <p role="status" class="ex-notice">This exercise has changed since you last answered it; your old answer was set aside.</p>}
      {shapeNotice && <p role="status" class="ex-notice ex-shape-notice">{shapeNotice}</p>}
      <div class="ex-prompt" data-numbers={htmlSeed === seed ? 'yours' : 'pending'} aria-busy={htmlSeed === seed ? undefined : 'true'} dangerouslySetInnerHTML={{ __html: html }} />
      {htmlSeed !== seed && <p class="ex-pending" role="status">Showing your numbers…</p>}
      <form onSubmit={check} aria-label={`Answer to exercise ${index + 1}`}>
        {ex.kind === 'number' && (
          <label class="ex-field">Your answer <input class="ex-input" type="text" inputMode="decimal" aria-describedby={note ? noteId : undefined} value={input as string} onInput={(e) => edit((e.target as HTMLInputElement).value)} /></label>
        )}
        {ex.kind === 'expression' && (
          <div>
            <label class="ex-field">Your expression <input class="ex-input" type="text" spellcheck={false} value={input as string} onInput={(e) => onExpr((e.target as HTMLInputElement).value)} /></label>
            <div class="ex-preview" role="group" aria-label="Preview of your expression, as it will be checked" dangerouslySetInnerHTML={{ __html: preview }} />
          </div>
        )}
        {ex.kind === 'code' && (
          <CodeAnswer value={input as string} revision={outsideRev} label={`Your code for exercise ${index + 1}: define ${ex.fnName}`} onInput={(v) => edit(v)} onSubmit={() => { void check(); }} />
        )}
        {ex.kind === 'grid' && (
          <div class={`ex-grid${labels ? ' ex-grid-labelled' : ''}${ex.rows === 1 ? ' ex-grid-row' : ''}`} role="group" aria-label={`${ex.rows} by ${ex.cols} answer grid`} aria-describedby={note ? noteId : undefined}
            style={ex.rows === 1 ? undefined : { gridTemplateColumns: `repeat(${ex.cols}, minmax(3.5rem, 7rem))` }}>
            {(input as string[]).map((v, i) => {
              const cellLabel = labels?.[i] ?? `row ${Math.floor(i / ex.cols) + 1}, column ${(i % ex.cols) + 1}`;
              const box = (
                <input key={i} class="ex-cell" type="text" inputMode="decimal" aria-label={cellLabel}
                  aria-invalid={result?.wrong?.includes(i) ? 'true' : undefined}
                  value={v} onInput={(e) => { const n = [...(input as string[])]; n[i] = (e.target as HTMLInputElement).value; edit(n); }}
                  onPaste={(e) => {
                    const spread = spreadPaste(input as string[], i, e.clipboardData?.getData('text') ?? '');
                    if (spread) { e.preventDefault(); edit(spread); }
                  }} />
              );
              return labels ? <label key={i} class="ex-cell-label"><span aria-hidden="true">{labels[i]}</span>{box}</label> : box;
            })}
          </div>
        )}
        {ex.kind === 'choice' && (
          <fieldset><legend>{ex.multiple ? 'Select all that apply' : 'Select one'}</legend>
            {ex.options.map((o) => (
              <label key={o.id} class="ex-option">
                <input type={ex.multiple ? 'checkbox' : 'radio'} name={`${ex.id}-opt`} value={o.id} checked={(input as string[]).includes(o.id)}
                  onChange={(e) => { const on = (e.target as HTMLInputElement).checked; edit(ex.multiple ? (on ? [...(input as string[]), o.id] : (input as string[]).filter((x) => x !== o.id)) : [o.id]); }} /> {o.text}
              </label>
            ))}
          </fieldset>
        )}
        {note && <p class="ex-precision" id={noteId}>{note}</p>}
        <div class="ex-actions">
          <button type="submit" disabled={checking}>{checking ? 'Checking…' : 'Check'}</button>
          {hints < ex.hints.length && <button type="button" onClick={nextHint}>{hints === 0 ? 'Hint' : 'Another hint'}</button>}
          {!showSolution && attempts >= 2 && <button type="button" onClick={openSolution}>Show solution</button>}
          {variants && <button type="button" onClick={newNumbers} disabled={!progress}>New numbers</button>}
        </div>
      </form>
      <div class="ex-feedback" ref={feedback} tabIndex={-1} aria-live="polite" data-ok={result ? String(result.ok) : undefined}>
        {result && <p dangerouslySetInnerHTML={{ __html: feedbackHtml }} />}
      </div>
      {result?.printed?.length && OutputView ? (
        <div class="ex-printed" data-testid="ex-printed">
          <p class="ex-printed-head">What your code printed while it was checked:</p>
          <OutputView items={result.printed} />
        </div>
      ) : null}
      {hintHtml.length > 0 && <ol class="ex-hints">{hintHtml.map((h, i) => <li key={i} dangerouslySetInnerHTML={{ __html: h }} />)}</ol>}
      {showSolution && <div class="ex-solution"><strong>Solution.</strong> <span dangerouslySetInnerHTML={{ __html: solutionHtml }} /></div>}
    </section>
  );
}
