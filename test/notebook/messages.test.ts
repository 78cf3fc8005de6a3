// The page ↔ worker protocol (src/notebook/messages.ts): each side accepts only messages of the
// protocol's shapes. Random data is dropped; every well-formed message passes unchanged; a
// grading message that carries expected values is refused (they never enter the worker).
import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { readFromWorker, readToWorker, isOutputItem } from '../../src/notebook/messages';
import { caseInput, judge, collectOutputs, gradeCode } from '../../src/notebook/grade-code';
import { CellSession } from '../../src/notebook/evaluate';
import * as engine from '../../src/engine/index';
import { cellEnv } from './cell-env';

const id = fc.integer({ min: 1, max: 1e9 });
const item = fc.oneof(
  fc.record({ kind: fc.constant('text'), text: fc.string() }),
  fc.record({ kind: fc.constant('table'), caption: fc.string(), rows: fc.array(fc.array(fc.string())) }),
  fc.record({ kind: fc.constant('svg'), markup: fc.string(), caption: fc.string() }),
  fc.record({ kind: fc.constant('error'), text: fc.string(), line: fc.nat() }),
);
const fromWorker = fc.oneof(
  fc.constant({ type: 'ready' }),
  fc.constant({ type: 'need-digits' }),
  fc.record({ type: fc.constant('output'), id, item }),
  fc.record({ type: fc.constant('done'), id, result: fc.record({ ok: fc.constant(true), declared: fc.array(fc.string()) }) }),
  fc.record({ type: fc.constant('graded'), id, collected: fc.oneof(fc.record({ problem: fc.string() }), fc.record({ outputs: fc.array(fc.oneof(fc.record({ ok: fc.constant(true), value: fc.jsonValue() }), fc.record({ ok: fc.constant(false), threw: fc.string() }))) })) }),
);

describe('readFromWorker / readToWorker', () => {
  it('every well-formed message passes unchanged', () => {
    fc.assert(fc.property(fromWorker, (m) => { expect(readFromWorker(m)).toEqual(m); }));
    fc.assert(fc.property(id, fc.string(), (i, code) => {
      expect(readToWorker({ type: 'run', id: i, code })).toEqual({ type: 'run', id: i, code });
      const g = { type: 'grade', id: i, code, fnName: 'f', cases: [{ args: [{ t: 'num', v: 1 }] }, { args: [{ t: 'vec', v: [1, 2] }], check: { arg: 0 } }] };
      expect(readToWorker(g)).toEqual(g);
    }));
  });

  it('anything else is dropped: random values, wrong ids, unknown types, outputs of the wrong shape', () => {
    fc.assert(fc.property(fc.anything(), (v) => {
      const m = readFromWorker(v);
      if (m !== null) expect(['ready', 'need-digits', 'output', 'done', 'graded']).toContain(m.type);
    }));
    for (const bad of [null, 'done', { type: 'done', id: 0, result: { ok: true, declared: [] } }, { type: 'done', id: 1.5, result: { ok: true, declared: [] } },
      { type: 'graded', id: 1, report: { ok: true, passed: 3, total: 3 } }, { type: 'output', id: 1, item: { kind: 'html', html: '<b>x</b>' } },
      { type: 'output', id: 1, item: { kind: 'text', text: 5 } }, { type: 'done', id: 1, result: { ok: true, declared: [], error: { kind: 'runtime', message: 'x' } } }]) {
      expect(readFromWorker(bad)).toBeNull();
    }
    expect(isOutputItem({ kind: 'table', caption: 'c', rows: [[1]] })).toBe(false);
  });

  it('a grading that would carry an expected value into the worker is refused', () => {
    expect(readToWorker({ type: 'grade', id: 1, code: '', fnName: 'f', cases: [{ args: [], expected: 3 }] })).toBeNull();
    expect(caseInput({ args: [{ t: 'num', v: 2 }], expected: 4 })).toEqual({ args: [{ t: 'num', v: 2 }] });
  });
});

describe('grading in two halves', () => {
  const spec = { fnName: 'double', cases: [1.5, -2, 7].map((x) => ({ args: [{ t: 'num' as const, v: x }], expected: 2 * x })) };

  it('judge decides on the page: a worker claiming success it cannot show does not pass', () => {
    expect(judge(spec, { outputs: [] }, engine as never)).toMatchObject({ ok: false, passed: 0 });
    expect(judge(spec, { outputs: spec.cases.map(() => ({ ok: true as const, value: 'ok' })) }, engine as never)).toMatchObject({ ok: false, passed: 0 });
    expect(judge(spec, { outputs: spec.cases.map((c) => ({ ok: true as const, value: c.expected })) }, engine as never)).toEqual({ ok: true, passed: 3, total: 3 });
  });

  it('collectOutputs returns the function\'s values and never needs the expected ones; gradeCode is judge after it', async () => {
    const code = 'function double(x: number) { return x + x; }';
    const collected = await collectOutputs(new CellSession(cellEnv()), code, 'double', spec.cases.map(caseInput), engine as never);
    expect(collected).toEqual({ outputs: spec.cases.map((c) => ({ ok: true, value: c.expected })) });
    expect(await gradeCode(new CellSession(cellEnv()), 'function double(x: number) { return x * 3; }', spec, engine as never)).toMatchObject({ ok: false, passed: 0, failure: { index: 0 } });
    expect(await collectOutputs(new CellSession(cellEnv()), 'function double() { throw new RangeError("no") }', 'double', spec.cases.map(caseInput), engine as never)).toEqual({ outputs: [{ ok: false, threw: 'RangeError: no' }] });
  });
});
