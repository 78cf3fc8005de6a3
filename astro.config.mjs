// @ts-check
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'astro/config';
import starlight from '@astrojs/starlight';
import preact from '@astrojs/preact';
import remarkMath from 'remark-math';
import rehypeKatex from 'rehype-katex';
import rehypeFailOnKatexError from './src/rehype-fail-on-katex-error.mjs';
import rehypeFocusableScroll from './src/rehype-focusable-scroll.mjs';
import { chapters, referencePages, labPages } from './src/chapters.mjs';
import offlineAndCsp from './src/integrations/offline-and-csp.mjs';
import cellWorkerBundle from './src/notebook/sandbox/bundle-plugin.mjs';

export default defineConfig({
  site: 'http://127.0.0.1:4321',
  trailingSlash: 'always',
  integrations: [
    starlight({
      title: 'Backprop Notebook',
      description: 'How backpropagation really works: derivations beside live widgets, all on one tested engine.',
      favicon: '/favicon.svg',
      markdown: { processedDirs: ['./content'] },
      customCss: ['katex/dist/katex.min.css', './src/styles/custom.css'],
      lastUpdated: false,
      // a corrupted saved theme must not break the page (see the component)
      components: { ThemeProvider: './components/starlight/ThemeProvider.astro' },
      sidebar: [
        { label: 'Course', items: chapters.map((c) => `chapters/${c.slug}`) },
        { label: 'Lab', items: labPages.map((p) => `lab/${p.slug}`) },
        { label: 'Reference', items: [...referencePages.map((p) => `reference/${p.slug}`), { label: 'Source', link: '/source/' }] },
      ],
    }),
    preact(),
    // last: post-processes the built pages (service worker manifest, CSP meta + _headers)
    offlineAndCsp(),
  ],
  markdown: {
    remarkPlugins: [remarkMath],
    // htmlAndMathml: the HTML for the eye, MathML for screen readers. No KaTeX JS reaches the page.
    rehypePlugins: [[rehypeKatex, { output: 'htmlAndMathml', strict: 'ignore' }], rehypeFailOnKatexError, rehypeFocusableScroll],
  },
  vite: {
    // one import entry for authors: `~/components/Eq.astro`, `~/src/site/tex.ts` (tsconfig.json `paths` says the same to astro check)
    resolve: { alias: [{ find: /^~\//, replacement: fileURLToPath(new URL('./', import.meta.url)) }] },
    worker: { format: 'es' },
    // the code-cell worker as one script for its sandbox (src/notebook/sandbox.ts)
    plugins: [cellWorkerBundle()],
    optimizeDeps: { include: ['@observablehq/plot', 'preact', '@preact/signals'] },
  },
});
