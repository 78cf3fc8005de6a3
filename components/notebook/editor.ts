// CodeMirror 6 for cells and code exercises, loaded only when a cell becomes visible.
// Colours come from CSS variables (notebook.css) so they follow Starlight's light/dark theme.
// Tab is left to move focus (no tab trapping); Shift+Enter runs.
//
// Every editor of the site (code cells and code exercises) is made here, so what keeps the page's
// typography out of CodeMirror is here too: Starlight's prose rules (a top margin between sibling
// blocks) would otherwise reach CodeMirror's lines and gutters, making every line taller than
// CodeMirror measures, so a click or the caret lands on the wrong line. The editor's container is
// marked `not-content` (Starlight's own opt-out) and a scoped theme zeroes those margins.
import { EditorView, keymap, lineNumbers, highlightActiveLine, drawSelection, showPanel } from '@codemirror/view';
import { EditorState, Prec, Annotation } from '@codemirror/state';
import { defaultKeymap, history, historyKeymap } from '@codemirror/commands';
import { javascript } from '@codemirror/lang-javascript';
import { syntaxHighlighting, HighlightStyle, bracketMatching, indentOnInput } from '@codemirror/language';
import { tags as t } from '@lezer/highlight';

const style = HighlightStyle.define([
  { tag: [t.keyword, t.modifier, t.controlKeyword, t.operatorKeyword, t.definitionKeyword, t.moduleKeyword], color: 'var(--nb-kw)' },
  { tag: [t.string, t.special(t.string), t.regexp], color: 'var(--nb-str)' },
  { tag: [t.number, t.bool, t.null], color: 'var(--nb-num)' },
  { tag: [t.comment, t.lineComment, t.blockComment], color: 'var(--nb-comment)', fontStyle: 'italic' },
  { tag: [t.typeName, t.className, t.namespace], color: 'var(--nb-type)' },
  { tag: [t.function(t.variableName), t.function(t.propertyName), t.definition(t.function(t.variableName))], color: 'var(--nb-fn)' },
]);

/** the note every editor shows: sucrase removes the types, it does not check them (transpile.ts) */
export const TYPES_NOTE = 'Types are not checked: they are removed before the code runs, so a type error does not stop it.';
/** a code cell's note: it has a "Check types" button (src/notebook/typecheck.ts) */
export const CELL_TYPES_NOTE = 'Types are not checked when the code runs (they are removed first); “Check types” below checks them.';

/** no page typography inside the editor (see the top of this file) */
const noProse = EditorView.theme({
  '.cm-scroller > *, .cm-content > *, .cm-gutters > *, .cm-gutter > *, .cm-layer > *': { marginTop: '0', marginBottom: '0' },
  '.cm-content, .cm-gutters, .cm-line, .cm-gutterElement': { marginTop: '0', marginBottom: '0' },
  '.cm-panels .nb-types-note': { margin: '0', padding: '0.15rem 0.5rem', fontSize: '0.8em', fontFamily: 'var(--sl-font, sans-serif)' },
});

let noteCounter = 0;

/** marks a change made by `set` (from outside), which is not echoed back through onChange */
const fromOutside = Annotation.define<boolean>();

/**
 * A document at least this long reports the reader's edits once typing pauses (after this many
 * ms), not on every key: each report copies the whole text, and the caller saves it (a
 * multi-megabyte edit saved per key made every keystroke take a second). Pending edits are
 * reported at once when the editor loses focus, before Shift+Enter runs, when the page is left
 * (pagehide), on flush() and on destroy().
 */
export const LARGE_DOC_CHARS = 100_000;
export const LARGE_DOC_DELAY_MS = 400;

export interface EditorHandle {
  view: EditorView; get(): string; set(code: string): void; focus(): void; destroy(): void;
  /** report a pending edit of a large document now */
  flush(): void;
}

export function createEditor(parent: HTMLElement, code: string, opts: { label: string; onChange(code: string): void; onRun(): void; typesNote?: string }): EditorHandle {
  parent.classList.add('not-content');
  const noteId = `nb-types-note-${++noteCounter}`;
  const typesNote = showPanel.of(() => {
    const dom = document.createElement('div');
    dom.className = 'nb-types-note';
    dom.id = noteId;
    dom.textContent = opts.typesNote ?? TYPES_NOTE;
    return { dom, top: false };
  });
  let pending: ReturnType<typeof setTimeout> | undefined;
  const cancel = () => { if (pending !== undefined) { clearTimeout(pending); pending = undefined; } };
  const flush = () => { if (pending !== undefined) { cancel(); opts.onChange(view.state.doc.toString()); } };
  // leaving the page reports what is pending (the tab may close without unmounting anything)
  const onHide = () => flush();
  globalThis.addEventListener?.('pagehide', onHide);
  const view = new EditorView({
    parent,
    state: EditorState.create({
      doc: code,
      extensions: [
        Prec.highest(keymap.of([{ key: 'Shift-Enter', run: () => { flush(); opts.onRun(); return true; } }])),
        EditorView.domEventHandlers({ blur: () => { flush(); return false; } }),
        lineNumbers(), history(), drawSelection(), highlightActiveLine(), bracketMatching(), indentOnInput(),
        keymap.of([...defaultKeymap, ...historyKeymap]),
        javascript({ typescript: true }),
        syntaxHighlighting(style),
        noProse, typesNote,
        // tabindex: the scroller then holds a focusable element (axe: scrollable-region-focusable)
        EditorView.contentAttributes.of({ 'aria-label': opts.label, 'aria-multiline': 'true', 'aria-describedby': noteId, tabindex: '0' }),
        // only the reader's edits are reported: a value written by `set` came from the caller, and
        // echoing it back could start a loop (caller writes, editor reports, caller writes…)
        EditorView.updateListener.of((u) => {
          if (!u.docChanged || u.transactions.some((t) => t.annotation(fromOutside))) return;
          if (u.state.doc.length < LARGE_DOC_CHARS) { cancel(); opts.onChange(u.state.doc.toString()); return; }
          cancel();
          pending = setTimeout(() => { pending = undefined; opts.onChange(view.state.doc.toString()); }, LARGE_DOC_DELAY_MS);
        }),
      ],
    }),
  });
  return {
    view,
    get: () => view.state.doc.toString(),
    set: (c) => {
      // a value from outside replaces what the reader had not yet reported
      cancel();
      const now = view.state.doc.toString();
      if (c === now) return;
      // replace only what differs, so the caret and selection stay where the reader left them
      let start = 0;
      while (start < c.length && start < now.length && c.charCodeAt(start) === now.charCodeAt(start)) start++;
      let end = 0;
      while (end < c.length - start && end < now.length - start && c.charCodeAt(c.length - 1 - end) === now.charCodeAt(now.length - 1 - end)) end++;
      view.dispatch({ changes: { from: start, to: now.length - end, insert: c.slice(start, c.length - end) }, annotations: fromOutside.of(true) });
    },
    focus: () => view.focus(),
    flush,
    destroy: () => { flush(); globalThis.removeEventListener?.('pagehide', onHide); view.destroy(); },
  };
}
