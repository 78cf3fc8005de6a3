// The MNIST lab's run reducer: whatever order the reader's clicks and the worker's events come
// in, the phase shown is the run's phase (rapid Train/Stop used to leave "loading" on screen and
// show the worker's "no training run" message).
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { IDLE, isBusy, reduceRun, type RunAction, type RunState } from '../../components/lab/mnist-run';
import type { LabEvent } from '../../src/lab/protocol';

const ev = (event: LabEvent): RunAction => ({ type: 'event', event, keepHistograms: false });
const started: LabEvent = { type: 'started', protocol: 'backprop-notebook/lab@1', sizes: [784, 30, 10], parameterCount: 23860, trainCount: 8000, testCount: 2000, batchesPerEpoch: 800 };
const progress = (state: 'running' | 'paused', epochs = 0): LabEvent => ({
  type: 'progress', state, epoch: 1, batch: 3, batchesPerEpoch: 800, runningCost: 0.5,
  epochs: Array.from({ length: epochs }, (_, i) => ({ epoch: i + 1, weightNorm2: 1, eta: 3, lambda: 0, seconds: 0 })),
});
const done = (reason: 'completed' | 'stopped'): LabEvent => ({ type: 'done', reason, epochs: 1, history: [], model: { format: 'x' } as never });
const run = (actions: RunAction[], from: RunState = IDLE) => actions.reduce(reduceRun, from);

describe('MNIST lab run phases', () => {
  it('Stop while the worker loads ends the run on the page; its late events change nothing', () => {
    const s = run([{ type: 'start' }, { type: 'stop-now' }, ev(started), ev(progress('running', 1)), ev({ type: 'error', message: 'no training run: send start first' })]);
    expect(s.phase).toBe('stopped');
    expect(s.history).toEqual([]);
    expect(s.error).toBeNull();
  });
  it('Stop during training shows "stopping" until the worker is done, never "running" again', () => {
    const s = run([{ type: 'start' }, ev(started), ev(progress('running', 1)), { type: 'stopping' }, ev(progress('running', 1))]);
    expect(s.phase).toBe('stopping');
    expect(s.history.length).toBe(2);
    expect(run([ev(done('stopped'))], s).phase).toBe('stopped');
    expect(run([ev(done('completed'))], s).phase).toBe('done');
  });
  it('a failed start brings the controls back with the message', () => {
    const s = run([{ type: 'start' }, ev({ type: 'error', message: 'the batch size 9000 is larger than the 8000 training examples' })]);
    expect(s.phase).toBe('idle');
    expect(s.error).toContain('batch size');
  });
  it('any sequence of clicks and events: the phase is one of the run phases, and after the last Stop it is never busy', () => {
    const actions = fc.constantFrom<RunAction>(
      { type: 'start' }, { type: 'stop-now' }, { type: 'stopping' }, ev(started), ev(progress('running', 1)), ev(progress('paused')),
      ev({ type: 'paused', epoch: 1, batch: 0 }), ev({ type: 'resumed' }), ev(done('stopped')), ev(done('completed')),
    );
    fc.assert(
      fc.property(fc.array(actions, { maxLength: 30 }), (list) => {
        const s = run([...list, { type: 'stop-now' }]);
        expect(isBusy(s.phase)).toBe(false);
        expect(['idle', 'stopped', 'done']).toContain(s.phase);
      }),
    );
  });
});
