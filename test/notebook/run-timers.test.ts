// src/notebook/run-timers.ts: nothing a run schedules fires after the run has ended. A fake scope
// holds Node's own timer functions; the test waits for a sentinel scheduled with the originals
// later than everything the "run" scheduled, then checks what fired (no durations compared).
import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { installRunTimers } from '../../src/notebook/run-timers';

function scope() {
  return {
    setTimeout: globalThis.setTimeout, clearTimeout: globalThis.clearTimeout,
    setInterval: globalThis.setInterval, clearInterval: globalThis.clearInterval,
    MessageChannel: globalThis.MessageChannel,
  } as Record<string, unknown>;
}
const later = (ms: number) => new Promise((r) => globalThis.setTimeout(r, ms));
type T = (h: unknown, ms?: number) => unknown;

describe('installRunTimers', () => {
  it('timeouts, intervals and string timers of a run that has ended never fire; those of the current run do', async () => {
    await fc.assert(fc.asyncProperty(fc.array(fc.integer({ min: 0, max: 30 }), { minLength: 1, maxLength: 6 }), async (delays) => {
      const s = scope();
      const t = installRunTimers(s);
      const fired: string[] = [];
      (s as { log?: (x: string) => void }).log = (x) => fired.push(x);
      (globalThis as Record<string, unknown>).__runTimersLog = (x: string) => fired.push(x);
      t.begin();
      for (const d of delays) {
        (s.setTimeout as T)(() => fired.push('timeout'), d);
        (s.setInterval as T)(() => fired.push('interval'), d + 1);
        (s.setTimeout as T)('globalThis.__runTimersLog("string")', d);
      }
      expect(t.live()).toBe(delays.length * 3);
      t.end();
      expect(t.live()).toBe(0);
      await later(Math.max(...delays) + 40);
      expect(fired).toEqual([]);
      // the next run's own timers do fire
      t.begin();
      await new Promise((r) => (s.setTimeout as T)(r, 1));
      t.end();
    }), { numRuns: 10 });
    delete (globalThis as Record<string, unknown>).__runTimersLog;
  });

  it('a callback left over from an ended run cannot schedule anything, and one already queued does nothing', async () => {
    const s = scope();
    const t = installRunTimers(s);
    const fired: string[] = [];
    t.begin();
    // a chain that outlives the run: its continuation runs after end()
    let resume!: () => void;
    void new Promise<void>((r) => { resume = r; }).then(() => { (s.setTimeout as T)(() => fired.push('orphan'), 0); });
    t.end();
    resume();
    await later(30);
    expect(fired).toEqual([]);
    expect(t.live()).toBe(0);
  });

  it('a MessageChannel that posts to itself stops when the run ends', async () => {
    const s = scope();
    const t = installRunTimers(s);
    let count = 0;
    t.begin();
    const c = new (s.MessageChannel as typeof MessageChannel)();
    c.port1.onmessage = () => { count++; c.port2.postMessage(0); };
    c.port2.postMessage(0);
    await later(20);
    t.end();
    const atEnd = count;
    await later(30);
    expect(atEnd).toBeGreaterThan(0);
    expect(count).toBeLessThanOrEqual(atEnd + 1);
  });

  it('replaces the functions for good: reader code cannot put the originals back', () => {
    const s = scope();
    installRunTimers(s);
    const mine = s.setTimeout;
    expect(mine).not.toBe(globalThis.setTimeout);
    expect(() => { 'use strict'; (s as Record<string, unknown>).setTimeout = globalThis.setTimeout; }).toThrow(TypeError);
    expect(s.setTimeout).toBe(mine);
  });
});
