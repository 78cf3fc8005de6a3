// CodeMirror 6 for cells and code exercises, loaded only when a cell becomes visible.
// Colours come from CSS variables (notebook.css) so they follow Starlight's light/dark theme.
// Tab is left to move focus (no tab trapping); Shift+Enter runs.
import { EditorView, keymap, lineNumbers, highlightActiveLine, drawSelection } from '@codemirror/view';
import { EditorState, Prec } from '@codemirror/state';
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

export interface EditorHandle { view: EditorView; get(): string; set(code: string): void; focus(): void; destroy(): void }

export function createEditor(parent: HTMLElement, code: string, opts: { label: string; onChange(code: string): void; onRun(): void }): EditorHandle {
  const view = new EditorView({
    parent,
    state: EditorState.create({
      doc: code,
      extensions: [
        Prec.highest(keymap.of([{ key: 'Shift-Enter', run: () => { opts.onRun(); return true; } }])),
        lineNumbers(), history(), drawSelection(), highlightActiveLine(), bracketMatching(), indentOnInput(),
        keymap.of([...defaultKeymap, ...historyKeymap]),
        javascript({ typescript: true }),
        syntaxHighlighting(style),
        // tabindex: the scroller then holds a focusable element (axe: scrollable-region-focusable)
        EditorView.contentAttributes.of({ 'aria-label': opts.label, 'aria-multiline': 'true', tabindex: '0' }),
        EditorView.updateListener.of((u) => { if (u.docChanged) opts.onChange(u.state.doc.toString()); }),
      ],
    }),
  });
  return {
    view,
    get: () => view.state.doc.toString(),
    set: (c) => view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: c } }),
    focus: () => view.focus(),
    destroy: () => view.destroy(),
  };
}
