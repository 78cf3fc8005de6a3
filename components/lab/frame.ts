// Drawing at most once per animation frame. Training events arrive in bursts (several per frame on
// a fast device, or all at once after a long task); each would otherwise re-render the widget and
// redraw its charts. A coalescer keeps only the newest state pushed since the last frame and hands
// it to `render` once, in the next frame: events in, one render per frame, the last state wins.
// Pure apart from the scheduler, which tests replace (test/lab-ui/frame.test.ts).
import { useEffect, useRef, useState } from 'preact/hooks';

/** Runs a callback at the next frame; the function it returns cancels it. */
export type FrameScheduler = (fn: () => void) => () => void;

/**
 * The browser's animation frames, with a fallback timer: a hidden tab gets no frames, and the
 * widget's state (a run that ended, the leave guard) must still move on there. Without
 * requestAnimationFrame (Node), a 16 ms timer.
 */
export const animationFrames = (fallbackMs = 250): FrameScheduler => (fn) => {
  let done = false;
  const once = () => {
    if (done) return;
    done = true;
    cancel();
    fn();
  };
  const raf = typeof requestAnimationFrame === 'function' ? requestAnimationFrame(once) : null;
  const timer = setTimeout(once, raf === null ? 16 : fallbackMs);
  function cancel() {
    if (raf !== null) cancelAnimationFrame(raf);
    clearTimeout(timer);
  }
  return () => {
    done = true;
    cancel();
  };
};

export interface Coalescer<S> {
  /** A new state: rendered at the next frame unless a newer one arrives first. */
  push(state: S): void;
  /** Render the pending state now (a click's answer should not wait for a frame). */
  flush(): void;
  /** Forget the pending state (unmount). */
  cancel(): void;
}

export function coalesceFrames<S>(render: (state: S) => void, schedule: FrameScheduler = animationFrames()): Coalescer<S> {
  let pending: { state: S } | null = null;
  let cancelFrame: (() => void) | null = null;
  const run = () => {
    cancelFrame = null;
    const p = pending;
    pending = null;
    if (p) render(p.state);
  };
  return {
    push(state) {
      pending = { state };
      cancelFrame ??= schedule(run);
    },
    flush() {
      cancelFrame?.();
      run();
    },
    cancel() {
      cancelFrame?.();
      cancelFrame = null;
      pending = null;
    },
  };
}

/**
 * useReducer whose renders are coalesced to animation frames: `dispatch` reduces at once (the
 * state is never behind the events) and renders the newest state at the next frame; `dispatchNow`
 * renders at once (a click). `current()` reads the reduced state, which may be a frame ahead of
 * the rendered `state`. `reduce` is read once: pass a module-level function.
 */
export function useFrameReducer<S, A>(reduce: (s: S, a: A) => S, initial: S): { state: S; dispatch(a: A): void; dispatchNow(a: A): void; current(): S } {
  const [state, setState] = useState<S>(initial);
  const latest = useRef<S>(initial);
  const frames = useRef<Coalescer<S> | null>(null);
  frames.current ??= coalesceFrames(setState);
  useEffect(() => () => frames.current?.cancel(), []);
  const api = useRef({
    dispatch(a: A) {
      latest.current = reduce(latest.current, a);
      frames.current!.push(latest.current);
    },
    dispatchNow(a: A) {
      api.current.dispatch(a);
      frames.current!.flush();
    },
    current: () => latest.current,
  });
  return { state, ...api.current };
}
