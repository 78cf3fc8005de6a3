// Progress store in localStorage under a versioned key; validated on load so a corrupted or old
// store is set aside (and the reader told) instead of crashing.
//
// Several tabs share the store, so nothing writes a whole in-memory copy back: every change is a
// function applied to the store as it is now (updateProgress re-reads before it writes), so an
// answer saved in one tab is never overwritten by another, and a reset is never undone by a tab
// that was open before it. Tabs listen to `storage` events to show the other tabs' changes.
import { DEFAULT_SEED } from './params';

export const STORE_KEY = 'backprop-notebook/progress@1';
/** where an unreadable store is kept (not lost) when it is replaced */
export const ASIDE_KEY = 'backprop-notebook/progress-set-aside@1';
export const EXPORT_FORMAT = 'backprop-notebook/progress-export@1';

export interface ExerciseProgress {
  version: string; attempts: number; solved: boolean; last?: string | string[];
  /** "new numbers" count */ variant?: number;
  /** when this entry last changed (ms since 1970), to keep the later of two on import */ at?: number;
  /** came from an imported file: its "solved" was not earned in this browser and is shown as unverified */ imported?: boolean;
}
export interface Progress { schema: 1; seed: number; exercises: Record<string, ExerciseProgress> }

export { DEFAULT_SEED };
/** A new store uses the seed the pages are built with, so a first visit shows its numbers from the first paint. */
export const emptyProgress = (seed = DEFAULT_SEED): Progress => ({ schema: 1, seed, exercises: {} });

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
    if (typeof e.attempts !== 'number' || !Number.isInteger(e.attempts) || e.attempts < 0) return { ok: false, error: `exercise ${k}: attempts is not a count` };
    if (typeof e.solved !== 'boolean') return { ok: false, error: `exercise ${k}: solved is not true/false` };
    if (e.variant !== undefined && (typeof e.variant !== 'number' || !Number.isInteger(e.variant))) return { ok: false, error: `exercise ${k}: variant is not an integer` };
    if (e.at !== undefined && (typeof e.at !== 'number' || !Number.isFinite(e.at))) return { ok: false, error: `exercise ${k}: time is not a number` };
    if (e.imported !== undefined && typeof e.imported !== 'boolean') return { ok: false, error: `exercise ${k}: imported is not true/false` };
    if (e.last !== undefined && typeof e.last !== 'string' && !(Array.isArray(e.last) && e.last.every((s) => typeof s === 'string'))) return { ok: false, error: `exercise ${k}: last answer is malformed` };
  }
  return { ok: true, value: o as unknown as Progress };
}

export interface LoadResult { progress: Progress; notice?: string }
type Store = Pick<Storage, 'getItem' | 'setItem'>;

/** The store as it is now; a missing store is created, an unreadable one is kept under ASIDE_KEY and replaced. */
export function loadProgress(storage: Store): LoadResult {
  let raw: string | null = null;
  try { raw = storage.getItem(STORE_KEY); } catch { return { progress: emptyProgress(), notice: 'Progress cannot be saved in this browser (storage unavailable).' }; }
  if (raw === null) {
    const p = emptyProgress();
    const s = saveProgress(storage, p);
    return s.ok ? { progress: p } : { progress: p, notice: s.message };
  }
  let parsed: unknown;
  try { parsed = JSON.parse(raw); } catch { parsed = undefined; }
  const v = validateProgress(parsed);
  if (v.ok) return { progress: v.value };
  try { storage.setItem(ASIDE_KEY, raw); } catch { /* the notice below still says what happened */ }
  const p = emptyProgress();
  saveProgress(storage, p);
  return { progress: p, notice: `Saved exercise progress was unreadable (${parsed === undefined ? 'not JSON' : v.error}) and has been reset; the old data is kept aside in this browser under “${ASIDE_KEY}”.` };
}

export type SaveResult = { ok: true } | { ok: false; message: string };
export const SAVE_FAILED = 'Your progress could not be saved in this browser (storage is full or blocked); it is kept in this tab only until you leave the page.';

export function saveProgress(storage: Pick<Storage, 'setItem'>, p: Progress): SaveResult {
  try { storage.setItem(STORE_KEY, JSON.stringify(p)); return { ok: true }; } catch { return { ok: false, message: SAVE_FAILED }; }
}

export interface UpdateResult { progress: Progress; saved: SaveResult }
/**
 * Apply one change to the store as it is now (not to this tab's possibly stale copy) and write it.
 * `current` is used only when the store cannot be read at all.
 */
