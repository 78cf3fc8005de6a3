// The environment the notebook tests run cells in: the engine, Observable Plot on a linkedom
// document, and the "data" module of the worker (src/notebook/data-module.ts) fed from the same
// digits file the build writes (scripts/build-mnist.mjs), through a fetcher that counts its calls.
import * as engine from '../../src/engine/index';
import * as Plot from '@observablehq/plot';
import { parseHTML } from 'linkedom';
import type { CellEnv } from '../../src/notebook/evaluate';
import { chartSupport } from '../../src/notebook/plot-env';
import { createDataModule } from '../../src/notebook/data-module';
import { encodeMnist, readMnistPackage } from '../../scripts/build-mnist.mjs';

let bytes: Uint8Array | null = null;
/** the digits file as the build writes it (encoded once per test file) */
export function digitsFile(): Uint8Array {
  bytes ??= encodeMnist(readMnistPackage()) as Uint8Array;
  return bytes;
}

export function cellEnv(fetchDigits = async () => new Response(digitsFile().slice())): CellEnv {
  const data = createDataModule(fetchDigits);
  return {
    loadModule: async (name) => (name === 'engine' ? (engine as unknown as Record<string, unknown>) : (data as unknown as Record<string, unknown>)),
    loadCharts: async () => chartSupport(Plot as never, parseHTML('<!doctype html><html><body></body></html>').document),
  };
}
