// Elements that scroll sideways when wider than the column (display maths from rehype-katex,
// Markdown tables, which Starlight styles `overflow: auto`, and code blocks) get tabindex="0", so a keyboard user
// can focus and scroll them (WCAG 2.1.1; axe rule scrollable-region-focusable).
const scrolls = (node) => {
  if (node.type !== 'element') return false;
  if (node.tagName === 'table' || node.tagName === 'pre') return true;
  const cls = node.properties?.className;
  return Array.isArray(cls) && cls.includes('katex-display');
};

export default function rehypeFocusableScroll() {
  const visit = (node) => {
    if (scrolls(node) && node.properties.tabIndex === undefined) node.properties.tabIndex = 0;
    for (const child of node.children ?? []) visit(child);
  };
  return (tree) => visit(tree);
}
