/** @jsxImportSource preact */
// The editor of a code exercise: CodeMirror (loaded lazily, the same editor as the code cells),
// with a plain text box until it has loaded. Shift+Enter checks the answer.
//
// The editor owns its text while the reader types: it reports each change up (onInput) and is
// written to only when the answer changes from outside — a restored answer, new numbers — which
// the parent signals by bumping `revision`. (Writing every new `value` back into the editor fired
// another change per keystroke; under fast typing the two chased each other and froze the tab.)
import { useEffect, useRef, useState } from 'preact/hooks';
import type { EditorHandle } from '../notebook/editor';
import '../notebook/notebook.css';

interface Props { value: string; /** bumped by the parent when `value` is set from outside the editor */ revision: number; label: string; onInput(code: string): void; onSubmit(): void }

export default function CodeAnswer({ value, revision, label, onInput, onSubmit }: Props) {
  const host = useRef<HTMLDivElement>(null);
  const editor = useRef<EditorHandle | null>(null);
  const [ready, setReady] = useState(false);
  const latest = useRef({ onInput, onSubmit, value });
  latest.current = { onInput, onSubmit, value };
  useEffect(() => {
    let live = true;
    import('../notebook/editor').then(({ createEditor }) => {
      if (!live || !host.current) return;
      // the text as it is now: the reader may have typed into the fallback box, or an answer been restored, meanwhile
      editor.current = createEditor(host.current, latest.current.value, { label, onChange: (c) => latest.current.onInput(c), onRun: () => latest.current.onSubmit() });
      setReady(true);
    }).catch(() => { /* the text box stays */ });
    return () => { live = false; editor.current?.destroy(); };
  }, []);
  // a value set from outside (restored answer, new numbers) reaches the editor; the reader's own typing never comes back
  useEffect(() => { if (revision > 0 && editor.current && editor.current.get() !== value) editor.current.set(value); }, [revision]);
  return (
    // CodeMirror owns the host div; Preact only renders the text box beside it until the editor is there
    <div class="nb-editor ex-code-editor">
      <div ref={host} />
      {!ready && <textarea class="nb-fallback" aria-label={label} spellcheck={false} rows={Math.min(20, value.split('\n').length + 1)} value={value}
        onInput={(e) => onInput((e.target as HTMLTextAreaElement).value)}
        onKeyDown={(e) => { if (e.key === 'Enter' && e.shiftKey) { e.preventDefault(); onSubmit(); } }} />}
    </div>
  );
}
