// Charts arrive from the worker as markup. Before it touches the page it is parsed inertly and
// rebuilt from an allow-list: known SVG (and a few figure/heading) elements, known presentation
// attributes, no scripts, no event handlers, no foreignObject, no links except #fragments, no
// CSS that loads anything. Whatever is not on the list is dropped, never copied.

export const SVG_NS = 'http://www.w3.org/2000/svg';

const SVG_ELEMENTS = [
  'svg', 'g', 'path', 'line', 'rect', 'circle', 'ellipse', 'polyline', 'polygon', 'text', 'tspan', 'title', 'desc',
  'defs', 'clipPath', 'linearGradient', 'radialGradient', 'stop', 'pattern', 'mask', 'marker', 'symbol', 'use', 'style', 'image',
];
const HTML_ELEMENTS = ['figure', 'figcaption', 'div', 'span', 'h2', 'h3', 'p', 'svg'];
const SVG_BY_LOWER = new Map(SVG_ELEMENTS.map((n) => [n.toLowerCase(), n]));

const ATTRIBUTES = new Set([
  'class', 'id', 'role', 'aria-label', 'aria-hidden', 'aria-description', 'aria-roledescription', 'tabindex',
  'viewbox', 'width', 'height', 'x', 'y', 'x1', 'x2', 'y1', 'y2', 'cx', 'cy', 'r', 'rx', 'ry', 'dx', 'dy', 'd', 'points',
  'transform', 'fill', 'fill-opacity', 'fill-rule', 'stroke', 'stroke-width', 'stroke-opacity', 'stroke-linecap',
  'stroke-linejoin', 'stroke-dasharray', 'stroke-dashoffset', 'stroke-miterlimit', 'opacity', 'paint-order',
  'font-family', 'font-size', 'font-weight', 'font-style', 'font-variant', 'text-anchor', 'dominant-baseline',
  'alignment-baseline', 'letter-spacing', 'writing-mode', 'text-decoration', 'clip-path', 'mask', 'marker-start',
  'marker-mid', 'marker-end', 'markerwidth', 'markerheight', 'refx', 'refy', 'orient', 'markerunits',
  'gradientunits', 'gradienttransform', 'offset', 'stop-color', 'stop-opacity', 'patternunits', 'patterntransform',
  'preserveaspectratio', 'style', 'href', 'xlink:href', 'shape-rendering', 'vector-effect', 'mix-blend-mode',
  'xmlns', 'xmlns:xlink', 'color', 'visibility', 'display', 'clippathunits', 'maskunits',
]);

/** CSS may use url(#fragment) and nothing else that loads or runs */
export function safeCss(css: string): boolean {
  if (/@import|expression\s*\(|javascript:|behavior\s*:|-moz-binding/i.test(css)) return false;
  const urls = css.match(/url\s*\(\s*(['"]?)([^)'"]*)\1\s*\)/gi) ?? [];
  return urls.every((u) => /url\s*\(\s*['"]?#/i.test(u)) && !/\burl\s*\((?!\s*['"]?#)/i.test(css);
}

function safeAttribute(name: string, value: string): boolean {
  const n = name.toLowerCase();
  if (n.startsWith('on') || !ATTRIBUTES.has(n)) return false;
  if (n === 'href' || n === 'xlink:href') return /^#[\w-]+$/.test(value.trim());
  if (n === 'style' || /url\s*\(/i.test(value)) return safeCss(value);
  return true;
}

/**
 * Rebuild `markup` (an <svg> or Plot's <figure>) as a clean node of `doc`, or null if nothing
 * allowed is left. `parse` turns markup into an inert element (the page uses DOMParser).
 */
export function sanitizeChart(markup: string, doc: Document, parse: (m: string) => Element | null = (m) => new DOMParser().parseFromString(m, 'text/html').body.firstElementChild): Element | null {
  const root = parse(markup);
  if (!root) return null;
  return clean(root, doc, false);
}

function clean(el: Element, doc: Document, inSvg: boolean): Element | null {
  const local = (el.localName || el.tagName).toString();
  const lower = local.toLowerCase();
  const svgHere = inSvg || lower === 'svg';
  let out: Element;
  if (svgHere) {
    const proper = SVG_BY_LOWER.get(lower);
    if (!proper || lower === 'image') return null; // <image> could load a URL; Plot's image mark is not needed here
    out = doc.createElementNS(SVG_NS, proper);
  } else {
    if (!HTML_ELEMENTS.includes(lower)) return null;
    out = doc.createElement(lower);
  }
  for (const attr of Array.from(el.attributes)) {
    if (!safeAttribute(attr.name, attr.value)) continue;
    const n = attr.name.toLowerCase();
    if (n === 'xmlns' || n === 'xmlns:xlink') continue;
    try {
      if (n === 'xlink:href') out.setAttributeNS('http://www.w3.org/1999/xlink', 'xlink:href', attr.value);
      else out.setAttribute(svgHere && n === 'viewbox' ? 'viewBox' : attr.name, attr.value);
    } catch { /* an attribute name the DOM refuses is dropped */ }
  }
  if (lower === 'style') {
    const css = el.textContent ?? '';
    if (!safeCss(css)) return null;
    out.textContent = css;
    return out;
  }
  for (const child of Array.from(el.childNodes)) {
    if (child.nodeType === 3) out.appendChild(doc.createTextNode(child.textContent ?? ''));
    else if (child.nodeType === 1) {
      const c = clean(child as Element, doc, svgHere);
      if (c) out.appendChild(c);
    }
  }
  return out;
}
