// Link check over the built HTML: every internal href/src (pages, assets, scripts, styles, images)
// resolves to a file of the build, and every #fragment (headings, the Source section's per-line
// #L12 anchors, Starlight's #_top) names an element id in the target page. No network: links to
// other origins are counted and listed, not fetched (the site should have none). The errata page's
// links to the slips' tests must land on those tests' lines.
// A small checker instead of a library: the maintained link checker (linkinator 7/8) needs
// Node ≥ 22 and crawls over HTTP; this reads dist/ directly with linkedom, already a dependency.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';
import { DIST, distFiles } from './site';

const ORIGIN = 'http://127.0.0.1:4321'; // astro.config.mjs `site`: absolute links to it are internal
const pages = distFiles().filter((f) => f.endsWith('.html'));

const files = new Map<string, string | null>();
function fileFor(pathname: string): string | null {
  if (!files.has(pathname)) files.set(pathname, findFile(pathname));
  return files.get(pathname)!;
}
function findFile(pathname: string): string | null {
  const p = decodeURIComponent(pathname);
  const candidates = p.endsWith('/') ? [join(p, 'index.html')] : [p, `${p}.html`, join(p, 'index.html')];
  for (const c of candidates) {
    const full = join(DIST, c);
    if (existsSync(full) && statSync(full).isFile()) return full;
  }
  return null;
}

// Each HTML file is parsed once, for both what it is as a target (its ids: what a #fragment may
// name) and as a source (its references); only those are kept, not the parsed document.
const parsed = new Map<string, { ids: Set<string>; refs: string[] }>();
function parse(file: string): { ids: Set<string>; refs: string[] } {
  let entry = parsed.get(file);
  if (!entry) {
    const { document } = parseHTML(readFileSync(file, 'utf8'));
    const ids = new Set<string>();
    for (const el of document.querySelectorAll('[id]')) ids.add(el.getAttribute('id')!);
    for (const el of document.querySelectorAll('a[name]')) ids.add(el.getAttribute('name')!);
    const refs: string[] = [];
    const is404 = file === join(DIST, '404.html');
    for (const el of document.querySelectorAll('a[href], link[href], area[href]')) {
      // Starlight gives 404.html a canonical /404/; hosts serve that file for any missing path
      if (is404 && el.getAttribute('rel') === 'canonical') continue;
      refs.push(el.getAttribute('href')!);
    }
    for (const el of document.querySelectorAll('script[src], img[src], source[src], iframe[src], audio[src], video[src]')) refs.push(el.getAttribute('src')!);
    for (const el of document.querySelectorAll('img[srcset], source[srcset]')) {
      for (const part of el.getAttribute('srcset')!.split(',')) refs.push(part.trim().split(/\s+/)[0]);
    }
    for (const el of document.querySelectorAll('astro-island')) {
      for (const attr of ['component-url', 'renderer-url']) if (el.getAttribute(attr)) refs.push(el.getAttribute(attr)!);
    }
    entry = { ids, refs };
    parsed.set(file, entry);
  }
  return entry;
}
const idsOf = (file: string): Set<string> => parse(file).ids;

describe('links in the built site', () => {
  it('every internal link and anchor resolves', () => {
    expect(pages.length).toBeGreaterThan(5);
    const broken: string[] = [];
    const external = new Set<string>();
    let checked = 0;
    for (const page of pages) {
      const pageUrl = new URL('/' + page.replace(/(^|\/)index\.html$/, '$1'), ORIGIN);
      const { refs } = parse(join(DIST, page));
      for (const ref of refs) {
        if (!ref || /^(mailto|tel|javascript|data|blob):/i.test(ref)) continue;
        const url = new URL(ref, pageUrl);
        if (url.origin !== ORIGIN) {
          external.add(url.href);
          continue;
        }
        checked++;
        const file = fileFor(url.pathname);
        if (!file) {
          broken.push(`${page}: ${ref} → no file for ${url.pathname}`);
          continue;
        }
        const hash = decodeURIComponent(url.hash.slice(1));
        if (hash && file.endsWith('.html') && !idsOf(file).has(hash)) broken.push(`${page}: ${ref} → no id "${hash}" in ${url.pathname}`);
      }
    }
    console.log(`links: ${checked} internal links and anchors checked on ${pages.length} pages; ${external.size} external (not fetched)${external.size ? ': ' + [...external].slice(0, 10).join(' ') : ''}`);
    expect(broken).toEqual([]);
    expect(checked).toBeGreaterThan(pages.length);
  });

  it('the errata page links each slip to the line of its test in the Source section', () => {
    // The line numbers are looked up at build time; here each link must name a line (#L12) whose
    // text, in the rendered source of slips.test.ts, is a test titled with the slip's label.
    const { document } = parseHTML(readFileSync(join(DIST, 'reference/errata/index.html'), 'utf8'));
    const links = [...document.querySelectorAll('a[data-slip-test]')];
    expect(links.length).toBeGreaterThanOrEqual(9);
    const source = parseHTML(readFileSync(join(DIST, 'source/test/equations/slips.test.ts/index.html'), 'utf8')).document;
    const problems: string[] = [];
    for (const a of links) {
      const label = a.getAttribute('data-slip-test')!;
      const href = a.getAttribute('href')!;
      const m = /^\/source\/test\/equations\/slips\.test\.ts\/#(L\d+)$/.exec(href);
      if (!m) {
        problems.push(`${label}: ${href} does not point at a line of slips.test.ts (is there a test titled "${label}…"?)`);
        continue;
      }
      const line = source.getElementById(m[1])?.textContent ?? '';
      if (!/\b(?:it|test)(?:\.\w+)?\(/.test(line) || !line.includes(label)) problems.push(`${label}: line ${m[1]} is "${line.trim()}"`);
    }
    expect(problems).toEqual([]);
  });

  it('the page a host serves for a missing address (404.html) leads back into the course', () => {
    // a reader who followed a stale link lands here: the way on must be links in the page's own
    // content, not only the header's search box
    const { document } = parseHTML(readFileSync(join(DIST, '404.html'), 'utf8'));
    const main = document.querySelector('main');
    expect(main?.textContent).toMatch(/no page at this address/i);
    const targets = [...(main?.querySelectorAll('a[href]') ?? [])].map((a) => a.getAttribute('href'));
    expect(targets).toEqual(expect.arrayContaining(['/', '/chapters/01-forward-pass/']));
    for (const href of targets) expect(fileFor(new URL(href!, ORIGIN).pathname), href!).not.toBeNull();
  });
});
