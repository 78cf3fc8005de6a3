// The MNIST lab's own copy of the digits, when the network is not there: the reader is told they
// are offline and the digits have not been downloaded — whether or not the browser knows it is
// offline (navigator.onLine) — and any other failure keeps its own message.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { DigitsOfflineError, loadTestDigits } from '../../components/lab/mnist-source';

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('loadTestDigits without the network', () => {
  it('a request that fails at the network level, digits not kept offline: the offline message, even when navigator.onLine says online', async () => {
    vi.stubGlobal('navigator', { onLine: true });
    vi.stubGlobal('fetch', () => Promise.reject(new TypeError('Failed to fetch')));
    await expect(loadTestDigits()).rejects.toBeInstanceOf(DigitsOfflineError);
    vi.stubGlobal('caches', { match: () => Promise.resolve(undefined) });
    await expect(loadTestDigits()).rejects.toThrow(/offline.*not been downloaded/);
  });

  it('navigator.onLine false and nothing kept: the offline message without a request', async () => {
    vi.stubGlobal('navigator', { onLine: false });
    const fetch = vi.fn();
    vi.stubGlobal('fetch', fetch);
    await expect(loadTestDigits()).rejects.toBeInstanceOf(DigitsOfflineError);
    expect(fetch).not.toHaveBeenCalled();
  });

  it('kept for offline use, or another failure: not called offline', async () => {
    vi.stubGlobal('navigator', { onLine: true });
    vi.stubGlobal('caches', { match: () => Promise.resolve(new Response('x')) });
    vi.stubGlobal('fetch', () => Promise.reject(new TypeError('Failed to fetch')));
    await expect(loadTestDigits()).rejects.toThrow(/Failed to fetch/);
    vi.stubGlobal('fetch', () => Promise.resolve(new Response('nope', { status: 500 })));
    await expect(loadTestDigits()).rejects.toThrow(/HTTP 500/);
  });
});
