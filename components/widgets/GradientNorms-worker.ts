// The GradientNorms widget's training, off the main thread: load the digits, then train the deep
// network epoch by epoch and post the per-layer norms after each (GradientNorms-state.ts's
// normsRun). The page stops a run by terminating this worker.
import { loadMnist, mnistExample } from '../../src/data/mnist';
import { normsRun, type GnSettings } from './GradientNorms-state';

export type GnRequest = { type: 'run'; url: string; settings: GnSettings };
export type GnReply =
  | { type: 'loading'; loaded: number; total: number }
  | { type: 'training'; epoch: number; done: number; total: number }
  | { type: 'point'; epoch: number; norms: number[] }
  | { type: 'diverged'; message: string }
  | { type: 'done' }
  | { type: 'error'; message: string };

const post = (m: GnReply) => (self as unknown as Worker).postMessage(m);

self.onmessage = async (event: MessageEvent<GnRequest>) => {
  const { url, settings } = event.data;
  try {
    const data = await loadMnist(url, { onProgress: (loaded, total) => post({ type: 'loading', loaded, total }) });
    const count = Math.min(settings.digits, data.trainCount);
    const examples = Array.from({ length: count }, (_, i) => mnistExample(data, i));
    const run = normsRun(examples, settings);
    post({ type: 'training', epoch: 0, done: 0, total: 1 }); // the digits are in: measuring before training
    let epoch = 0;
    let lastPost = 0;
    for (;;) {
      const p = run.next((done, total) => {
        // a progress message every 20 minibatches (and the last) is plenty for a progress bar
        if (done - lastPost >= 20 || done === total) {
          lastPost = done;
          post({ type: 'training', epoch: epoch + 1, done, total });
        }
      });
      lastPost = 0;
      if (p === null) break;
      if ('diverged' in p) {
        post({ type: 'diverged', message: p.diverged });
        return;
      }
      epoch = p.epoch;
      post({ type: 'point', epoch: p.epoch, norms: p.norms });
    }
    post({ type: 'done' });
  } catch (e) {
    post({ type: 'error', message: e instanceof Error ? e.message : String(e) });
  }
};
