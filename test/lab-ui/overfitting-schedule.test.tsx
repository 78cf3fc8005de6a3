// @vitest-environment happy-dom
/** @jsxImportSource preact */
// The Overfitting widget trains its two runs with at most one worker per spare core: on a two-core
// device the second run waits for the first (two busy workers and the page on two cores leave the
// page's drawing waiting for a core), on a larger one both train at once. Stop also ends a run
// that is still waiting, so the widget is never left busy. The training client is replaced by a
// fake that records its commands and lets the test play the worker's events.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { act, cleanup, fireEvent, render } from '@testing-library/preact';
import fc from 'fast-check';
import type { LabEvent } from '../../src/lab/protocol';

interface Fake { started: number; stopped: number; emit(e: LabEvent): void }
const fakes: Fake[] = [];
vi.mock('../../src/lab/client', () => ({
  createTrainingClient: () => {
    const listeners: ((e: LabEvent) => void)[] = [];
    const fake: Fake = { started: 0, stopped: 0, emit: (e) => listeners.forEach((l) => l(e)) };
    fakes.push(fake);
    return {
      start: () => void fake.started++,
      stop: () => void fake.stopped++,
      dispose: () => {},
      on: (type: string, handler: (e: LabEvent) => void) => {
        const l = (e: LabEvent) => e.type === type && handler(e);
        listeners.push(l);
        return () => {};
      },
    };
  },
}));

const { default: Overfitting } = await import('../../components/lab/Overfitting');
const { concurrentRuns } = await import('../../components/lab/overfitting-state');

function withCores(n: number) {
  Object.defineProperty(navigator, 'hardwareConcurrency', { value: n, configurable: true });
}
const done = (): LabEvent => ({ type: 'done', reason: 'completed', epochs: 0, history: [], model: {} as never });
const flush = () => act(() => new Promise<void>((ok) => setTimeout(ok, 300)));

afterEach(() => {
  cleanup();
  fakes.length = 0;
});

describe('concurrentRuns', () => {
  it('one run at a time below three cores (or unknown), both at once from three', () => {
    fc.assert(fc.property(fc.integer({ min: -4, max: 256 }), (n) => {
      expect(concurrentRuns(n)).toBe(n >= 3 ? 2 : 1);
    }));
    expect(concurrentRuns(undefined)).toBe(1);
    expect(concurrentRuns(NaN)).toBe(1);
  });
});

describe('Overfitting: the runs’ schedule', () => {
  it('on two cores the second run starts when the first is done', async () => {
    withCores(2);
    const { getByTestId } = render(<Overfitting />);
    await act(() => { fireEvent.click(getByTestId('of-train')); });
    expect(fakes.map((f) => f.started)).toEqual([1, 0]);
    await act(() => fakes[0].emit(done()));
    expect(fakes.map((f) => f.started)).toEqual([1, 1]);
    await act(() => fakes[1].emit(done()));
    await flush();
    expect((getByTestId('of-train') as HTMLButtonElement).disabled).toBe(false);
  });

  it('on eight cores both runs start at once', async () => {
    withCores(8);
    const { getByTestId } = render(<Overfitting />);
    await act(() => { fireEvent.click(getByTestId('of-train')); });
    expect(fakes.map((f) => f.started)).toEqual([1, 1]);
  });

  it('Stop while the second run waits: it never starts and the widget is no longer busy', async () => {
    withCores(2);
    const { getByTestId } = render(<Overfitting />);
    await act(() => { fireEvent.click(getByTestId('of-train')); });
    expect((getByTestId('of-train') as HTMLButtonElement).disabled).toBe(true);
    await act(() => { fireEvent.click(getByTestId('of-stop')); });
    expect(fakes.map((f) => f.stopped)).toEqual([1, 1]);
    await act(() => fakes[0].emit(done())); // the worker's answer to the stop
    await flush();
    expect(fakes.map((f) => f.started)).toEqual([1, 0]);
    expect((getByTestId('of-train') as HTMLButtonElement).disabled).toBe(false);
  });
});
