// The code exercises: for several reader seeds, the reference answer passes every hidden case,
// the typical wrong answer fails with the first failing input, expected and actual values, and
// the starter code runs but does not pass. Hidden cases' expected values come from the engine;
// independent.test.ts checks them once more by independent routes (finite differences, direct formulas).
import { describe, it, expect } from 'vitest';
import * as engine from '../../src/engine/index';
import { bank, chapters } from '../../src/exercises/bank/index';
import { paramsFor } from '../../src/exercises/params';
import { reportToResult, specFor } from '../../src/exercises/code';
import { CellSession, type CellEnv } from '../../src/notebook/evaluate';
import { gradeCode, compare } from '../../src/notebook/grade-code';
import type { CodeExercise } from '../../src/exercises/types';

const env: CellEnv = { loadModule: async () => engine as never };
const codeExercises = chapters.flatMap((c) => bank[c].filter((e): e is CodeExercise => e.kind === 'code').map((e) => [c, e] as const));
const grade = (ex: CodeExercise, seed: number, code: string) => gradeCode(new CellSession(env), code, specFor(ex, paramsFor(ex, seed)), engine as never);

describe('code exercises', () => {
  it('there are at least 6, covering BP1, BP2, BP4, softmax, cross-entropy δᴸ and a minibatch update', () => {
    expect(codeExercises.length).toBeGreaterThanOrEqual(6);
    expect(codeExercises.map(([, e]) => e.fnName).sort()).toEqual(['crossEntropyDelta', 'hiddenError', 'outputError', 'softmax', 'updateMiniBatch', 'weightGradient']);
  });
  for (const [chapter, ex] of codeExercises) {
    it(`${chapter}/${ex.id}: reference passes, wrong answer and starter fail with a located message`, async () => {
      for (const seed of [1, 2, 99]) {
        const right = await grade(ex, seed, ex.referenceCode);
        expect(right.problem).toBeUndefined();
        expect(right.failure).toBeUndefined();
        expect(right).toMatchObject({ ok: true, passed: right.total });
        expect(reportToResult(right).ok).toBe(true);
        const wrong = await grade(ex, seed, ex.wrongCode);
        expect(wrong.ok).toBe(false);
        expect(wrong.failure).toBeDefined();
        const msg = reportToResult(wrong).message;
        expect(msg).toMatch(/^Test \d+ of \d+ failed .*Input: .+\. Expected: .+\. Got: .+\./);
        const starter = await grade(ex, seed, ex.starter);
        expect(starter.ok).toBe(false);
      }
    });
  }
  it('a missing function, a syntax error and an exception are reported', async () => {
    const [, ex] = codeExercises[0];
    expect((await grade(ex, 1, 'const x = 1;')).problem).toBe(`Define a function named ${ex.fnName}.`);
    expect((await grade(ex, 1, `function ${ex.fnName}( {`)).problem).toMatch(/^Syntax error \(line 1/);
    const thrown = await grade(ex, 1, `function ${ex.fnName}() { throw new Error("nope"); }`);
    expect(thrown.failure?.why).toMatch(/threw Error: nope/);
  });
  it('compare names the first difference and shape errors', () => {
    expect(compare([[1, 2], [3, 4]], [[1, 2], [3, 5]])).toBe('entry [1][1] is 5, expected 4');
    expect(compare([1, 2, 3], [1, 2])).toBe('the result has shape 2, expected 3');
    expect(compare([1], undefined)).toMatch(/should be a vector/);
    expect(compare(1, NaN)).toBe('the result is NaN');
  });
});
