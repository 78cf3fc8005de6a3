// Size budgets over the built site (dist/ or $E2E_DIST), failing when exceeded. Runs in the e2e
// project, after `npm run build`. The numbers are recorded in README.md ("Budgets").
//
// What counts as a page's *own* JavaScript: everything except Starlight's essentials, which are
// - external scripts of Starlight's components (Search, TableOfContents, MobileTableOfContents)
//   and Astro's prefetch script `page.*.js` that Starlight turns on;
// - inline scripts that also appear on dist/404.html (Starlight's own page, no content of ours:
//   theme provider, theme picker, search shortcut, mobile menu) or that drive Starlight's own
//   elements (text mentions `starlight`: sidebar state, sidebar scroll restore, TOC).
// So own JS = islands (`<astro-island>`: Astro's inline island loader + component and renderer
// modules with their static imports) + any other script or modulepreload + /sw-register.js.
import { gzipSync } from 'node:zlib';
import { existsSync, readFileSync } from 'node:fs';
import { join, posix } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DIST, distFiles } from './e2e/site';

export const BUDGETS = {
  /** own JS on a page without widgets (chapters, reference, source; the home page only registers the service worker) */
  widgetlessPageOwnJs: 0,
  /** initial own JS (gzip) of a page with widgets: islands + their static imports, not lazy chunks */
  widgetPageInitialJsGzip: 64 * 1024,
  /** any single file, gzip, by kind */
  asset: { js: 240 * 1024, css: 30 * 1024, html: 80 * 1024, font: 40 * 1024, other: 100 * 1024 },
} as const;
/**
 * The exemptions, each loaded only when the reader asks for it: the MNIST data (the lab's 10,000 digits and the full set, with a
 * progress bar) and the cell type checker (the TypeScript compiler in its worker, and the files it reads).
 */
const EXEMPT = [/^data\/mnist(-full)?\.bin$/, /^typecheck\/(worker\.js|files\.json)$/];

const files = distFiles();
// sandbox/: the code-cell sandbox document (src/notebook/sandbox.ts), not a page of the site
const pages = files.filter((f) => f.endsWith('.html') && !f.startsWith('sandbox/'));
const gz = (buf: Buffer | string) => gzipSync(buf, { level: 9 }).length;
const read = (f: string) => readFileSync(join(DIST, f));

const STARLIGHT_SRC = /^\/_astro\/(page\.[\w-]+|(?:Search|TableOfContents|MobileTableOfContents)\.astro_astro_type_script_index_\d+_lang\.[\w-]+)\.js$/;
const SCRIPT = /<script\b([^>]*)>([\s\S]*?)<\/script>/g;
const baseline = existsSync(join(DIST, '404.html')) ? read('404.html').toString() : '';
const baselineInline = new Set([...baseline.matchAll(SCRIPT)].filter((m) => !/\ssrc=/.test(m[1])).map((m) => m[2]));

interface PageJs {
  own: string[]; // descriptions of own scripts
  starlight: string[];
  initialFiles: Set<string>; // own JS files loaded at start (dist-relative)
  inlineOwnBytes: number; // gzip of own inline scripts
}

/** static imports of a built module (not `import()`: those load lazily) */
function staticImports(file: string): string[] {
  const src = read(file).toString();
  const out: string[] = [];
  for (const m of src.matchAll(/\bfrom\s*["']([^"']+)["']|\bimport\s*["']([^"']+)["']/g)) {
    const spec = m[1] ?? m[2];
    if (spec.startsWith('.')) out.push(posix.normalize(posix.join(posix.dirname(file), spec)));
    else if (spec.startsWith('/')) out.push(spec.slice(1));
  }
  return out;
}
function closure(entries: string[]): Set<string> {
  const seen = new Set<string>();
  const stack = [...entries];
  while (stack.length) {
    const f = stack.pop()!;
    if (seen.has(f) || !existsSync(join(DIST, f))) continue;
    seen.add(f);
    stack.push(...staticImports(f));
  }
  return seen;
}

