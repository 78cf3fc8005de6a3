// The page side of the runtime (src/notebook/client.ts) with a fake worker injected: the fake
// runs cells with the real CellSession in-process, so a session's shared state lives and dies
// with the fake, as it does with a real worker. A cell that never answers stands for an endless
// loop (which only terminating the worker can stop).
import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { CellRunner, DEFAULT_TIME_LIMIT_MS, formatLimit, stoppedMessage, sessionResetNotice, type WorkerLike } from '../../src/notebook/client';
import { CellSession } from '../../src/notebook/evaluate';
import { collectOutputs } from '../../src/notebook/grade-code';
import type { FromWorker, ToWorker } from '../../src/notebook/messages';
import type { OutputItem } from '../../src/notebook/format';
import * as engine from '../../src/engine/index';
import { cellEnv } from './cell-env';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

class FakeWorker implements WorkerLike {
  onmessage: ((e: { data: FromWorker }) => void) | null = null;
  onerror: ((e: { message?: string; preventDefault?(): void }) => void) | null = null;
  terminated = false;
  received: ToWorker[] = [];
  /** messages sent after terminate() (a real worker sends none; the fake tries, to prove they are dropped) */
  lateSends = 0;
  session = new CellSession(cellEnv());
  constructor(opts: { failToStart?: string } = {}) {
    setTimeout(() => {
      if (opts.failToStart) this.onerror?.({ message: opts.failToStart, preventDefault() {} });
      else this.send({ type: 'ready' });
    }, 0);
  }
  private send(m: FromWorker) {
    if (this.terminated) this.lateSends++;
    this.onmessage?.({ data: m });
  }
  postMessage(m: ToWorker) {
    this.received.push(m);
    void (async () => {
      await sleep(0);
      if (m.type === 'run') {
        const result = await this.session.run(m.code, (item) => this.send({ type: 'output', id: m.id, item }));
        this.send({ type: 'done', id: m.id, result });
      } else {
        if (m.type === 'grade') this.send({ type: 'graded', id: m.id, collected: await collectOutputs(new CellSession(cellEnv()), m.code, m.fnName, m.cases, engine as never) });
      }
    })();
  }
  terminate() { this.terminated = true; }
}

function rig() {
  const workers: FakeWorker[] = [];
  const restarts: string[] = [];
  const runner = new CellRunner(() => { const w = new FakeWorker(); workers.push(w); return w; });
  runner.onRestart((why) => restarts.push(why));
  const run = async (code: string, limitMs?: number) => {
    const out: OutputItem[] = [];
    const outcome = await runner.run(code, { limitMs, onOutput: (i) => out.push(i) });
    return { outcome, out };
  };
  return { runner, workers, restarts, run };
}

// never answers, then (if the worker were still there) prints: the stand-in for `while (true) {}`
const HANG = (ms: number) => `await new Promise((r) => setTimeout(r, ${ms}));\nconsole.log("late output");\n"late value"`;

