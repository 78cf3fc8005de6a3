// A reader's edit of a cell, kept in localStorage under its own namespaced key so it never
// touches the exercise progress (`backprop-notebook/progress@1`).
export const CELL_KEY_PREFIX = 'backprop-notebook/cell@1:';

export const cellKey = (page: string, id: string) => `${CELL_KEY_PREFIX}${page}:${id}`;

interface Saved { format: 'cell@1'; code: string; original: string; savedAt: string }

export interface Loaded {
  /** the code to show: the saved edit, or null to use the original */
  code: string | null;
  /** a message for the reader when something saved could not be used */
  notice?: string;
}

type StorageLike = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

export function loadEdit(storage: StorageLike, page: string, id: string, original: string): Loaded {
  let raw: string | null;
  try { raw = storage.getItem(cellKey(page, id)); } catch { return { code: null, notice: 'Saved edits are unavailable in this browser (storage is blocked).' }; }
  if (raw === null) return { code: null };
  try {
    const v = JSON.parse(raw) as Partial<Saved>;
    if (v?.format !== 'cell@1' || typeof v.code !== 'string') throw new Error('bad shape');
    if (typeof v.original === 'string' && v.original !== original) {
      return { code: v.code, notice: 'This cell has changed since you edited it; your edit is shown. Reset gives the new version.' };
    }
    return { code: v.code };
  } catch {
    try { storage.removeItem(cellKey(page, id)); } catch { /* ignore */ }
    return { code: null, notice: 'Your saved edit of this cell could not be read, so the original code is shown.' };
  }
}

/** The longest edit kept in the browser: storage is small (≈ 5 MB an origin) and shared with progress. */
export const MAX_SAVED_CHARS = 200_000;

export type SaveResult = { ok: true } | { ok: false; message: string };

/**
 * Keep the reader's edit, or say why it was not kept (the cell shows the message): an edit longer
 * than MAX_SAVED_CHARS is refused, and so is one the browser will not store (full or blocked).
 * A refused edit leaves the last saved one in place, so a reload never shows something unsaid.
 */
export function saveEdit(storage: StorageLike, page: string, id: string, code: string, original: string): SaveResult {
  if (code !== original && code.length > MAX_SAVED_CHARS) {
    return { ok: false, message: `This edit is ${code.length.toLocaleString('en')} characters long; edits over ${MAX_SAVED_CHARS.toLocaleString('en')} characters are not saved in this browser, so copy it elsewhere to keep it.` };
  }
  try {
    if (code === original) storage.removeItem(cellKey(page, id));
    else storage.setItem(cellKey(page, id), JSON.stringify({ format: 'cell@1', code, original, savedAt: new Date().toISOString() } satisfies Saved));
    return { ok: true };
  } catch {
    return { ok: false, message: 'Your edit could not be saved: the browser refused to store it (storage full or blocked). It stays here until you leave the page.' };
  }
}

export function clearEdit(storage: StorageLike, page: string, id: string): void {
  try { storage.removeItem(cellKey(page, id)); } catch { /* ignore */ }
}
