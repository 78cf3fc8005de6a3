/** @jsxImportSource preact */
// The editor of a code exercise: CodeMirror (loaded lazily, the same editor as the code cells),
// with a plain text box until it has loaded. Shift+Enter checks the answer.
import { useEffect, useRef, useState } from 'preact/hooks';
import type { EditorHandle } from '../notebook/editor';
import '../notebook/notebook.css';

interface Props { value: string; label: string; onInput(code: string): void; onSubmit(): void }

export default function CodeAnswer({ value, label, onInput, onSubmit }: Props) {
  const host = useRef<HTMLDivElement>(null);
  const editor = useRef<EditorHandle | null>(null);
  const [ready, setReady] = useState(false);
  const latest = useRef({ onInput, onSubmit });
  latest.current = { onInput, onSubmit };
  useEffect(() => {
    let live = true;
    import('../notebook/editor').then(({ createEditor }) => {
      if (!live || !host.current) return;
      editor.current = createEditor(host.current, value, { label, onChange: (c) => latest.current.onInput(c), onRun: () => latest.current.onSubmit() });
      setReady(true);
    }).catch(() => { /* the text box stays */ });
    return () => { live = false; editor.current?.destroy(); };
  }, []);
  // a value set from outside (restored answer, new numbers) reaches the editor
  useEffect(() => { if (editor.current && editor.current.get() !== value) editor.current.set(value); }, [value]);
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
