// Chapter 5's worked example, in one place: the 3→3→2→1 sigmoid network (weights and biases
// chosen for the page: small, mixed signs, nothing saturates), the example x with its target y,
// the cost and the learning rate η. The chapter (content/chapters/05-worked-example.mdx), the
// backprop stepper widget and the tests import it; the chapter's code cells cannot import it (a
// cell may import only "engine", "data" and Plot), so they hold the same numbers in a literal and
// test/notebook/worked-example-cells.test.ts checks that they equal these.
import { MODEL_FORMAT, type ModelJSON } from '../engine/index';

/** the network as a model file (fromJSON builds it) */
export const WORKED_MODEL: ModelJSON = {
  format: MODEL_FORMAT,
  sizes: [3, 3, 2, 1],
  activations: ['sigmoid', 'sigmoid', 'sigmoid'],
  cost: 'quadratic',
  weights: [
    [[0.2, -0.4, 0.1], [0.5, 0.3, -0.2], [-0.3, 0.1, 0.4]],
    [[0.3, -0.5, 0.2], [-0.4, 0.2, 0.6]],
    [[0.7, -0.6]],
  ],
  biases: [[0.1, -0.1, 0.05], [0, 0.1], [0.2]],
};

/** the input a⁰ = x */
export const WORKED_X: number[] = [1, 0.5, -1];
/** the target y */
export const WORKED_Y: number[] = [1];
/** the learning rate of the one gradient step */
export const WORKED_ETA = 0.5;
