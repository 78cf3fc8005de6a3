import type { Exercise } from '../types';
import { exercises as c01 } from './01-forward-pass';
import { exercises as c02 } from './02-cost-and-error';
import { exercises as c03 } from './03-four-equations';
import { exercises as c04 } from './04-algorithm';
import { exercises as c05 } from './05-worked-example';
import { exercises as c06 } from './06-matrix-form';
import { exercises as c07 } from './07-learning-slowdown';
import { exercises as c08 } from './08-cross-entropy';
import { exercises as c09 } from './09-softmax';
import { exercises as c10 } from './10-regularisation';
import { exercises as c11 } from './11-initialisation';
import { exercises as c12 } from './12-mnist';
import { exercises as c14 } from './14-overfitting';
import { codeExercises } from './code';

export const bank: Record<string, Exercise[]> = {
  '01-forward-pass': c01, '02-cost-and-error': c02, '03-four-equations': c03, '04-algorithm': c04,
  '05-worked-example': c05, '06-matrix-form': c06, '07-learning-slowdown': c07, '08-cross-entropy': c08,
  '09-softmax': c09, '10-regularisation': c10, '11-initialisation': c11, '12-mnist': c12,
  '14-overfitting': c14,
};
// the code exercises (kind 'code') join the end of their chapters' lists
for (const [slug, list] of Object.entries(codeExercises)) bank[slug] = [...bank[slug], ...list];
export const chapters = Object.keys(bank);