describe('CellRunner', () => {
  it('the default limit is 5 s', () => {
    expect(DEFAULT_TIME_LIMIT_MS).toBe(5000);
  });

  it('a run that does not answer within the limit terminates the worker and reports a timeout; the next run gets a fresh worker', async () => {
    const { workers, restarts, run, runner } = rig();
    expect((await run('1 + 1')).outcome.status).toBe('ok');
    expect(workers).toHaveLength(1);
    const t0 = performance.now();
    const { outcome, out } = await run(HANG(400), 80);
    const took = performance.now() - t0;
    expect(outcome).toEqual({ status: 'timeout', limitMs: 80 });
    expect(out).toEqual([]);
    expect(took).toBeGreaterThanOrEqual(75);
    expect(took).toBeLessThan(350);
    expect(workers[0].terminated).toBe(true);
    expect(restarts).toEqual([`stopped after ${formatLimit(80)}`]);
    // the next run: a fresh worker, which answers
    const next = await run('6 * 7');
    expect(next.outcome.status).toBe('ok');
    expect(next.out).toEqual([{ kind: 'text', text: '42' }]);
    expect(workers).toHaveLength(2);
    expect(runner.started).toBe(2);
    expect(workers[1].terminated).toBe(false);
  });

  it('results of a terminated run are never delivered, not even to the run after it', async () => {
    const { workers, run } = rig();
    const stopped = await run(HANG(150), 40);
    expect(stopped.outcome.status).toBe('timeout');
    // a second run on the fresh worker, still going when the old one "answers"
    const next = await run('await new Promise((r) => setTimeout(r, 250));\n"mine"', 2000);
    expect(workers[0].lateSends).toBeGreaterThan(0); // the old worker did try to answer meanwhile
    expect(stopped.out).toEqual([]);
    expect(next.outcome.status).toBe('ok');
    expect(next.out).toEqual([{ kind: 'text', text: 'mine' }]);
  });

  it('the limit is adjustable: the same slow cell is stopped under a short limit and finishes under a longer one', async () => {
    await fc.assert(fc.asyncProperty(fc.integer({ min: 30, max: 90 }), async (work) => {
      const { run } = rig();
      const short = await run(HANG(work), Math.round(work / 3));
      expect(short.outcome).toEqual({ status: 'timeout', limitMs: Math.round(work / 3) });
      const long = await run(HANG(work), work + 400);
      expect(long.outcome.status).toBe('ok');
      expect(long.out.map((o) => o.kind === 'text' && o.text)).toEqual(['late output', 'late value']);
    }), { numRuns: 4 });
  });

  it('grading obeys the limit too, and a right answer after it is graded on a fresh worker', async () => {
    const { runner, workers } = rig();
    const spec = { fnName: 'double', cases: [{ args: [{ t: 'num', v: 1.5 }], expected: 3 }] } as const;
    const stuck = await runner.grade('await new Promise(() => {});\nfunction double(x: number) { return 2 * x; }', spec as never, 60);
    expect(stuck).toEqual({ status: 'timeout', limitMs: 60 });
    expect(workers[0].terminated).toBe(true);
    const ok = await runner.grade('function double(x: number) { return 2 * x; }', spec as never, 2000);
    expect(ok).toMatchObject({ status: 'graded', report: { ok: true, passed: 1, total: 1 } });
    expect(workers).toHaveLength(2);
  });

  it('a stand-alone runner (workerPerRun) gives every run a new worker and ends it; nothing of one run reaches the next', async () => {
    const workers: FakeWorker[] = [];
    const restarts: string[] = [];
    const runner = new CellRunner(() => { const w = new FakeWorker(); workers.push(w); return w; }, { workerPerRun: true });
    runner.onRestart((why) => restarts.push(why));
    expect((await runner.run('globalThis.leftover = 41; var kept = 1;')).status).toBe('ok');
    const out: OutputItem[] = [];
    expect((await runner.run('typeof kept', { onOutput: (i) => out.push(i) })).status).toBe('ok');
    expect(out).toEqual([{ kind: 'text', text: 'undefined' }]);
    expect(workers).toHaveLength(2);
    expect(workers.every((w) => w.terminated)).toBe(true);
    expect(restarts).toEqual([]); // no shared state was lost, so no cell is told its session reset
    delete (globalThis as Record<string, unknown>).leftover;
  });

  it('each grading gets a worker no reader code has touched, even after runs on the same runner', async () => {
    const { runner, workers } = rig();
    expect((await runner.run('const double = (x: number) => 0;')).status).toBe('ok');
    const spec = { fnName: 'double', cases: [{ args: [{ t: 'num', v: 2 }], expected: 4 }] } as const;
    const r1 = await runner.grade('function double(x: number) { return 2 * x; }', spec as never, 5000);
    expect(r1).toMatchObject({ status: 'graded', report: { ok: true } });
    const r2 = await runner.grade('function double(x: number) { return 2 * x; }', spec as never, 5000);
    expect(r2).toMatchObject({ status: 'graded', report: { ok: true } });
    expect(workers).toHaveLength(3);
    expect(workers.every((w) => w.terminated)).toBe(true);
    // the grading workers got the inputs only
    for (const w of workers.slice(1)) expect(JSON.stringify(w.received)).not.toMatch(/expected/);
  });

  it('shared state: after a restart the session starts empty, and the listeners (the cells) are told', async () => {
    const { run, restarts } = rig();
    expect((await run('const k = 5;')).outcome.status).toBe('ok');
    expect((await run('k * 2')).out).toEqual([{ kind: 'text', text: '10' }]);
    expect((await run(HANG(300), 50)).outcome.status).toBe('timeout');
    expect(restarts).toHaveLength(1);
    const after = await run('k * 2');
    expect(after.outcome).toMatchObject({ status: 'error', error: { message: 'ReferenceError: k is not defined' } });
    // "Run all" re-establishes it: the cells again, in order
    await run('const k = 5;');
    expect((await run('k * 2')).out).toEqual([{ kind: 'text', text: '10' }]);
  });

  it('restart() throws the session away on purpose and tells the listeners why', async () => {
    const { run, restarts, runner, workers } = rig();
    await run('const k = 1;');
    runner.restart('restarted by the reader');
    expect(restarts).toEqual(['restarted by the reader']);
    expect(workers[0].terminated).toBe(true);
    expect((await run('typeof k')).out).toEqual([{ kind: 'text', text: 'undefined' }]);
  });

  it('a worker that fails to start is reported, and the next run tries a fresh one', async () => {
    let n = 0;
    const runner = new CellRunner(() => new FakeWorker(n++ === 0 ? { failToStart: 'script blocked' } : {}));
    expect(await runner.run('1')).toEqual({ status: 'crashed', message: 'script blocked' });
    expect((await runner.run('1')).status).toBe('ok');
    expect(runner.started).toBe(2);
  });

  it('runs queue: a second run waits for the first and each gets only its own output', async () => {
    const { runner } = rig();
    const a: OutputItem[] = [];
    const b: OutputItem[] = [];
    const [ra, rb] = await Promise.all([
      runner.run('await new Promise((r) => setTimeout(r, 40));\n"a"', { onOutput: (i) => a.push(i) }),
      runner.run('"b"', { onOutput: (i) => b.push(i) }),
    ]);
    expect([ra.status, rb.status]).toEqual(['ok', 'ok']);
    expect(a).toEqual([{ kind: 'text', text: 'a' }]);
    expect(b).toEqual([{ kind: 'text', text: 'b' }]);
  });
});

describe('what the reader is told when a run is stopped', () => {
  it('names the limit; in a session, says the shared state is gone and how to get it back', () => {
    fc.assert(fc.property(fc.integer({ min: 1, max: 240 }).map((h) => h * 500), (ms) => {
      const alone = stoppedMessage(ms, false);
      const shared = stoppedMessage(ms, true);
      expect(alone).toContain(`longer than its ${formatLimit(ms)} limit`);
      expect(alone).not.toMatch(/Run all/);
      expect(shared).toContain(`longer than its ${formatLimit(ms)} limit`);
      expect(shared).toMatch(/session was reset.*Run all/);
    }));
  });
  it('the other cells of the session are told why their state is gone and how to get it back', async () => {
    const { run, restarts } = rig();
    await run(HANG(200), 30);
    const notice = sessionResetNotice(restarts[0]);
    expect(notice).toContain(`stopped after ${formatLimit(30)}`);
    expect(notice).toMatch(/Run all/);
  });
});