function pageJs(page: string): PageJs {
  const html = read(page).toString();
  const own: string[] = [];
  const starlight: string[] = [];
  const entries: string[] = [];
  let inlineOwnBytes = 0;
  for (const m of html.matchAll(SCRIPT)) {
    const src = /\ssrc="([^"]+)"/.exec(m[1])?.[1];
    if (/type="application\/(ld\+)?json"/.test(m[1])) continue;
    if (src) {
      if (STARLIGHT_SRC.test(src)) starlight.push(src);
      else {
        own.push(src);
        entries.push(src.replace(/^\//, ''));
      }
    } else if (baselineInline.has(m[2]) || /starlight/i.test(m[2])) starlight.push(`inline ${m[2].length} B`);
    else {
      own.push(`inline script (${m[2].length} B): ${m[2].slice(0, 40).replace(/\s+/g, ' ')}`);
      inlineOwnBytes += gz(m[2]);
    }
  }
  for (const m of html.matchAll(/<link\b[^>]*rel="modulepreload"[^>]*>/g)) {
    const href = /href="([^"]+)"/.exec(m[0])?.[1] ?? '?';
    own.push(`modulepreload ${href}`);
    entries.push(href.replace(/^\//, ''));
  }
  for (const m of html.matchAll(/<astro-island\b[^>]*>/g)) {
    for (const attr of ['component-url', 'renderer-url', 'before-hydration-url']) {
      const url = new RegExp(`${attr}="([^"]+)"`).exec(m[0])?.[1];
      if (url) entries.push(url.replace(/^\//, ''));
    }
    own.push(`island ${/component-url="([^"]+)"/.exec(m[0])?.[1]}`);
  }
  return { own, starlight, initialFiles: closure(entries), inlineOwnBytes };
}

const kind = (f: string): keyof typeof BUDGETS.asset =>
  /\.m?js$/.test(f) ? 'js' : f.endsWith('.css') ? 'css' : f.endsWith('.html') ? 'html' : /\.(woff2?|ttf|otf)$/.test(f) ? 'font' : 'other';

describe('budgets over the built site', () => {
  it('there is a build to measure', () => {
    expect(pages.length, `no HTML in ${DIST}: run npm run build`).toBeGreaterThan(5);
    expect(baselineInline.size, 'dist/404.html (Starlight baseline) has inline scripts').toBeGreaterThan(0);
  });

  it(`pages without widgets ship ${BUDGETS.widgetlessPageOwnJs} bytes of their own JavaScript`, () => {
    const offenders: string[] = [];
    let n = 0;
    for (const page of pages) {
      const html = read(page).toString();
      if (html.includes('<astro-island')) continue;
      const { own, starlight } = pageJs(page);
      if (page === 'index.html') {
        // the home page registers the offline service worker and nothing else
        expect(own).toEqual(['/sw-register.js']);
        expect(gz(read('sw-register.js'))).toBeLessThan(1024);
        continue;
      }
      n++;
      if (own.length > BUDGETS.widgetlessPageOwnJs) offenders.push(`${page}: ${own.join(', ')}`);
      expect(starlight.length, `${page} still has Starlight's own scripts`).toBeGreaterThan(0);
    }
    console.log(`budgets: ${n} pages without widgets, own JS 0 bytes on each`);
    expect(n).toBeGreaterThan(0);
    expect(offenders).toEqual([]);
  });

  it(`pages with widgets: initial own JS ≤ ${BUDGETS.widgetPageInitialJsGzip / 1024} kB gzip`, () => {
    const report: string[] = [];
    const over: string[] = [];
    for (const page of pages) {
      if (!read(page).toString().includes('<astro-island')) continue;
      const js = pageJs(page);
      const bytes = [...js.initialFiles].reduce((s, f) => s + gz(read(f)), 0) + js.inlineOwnBytes;
      report.push(`${page}: ${(bytes / 1024).toFixed(1)} kB`);
      if (bytes > BUDGETS.widgetPageInitialJsGzip) over.push(`${page}: ${(bytes / 1024).toFixed(1)} kB gzip (${[...js.initialFiles].join(' ')})`);
    }
    console.log(`budgets: initial own JS (gzip) per page with widgets:\n  ${report.join('\n  ')}`);
    expect(report.length).toBeGreaterThan(0);
    expect(over).toEqual([]);
  });

  it('no single asset over its budget (gzip), except the MNIST data and the type checker, loaded on demand', () => {
    const over: string[] = [];
    const largest: Record<string, [number, string]> = {};
    for (const f of files) {
      if (EXEMPT.some((re) => re.test(f))) continue;
      const k = kind(f);
      const size = gz(read(f));
      if (!largest[k] || largest[k][0] < size) largest[k] = [size, f];
      if (size > BUDGETS.asset[k]) over.push(`${f}: ${(size / 1024).toFixed(1)} kB gzip > ${BUDGETS.asset[k] / 1024} kB (${k})`);
    }
    console.log(`budgets: largest per kind (gzip): ${Object.entries(largest).map(([k, [s, f]]) => `${k} ${(s / 1024).toFixed(1)} kB (${f})`).join('; ')}`);
    expect(over).toEqual([]);
  });
});
