// Nothing of a run keeps running after it ends. The worker calls installRunTimers(self) before any
// reader code runs: it keeps the scope's own timer functions and puts tracking ones in their place.
// Every timer, interval, animation frame, posted task and MessageChannel a run starts belongs to
// that run; when the run ends (end()), they are all cleared or closed, and any callback that still
// arrives finds its run over and does nothing. A stand-alone cell and each grading get a worker of
// their own anyway (client.ts); this is what keeps a session's worker clean between its cells.

type Fn = (...a: unknown[]) => unknown;
type Scope = Record<string, unknown>;

export interface RunTimers {
  /** a run starts: what it schedules from now on is its own */
  begin(): void;
  /** the run has reported (or is abandoned): clear everything it scheduled; callbacks still queued do nothing */
  end(): void;
  /** how many timers, frames and ports of the current run are still live (for the tests) */
  live(): number;
}

/** set one property on the scope and on every prototype that has it, so `self.x`, `x` and `WorkerGlobalScope.prototype.x` agree */
function replace(scope: object, name: string, value: unknown) {
  let owner: object | null = scope;
  let done = false;
  while (owner) {
    if (Object.prototype.hasOwnProperty.call(owner, name)) {
      try { Object.defineProperty(owner, name, { value, writable: false, configurable: false, enumerable: false }); done = true; } catch { /* not configurable */ }
    }
    owner = Object.getPrototypeOf(owner);
  }
  if (!done) {
    try { Object.defineProperty(scope, name, { value, writable: false, configurable: false, enumerable: false }); } catch { /* leave it */ }
  }
}

export function installRunTimers(scope: object): RunTimers {
  const g = scope as Scope;
  const bind = (name: string): Fn | undefined => (typeof g[name] === 'function' ? (g[name] as Fn).bind(scope) : undefined);
  // the originals, kept before any reader code can replace them
  const setTimeout0 = bind('setTimeout')!;
  const clearTimeout0 = bind('clearTimeout')!;
  const setInterval0 = bind('setInterval')!;
  const clearInterval0 = bind('clearInterval')!;
  const raf0 = bind('requestAnimationFrame');
  const caf0 = bind('cancelAnimationFrame');
  const Channel0 = g.MessageChannel as (new () => MessageChannel) | undefined;
  const scheduler0 = g.scheduler as { postTask?: Fn } | undefined;
  const postTask0 = scheduler0 && typeof scheduler0.postTask === 'function' ? scheduler0.postTask.bind(scheduler0) : undefined;
  const Abort0 = g.AbortController as (new () => AbortController) | undefined;
  const anySignal = (g.AbortSignal as { any?: (s: AbortSignal[]) => AbortSignal } | undefined)?.any;
  const makeFunction = Function;

  let run = 0; // 0: no run; each begin() takes the next number
  let counter = 0;
  const timeouts = new Set<unknown>();
  const intervals = new Set<unknown>();
  const frames = new Set<unknown>();
  const ports = new Set<MessagePort>();
  let abort: AbortController | null = null;

  // a callback runs only while the run that scheduled it is the current one
  const guard = (handler: unknown, mine: number, after?: () => void): Fn => {
    const f = typeof handler === 'function' ? (handler as Fn) : (makeFunction(String(handler)) as Fn);
    return (...a: unknown[]) => { after?.(); if (mine !== 0 && mine === run) return f(...a); return undefined; };
  };

  // outside a run (code left over from a finished one) nothing is scheduled at all
  const setTimeout = (handler: unknown, ms?: unknown, ...args: unknown[]) => {
    if (run === 0) return 0;
    let id: unknown = 0;
    id = setTimeout0(guard(handler, run, () => timeouts.delete(id)), ms, ...args);
    timeouts.add(id);
    return id;
  };
  const setInterval = (handler: unknown, ms?: unknown, ...args: unknown[]) => {
    if (run === 0) return 0;
    const id = setInterval0(guard(handler, run), ms, ...args);
    intervals.add(id);
    return id;
  };
  const clearTimeout = (id: unknown) => { timeouts.delete(id); clearTimeout0(id); };
  const clearInterval = (id: unknown) => { intervals.delete(id); clearInterval0(id); };
  replace(scope, 'setTimeout', setTimeout);
  replace(scope, 'setInterval', setInterval);
  replace(scope, 'clearTimeout', clearTimeout);
  replace(scope, 'clearInterval', clearInterval);
  if (raf0 && caf0) {
    replace(scope, 'requestAnimationFrame', (cb: unknown) => {
      if (run === 0) return 0;
      let id: unknown = 0;
      id = raf0(guard(cb, run, () => frames.delete(id)));
      frames.add(id);
      return id;
    });
    replace(scope, 'cancelAnimationFrame', (id: unknown) => { frames.delete(id); caf0(id); });
  }
  if (Channel0) {
    // a port that posts to itself is a timer too: a run's channels are closed when it ends
    const Channel = function MessageChannel() {
      const c = new Channel0();
      ports.add(c.port1); ports.add(c.port2);
      if (run === 0) { c.port1.close(); c.port2.close(); }
      return c;
    } as unknown as typeof MessageChannel;
    (Channel as unknown as { prototype: unknown }).prototype = Channel0.prototype;
    replace(scope, 'MessageChannel', Channel);
  }
  if (scheduler0 && postTask0) {
    try {
      Object.defineProperty(scheduler0, 'postTask', {
        configurable: false, writable: false,
        value: (cb: unknown, options: { signal?: AbortSignal } = {}) => {
          const mine = run;
          if (mine === 0) return Promise.reject(new DOMException('the run has ended', 'AbortError'));
          const signal = abort ? (options?.signal && anySignal ? anySignal([options.signal, abort.signal]) : options?.signal ?? abort.signal) : options?.signal;
          return postTask0(guard(cb, mine), { ...options, signal });
        },
      });
    } catch { /* leave it */ }
  }
  // Atomics.waitAsync is a timer the run cannot cancel
  const atomics = g.Atomics as Record<string, unknown> | undefined;
  if (atomics && typeof atomics.waitAsync === 'function') {
    try { Object.defineProperty(atomics, 'waitAsync', { configurable: false, writable: false, value: () => { throw new TypeError('Atomics.waitAsync is not available in a code cell'); } }); } catch { /* leave it */ }
  }

  return {
    begin() {
      counter++;
      run = counter;
      abort = Abort0 ? new Abort0() : null;
    },
    end() {
      run = 0;
      for (const id of timeouts) clearTimeout0(id);
      for (const id of intervals) clearInterval0(id);
      if (caf0) for (const id of frames) caf0(id);
      for (const p of ports) { try { p.close(); } catch { /* already closed */ } }
      timeouts.clear(); intervals.clear(); frames.clear(); ports.clear();
      try { abort?.abort(); } catch { /* nothing to abort */ }
      abort = null;
    },
    live: () => timeouts.size + intervals.size + frames.size + ports.size,
  };
}
