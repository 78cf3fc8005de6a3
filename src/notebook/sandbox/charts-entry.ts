// The charts part of the code-cell worker (Observable Plot on a linkedom document), bundled on its
// own by bundle-plugin.mjs so that neither script is one huge file; the page hands both to the
// sandbox, and the worker evaluates this part only when a cell first draws a chart.
import * as Plot from '@observablehq/plot';
import { parseHTML } from 'linkedom';
import { chartSupport } from '../plot-env';

export { Plot, parseHTML, chartSupport };
