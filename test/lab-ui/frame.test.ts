// frame.ts: events in, one render per frame, the last state wins (a fake frame scheduler stands in
// for requestAnimationFrame), and the reducer it drives (the MNIST lab's run) sees every event.
import { describe, expect, it, vi } from 'vitest';
import fc from 'fast-check';
import { animationFrames, coalesceFrames, type FrameScheduler } from '../../components/lab/frame';
import { IDLE, reduceRun, type RunState } from '../../components/lab/mnist-run';
import type { EpochRecord, LabEvent } from '../../src/lab/protocol';

/** Frames that come only when the test says so. */
function fakeFrames() {
  let queue: (() => void)[] = [];
  let requested = 0;
  const schedule: FrameScheduler = (fn) => {
    requested++;
    queue.push(fn);
    return () => {
      queue = queue.filter((f) => f !== fn);
    };
  };
  return {
    schedule,
    frame() {
      const q = queue;
      queue = [];
      q.forEach((f) => f());
    },
    pending: () => queue.length,
    requested: () => requested,
  };
}

describe('coalesceFrames', () => {
  it('property: any bursts of states between frames give one render per frame that had a state, with the last state of its burst', () => {
    fc.assert(
      fc.property(fc.array(fc.array(fc.integer(), { maxLength: 8 }), { maxLength: 12 }), (bursts) => {
        const frames = fakeFrames();
        const rendered: number[] = [];
        const c = coalesceFrames<number>((s) => rendered.push(s), frames.schedule);
        for (const burst of bursts) {
          burst.forEach((s) => c.push(s));
          expect(frames.pending()).toBe(burst.length ? 1 : 0);
          frames.frame();
        }
        expect(rendered).toEqual(bursts.filter((b) => b.length).map((b) => b.at(-1)));
        // a frame is asked for only when there is something to draw
        expect(frames.requested()).toBe(bursts.filter((b) => b.length).length);
      }),
    );
  });

  it('flush renders the pending state at once and cancels its frame; cancel forgets it', () => {
    const frames = fakeFrames();
    const rendered: string[] = [];
    const c = coalesceFrames<string>((s) => rendered.push(s), frames.schedule);
    c.push('a');
    c.push('b');
    c.flush();
    expect(rendered).toEqual(['b']);
    expect(frames.pending()).toBe(0);
    c.flush(); // nothing pending: nothing drawn
    expect(rendered).toEqual(['b']);
    c.push('c');
    c.cancel();
    frames.frame();
    expect(rendered).toEqual(['b']);
    c.push('d');
    frames.frame();
    expect(rendered).toEqual(['b', 'd']);
  });

  it('the run reducer behind it sees every event: epochs of a burst all reach the one rendered state', () => {
    const frames = fakeFrames();
    const rendered: RunState[] = [];
    const c = coalesceFrames<RunState>((s) => rendered.push(s), frames.schedule);
    let s = reduceRun(IDLE, { type: 'start' });
    const rec = (epoch: number): EpochRecord => ({ epoch, weightNorm2: epoch, eta: 1, lambda: 0, seconds: 0 });
    const events: LabEvent[] = [
      { type: 'started', protocol: 'backprop-notebook/lab@1', sizes: [784, 10, 10], parameterCount: 7960, trainCount: 100, testCount: 10, batchesPerEpoch: 10 },
      ...[1, 2, 3].map((k): LabEvent => ({ type: 'progress', state: 'running', epoch: k + 1, batch: 0, batchesPerEpoch: 10, runningCost: 1, epochs: [rec(k)] })),
    ];
    for (const e of events) {
      s = reduceRun(s, { type: 'event', event: e, keepHistograms: false });
      c.push(s);
    }
    frames.frame();
    expect(rendered.length).toBe(1);
    expect(rendered[0].phase).toBe('running');
    expect(rendered[0].history.map((h) => h.epoch)).toEqual([1, 2, 3]);
  });

  it("a report event sets the baseline (initial) or the run's report (final)", () => {
    const report = { confusion: [[1]], accuracy: 0.25, count: 4, mistakes: [] };
    let s = reduceRun(reduceRun(IDLE, { type: 'start' }), { type: 'event', event: { type: 'report', of: 'initial', epoch: 0, report }, keepHistograms: false });
    expect([s.baseline, s.report]).toEqual([0.25, null]);
    const final = { ...report, accuracy: 0.75 };
    s = reduceRun(s, { type: 'event', event: { type: 'report', of: 'final', epoch: 3, report: final }, keepHistograms: false });
    expect([s.baseline, s.report]).toEqual([0.25, final]);
    // a new start clears both
    s = reduceRun(s, { type: 'start' });
    expect([s.baseline, s.report]).toEqual([null, null]);
  });

  it('animationFrames without requestAnimationFrame (Node) runs the callback once, by a timer; cancelled, never', () => {
    vi.useFakeTimers();
    try {
      const calls: string[] = [];
      animationFrames()(() => calls.push('ran'));
      const cancel = animationFrames()(() => calls.push('cancelled one ran'));
      cancel();
      expect(calls).toEqual([]);
      vi.runAllTimers();
      expect(calls).toEqual(['ran']);
    } finally {
      vi.useRealTimers();
    }
  });
});
