// The "data" module of code cells (src/notebook/data-module.ts) and its wiring in the worker
// (src/notebook/worker.ts): the digits are handed in by the page over the worker's port,
// decoded by src/data/mnist.ts, while reader code itself still cannot fetch anything.
import { describe, it, expect, vi, beforeAll, afterAll } from 'vitest';
import fc from 'fast-check';
import { parseMnist, mnistExample } from '../../src/data/mnist';
import { makeToy2D } from '../../src/data/toy2d';
import { createDataModule, CELL_MNIST_TRAIN_DEFAULT, CELL_MNIST_TEST_DEFAULT, DATA_EXPORTS} from '../../src/notebook/data-module';
import { CellSession } from '../../src/notebook/evaluate';
import type { FromWorker } from '../../src/notebook/messages';
import type { OutputItem } from '../../src/notebook/format';
import { cellEnv, digitsFile } from './cell-env';

const decoded = parseMnist(digitsFile());
const nTrain = decoded.trainCount;
const nTest = decoded.count - decoded.trainCount;

describe('createDataModule', () => {
  it('exports exactly what the reference page documents', () => {
    expect(Object.keys(createDataModule(async () => new Response(''))).sort()).toEqual([...DATA_EXPORTS].sort());
  });

  it('loadMnist: the fixed split, digit for digit what src/data/mnist.ts decodes, any counts', async () => {
    const data = createDataModule(async () => new Response(digitsFile().slice()));
    const load = data.loadMnist;
    const d = await load();
    expect([d.rows, d.cols]).toEqual([decoded.rows, decoded.cols]);
    expect([d.train.length, d.test.length]).toEqual([Math.min(CELL_MNIST_TRAIN_DEFAULT, nTrain), Math.min(CELL_MNIST_TEST_DEFAULT, nTest)]);
    await fc.assert(fc.asyncProperty(fc.integer({ min: 1, max: 60 }), fc.integer({ min: 0, max: 30 }), fc.nat(), async (trainCount, testCount, pick) => {
      const { train, test } = await load({ trainCount, testCount });
      expect([train.length, test.length]).toEqual([trainCount, testCount]);
      const i = pick % trainCount;
      const want = mnistExample(decoded, i);
      expect(train[i].label).toBe(want.label);
      expect(Array.from(train[i].x)).toEqual(Array.from(want.x));
      expect(Array.from(train[i].y)).toEqual(Array.from(want.y));
      if (testCount > 0) expect(test[pick % testCount].label).toBe(decoded.labels[nTrain + (pick % testCount)]);
    }), { numRuns: 25 });
  });

  it('fetches the file once, and a failed fetch says so and is retried on the next call', async () => {
    let calls = 0;
    let fail = true;
    const data = createDataModule(async () => { calls++; return fail ? new Response('gone', { status: 503 }) : new Response(digitsFile().slice()); });
    const load = data.loadMnist;
    await expect(load({ trainCount: 2 })).rejects.toThrow(/The digits could not be loaded \(.*HTTP 503\)/);
    fail = false;
    await load({ trainCount: 2 });
    await load({ trainCount: 3, testCount: 0 });
    expect(calls).toBe(2);
  });

  it('bad options get a clear message', async () => {
    const load = createDataModule(async () => new Response(digitsFile().slice())).loadMnist as (o?: unknown) => Promise<unknown>;
    await expect(load({ trainCount: 0 })).rejects.toThrow(`trainCount must be a whole number from 1 to ${nTrain} (got 0)`);
    await expect(load({ trainCount: nTrain + 1 })).rejects.toThrow(`from 1 to ${nTrain}`);
    await expect(load({ testCount: 2.5 })).rejects.toThrow(`testCount must be a whole number from 0 to ${nTest} (got 2.5)`);
    await expect(load({ trainCount: '10' })).rejects.toThrow('(got "10")');
    await expect(load('/etc/passwd')).rejects.toThrow(/pass options like/);
  });

  it('the toy sets are the playground\'s', () => {
    const data = createDataModule(async () => new Response(''));
    const make = data.makeToy2D;
    expect(make({ name: 'moons', count: 40, seed: 3 })).toEqual(makeToy2D({ name: 'moons', count: 40, seed: 3 }));
  });
});

