// rehype-katex 7 catches KaTeX errors, renders them in red and only records a message on the
// file, which Astro never prints. Placed after rehype-katex, this plugin turns such a message
// into a build error that names the file and the offending TeX.
export default function rehypeFailOnKatexError() {
  return (_tree, file) => {
    const bad = file.messages.filter((m) => m.source === 'rehype-katex' || m.ruleId === 'katex');
    if (bad.length > 0) {
      const where = file.path ?? 'an MDX file';
      throw new Error(`KaTeX error in ${where}:\n` + bad.map((m) => `  ${m.reason}`).join('\n'));
    }
  };
}
