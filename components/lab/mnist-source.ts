// The MNIST lab's own copy of the test digits (for the gallery, the confusion matrix and the digit
// picker), loaded with src/data/mnist.ts from the site's base URL. The worker loads its own copy.
import { loadMnist } from '../../src/data/mnist';
import { siteUrl } from '../../src/data/site-url';
import type { DigitSet } from './mnist-eval';

export function mnistUrl(): string {
  return siteUrl('data/mnist.bin');
}

/** Thrown when the digits are needed but the network is not there; its message is for the reader. */
export class DigitsOfflineError extends Error {
  constructor() {
    super('You are offline, and the digits (≈ 1.6 MB) have not been downloaded yet. They are kept for offline use ' +
      'once the lab has loaded them online: reconnect, then press "try again".');
  }
}

/**
 * Offline and not yet cached by the service worker: say so, without a request that can only fail.
 * (Online, or with no Cache API, the fetch decides.)
 */
export async function offlineWithoutDigits(url = mnistUrl()): Promise<boolean> {
  if (typeof navigator === 'undefined' || navigator.onLine !== false) return false;
  if (typeof caches === 'undefined') return true;
  return !(await caches.match(url, { ignoreSearch: true }).catch(() => undefined));
}

/** The fixed split's test digits (all of them, 2,000), pixels scaled to [0, 1]. */
export async function loadTestDigits(onProgress?: (loaded: number, total: number) => void): Promise<DigitSet> {
  if (await offlineWithoutDigits()) throw new DigitsOfflineError();
  const data = await loadMnist(mnistUrl(), { onProgress });
  const size = data.rows * data.cols;
  const count = data.count - data.trainCount;
  const pixels = new Float64Array(count * size);
  const src = data.pixels.subarray(data.trainCount * size);
  for (let k = 0; k < pixels.length; k++) pixels[k] = src[k] / 255;
  return { count, pixels, labels: data.labels.slice(data.trainCount) };
}