describe('import … from "data" in a cell', () => {
  it('loads digits and toy points; fetch stays blocked in the same cell', async () => {
    const s = new CellSession(cellEnv());
    const out: OutputItem[] = [];
    const r = await s.run('import { loadMnist, makeToy2D } from "data";\nconst { train, rows, cols } = await loadMnist({ trainCount: 5, testCount: 0 });\nconsole.log(train.length, rows, cols, train[0].x.length);\nconst toy = makeToy2D({ name: "xor", count: 20 });\n[train.map((d) => d.label), toy.train.length]', (i) => out.push(i));
    expect(r.ok).toBe(true);
    expect(out[0]).toEqual({ kind: 'text', level: 'log', text: `5 ${decoded.rows} ${decoded.cols} ${decoded.rows * decoded.cols}` });
    const labels = Array.from(decoded.labels.subarray(0, 5));
    expect(out[1]).toEqual({ kind: 'text', text: `[[${labels.join(', ')}], ${makeToy2D({ name: 'xor', count: 20 }).train.length}]` });
    const blocked = await s.run('fetch("/data/mnist.bin")', () => {});
    expect(blocked.error?.message).toMatch(/fetch is not available in a code cell/);
  });
});

describe('the worker takes the digits from the page (it cannot fetch), and checks every message', () => {
  const posted: FromWorker[] = [];
  let onMessage: ((e: { data: unknown }) => void) | undefined;
  let selfListener: ((e: { data: unknown; ports: unknown[] }) => void) | undefined;
  const fakePort = {
    postMessage: (m: FromWorker) => { posted.push(structuredClone(m)); },
    addEventListener: (_t: string, f: (e: { data: unknown }) => void) => { onMessage = f; },
    start: () => {},
  };
  const fakeSelf: Record<string, unknown> = {
    postMessage: () => { throw new Error('the worker must talk through its port only'); },
    addEventListener: (_t: string, f: typeof selfListener) => { selfListener = f; },
    removeEventListener: () => { selfListener = undefined; },
    fetch: async () => { throw new Error('the worker must not fetch'); },
    setTimeout: globalThis.setTimeout, clearTimeout: globalThis.clearTimeout, setInterval: globalThis.setInterval, clearInterval: globalThis.clearInterval,
    location: { href: 'blob:null/1' },
  };
  const send = (data: unknown) => onMessage!({ data });
  beforeAll(async () => {
    vi.stubGlobal('self', fakeSelf);
    await import('../../src/notebook/worker');
    selfListener!({ data: { type: 'bpn-port' }, ports: [fakePort] });
  });
  afterAll(() => { vi.unstubAllGlobals(); });
  const waitDone = async (id: number) => {
    await vi.waitFor(() => { if (!posted.some((m) => m.type === 'done' && m.id === id)) throw new Error('not done'); }, { timeout: 20_000 });
    return posted.filter((m) => 'id' in m && m.id === id);
  };

  it('announces itself on its port, and has locked fetch away', () => {
    expect(posted[0]).toEqual({ type: 'ready' });
    expect(selfListener).toBeUndefined(); // it took its port and stopped listening to the sandbox
    expect(() => fakeSelf.fetch).toThrow(/fetch is not available in a code cell/);
  });
  it('loadMnist asks the page once for the digits and decodes what it is handed', async () => {
    send({ type: 'run', id: 1, code: 'import { loadMnist } from "data";\nconst d = await loadMnist({ trainCount: 3, testCount: 2 });\n[d.train.length, d.test.length, d.train[0].x.length]' });
    await vi.waitFor(() => { if (!posted.some((m) => m.type === 'need-digits')) throw new Error('not asked'); });
    const bytes = digitsFile().slice().buffer;
    send({ type: 'digits', bytes });
    const msgs = await waitDone(1);
    expect(msgs.at(-1)).toMatchObject({ type: 'done', result: { ok: true } });
    expect(msgs.find((m) => m.type === 'output')).toMatchObject({ item: { kind: 'table', rows: [['3', '2', String(decoded.rows * decoded.cols)]] } });
    send({ type: 'run', id: 2, code: 'import { loadMnist } from "data";\n(await loadMnist({ trainCount: 1 })).train[0].label' });
    expect((await waitDone(2)).at(-1)).toMatchObject({ type: 'done', result: { ok: true } });
    expect(posted.filter((m) => m.type === 'need-digits')).toHaveLength(1);
  });
  it('a cell cannot reach the network through self either', async () => {
    send({ type: 'run', id: 3, code: 'self.fetch("https://elsewhere.example/")' });
    expect((await waitDone(3)).at(-1)).toMatchObject({ type: 'done', result: { ok: false, error: { message: expect.stringMatching(/fetch is not available/) } } });
  });
  it('drops what is not a message of the protocol: a grading that carries expected values, a run without an id', async () => {
    const before = posted.length;
    send({ type: 'grade', id: 4, code: 'function f() { return 1 }', fnName: 'f', cases: [{ args: [], expected: 1 }] });
    send({ type: 'run', code: '1' });
    send('run');
    send({ type: 'run', id: 5, code: '2 + 2' });
    const msgs = await waitDone(5);
    expect(msgs.find((m) => m.type === 'output')).toMatchObject({ item: { kind: 'text', text: '4' } });
    expect(posted.slice(before).every((m) => 'id' in m && m.id === 5)).toBe(true);
  });
});
