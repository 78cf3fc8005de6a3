// Prompt text → HTML: $…$ is KaTeX (katex passed in, so the island can load it lazily), `…` is code.
type Katex = { renderToString(tex: string, opts: Record<string, unknown>): string };
const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

export function renderProse(text: string, katex: Katex): string {
  return text.split(/(\$[^$]+\$)/g).map((part) => {
    if (part.startsWith('$') && part.endsWith('$') && part.length > 2) {
      return katex.renderToString(part.slice(1, -1), { throwOnError: false, output: 'htmlAndMathml' });
    }
    return esc(part).replace(/`([^`]+)`/g, '<code>$1</code>');
  }).join('');
}

/**
 * Feedback → HTML, rendered like prompts and solutions: wrong-option explanations, slip messages
 * and checker messages carry `$…$` maths. A code exercise's report quotes the reader's values
 * verbatim, so it is escaped text only.
 */
export function feedbackHtml(result: { ok: boolean; message: string }, katex: Katex, opts: { plain?: boolean } = {}): string {
  const body = opts.plain ? esc(result.message) : renderProse(result.message, katex);
  return `${result.ok ? '✓ ' : '✗ '}${body}`;
}
