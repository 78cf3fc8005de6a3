// Timing helpers for the benchmarks: CPU seconds (user + system of this process, robust when
// other work shares the machine) and wall seconds, medians and ranges.

export interface Timing {
  cpu: number;
  wall: number;
}

export function time(fn: () => void): Timing {
  const c0 = process.cpuUsage();
  const w0 = performance.now();
  fn();
  const c = process.cpuUsage(c0);
  return { cpu: (c.user + c.system) / 1e6, wall: (performance.now() - w0) / 1000 };
}

export async function timeAsync(fn: () => Promise<unknown>): Promise<Timing> {
  const c0 = process.cpuUsage();
  const w0 = performance.now();
  await fn();
  const c = process.cpuUsage(c0);
  return { cpu: (c.user + c.system) / 1e6, wall: (performance.now() - w0) / 1000 };
}

export function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

export interface EpochStats {
  /** Median CPU seconds per epoch. */
  secondsPerEpoch: number;
  min: number;
  max: number;
  /** Median wall-clock seconds per epoch. */
  wallSecondsPerEpoch: number;
  epochs: number;
  testAccuracy: number;
  /** Achieved GFLOP/s at the median CPU time (FLOPs counted as in flopsPerEpoch). */
  gflops: number;
}

export function epochStats(timings: readonly Timing[], testAccuracy: number, flops: number): EpochStats {
  const cpu = timings.map((t) => t.cpu);
  const secondsPerEpoch = median(cpu);
  return {
    secondsPerEpoch,
    min: Math.min(...cpu),
    max: Math.max(...cpu),
    wallSecondsPerEpoch: median(timings.map((t) => t.wall)),
    epochs: timings.length,
    testAccuracy,
    gflops: flops / secondsPerEpoch / 1e9,
  };
}