export function updateProgress(storage: Store, current: Progress, change: (p: Progress) => Progress): UpdateResult {
  let base = current;
  try {
    const raw = storage.getItem(STORE_KEY);
    if (raw !== null) { let parsed: unknown; try { parsed = JSON.parse(raw); } catch { parsed = undefined; } const v = validateProgress(parsed); if (v.ok) base = v.value; }
  } catch { /* unreadable storage: change this tab's copy */ }
  const next = change(base);
  return { progress: next, saved: saveProgress(storage, next) };
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

/** verified solved 2, imported (unverified) solved 1, otherwise 0 */
const rank = (e: ExerciseProgress) => (e.solved ? (e.imported ? 1 : 2) : 0);

/**
 * Merge an imported file into the local progress, per exercise: the better entry wins (solved here >
 * solved per the file > attempted), the later one when they are equally good or of different versions;
 * a local entry is never replaced by an equal or worse one. Everything taken from the file is marked
 * `imported`, so a "solved" it claims is shown as unverified until it is solved in this browser. The
 * local seed (and so the local numbers, answers and variants) stays unless this browser has no progress yet.
 */
export function mergeImported(local: Progress, incoming: Progress): Progress {
  const adopt = Object.keys(local.exercises).length === 0;
  const seed = adopt ? incoming.seed : local.seed;
  const sameNumbers = incoming.seed === seed;
  const out: Record<string, ExerciseProgress> = { ...local.exercises };
  for (const [id, i0] of Object.entries(incoming.exercises)) {
    const inc: ExerciseProgress = {
      version: i0.version, attempts: i0.attempts, solved: i0.solved, imported: true,
      ...(i0.at !== undefined ? { at: i0.at } : {}),
      ...(sameNumbers && i0.last !== undefined ? { last: i0.last } : {}),
      ...(sameNumbers && i0.variant !== undefined ? { variant: i0.variant } : {}),
    };
    const l = local.exercises[id];
    if (!l) { out[id] = inc; continue; }
    const later = (inc.at ?? 0) > (l.at ?? 0);
    if (l.version !== inc.version) { if (later) out[id] = inc; continue; }
    const takeFile = rank(inc) > rank(l) || (rank(inc) === rank(l) && later && rank(l) < 2);
    if (takeFile) {
      // the file's verdict, this browser's numbers and answer
      const { last: _l, variant: _v, ...verdict } = inc;
      out[id] = { ...verdict, attempts: Math.max(l.attempts, inc.attempts), ...(l.last !== undefined ? { last: l.last } : {}), ...(l.variant !== undefined ? { variant: l.variant } : {}) };
    } else {
      out[id] = { ...l, attempts: Math.max(l.attempts, inc.attempts) };
    }
  }
  return { schema: 1, seed, exercises: out };
}

/** Record one attempt. A right answer given here makes the exercise solved and verified. */
export function recordAttempt(p: Progress, id: string, version: string, answer: string | string[], ok: boolean, now = Date.now()): Progress {
  const prev = p.exercises[id];
  const base: ExerciseProgress = prev && prev.version === version ? prev : { version, attempts: 0, solved: false, variant: prev?.variant };
  const imported = base.imported && !ok && base.solved;
  // keep the variant: the reader's numbers must not change because they checked an answer
  return { ...p, exercises: { ...p.exercises, [id]: { version, attempts: base.attempts + 1, solved: base.solved || ok, last: answer, at: now, ...(base.variant !== undefined ? { variant: base.variant } : {}), ...(imported ? { imported: true } : {}) } } };
}

/** "New numbers": the next variant of the exercise's parameters; the last answer (for the old numbers) is dropped. */
export function newVariant(p: Progress, id: string, version: string, now = Date.now()): Progress {
  const prev = p.exercises[id];
  const variant = (prev?.variant ?? 0) + 1;
  const base: ExerciseProgress = prev && prev.version === version ? prev : { version, attempts: 0, solved: false };
  const { last: _last, ...rest } = base;
  return { ...p, exercises: { ...p.exercises, [id]: { ...rest, variant, at: now } } };
}

export type Status = 'new' | 'attempted' | 'solved' | 'imported' | 'changed';
/** 'changed' when the stored entry belongs to an older version of the exercise; 'imported' when it is solved only per an imported file. */
export function statusOf(p: Progress, id: string, version: string): Status {
  const e = p.exercises[id];
  if (!e) return 'new';
  if (e.version !== version) return 'changed';
  return e.solved ? (e.imported ? 'imported' : 'solved') : 'attempted';
}
