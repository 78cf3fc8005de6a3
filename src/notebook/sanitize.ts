// Charts arrive from the worker as markup. Before it touches the page it is parsed inertly and
// rebuilt from an allow-list: known SVG (and a few figure/heading) elements, known presentation
// attributes, no scripts, no event handlers, no foreignObject, no links except #fragments.
// CSS (a <style> element or a style attribute) is read by the browser's own CSS parser, in an
// inert document that loads nothing, and only plain style rules with allowed properties and
// values are written back: no at-rules (@import, @font-face, @media…), no url() at all, no
// position, no escapes. Every id is prefixed per chart (and so are the #fragment references to
// it), so two charts, or a chart and the page, never share an id. The page then puts the chart in
// a shadow root of its own (Output.tsx), where its styles reach nothing outside it.
import { MAX_CHART_NODES } from './format';

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

/** CSS properties a chart's styles may set (longhands, as the browser's parser reports them) */
const CSS_PROPERTIES = new Set([
  'fill', 'fill-opacity', 'fill-rule', 'stroke', 'stroke-width', 'stroke-opacity', 'stroke-linecap', 'stroke-linejoin',
  'stroke-dasharray', 'stroke-dashoffset', 'stroke-miterlimit', 'opacity', 'color', 'paint-order', 'shape-rendering',
  'vector-effect', 'visibility', 'display', 'text-anchor', 'dominant-baseline', 'alignment-baseline', 'white-space',
  'font-family', 'font-size', 'font-style', 'font-weight', 'font-stretch', 'font-variant', 'font-variant-caps',
  'font-variant-numeric', 'font-variant-ligatures', 'font-kerning', 'line-height', 'letter-spacing', 'word-spacing',
  'text-decoration-line', 'text-decoration-color', 'text-decoration-style', 'text-transform', 'vertical-align',
  'background-color', 'max-width', 'min-width', 'width', 'height', 'max-height',
  'margin-top', 'margin-right', 'margin-bottom', 'margin-left', 'padding-top', 'padding-right', 'padding-bottom', 'padding-left',
  'align-items', 'justify-content', 'flex-wrap', 'flex-direction', 'column-gap', 'row-gap', 'gap',
  'border-top-width', 'border-right-width', 'border-bottom-width', 'border-left-width',
  'border-top-style', 'border-right-style', 'border-bottom-style', 'border-left-style',
  'border-top-color', 'border-right-color', 'border-bottom-color', 'border-left-color',
]);

/**
 * A value as the parser serialised it may be written back only if it loads nothing and hides
 * nothing: no backslash (custom properties keep their raw text, escapes included), no url, no
 * function that takes an image or a resource, nothing that could close the declaration.
 */
