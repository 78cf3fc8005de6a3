// The charts part of the code-cell worker, Observable Plot and the adapter that serialises its
// charts (plot-env.ts), bundled on its own by bundle-plugin.mjs (as is dom-entry.ts, the stand-in
// DOM Plot draws on) so that no script is one huge file; the page hands all parts to the sandbox,
// and the worker evaluates these two only when a cell first draws a chart.
import * as Plot from '@observablehq/plot';
import { chartSupport } from '../plot-env';

export { Plot, chartSupport };
