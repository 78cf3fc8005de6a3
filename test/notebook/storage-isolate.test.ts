// Saved edits (namespaced keys, corrupted entries ignored with a notice, the progress key never
// touched) and the worker lock (escapes from the worker replaced by throwing getters).
import { describe, it, expect } from 'vitest';
import { loadEdit, saveEdit, clearEdit, cellKey, MAX_SAVED_CHARS } from '../../src/notebook/storage';
import { lockGlobals, WORKER_ESCAPES } from '../../src/notebook/isolate';

class MemoryStorage {
  map = new Map<string, string>();
  getItem(k: string) { return this.map.has(k) ? this.map.get(k)! : null; }
  setItem(k: string, v: string) { this.map.set(k, v); }
  removeItem(k: string) { this.map.delete(k); }
}

describe('saved edits', () => {
  it('round-trip under backprop-notebook/cell@1:<page>:<id>, and never touch exercise progress', () => {
    const s = new MemoryStorage();
    s.setItem('backprop-notebook/progress@1', '{"keep":true}');
    saveEdit(s, '/chapters/03/', 'bp', 'edited', 'original');
    expect([...s.map.keys()]).toContain('backprop-notebook/cell@1:/chapters/03/:bp');
    expect(cellKey('/p/', 'c')).toBe('backprop-notebook/cell@1:/p/:c');
    expect(loadEdit(s, '/chapters/03/', 'bp', 'original')).toEqual({ code: 'edited' });
    clearEdit(s, '/chapters/03/', 'bp');
    expect(loadEdit(s, '/chapters/03/', 'bp', 'original')).toEqual({ code: null });
    expect(s.getItem('backprop-notebook/progress@1')).toBe('{"keep":true}');
  });
  it('saving the original code removes the entry', () => {
    const s = new MemoryStorage();
    saveEdit(s, 'p', 'c', 'x', 'orig');
    saveEdit(s, 'p', 'c', 'orig', 'orig');
    expect(s.map.size).toBe(0);
  });
  it('a corrupted entry is ignored with a notice and removed', () => {
    const s = new MemoryStorage();
    for (const bad of ['{not json', '{"format":"cell@1","code":3}', '"just a string"', 'null']) {
      s.setItem(cellKey('p', 'c'), bad);
      const r = loadEdit(s, 'p', 'c', 'orig');
      expect(r.code).toBeNull();
      expect(r.notice).toMatch(/could not be read/);
      expect(s.getItem(cellKey('p', 'c'))).toBeNull();
    }
  });
  it('an edit of a cell whose original changed is kept, with a notice', () => {
    const s = new MemoryStorage();
    saveEdit(s, 'p', 'c', 'mine', 'old original');
    const r = loadEdit(s, 'p', 'c', 'new original');
    expect(r.code).toBe('mine');
    expect(r.notice).toMatch(/changed/);
  });
  it('blocked storage does not throw', () => {
    const blocked = { getItem() { throw new Error('denied'); }, setItem() { throw new Error('denied'); }, removeItem() { throw new Error('denied'); } };
    expect(loadEdit(blocked, 'p', 'c', 'o').code).toBeNull();
    expect(() => saveEdit(blocked, 'p', 'c', 'x', 'o')).not.toThrow();
  });
  it('a save the browser refuses (storage full) says so instead of passing silently', () => {
    const full = new MemoryStorage();
    full.setItem = () => { throw new DOMException('quota', 'QuotaExceededError'); };
    const r = saveEdit(full, 'p', 'c', 'x', 'o');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message).toMatch(/could not be saved/);
    expect(saveEdit(new MemoryStorage(), 'p', 'c', 'x', 'o')).toEqual({ ok: true });
  });
  it('an edit over MAX_SAVED_CHARS is not stored, the reason is given, and the last saved edit stays', () => {
    const s = new MemoryStorage();
    expect(saveEdit(s, 'p', 'c', 'small edit', 'o').ok).toBe(true);
    const huge = 'x'.repeat(MAX_SAVED_CHARS + 1);
    const r = saveEdit(s, 'p', 'c', huge, 'o');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message).toContain((MAX_SAVED_CHARS + 1).toLocaleString('en'));
    expect(loadEdit(s, 'p', 'c', 'o').code).toBe('small edit');
    // exactly at the limit it is kept
    expect(saveEdit(s, 'p', 'c', 'y'.repeat(MAX_SAVED_CHARS), 'o').ok).toBe(true);
    expect(loadEdit(s, 'p', 'c', 'o').code?.length).toBe(MAX_SAVED_CHARS);
  });
});

describe('lockGlobals', () => {
  it('replaces escapes found on the object and on its prototypes, and adds throwing getters for the rest', () => {
    const proto = { postMessage() { return 'sent'; } };
    const g = Object.create(proto) as Record<string, unknown>;
    g.fetch = () => 'fetched';
    const keep = (proto.postMessage as () => string).bind(g);
    const found = lockGlobals(g);
    expect(found.sort()).toEqual(['fetch', 'postMessage']);
    for (const name of WORKER_ESCAPES) expect(() => g[name]).toThrow(new RegExp(`${name} is not available in a code cell`));
    expect(() => (proto as Record<string, unknown>).postMessage).toThrow(/not available/);
    expect(() => { g.fetch = 1; }).toThrow(/not available/);
    // what the runtime kept before locking still works
    expect(keep()).toBe('sent');
  });
});
