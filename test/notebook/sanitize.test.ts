// @vitest-environment happy-dom
// The chart sanitiser: what a worker sends as SVG is rebuilt from an allow-list before insertion.
import { describe, it, expect } from 'vitest';
import * as Plot from '@observablehq/plot';
import { parseHTML } from 'linkedom';
import { sanitizeChart, safeCssValue, cleanStylesheet, cleanStyleAttribute, browserCss } from '../../src/notebook/sanitize';

// happy-dom's HTML parser drops an <svg>'s children after a <style> (browsers do not), so the
// untrusted markup is parsed with linkedom here; the page uses the browser's DOMParser.
const parse = (m: string) => parseHTML(`<!doctype html><html><body>${m}</body></html>`).document.body.firstElementChild as unknown as Element;
const clean = (m: string, prefix = 'p-') => sanitizeChart(m, document, parse, { prefix });
const css = () => browserCss(document);

describe('sanitizeChart', () => {
  it('keeps a real Observable Plot chart: its svg, paths, text and style', () => {
    const { document: wdoc } = parseHTML('<!doctype html><html><body></body></html>');
    const markup = (Plot.plot({ document: wdoc, title: 'cost', marks: [Plot.lineY([3, 1, 2])] }) as unknown as { outerHTML: string }).outerHTML;
    const node = clean(markup)!;
    expect(node.localName).toBe('figure');
    const svg = node.querySelector('svg')!;
    expect(svg.namespaceURI).toBe('http://www.w3.org/2000/svg');
    expect(svg.getAttribute('viewBox')).toBe('0 0 640 400');
    expect(node.querySelectorAll('path').length).toBeGreaterThan(0);
    expect(node.querySelector('h2')?.textContent).toBe('cost');
    expect(node.querySelector('style')?.textContent).toContain('--plot-background');
    expect(node.querySelector('style')?.textContent).toContain('max-width: 100%');
  });
  it('drops scripts, event handlers, foreignObject and non-fragment links', () => {
    const node = clean('<svg viewBox="0 0 10 10" onload="alert(1)"><script>alert(2)</script><foreignObject><div onclick="x()">hi</div></foreignObject>'
      + '<a href="javascript:alert(3)"><text>link</text></a><use href="https://evil.example/x.svg#a"/><use href="#ok"/><rect width="5" height="5" onclick="alert(4)" fill="red"/></svg>')!;
    const html = node.outerHTML;
    expect(html).not.toMatch(/script|onload|onclick|foreignObject|javascript|evil/i);
    expect(node.querySelector('rect')?.getAttribute('fill')).toBe('red');
    // a link elsewhere loses its href; a #fragment keeps it
    expect(Array.from(node.querySelectorAll('use')).map((u) => u.getAttribute('href'))).toEqual([null, '#p-ok']);
    // children of a dropped element are dropped with it
    expect(html).not.toContain('link');
  });
  it('drops CSS that loads or runs anything: at-rules, url() of any kind, escapes, positioning', () => {
    expect(safeCssValue('red')).toBe(true);
    expect(safeCssValue('url(#c1)')).toBe(false);
    expect(safeCssValue('u\\72l(https://evil.example/x)')).toBe(false);
    const sheet = cleanStylesheet('@import url(https://evil.example/a.css); @\\69mport "https://evil.example/b.css"; @font-face { font-family: q; src: url(https://evil.example/f.woff) }'
      + ' @media all { b { color: blue } } rect { fill: red; stroke: u\\72l(https://evil.example/s); position: fixed; background: url(https://evil.example/x.png); --k: u\\72l(y); --ok: 2px }'
      + ' :host { color: red } svg { top: 0; left: 0; width: 100%; }', css());
    expect(sheet).not.toMatch(/import|font-face|media|url|evil|\\|position|top|left|:host|--k/i);
    expect(sheet).toContain('fill: red');
    expect(sheet).toContain('--ok: 2px');
    expect(sheet).toContain('width: 100%');
    expect(cleanStyleAttribute('position: absolute; inset: 0; fill: u\\72l(#a); stroke: blue; z-index: 9', css())).toBe('stroke: blue');
    const node = clean('<svg><style>@import url(https://evil.example/a.css);</style><rect style="background:url(http://evil.example)"/><g clip-path="url(#c)"/><path fill="u\\72l(https://evil.example/p)"/></svg>')!;
    expect(node.querySelector('style')).toBeNull();
    expect(node.querySelector('rect')?.hasAttribute('style')).toBe(false);
    expect(node.querySelector('g')?.getAttribute('clip-path')).toBe('url(#p-c)');
    expect(node.querySelector('path')?.hasAttribute('fill')).toBe(false);
  });
  it('prefixes every id and the references to it, so charts never share ids with each other or the page', () => {
    const markup = '<svg><defs><clipPath id="c"><rect width="1" height="1"/></clipPath><marker id="m"/></defs><g clip-path="url(#c)" marker-end="url(\'#m\')"><use href="#c"/></g><text id="bad id">t</text></svg>';
    const a = clean(markup, 'a-')!;
    const b = clean(markup, 'b-')!;
    expect(a.querySelector('clipPath')?.getAttribute('id')).toBe('a-c');
    expect(a.querySelector('g')?.getAttribute('clip-path')).toBe('url(#a-c)');
    expect(a.querySelector('g')?.getAttribute('marker-end')).toBe('url(#a-m)');
    expect(a.querySelector('use')?.getAttribute('href')).toBe('#a-c');
    expect(a.querySelector('text')?.hasAttribute('id')).toBe(false);
    expect(b.querySelector('clipPath')?.getAttribute('id')).toBe('b-c');
    // without a prefix given, each chart gets its own
    const ids = [0, 1].map(() => sanitizeChart(markup, document, parse)!.querySelector('clipPath')!.getAttribute('id'));
    expect(ids[0]).not.toBe(ids[1]);
  });
  it('rebuilds at most maxNodes elements, whatever the worker claimed', () => {
    const node = sanitizeChart(`<svg>${'<g></g>'.repeat(50)}</svg>`, document, parse, { prefix: 'p-', maxNodes: 11 })!;
    expect(node.querySelectorAll('g')).toHaveLength(10);
    expect(clean(`<svg>${'<g></g>'.repeat(50)}</svg>`)!.querySelectorAll('g')).toHaveLength(50);
  });
  it('works with the DOMParser the page uses', () => {
    const node = sanitizeChart('<svg viewBox="0 0 1 1" onload="alert(1)"><g stroke="red"><path d="M0,0L1,1" /></g></svg>', document)!;
    expect(node.outerHTML).toBe('<svg viewBox="0 0 1 1"><g stroke="red"><path d="M0,0L1,1"></path></g></svg>');
  });
  it('refuses arbitrary HTML at the top', () => {
    expect(clean('<img src=x onerror="alert(1)">')).toBeNull();
    expect(clean('<iframe src="https://evil.example"></iframe>')).toBeNull();
  });
});
