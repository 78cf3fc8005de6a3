// @vitest-environment happy-dom
// The editor factory (components/notebook/editor.ts) used by every code cell and code exercise:
// the page's typography is kept out, the types note is there, and a value written from outside
// is not echoed back as the reader's edit (the echo made a write-back loop that froze the tab).
import { describe, it, expect } from 'vitest';
import { createEditor, TYPES_NOTE, LARGE_DOC_CHARS, LARGE_DOC_DELAY_MS } from '../../components/notebook/editor';

function make(code = 'const a = 1;') {
  const parent = document.createElement('div');
  document.body.appendChild(parent);
  const changes: string[] = [];
  const ed = createEditor(parent, code, { label: 'Code', onChange: (c) => changes.push(c), onRun: () => {} });
  return { parent, ed, changes };
}

describe('createEditor', () => {
  it('marks its container not-content (Starlight\'s prose styles stay out) and shows the types note, which describes the editor', () => {
    const { parent, ed } = make();
    expect(parent.classList.contains('not-content')).toBe(true);
    const note = parent.querySelector('.nb-types-note')!;
    expect(note.textContent).toBe(TYPES_NOTE);
    expect(ed.view.contentDOM.getAttribute('aria-describedby')).toBe(note.id);
    // two editors, two notes with their own ids
    expect(make().parent.querySelector('.nb-types-note')!.id).not.toBe(note.id);
    ed.destroy();
  });
  it('reports the reader\'s edits, not the values written by set()', () => {
    const { ed, changes } = make('x');
    ed.view.dispatch({ changes: { from: 1, insert: 'y' } });
    expect(changes).toEqual(['xy']);
    ed.set('from outside');
    expect(ed.get()).toBe('from outside');
    expect(changes).toEqual(['xy']);
    // writing the value it already has changes nothing
    const before = ed.view.state;
    ed.set('from outside');
    expect(ed.view.state).toBe(before);
    ed.view.dispatch({ changes: { from: 0, insert: '!' } });
    expect(changes).toEqual(['xy', '!from outside']);
    ed.destroy();
  });
});

describe('set() changes only what differs', () => {
  it('the caret stays on its line when a value from outside differs elsewhere', () => {
    const { ed } = make('line one\nline two\nline three');
    const three = ed.get().indexOf('three');
    ed.view.dispatch({ selection: { anchor: three } });
    ed.set('line 1\nline two\nline three');
    expect(ed.get()).toBe('line 1\nline two\nline three');
    expect(ed.view.state.doc.lineAt(ed.view.state.selection.main.head).number).toBe(3);
    expect(ed.view.state.selection.main.head).toBe(ed.get().indexOf('three'));
    // and any value is reached exactly, whatever the overlap
    for (const v of ['', 'line', 'xline one\nline two\nline threex', 'aaa', 'aa', 'a\na\n']) { ed.set(v); expect(ed.get()).toBe(v); }
    ed.destroy();
  });
});

describe('a large document reports edits when typing pauses', () => {
  it('small documents report every edit at once; large ones once, after a pause, or at once on blur, Shift+Enter, pagehide, flush and destroy', async () => {
    const { vi } = await import('vitest');
    vi.useFakeTimers();
    try {
      const small = make('x');
      small.ed.view.dispatch({ changes: { from: 1, insert: 'y' } });
      expect(small.changes).toEqual(['xy']);

      const big = 'b'.repeat(LARGE_DOC_CHARS);
      const parent = document.createElement('div');
      document.body.appendChild(parent);
      const changes: string[] = [];
      let runs = 0;
      const ed = createEditor(parent, big, { label: 'Code', onChange: (c) => changes.push(c), onRun: () => { runs++; expect(changes.at(-1)).toBe(ed.get()); } });
      const type = (t: string) => ed.view.dispatch({ changes: { from: ed.view.state.doc.length, insert: t } });
      type('1'); type('2'); type('3');
      expect(changes).toEqual([]);
      vi.advanceTimersByTime(LARGE_DOC_DELAY_MS);
      expect(changes).toEqual([`${big}123`]);
      type('4');
      ed.view.contentDOM.dispatchEvent(new FocusEvent('blur'));
      expect(changes.at(-1)).toBe(`${big}1234`);
      type('5');
      ed.view.contentDOM.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', shiftKey: true, bubbles: true, cancelable: true }));
      expect(runs).toBe(1);
      expect(changes.at(-1)).toBe(`${big}12345`);
      type('6');
      ed.flush();
      expect(changes.at(-1)).toBe(`${big}123456`);
      // a value set from outside wins over an edit not yet reported, and is not echoed
      type('7');
      ed.set('short');
      vi.advanceTimersByTime(LARGE_DOC_DELAY_MS);
      expect(changes.at(-1)).toBe(`${big}123456`);
      type('9');
      window.dispatchEvent(new Event('pagehide'));
      expect(changes.at(-1)).toBe('short9');
      ed.set(big);
      type('8');
      const n = changes.length;
      ed.destroy();
      expect(changes).toHaveLength(n + 1);
      expect(changes.at(-1)).toBe(`${big}8`);
      vi.advanceTimersByTime(LARGE_DOC_DELAY_MS);
      expect(changes).toHaveLength(n + 1);
    } finally { vi.useRealTimers(); }
  });
});
