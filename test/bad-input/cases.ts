// Every bad input the site is tried with, in one place so the list grows in one place.
// test/e2e/bad-input.test.ts drives them against what the build contains (found by data
// attributes and roles, not by a hard-coded list of pages); a case whose target is not in the
// build is skipped with a logged reason.

/** A value typed into a text field of a widget, exercise or cell option. */
export interface FieldCase {
  id: string;
  text: string;
  /** true: the widget must say something (role=alert/status text or aria-invalid), not just cope */
  mustComplain: boolean;
  /** only for fields matching this selector (default: every text-like field of an island) */
  only?: string;
}

/** the hostile string: would set window.__xss or open a dialog if it ever became HTML */
export const HOSTILE = `<img src=x onerror="window.__xss=1;alert(1)">`;
export const HOSTILE_SCRIPT = `<script>window.__xss=2</script>`;

export const fieldCases: FieldCase[] = [
  { id: 'empty', text: '', mustComplain: false },
  { id: 'non-numeric', text: 'abc', mustComplain: true },
  { id: 'huge 1e308', text: '1e308', mustComplain: false },
  { id: 'overflow 1e309', text: '1e309', mustComplain: true },
  { id: 'negative', text: '-5', mustComplain: false },
  { id: 'NaN', text: 'NaN', mustComplain: true },
  { id: 'absurd eta 1e9', text: '1e9', mustComplain: false },
  { id: 'hostile html', text: HOSTILE, mustComplain: true },
  { id: 'hostile script', text: HOSTILE_SCRIPT, mustComplain: true },
  // network shape: a zero-width layer and a 10,000-neuron request must be refused with a message
  { id: 'zero-width layer', text: '0', mustComplain: true, only: '[data-testid^="pg-layer-"]' },
  { id: '10,000 neurons', text: '10000', mustComplain: true, only: '[data-testid^="pg-layer-"]' },
];

/** Files handed to an upload/import control. */
export interface FileCase {
  id: string;
  name: string;
  content: string;
}

/** malformed model JSON for the lab's model upload (`fromJSON` must reject each with a message) */
export const modelFiles: FileCase[] = [
  { id: 'not JSON', name: 'model.json', content: '{"sizes": [784, 30' },
  { id: 'empty file', name: 'model.json', content: '' },
  { id: 'wrong format', name: 'model.json', content: JSON.stringify({ format: 'something-else', sizes: [2, 1] }) },
  { id: 'non-finite weight', name: 'model.json', content: '{"format":"backprop-notebook/model@1","sizes":[784,1],"activations":["sigmoid"],"cost":"quadratic","weights":[[["abc"]]],"biases":[[0]]}' },
  { id: 'hostile text', name: 'model.json', content: JSON.stringify({ format: HOSTILE, sizes: [HOSTILE] }) },
  // names every object inherits ("toString", "constructor", "__proto__") are not activations or costs
  { id: 'activation "toString"', name: 'model.json', content: '{"format":"backprop-notebook/model@1","sizes":[784,1],"activations":["toString"],"cost":"quadratic","weights":[],"biases":[]}' },
  { id: 'cost "constructor"', name: 'model.json', content: '{"format":"backprop-notebook/model@1","sizes":[784,1],"activations":["sigmoid"],"cost":"constructor","weights":[],"biases":[]}' },
  { id: 'activation "__proto__"', name: 'model.json', content: '{"format":"backprop-notebook/model@1","sizes":[784,1],"activations":["__proto__"],"cost":"quadratic","weights":[],"biases":[]}' },
];

/** malformed progress files for the progress page's import */
export const progressFiles: FileCase[] = [
  { id: 'not JSON', name: 'progress.json', content: '{"version": 1, "done": [' },
  { id: 'wrong shape', name: 'progress.json', content: JSON.stringify({ hello: 'world' }) },
  { id: 'array', name: 'progress.json', content: '[1,2,3]' },
  { id: 'hostile text', name: 'progress.json', content: JSON.stringify({ version: HOSTILE, answers: { [HOSTILE]: HOSTILE } }) },
];

/** what a corrupted localStorage entry is replaced with (every key the site wrote) */
export const corruptStorage = ['{"truncated', 'null', '[]', HOSTILE, '{"version":999}'];

/** code typed into a code cell: its output must show the text, never render it as HTML */
export const cellOutputs = [
  `"${HOSTILE.replace(/"/g, '\\"')}"`,
  `console.log(${JSON.stringify(HOSTILE_SCRIPT)}); 1`,
  `throw new Error(${JSON.stringify(HOSTILE)})`,
];
