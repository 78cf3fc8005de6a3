// Samples for the initialisation widget, off the main thread: two layers of up to 1000 × 1000
// Gaussian weights take ~100 ms, long enough to make a dragged slider stutter.
import { sampleSaturation, type SaturationOptions } from '../../src/engine/saturation';

export interface SaturationRequest { id: number; options: Omit<SaturationOptions, 'init'> }

self.onmessage = (event: MessageEvent<SaturationRequest>) => {
  const { id, options } = event.data;
  try {
    const samples = (['standard', 'scaled'] as const).map((init) => ({ init, s: sampleSaturation({ ...options, init }) }));
    (self as unknown as Worker).postMessage({ id, samples });
  } catch (e) {
    (self as unknown as Worker).postMessage({ id, error: e instanceof Error ? e.message : String(e) });
  }
};
