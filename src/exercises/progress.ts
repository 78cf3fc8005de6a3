// Progress store in localStorage under a versioned key; validated on load so a corrupted or old
// store is replaced (and the reader told) instead of crashing.
export const STORE_KEY = 'backprop-notebook/progress@1';
export const EXPORT_FORMAT = 'backprop-notebook/progress-export@1';

export interface ExerciseProgress { version: string; attempts: number; solved: boolean; last?: string | string[]; /** "new numbers" count */ variant?: number }
export interface Progress { schema: 1; seed: number; exercises: Record<string, ExerciseProgress> }

export const emptyProgress = (seed = Math.floor(Math.random() * 2 ** 31)): Progress => ({ schema: 1, seed, exercises: {} });

/** Validates unknown JSON as Progress; returns a message naming the first problem. */
export function validateProgress(x: unknown): { ok: true; value: Progress } | { ok: false; error: string } {
  if (typeof x !== 'object' || x === null || Array.isArray(x)) return { ok: false, error: 'not an object' };
  const o = x as Record<string, unknown>;
  if (o.schema !== 1) return { ok: false, error: `unknown schema ${JSON.stringify(o.schema)}` };
  if (typeof o.seed !== 'number' || !Number.isInteger(o.seed)) return { ok: false, error: 'seed is not an integer' };
  if (typeof o.exercises !== 'object' || o.exercises === null || Array.isArray(o.exercises)) return { ok: false, error: 'exercises is not an object' };
  for (const [k, v] of Object.entries(o.exercises as Record<string, unknown>)) {
    const e = v as Record<string, unknown>;
    if (typeof e !== 'object' || e === null) return { ok: false, error: `exercise ${k} is not an object` };
    if (typeof e.version !== 'string') return { ok: false, error: `exercise ${k}: version is not a string` };
    if (typeof e.attempts !== 'number' || e.attempts < 0) return { ok: false, error: `exercise ${k}: attempts is not a count` };
    if (typeof e.solved !== 'boolean') return { ok: false, error: `exercise ${k}: solved is not true/false` };
    if (e.variant !== undefined && (typeof e.variant !== 'number' || !Number.isInteger(e.variant))) return { ok: false, error: `exercise ${k}: variant is not an integer` };
    if (e.last !== undefined && typeof e.last !== 'string' && !(Array.isArray(e.last) && e.last.every((s) => typeof s === 'string'))) return { ok: false, error: `exercise ${k}: last answer is malformed` };
  }
  return { ok: true, value: o as unknown as Progress };
}

export interface LoadResult { progress: Progress; notice?: string }

export function loadProgress(storage: Pick<Storage, 'getItem' | 'setItem'>): LoadResult {
  let raw: string | null = null;
  try { raw = storage.getItem(STORE_KEY); } catch { return { progress: emptyProgress(), notice: 'Progress cannot be saved in this browser (storage unavailable).' }; }
  if (raw === null) { const p = emptyProgress(); saveProgress(storage, p); return { progress: p }; }
  let parsed: unknown;
  try { parsed = JSON.parse(raw); } catch { parsed = undefined; }
  const v = validateProgress(parsed);
  if (v.ok) return { progress: v.value };
  const p = emptyProgress();
  saveProgress(storage, p);
  return { progress: p, notice: `Saved exercise progress was unreadable (${parsed === undefined ? 'not JSON' : v.error}) and has been reset.` };
}

export function saveProgress(storage: Pick<Storage, 'setItem'>, p: Progress): void {
  try { storage.setItem(STORE_KEY, JSON.stringify(p)); } catch { /* quota or privacy mode: progress stays in memory */ }
}

export function exportProgress(p: Progress): string {
  return JSON.stringify({ format: EXPORT_FORMAT, progress: p }, null, 2);
}

/** Parses an exported file; refuses anything that is not our format, without touching the store. */
export function importProgress(text: string): { ok: true; value: Progress } | { ok: false; error: string } {
  let o: unknown;
  try { o = JSON.parse(text); } catch { return { ok: false, error: 'The file is not JSON.' }; }
  if (typeof o !== 'object' || o === null || (o as Record<string, unknown>).format !== EXPORT_FORMAT) return { ok: false, error: `The file is not a Backprop Notebook progress export (expected format "${EXPORT_FORMAT}").` };
  const v = validateProgress((o as Record<string, unknown>).progress);
  return v.ok ? v : { ok: false, error: `The progress in the file is malformed: ${v.error}.` };
}

/** Record one attempt. */
export function recordAttempt(p: Progress, id: string, version: string, answer: string | string[], ok: boolean): Progress {
  const prev = p.exercises[id];
  const base: ExerciseProgress = prev && prev.version === version ? prev : { version, attempts: 0, solved: false, variant: prev?.variant };
  // keep the variant: the reader's numbers must not change because they checked an answer
  return { ...p, exercises: { ...p.exercises, [id]: { version, attempts: base.attempts + 1, solved: base.solved || ok, last: answer, ...(base.variant !== undefined ? { variant: base.variant } : {}) } } };
}

/** 'changed' when the stored entry belongs to an older version of the exercise. */
export function statusOf(p: Progress, id: string, version: string): 'new' | 'attempted' | 'solved' | 'changed' {
  const e = p.exercises[id];
  if (!e) return 'new';
  if (e.version !== version) return 'changed';
  return e.solved ? 'solved' : 'attempted';
}
