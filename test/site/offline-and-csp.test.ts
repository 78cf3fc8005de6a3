import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { buildPolicy, headersFile, serviceWorkerFor } from '../../src/integrations/offline-and-csp.mjs';

/** Netlify / Cloudflare Pages `_headers`: a path line, then indented `Name: value` lines. */
function parseHeaders(text: string): { path: string; headers: Record<string, string> }[] {
  const rules: { path: string; headers: Record<string, string> }[] = [];
  for (const line of text.split('\n')) {
    if (!line.trim()) continue;
    if (!/^\s/.test(line)) rules.push({ path: line.trim(), headers: {} });
    else {
      const [name, ...rest] = line.trim().split(':');
      rules[rules.length - 1].headers[name] = rest.join(':').trim();
    }
  }
  return rules;
}

describe('_headers', () => {
  const sandbox = "default-src 'none'; script-src 'sha256-x' 'unsafe-eval' blob:; worker-src blob:";
  const text = headersFile(['index.html', 'chapters/01-forward-pass/index.html'], ['_astro/train.worker-abc.js', 'index.html'], buildPolicy(new Set(), { header: true }), new Map([['/sandbox/cell.html', sandbox]]));
  const rules = parseHeaders(text);

  it('forbids framing by other origins on every path, with a policy that restricts nothing else', () => {
    const all = rules.find((r) => r.path === '/*');
    expect(all, text).toBeDefined();
    expect(all!.headers['Content-Security-Policy']).toBe("frame-ancestors 'self'");
    expect(all!.headers['X-Frame-Options']).toBe('SAMEORIGIN');
  });

  it('gives each page the full policy (with frame-ancestors), a worker script its own without eval, the sandbox its meta policy', () => {
    for (const route of ['/', '/chapters/01-forward-pass/']) {
      const rule = rules.find((r) => r.path === route);
      expect(rule?.headers['Content-Security-Policy']).toMatch(/default-src 'self'.*frame-ancestors 'none'/);
    }
    const worker = rules.find((r) => r.path === '/_astro/train.worker-abc.js')?.headers['Content-Security-Policy'];
    expect(worker).toMatch(/^default-src 'none'/);
    expect(worker).not.toMatch(/(?<!wasm-)unsafe-eval/);
    expect(worker).toMatch(/script-src 'self' 'wasm-unsafe-eval';/); // the training worker compiles the WebAssembly kernels
    expect(rules.find((r) => r.path === '/sandbox/cell.html')?.headers['Content-Security-Policy']).toBe(`${sandbox}; frame-ancestors 'self'`);
  });
});

describe('the built service worker', () => {
  const template = readFileSync('public/sw.js', 'utf8');
  it('puts the build version in place of the marker, and nothing else changes', () => {
    const built = serviceWorkerFor(template, '0123456789abcdef');
    expect(built).toContain("const VERSION = '0123456789abcdef';");
    expect(built.replace("'0123456789abcdef'", "'BUILD_VERSION'")).toBe(template);
  });
  it('refuses a malformed version or a template without the marker', () => {
    expect(() => serviceWorkerFor(template, "x'; evil(); '")).toThrow(/bad build version/);
    expect(() => serviceWorkerFor('self.addEventListener()', '0123456789abcdef')).toThrow(/no BUILD_VERSION marker/);
  });
});
