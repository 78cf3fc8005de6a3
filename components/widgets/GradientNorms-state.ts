// The pure part of the GradientNorms widget (chapter 13): its settings and their address, the
// network it trains, and one run as a sequence of measurements. The worker and the tests both
// use it, so what the page shows is what `normsRun` computes. The norms are the engine's
// (biasGradientNorms: ‖∂C/∂b^l‖ of the mean cost over the training digits used).
import { biasGradientNorms } from '../../src/engine/vanishing';
import { createEpochLoop } from '../../src/engine/fast/loop';
import { packExamples, referenceStepper } from '../../src/engine/fast/reference';
import { createNetwork, type Network } from '../../src/engine/network';
import { createRng } from '../../src/engine/rng';
import type { Example } from '../../src/engine/train';
import { enumField, numberField } from '../kit/url-fields';
import type { NumberRule } from '../kit/number';

export const HIDDEN = [30, 30, 30, 30];
export const SIZES = [784, ...HIDDEN, 10];
export const BATCH_SIZE = 10;
export const ACTIVATIONS = ['sigmoid', 'tanh', 'relu'] as const;
export const INITS = ['standard', 'scaled', 'he'] as const;
export type HiddenActivation = (typeof ACTIVATIONS)[number];
export type GnInit = (typeof INITS)[number];

export const DIGITS_RULE: NumberRule = { label: 'training digits', min: 10, max: 8000, integer: true };
export const EPOCHS_RULE: NumberRule = { label: 'epochs', min: 1, max: 100, integer: true };
export const ETA_RULE: NumberRule = { label: 'η', min: 0, max: 100, exclusiveMin: true };
export const SEED_RULE: NumberRule = { label: 'seed', min: 1, max: 1e6, integer: true };

export interface GnSettings {
  activation: HiddenActivation;
  init: GnInit;
  /** The first so many training digits are trained on, and the norms are measured over them. */
  digits: number;
  epochs: number;
  eta: number;
  seed: number;
}

export const GN_DEFAULTS: GnSettings = { activation: 'sigmoid', init: 'standard', digits: 1000, epochs: 20, eta: 0.1, seed: 1 };

/** The address: ?gn=activation,init,digits,epochs,η,seed (kit fields packed into one parameter). */
export const GN_PARAM = 'gn';
export const GN_FIELDS = [
  enumField('act', 'activation', GN_DEFAULTS.activation, ACTIVATIONS),
  enumField('init', 'init', GN_DEFAULTS.init, INITS),
  numberField('digits', 'digits', GN_DEFAULTS.digits, DIGITS_RULE),
  numberField('epochs', 'epochs', GN_DEFAULTS.epochs, EPOCHS_RULE),
  numberField('eta', 'eta', GN_DEFAULTS.eta, ETA_RULE),
  numberField('seed', 'seed', GN_DEFAULTS.seed, SEED_RULE),
] as const;

/** The deep network of the widget: hidden layers of the chosen activation, a sigmoid output, the cross-entropy cost. */
export function gnNetwork(s: Pick<GnSettings, 'activation' | 'init' | 'seed'>): Network {
  return createNetwork({ sizes: SIZES, activations: [...HIDDEN.map(() => s.activation), 'sigmoid'], cost: 'cross-entropy', init: s.init, seed: s.seed });
}

export interface GnPoint {
  /** 0 before training, then the epochs done. */
  epoch: number;
  /** norms[i] = ‖∂C/∂b^{i+1}‖ over the training digits used. */
  norms: number[];
}

/**
 * One run: the norms before training, then after each epoch of minibatch SGD (the engine's training
 * loop on the reference step: minibatches of 10, the order shuffled each epoch by a generator seeded
 * from the run's seed). `next()` returns the next point, or null after the last epoch, or a message
 * when the parameters stopped being finite.
 */
export function normsRun(examples: readonly Example[], s: GnSettings) {
  const net = gnNetwork(s);
  const loop = createEpochLoop(referenceStepper(net, { withCosts: false }), packExamples(examples), createRng(s.seed + 1));
  let epoch = -1;
  return {
    net,
    /** onBatch(done, total) is called after each minibatch of the epoch (for a progress bar). */
    next(onBatch?: (done: number, total: number) => void): GnPoint | null | { diverged: string } {
      if (epoch >= s.epochs) return null;
      if (epoch >= 0) {
        const total = loop.batchesPerEpoch(BATCH_SIZE);
        for (let done = 1; ; done++) {
          const slice = loop.next(1, { eta: s.eta }, BATCH_SIZE);
          onBatch?.(done, total);
          if (slice.epochEnded) break;
        }
      }
      epoch++;
      const norms = biasGradientNorms(net, examples);
      if (!norms.every(Number.isFinite)) {
        const message = `The gradients stopped being finite numbers after epoch ${epoch}: try a smaller η.`;
        epoch = s.epochs;
        return { diverged: message };
      }
      return { epoch, norms };
    },
  };
}

/** Chart rows: one per layer and epoch. */
export function chartRows(points: readonly GnPoint[]): { epoch: number; norm: number; layer: string }[] {
  return points.flatMap((p) => p.norms.map((norm, i) => ({ epoch: p.epoch, norm, layer: layerName(i, p.norms.length) })));
}

export function layerName(i: number, layers: number): string {
  return i === layers - 1 ? `output (layer ${i + 1})` : `hidden layer ${i + 1}`;
}

/** How many times faster the last hidden layer learns than the first (ratio of their norms). */
export function speedRatio(norms: readonly number[]): number {
  return norms[norms.length - 2] / norms[0];
}