export function safeCssValue(value: string): boolean {
  return !/[\\;{}<>@]|url|image|src\s*\(|element\s*\(|expression|attr\s*\(|binding|javascript/i.test(value);
}

function cssPropertyAllowed(name: string): boolean {
  return name.startsWith('--') ? /^--[\w-]+$/.test(name) : CSS_PROPERTIES.has(name);
}

/** the declarations of a parsed style, as `name: value` pairs that may be written back */
interface Declarations { length: number; item(i: number): string; getPropertyValue(name: string): string }
function keptDeclarations(style: Declarations): string[] {
  const out: string[] = [];
  for (let i = 0; i < style.length; i++) {
    const name = style.item(i);
    const value = style.getPropertyValue(name).trim();
    // 'initial' is what a shorthand gives the longhands it does not set: nothing to write back
    if (cssPropertyAllowed(name) && value !== '' && value !== 'initial' && safeCssValue(value)) out.push(`${name}: ${value}`);
  }
  return out;
}

/** how CSS is parsed: by the browser, in an inert document (no fetch, no console, no CSP needed) */
export interface CssParser {
  /** the plain style rules of a stylesheet (every at-rule is left out) */
  rules(css: string): { selectorText: string; style: Declarations }[];
  /** the declarations of a style attribute */
  declarations(css: string): Declarations;
}

export function browserCss(doc: Document): CssParser {
  let inert: Document | null = null;
  const inertDoc = () => (inert ??= doc.implementation.createHTMLDocument(''));
  return {
    rules(css) {
      const d = inertDoc();
      const el = d.createElement('style');
      el.textContent = css;
      d.head.appendChild(el);
      try {
        const rules = Array.from(el.sheet?.cssRules ?? []);
        // a plain style rule has a selector and a style; @media, @import, @font-face… are dropped
        return rules.filter((r) => r.constructor.name === 'CSSStyleRule' || (r.type === 1 && 'selectorText' in r))
          .map((r) => ({ selectorText: (r as CSSStyleRule).selectorText, style: (r as CSSStyleRule).style }));
      } finally { el.remove(); }
    },
    declarations(css) {
      const el = inertDoc().createElement('div');
      el.setAttribute('style', css);
      return el.style;
    },
  };
}

/** a stylesheet rebuilt from its parsed rules: allowed declarations only, selectors kept (the chart's shadow root scopes them) */
export function cleanStylesheet(css: string, parser: CssParser): string {
  const out: string[] = [];
  for (const rule of parser.rules(css)) {
    if (/:host|::part|::slotted|[\\{};@<]/i.test(rule.selectorText)) continue;
    const kept = keptDeclarations(rule.style);
    if (kept.length) out.push(`${rule.selectorText} { ${kept.join('; ')}; }`);
  }
  return out.join('\n');
}

/** a style attribute rebuilt from its parsed declarations */
export function cleanStyleAttribute(css: string, parser: CssParser): string {
  return keptDeclarations(parser.declarations(css)).join('; ');
}

const FRAGMENT_URL = /^url\(\s*(['"]?)#([\w-]+)\1\s*\)$/i;

/** `left`: elements still allowed (the worker counts them first; a fake "chart" could lie about its count) */
interface Context { doc: Document; css: CssParser; prefix: string; left: number }

/** an attribute's value as it may be written, or null to drop it */
function cleanAttribute(name: string, value: string, cx: Context): string | null {
  const n = name.toLowerCase();
  if (n.startsWith('on') || !ATTRIBUTES.has(n)) return null;
  if (n === 'style') { const v = cleanStyleAttribute(value, cx.css); return v || null; }
  if (/[\\]/.test(value)) return null;
  if (n === 'id') return /^[\w-]+$/.test(value) ? cx.prefix + value : null;
  if (n === 'href' || n === 'xlink:href') {
    const m = /^#([\w-]+)$/.exec(value.trim());
    return m ? `#${cx.prefix}${m[1]}` : null;
  }
  if (/url|image|expression|javascript/i.test(value)) {
    // presentation attributes may point at an element of the chart (clip-path, marker, gradient fill)
    const m = FRAGMENT_URL.exec(value.trim());
    return m ? `url(#${cx.prefix}${m[2]})` : null;
  }
  return value;
}

let chartCounter = 0;
/** a prefix for the ids of one chart, unique on the page */
export function chartIdPrefix(): string {
  return `nb-chart-${++chartCounter}-`;
}

/**
 * Rebuild `markup` (an <svg> or Plot's <figure>) as a clean node of `doc`, or null if nothing
 * allowed is left. `parse` turns markup into an inert element (the page uses DOMParser); `css`
 * parses styles (the browser's parser, by default); every id gets `prefix`; at most `maxNodes`
 * elements are rebuilt (the rest is dropped).
 */
export function sanitizeChart(markup: string, doc: Document,
  parse: (m: string) => Element | null = (m) => new DOMParser().parseFromString(m, 'text/html').body.firstElementChild,
  options: { css?: CssParser; prefix?: string; maxNodes?: number } = {}): Element | null {
  const root = parse(markup);
  if (!root) return null;
  return clean(root, { doc, css: options.css ?? browserCss(doc), prefix: options.prefix ?? chartIdPrefix(), left: options.maxNodes ?? MAX_CHART_NODES }, false);
}

function clean(el: Element, cx: Context, inSvg: boolean): Element | null {
  const { doc } = cx;
  if (cx.left <= 0) return null;
  cx.left--;
  const local = (el.localName || el.tagName).toString();
  const lower = local.toLowerCase();
  const svgHere = inSvg || lower === 'svg';
  if (lower === 'style') {
    const css = cleanStylesheet(el.textContent ?? '', cx.css);
    if (!css) return null;
    const out = svgHere ? doc.createElementNS(SVG_NS, 'style') : doc.createElement('style');
    out.textContent = css;
    return out;
  }
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
    const n = attr.name.toLowerCase();
    if (n === 'xmlns' || n === 'xmlns:xlink') continue;
    const value = cleanAttribute(attr.name, attr.value, cx);
    if (value === null) continue;
    try {
      if (n === 'xlink:href') out.setAttributeNS('http://www.w3.org/1999/xlink', 'xlink:href', value);
      else out.setAttribute(svgHere && n === 'viewbox' ? 'viewBox' : attr.name, value);
    } catch { /* an attribute name the DOM refuses is dropped */ }
  }
  for (const child of Array.from(el.childNodes)) {
    if (child.nodeType === 3) out.appendChild(doc.createTextNode(child.textContent ?? ''));
    else if (child.nodeType === 1) {
      const c = clean(child as Element, cx, svgHere);
      if (c) out.appendChild(c);
    }
  }
  return out;
}
