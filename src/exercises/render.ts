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
