// Writes public/sandbox/cell.html from src/notebook/sandbox/bootstrap.js: the document code cells
// run under (see src/notebook/sandbox.ts). It is a same-origin page with no script of its own
// (so the service worker serves it offline) whose policy allows no request; inside it, a
// srcdoc frame with sandbox="allow-scripts" (opaque origin) inherits that policy and runs the
// bootstrap, which the policy names by hash. test/notebook/sandbox-html.test.ts fails if the
// file is out of date.
// Run: node scripts/sandbox-html.mjs
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));

/** the sandbox document's own policy: no network, no storage-bearing origin, only its bootstrap and the blob worker it starts */
export function sandboxPolicy(bootstrap) {
  const hash = createHash('sha256').update(bootstrap, 'utf8').digest('base64');
  return [
    "default-src 'none'",
    // the bootstrap (by hash); the worker it starts from a blob: URL; 'unsafe-eval' because a cell is compiled with the Function constructor
    `script-src 'sha256-${hash}' 'unsafe-eval' blob:`,
    'worker-src blob:',
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ');
}

const attr = (s) => s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** the sandboxed frame's document (its srcdoc): only the bootstrap */
export function innerHtml(bootstrap) {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Code cell sandbox</title></head><body><script>${bootstrap}</script></body></html>`;
}

export function sandboxHtml(bootstrap) {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta http-equiv="Content-Security-Policy" content="${sandboxPolicy(bootstrap)}"><meta name="robots" content="noindex"><title>Code cell sandbox</title></head>
<body><iframe sandbox="allow-scripts" title="Code cell sandbox" srcdoc="${attr(innerHtml(bootstrap))}"></iframe></body></html>
`;
}

export function readBootstrap() {
  return readFileSync(`${root}src/notebook/sandbox/bootstrap.js`, 'utf8').trim();
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  mkdirSync(`${root}public/sandbox`, { recursive: true });
  writeFileSync(`${root}public/sandbox/cell.html`, sandboxHtml(readBootstrap()));
  console.log('wrote public/sandbox/cell.html');
}
