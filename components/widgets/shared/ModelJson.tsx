// The widget's current network in the engine's model JSON (toJSON), to copy into a code cell
// (`fromJSON(…)`) or download as a file. Closed by default so it costs nothing on screen.
import { toJSON, type Network } from '../../../src/engine/index';

export function ModelJson({ net, testid, filename = 'model.json' }: { net: Network; testid: string; filename?: string }) {
  const text = JSON.stringify(toJSON(net));
  const download = () => {
    const url = URL.createObjectURL(new Blob([text], { type: 'application/json' }));
    const a = document.createElement('a');
    a.href = url;
    a.download = filename;
    a.click();
    setTimeout(() => URL.revokeObjectURL(url), 0);
  };
  return (
    <details class="wa-model" data-testid={testid}>
      <summary>This network as model JSON</summary>
      <label for={`${testid}-text`} class="wa-small">
        Paste it into a code cell with <code>fromJSON(…)</code>, or download it.
      </label>
      <textarea id={`${testid}-text`} data-testid={`${testid}-text`} readOnly rows={4} value={text} />
      <button type="button" onClick={download}>
        Download {filename}
      </button>
    </details>
  );
}
