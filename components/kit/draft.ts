// The text a number field shows: the value it is handed, printed by `show`, or the reader's own
// draft while that draft is about the value in force. A draft is tied to the value it was typed
// against (or the value it committed) and is dropped as soon as a value comes from elsewhere
// (a slider, a reset, another neuron selected, the address). It is derived in the render itself,
// not synced by an effect: an effect runs after paint, and what a reader typed before it ran was
// overwritten by the old value's text.
import { useState } from 'preact/hooks';
import type { Parsed } from './number';

export interface Draft {
  text: string;
  /** The value the draft was typed against, or the one it committed. */
  base: number;
  message: string | null;
}

export function useDraft(value: number, show: (v: number) => string) {
  const [draft, setDraft] = useState<Draft | null>(null);
  const current = draft && Object.is(draft.base, value) ? draft : null;
  return {
    text: current ? current.text : show(value),
    message: current ? current.message : null,
    /** The reader typed raw (not yet committed): keep it, and the message shown so far. */
    typed(raw: string) {
      setDraft({ text: raw, base: value, message: current ? current.message : null });
    },
    /** The reader committed raw: it read as `read` (the new value) or was refused with a message. */
    committed(raw: string, read: Parsed) {
      setDraft(read.ok ? { text: raw, base: read.value, message: null } : { text: raw, base: value, message: read.message });
    },
  };
}
