// The stand-in DOM the worker's charts are drawn on (linkedom): a part of its own of the code-cell
// worker, see charts-entry.ts and bundle-plugin.mjs.
export { parseHTML } from 'linkedom';
