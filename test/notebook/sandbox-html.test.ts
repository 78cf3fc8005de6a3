// public/sandbox/cell.html, the document code cells run under (src/notebook/sandbox.ts): it is
// what scripts/sandbox-html.mjs writes from the bootstrap (so the policy's hash is the
// bootstrap's), and its policy allows no request of any kind.
import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { sandboxHtml, readBootstrap } from '../../scripts/sandbox-html.mjs';

const html = readFileSync('public/sandbox/cell.html', 'utf8');
const policy = /<meta http-equiv="Content-Security-Policy" content="([^"]+)">/.exec(html)![1];
const directives = new Map(policy.split(';').map((d) => d.trim().split(/\s+/)).map(([k, ...v]) => [k, v]));

describe('the sandbox document', () => {
  it('is up to date with its bootstrap (run `node scripts/sandbox-html.mjs` after editing it)', () => {
    expect(html).toBe(sandboxHtml(readBootstrap()));
  });
  it('allows only its own inline script (by hash), blob: workers and eval; nothing that makes a request', () => {
    const script = /<script>([\s\S]*)<\/script>/.exec(html)![1];
    expect(directives.get('default-src')).toEqual(["'none'"]);
    expect(directives.get('script-src')).toEqual([`'sha256-${createHash('sha256').update(script, 'utf8').digest('base64')}'`, "'unsafe-eval'", 'blob:']);
    expect(directives.get('worker-src')).toEqual(['blob:']);
    for (const d of ['connect-src', 'img-src', 'font-src', 'media-src', 'style-src', 'frame-src', 'child-src', 'object-src', 'manifest-src']) expect(directives.has(d)).toBe(false);
    expect(html).not.toMatch(/\ssrc=|\shref=/);
  });
  it('does nothing unless it is framed with an opaque origin', () => {
    expect(readBootstrap()).toMatch(/if \(self\.origin !== 'null' \|\| parent === self\) return;/);
  });
});
