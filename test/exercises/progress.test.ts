import { describe, it, expect } from 'vitest';
import { loadProgress, saveProgress, STORE_KEY, exportProgress, importProgress, recordAttempt, statusOf, emptyProgress } from '../../src/exercises/progress';

const mem = (init: Record<string, string> = {}) => { const m = new Map(Object.entries(init)); return { getItem: (k: string) => m.get(k) ?? null, setItem: (k: string, v: string) => void m.set(k, v), m }; };

describe('progress store', () => {
  it('round-trips through storage', () => {
    const s = mem();
    const p = recordAttempt(loadProgress(s).progress, 'x', '1', '0.25', true);
    saveProgress(s, p);
    expect(loadProgress(s).progress).toEqual(p);
    expect(loadProgress(s).notice).toBeUndefined();
  });
  it('recovers from corrupted JSON and old formats, with a notice', () => {
    for (const bad of ['{not json', '[]', JSON.stringify({ schema: 0, seed: 1, exercises: {} }), JSON.stringify({ schema: 1, seed: 1, exercises: { a: { version: 1 } } })]) {
      const r = loadProgress(mem({ [STORE_KEY]: bad }));
      expect(r.notice).toMatch(/reset/);
      expect(r.progress.exercises).toEqual({});
    }
  });
  it('flags an exercise whose version changed', () => {
    const p = recordAttempt(emptyProgress(1), 'x', '1', 'a', false);
    expect(statusOf(p, 'x', '1')).toBe('attempted');
    expect(statusOf(p, 'x', '2')).toBe('changed');
    expect(statusOf(recordAttempt(p, 'x', '2', 'b', false), 'x', '2')).toBe('attempted');
  });
  it('checking an answer keeps the exercise variant (its numbers)', () => {
    const p = emptyProgress(1);
    const withVariant = { ...p, exercises: { x: { version: '1', attempts: 0, solved: false, variant: 3 } } };
    expect(recordAttempt(withVariant, 'x', '1', '1', false).exercises.x.variant).toBe(3);
  });
  it('export/import round trip; foreign or malformed files refused', () => {
    const p = recordAttempt(emptyProgress(5), 'x', '1', ['1', '2'], true);
    const r = importProgress(exportProgress(p));
    expect(r.ok && r.value).toEqual(p);
    expect(importProgress('nope').ok).toBe(false);
    expect(importProgress('{"format":"other"}').ok).toBe(false);
    const bad = importProgress(JSON.stringify({ format: 'backprop-notebook/progress-export@1', progress: { schema: 1, seed: 1.5, exercises: {} } }));
    expect(!bad.ok && bad.error).toMatch(/seed/);
  });
});
