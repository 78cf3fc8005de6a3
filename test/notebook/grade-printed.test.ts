// A code exercise shows what the reader's code printed while it was graded (issue 14: code
// exercises dropped console.log output): the worker's half collects it, within the run's output
// limits, the protocol carries it, and the page's report keeps it.
import { describe, it, expect } from 'vitest';
import { readFromWorker } from '../../src/notebook/messages';
import { collectOutputs, gradeCode, judge } from '../../src/notebook/grade-code';
import { CellSession } from '../../src/notebook/evaluate';
import { MAX_TEXT_CHARS } from '../../src/notebook/format';
import { reportToResult } from '../../src/exercises/code';
import * as engine from '../../src/engine/index';
import { cellEnv } from './cell-env';

const spec = { fnName: 'double', cases: [{ args: [{ t: 'num' as const, v: 2 }], expected: 4 }, { args: [{ t: 'num' as const, v: 5 }], expected: 10 }] };
const session = () => new CellSession(cellEnv());
const texts = (items: { kind: string; text?: string }[] | undefined) => (items ?? []).filter((i) => i.kind === 'text').map((i) => i.text);

describe('what a code exercise printed', () => {
  it('keeps top-level prints and prints made inside the function for each case, in order', async () => {
    const code = 'console.log("loaded");\nfunction double(x: number) { console.log("x is", x); return 2 * x; }';
    const report = await gradeCode(session(), code, spec, engine as never);
    expect(report.ok).toBe(true);
    expect(texts(report.printed)).toEqual(['loaded', 'x is 2', 'x is 5']);
    expect(texts(reportToResult(report).printed)).toEqual(['loaded', 'x is 2', 'x is 5']);
  });

  it('keeps them when the answer is wrong, and when the code does not run', async () => {
    const wrong = await gradeCode(session(), 'function double(x: number) { console.log("got", x); return x + 2; }', spec, engine as never);
    expect(wrong.ok).toBe(false);
    expect(wrong.failure?.index).toBe(1);
    expect(texts(wrong.printed)).toEqual(['got 2', 'got 5']);
    const broken = await gradeCode(session(), 'console.log("before");\nthrow new Error("boom");', spec, engine as never);
    expect(broken.problem).toMatch(/boom/);
    expect(texts(broken.printed)).toEqual(['before']);
  });

  it('is bounded by the run output limits', async () => {
    const collected = await collectOutputs(session(), `function double(x: number) { console.log("y".repeat(${4 * MAX_TEXT_CHARS})); return 2 * x; }`, 'double', spec.cases, engine as never);
    const total = (collected.printed ?? []).reduce((s, i) => s + ('text' in i ? String(i.text).length : 0), 0);
    expect(total).toBeLessThan(3 * MAX_TEXT_CHARS);
    expect(texts(collected.printed).some((t) => /cut/.test(String(t)))).toBe(true);
  });

  it('crosses the protocol only as output items; anything else in printed drops the message', () => {
    const ok = { type: 'graded', id: 1, collected: { outputs: [{ ok: true, value: 4 }], printed: [{ kind: 'text', text: 'hi' }] } };
    expect(readFromWorker(ok)).toEqual(ok);
    expect(readFromWorker({ ...ok, collected: { ...ok.collected, printed: [{ kind: 'html', html: '<img src=x onerror=alert(1)>' }] } })).toBeNull();
    expect(readFromWorker({ ...ok, collected: { ...ok.collected, printed: 'hi' } })).toBeNull();
    // the page's report carries what came across
    expect(judge(spec, { outputs: [{ ok: true, value: 4 }, { ok: true, value: 10 }], printed: [{ kind: 'text', text: 'hi' }] }, engine as never).printed).toEqual([{ kind: 'text', text: 'hi' }]);
  });
});
