// The MNIST lab's own copy of the test digits (for the gallery, the confusion matrix and the digit
// picker), loaded with src/data/mnist.ts from the site's base URL. The worker loads its own copy.
import { loadMnist, packMnist } from '../../src/data/mnist';
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

/** No copy of url is kept for offline use (or there is no Cache API to keep one). */
async function notKept(url: string): Promise<boolean> {
  if (typeof caches === 'undefined') return true;
  return !(await caches.match(url, { ignoreSearch: true }).catch(() => undefined));
}

/**
 * Offline and not yet cached by the service worker: say so, without a request that can only fail.
 * (Online, or with no Cache API, the fetch decides.)
 */
export async function offlineWithoutDigits(url = mnistUrl()): Promise<boolean> {
  if (typeof navigator === 'undefined' || navigator.onLine !== false) return false;
  return notKept(url);
}

/** The fixed split's test digits (all of them, 2,000), pixels / PIXEL_SCALE (in [0, 255/256], as the training inputs). */
export async function loadTestDigits(onProgress?: (loaded: number, total: number) => void): Promise<DigitSet> {
  if (await offlineWithoutDigits()) throw new DigitsOfflineError();
  let data: Awaited<ReturnType<typeof loadMnist>>;
  try {
    data = await loadMnist(mnistUrl(), { onProgress });
  } catch (e) {
    // A browser does not always know it is offline (navigator.onLine stayed true in Debian's
    // Chromium 150 with the network cut): a request that failed at the network level (fetch
    // rejects with a TypeError) for digits not kept for offline use is the same case.
    if (e instanceof TypeError && (await notKept(mnistUrl()))) throw new DigitsOfflineError();
    throw e;
  }
  // the inputs as the engine packs them (packMnist: byte / PIXEL_SCALE, as the training inputs)
  const { count, x } = packMnist(data, data.trainCount, data.count);
  return { count, pixels: x as Float64Array, labels: data.labels.slice(data.trainCount) };
}
