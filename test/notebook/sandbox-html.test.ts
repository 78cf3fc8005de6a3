// public/sandbox/cell.html, the document code cells run under (src/notebook/sandbox.ts): it is
// what scripts/sandbox-html.mjs writes from the bootstrap (so the policy's hash is the
// bootstrap's), its policy allows no request of any kind, it has no script of its own, and the
// bootstrap runs in a frame sandboxed without allow-same-origin.
import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { sandboxHtml, innerHtml, readBootstrap } from '../../scripts/sandbox-html.mjs';
import { parseHTML } from 'linkedom';

const html = readFileSync('public/sandbox/cell.html', 'utf8');
const policy = /<meta http-equiv="Content-Security-Policy" content="([^"]+)">/.exec(html)![1];
const directives = new Map(policy.split(';').map((d) => d.trim().split(/\s+/)).map(([k, ...v]) => [k, v]));

describe('the sandbox document', () => {
  it('is up to date with its bootstrap (run `node scripts/sandbox-html.mjs` after editing it)', () => {
    expect(html).toBe(sandboxHtml(readBootstrap()));
  });
  it('has no script itself; its one frame is sandboxed (scripts only, opaque origin) and holds the bootstrap', () => {
    const { document } = parseHTML(html);
    expect(document.querySelectorAll('script')).toHaveLength(0);
    const frames = document.querySelectorAll('iframe');
    expect(frames).toHaveLength(1);
    expect(frames[0].getAttribute('sandbox')).toBe('allow-scripts');
    expect(frames[0].getAttribute('srcdoc')).toBe(innerHtml(readBootstrap()));
    expect(frames[0].hasAttribute('src')).toBe(false);
  });
  it('allows only the bootstrap (by hash), blob: workers and eval; nothing that makes a request', () => {
    const script = /<script>([\s\S]*)<\/script>/.exec(innerHtml(readBootstrap()))![1];
    expect(directives.get('default-src')).toEqual(["'none'"]);
    expect(directives.get('script-src')).toEqual([`'sha256-${createHash('sha256').update(script, 'utf8').digest('base64')}'`, "'unsafe-eval'", 'blob:']);
    expect(directives.get('worker-src')).toEqual(['blob:']);
    for (const d of ['connect-src', 'img-src', 'font-src', 'media-src', 'style-src', 'frame-src', 'child-src', 'object-src', 'manifest-src']) expect(directives.has(d)).toBe(false);
    expect(html).not.toMatch(/\ssrc=|\shref=/);
    expect(script).toBe(readBootstrap());
  });
  it('does nothing unless it is framed with an opaque origin', () => {
    expect(readBootstrap()).toMatch(/if \(self\.origin !== 'null' \|\| parent === self \|\| page === parent\) return;/);
  });
});
