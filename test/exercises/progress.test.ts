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

import fc from 'fast-check';
import { updateProgress, mergeImported, newVariant, ASIDE_KEY, SAVE_FAILED, type Progress } from '../../src/exercises/progress';
import { answerShapeProblem, setAsideMalformedAnswers } from '../../src/exercises/answer-shape';
import { spreadPaste } from '../../src/exercises/paste';
import { hasVariants, paramsFor } from '../../src/exercises/params';
import { bank } from '../../src/exercises/bank/index';
import type { Exercise } from '../../src/exercises/types';

describe('several tabs on one store (re-read before each write)', () => {
  it('answers saved in two tabs with stale copies are both kept', () => {
    const s = mem();
    const tabA = loadProgress(s).progress;
    const tabB = loadProgress(s).progress; // both opened before either answered
    updateProgress(s, tabA, (p) => recordAttempt(p, 'x', '1', 'a', true));
    const r = updateProgress(s, tabB, (p) => recordAttempt(p, 'y', '1', 'b', false));
    expect(Object.keys(r.progress.exercises).sort()).toEqual(['x', 'y']);
    expect(loadProgress(s).progress.exercises.x).toMatchObject({ solved: true, last: 'a' });
  });
  it('a reset in one tab is not undone by a tab that was open before it', () => {
    const s = mem();
    const old = updateProgress(s, loadProgress(s).progress, (p) => recordAttempt(p, 'x', '1', 'a', true)).progress;
    updateProgress(s, old, () => emptyProgress()); // the other tab's reset
    const after = updateProgress(s, old, (p) => recordAttempt(p, 'y', '1', 'b', true)).progress;
    expect(Object.keys(after.exercises)).toEqual(['y']);
    expect(statusOf(loadProgress(s).progress, 'x', '1')).toBe('new');
  });
  it('new numbers keep attempts, drop the answer for the old numbers and count variants', () => {
    const p = recordAttempt(emptyProgress(1), 'x', '1', '0.5', false);
    const q = newVariant(newVariant(p, 'x', '1'), 'x', '1');
    expect(q.exercises.x).toMatchObject({ attempts: 1, variant: 2 });
    expect(q.exercises.x.last).toBeUndefined();
  });
});

describe('saving can fail, and says so', () => {
  it('a full store (setItem throws) gives a message instead of "saved"', () => {
    const full = { getItem: () => null, setItem: () => { throw new DOMException('full', 'QuotaExceededError'); } };
    expect(saveProgress(full, emptyProgress())).toEqual({ ok: false, message: SAVE_FAILED });
    const r = updateProgress(full, emptyProgress(), (p) => recordAttempt(p, 'x', '1', 'a', true));
    expect(r.saved.ok).toBe(false);
    expect(r.progress.exercises.x.solved).toBe(true); // kept in the tab
    expect(loadProgress(full).notice).toBe(SAVE_FAILED);
  });
  it('an unreadable store is kept aside, not lost', () => {
    const s = mem({ [STORE_KEY]: '{half' });
    expect(loadProgress(s).notice).toContain(ASIDE_KEY);
    expect(s.m.get(ASIDE_KEY)).toBe('{half');
  });
});

const entryArb = fc.record({ version: fc.constantFrom('1', '2'), attempts: fc.nat(5), solved: fc.boolean(), imported: fc.option(fc.boolean(), { nil: undefined }), at: fc.option(fc.integer({ min: 0, max: 100 }), { nil: undefined }) });
const progressArb = (seed: fc.Arbitrary<number>) => fc.record({ schema: fc.constant(1 as const), seed, exercises: fc.dictionary(fc.constantFrom('a', 'b', 'c', 'd'), entryArb) }) as fc.Arbitrary<Progress>;

