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

export function saveEdit(storage: StorageLike, page: string, id: string, code: string, original: string): void {
  try {
    if (code === original) storage.removeItem(cellKey(page, id));
    else storage.setItem(cellKey(page, id), JSON.stringify({ format: 'cell@1', code, original, savedAt: new Date().toISOString() } satisfies Saved));
  } catch { /* quota or blocked storage: the edit simply is not kept */ }
}

export function clearEdit(storage: StorageLike, page: string, id: string): void {
  try { storage.removeItem(cellKey(page, id)); } catch { /* ignore */ }
}