describe('import merges per exercise and never forges a solve', () => {
  it('keeps every exercise of both sides, never loses a solve earned here, is idempotent', () => {
    fc.assert(fc.property(progressArb(fc.constant(7)), progressArb(fc.constantFrom(7, 8)), (local, inc) => {
      const m = mergeImported(local, inc);
      expect(Object.keys(m.exercises).sort()).toEqual([...new Set([...Object.keys(local.exercises), ...Object.keys(inc.exercises)])].sort());
      for (const [id, l] of Object.entries(local.exercises)) {
        if (l.solved && !l.imported && inc.exercises[id]?.version === l.version) expect(statusOf(m, id, l.version)).toBe('solved');
      }
      expect(mergeImported(m, inc)).toEqual(m);
    }));
  });
  it('a solve that only the file claims is "imported" (unverified) until it is solved here', () => {
    fc.assert(fc.property(progressArb(fc.constant(7)), progressArb(fc.constant(7)), (local, inc) => {
      const m = mergeImported(local, inc);
      for (const [id, e] of Object.entries(m.exercises)) {
        const earnedHere = local.exercises[id]?.solved && !local.exercises[id]?.imported && local.exercises[id]?.version === e.version;
        if (statusOf(m, id, e.version) === 'solved') expect(earnedHere).toBe(true);
      }
    }));
    const m = mergeImported(emptyProgress(3), recordAttempt(emptyProgress(9), 'x', '1', '0.5', true));
    expect(statusOf(m, 'x', '1')).toBe('imported');
    expect(m.seed).toBe(9); // an empty browser adopts the file's numbers
    expect(statusOf(recordAttempt(m, 'x', '1', '0.4', false), 'x', '1')).toBe('imported');
    expect(statusOf(recordAttempt(m, 'x', '1', '0.5', true), 'x', '1')).toBe('solved');
  });
  it('a browser with progress keeps its own numbers; answers for other numbers are not taken', () => {
    const local = recordAttempt(emptyProgress(3), 'y', '1', '1', true);
    const m = mergeImported(local, recordAttempt(emptyProgress(9), 'x', '1', '0.5', false));
    expect(m.seed).toBe(3);
    expect(m.exercises.x.last).toBeUndefined();
    expect(m.exercises.y).toEqual(local.exercises.y);
  });
});

const find = (kind: Exercise['kind']) => Object.values(bank).flat().find((e) => e.kind === kind)!;
describe('saved answers are validated per kind', () => {
  it('refuses a string for a grid, a grid of the wrong length, an unknown option, an array for a number', () => {
    const grid = find('grid') as Extract<Exercise, { kind: 'grid' }>;
    expect(answerShapeProblem(grid, '0.5')).toMatch(/grid/);
    expect(answerShapeProblem(grid, ['1'].concat(Array(grid.rows * grid.cols)).map(String))).toMatch(/has/);
    expect(answerShapeProblem(grid, Array(grid.rows * grid.cols).fill('1'))).toBeUndefined();
    const choice = find('choice') as Extract<Exercise, { kind: 'choice' }>;
    expect(answerShapeProblem(choice, ['no-such-option'])).toMatch(/option/);
    expect(answerShapeProblem(choice, [choice.options[0].id])).toBeUndefined();
    expect(answerShapeProblem(find('number'), ['1'])).toMatch(/text/);
    expect(answerShapeProblem(find('code'), 'function f() {}')).toBeUndefined();
  });
  it('setAsideMalformedAnswers drops only the malformed answers and names them', () => {
    const grid = find('grid'); const num = find('number');
    const p = recordAttempt(recordAttempt(emptyProgress(1), grid.id, grid.version, 'oops', true), num.id, num.version, '0.5', false);
    const r = setAsideMalformedAnswers(p, { [grid.id]: grid, [num.id]: num });
    expect(r.setAside.map((s) => s.id)).toEqual([grid.id]);
    expect(r.progress.exercises[grid.id]).toMatchObject({ solved: true, attempts: 1 });
    expect(r.progress.exercises[grid.id].last).toBeUndefined();
    expect(r.progress.exercises[num.id].last).toBe('0.5');
  });
});

describe('grid paste and "new numbers"', () => {
  it('a tab-, newline- or space-separated paste fills the boxes from the one pasted into', () => {
    expect(spreadPaste(['', '', '', ''], 1, '0.1\t\u22120.2\n3')).toEqual(['', '0.1', '\u22120.2', '3']);
    expect(spreadPaste(['', ''], 0, '1 2 3')).toEqual(['1', '2']);
    expect(spreadPaste(['', ''], 0, ' 0.5 ')).toBeNull();
  });
  it('"new numbers" is offered exactly for the exercises whose numbers depend on the seed', () => {
    let without = 0;
    for (const ex of Object.values(bank).flat()) {
      const prompts = new Set(Array.from({ length: 20 }, (_, s) => ex.prompt(paramsFor(ex, s + 1))));
      if (hasVariants(ex)) { expect(prompts.size, ex.id).toBeGreaterThan(1); continue; }
      without++;
      expect(prompts.size, ex.id).toBe(1);
      // nothing else the reader could see changes either: the answer is the same for every seed
      if (ex.kind === 'number' || ex.kind === 'grid') expect(new Set(Array.from({ length: 20 }, (_, s) => JSON.stringify(ex.answer(paramsFor(ex, s + 1))))).size, ex.id).toBe(1);
    }
    expect(without).toBeGreaterThan(0);
  });
});
