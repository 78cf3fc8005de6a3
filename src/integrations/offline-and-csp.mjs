// Build-time post-processing of the built site (runs in `astro:build:done`, after Starlight's
// Pagefind step), so that every page is safe and readable offline:
//
// 1. Service worker: writes dist/sw-manifest.json (every page and every /_astro/ asset, with a
//    version hash of their contents) for public/sw.js to precache, and adds
//    `<script src="/sw-register.js" defer>` to the home page and to pages that already ship
//    islands. A chapter without widgets gets no script of its own (budget: 0 bytes); the worker
//    registered from any other page precaches it anyway.
// 2. Content Security Policy: hashes every inline <script> of the site (Starlight's theme and
//    sidebar bootstrap, Astro's island loader), puts one policy in a
//    <meta http-equiv="Content-Security-Policy"> at the top of every page's <head>, and writes the
//    same policy (plus header-only directives) to dist/_headers for static hosts.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Files never precached: the MNIST data is large and fetched (then cached) only by the lab;
 * Pagefind's alternative UIs (Starlight bundles its own) and its index for undetected languages
 * are never loaded; the cell type checker (typecheck/, ≈ 1.3 MB compressed, with the TypeScript
 * compiler) is fetched only when a reader asks for a check. The rest of Pagefind (≈ 0.8 MB, 100 files at writing) is precached so that search works offline.
 */
const NOT_PRECACHED = [
  /^data\//,
  /^typecheck\//,
  /^pagefind\/pagefind-(component-ui|modular-ui|ui|highlight)\./,
  /^pagefind\/wasm\.unknown\./,
  /^pagefind\/playground\//,
  /^_headers$/,
  /^sw\.js$/,
  /^sw-manifest\.json$/,
  /\.(ttf|woff)$/,
];

function walk(dir) {
  const out = [];
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...walk(p));
    else out.push(p);
  }
  return out;
}

const INLINE_SCRIPT = /<script(?![^>]*\ssrc=)([^>]*)>([\s\S]*?)<\/script>/g;

/** sha256 CSP source of an inline script's text, exactly as the browser hashes it */
export function scriptHash(text) {
  return `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;
}

/** The policy, from the inline-script hashes found in the build. */
export function buildPolicy(hashes, { header = false } = {}) {
  const directives = [
    "default-src 'self'",
    // 'wasm-unsafe-eval': Pagefind's search runs WebAssembly. No 'unsafe-eval', no remote origins.
    `script-src 'self' 'wasm-unsafe-eval' ${[...hashes].sort().join(' ')}`.trim(),
    // KaTeX and Starlight set style attributes; Plot writes inline styles into its SVG.
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    "connect-src 'self'",
    // module workers (lab training, saturation sampler) are same-origin files; the code-cell
    // worker starts from a blob: URL inside the sandbox document, under that document's own policy
    "worker-src 'self' blob:",
    "manifest-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
  ];
  // frame-ancestors is ignored (with a console warning) in a <meta> policy: headers only
  if (header) directives.push("frame-ancestors 'none'");
  return directives.join('; ');
}

/**
 * dist/_headers (Netlify / Cloudflare Pages format). The page policy is attached to each page's
 * route, not to `/*`: hosts send every matching rule's headers and several CSP headers are all
 * enforced, so a catch-all would also bind the module workers. A worker's policy is the one sent
 * with its own script (the lab's training worker and the saturation sampler: no eval, no network
 * beyond the site). Documents with their own policy (`ownPolicies`: route → the policy in their
 * meta tag, i.e. the code-cell sandbox) get that policy as a header too, framable by the site only.
 */
export function headersFile(htmlFiles, files, pagePolicy, ownPolicies = new Map()) {
  // Framing by any other origin is refused on every path. A policy holding only frame-ancestors
  // restricts nothing else, so this catch-all does not bind the workers (X-Frame-Options for
  // older browsers). 'self', not 'none': the code-cell sandbox document is framed by the site's
  // own pages. Hosts send every matching rule's headers and the browser enforces each policy, so
  // the pages themselves, whose own rule adds frame-ancestors 'none', cannot be framed at all.
  const rules = [`/*\n  Content-Security-Policy: frame-ancestors 'self'\n  X-Frame-Options: SAMEORIGIN`];
  for (const f of htmlFiles) {
    const route = '/' + f.replace(/(^|\/)index\.html$/, '$1');
    rules.push(`${route}\n  Content-Security-Policy: ${pagePolicy}\n  X-Content-Type-Options: nosniff\n  Referrer-Policy: no-referrer`);
  }
  for (const [route, policy] of ownPolicies) {
    rules.push(`${route}\n  Content-Security-Policy: ${policy}; frame-ancestors 'self'\n  X-Content-Type-Options: nosniff\n  Referrer-Policy: no-referrer`);
  }
  for (const f of files.filter((x) => /^_astro\/(.*[.-])?worker-[\w-]+\.js$/.test(x) || x === 'typecheck/worker.js')) {
    // the lab's training worker compiles the engine's WebAssembly kernels: 'wasm-unsafe-eval' (compiling WebAssembly only; no eval)
    const wasm = /^_astro\/train\.worker-/.test(f) ? " 'wasm-unsafe-eval'" : '';
    rules.push(`/${f}\n  Content-Security-Policy: default-src 'none'; script-src 'self'${wasm}; connect-src 'self'\n  X-Content-Type-Options: nosniff`);
  }
  return rules.join('\n') + '\n';
}

/** The built service worker: the template with this build's version in place of BUILD_VERSION. */
export function serviceWorkerFor(template, buildVersion) {
  if (!/^[0-9a-f]{16}$/.test(buildVersion)) throw new Error(`service worker: bad build version ${JSON.stringify(buildVersion)}`);
  const marker = "const VERSION = 'BUILD_VERSION';";
  if (!template.includes(marker)) throw new Error('service worker: public/sw.js has no BUILD_VERSION marker to replace');
  return template.replace(marker, `const VERSION = '${buildVersion}';`);
}

export default function offlineAndCsp() {
  return {
    name: 'backprop-notebook:offline-and-csp',
    hooks: {
      'astro:build:done': ({ dir, logger }) => {
        const root = fileURLToPath(dir);
        const files = walk(root).map((p) => relative(root, p).split(sep).join('/'));
        // sandbox/: documents that carry their own, stricter policy (the code-cell sandbox, src/notebook/sandbox.ts)
        const htmlFiles = files.filter((f) => f.endsWith('.html') && !f.startsWith('sandbox/'));

        // 1. service-worker registration on the home page and on pages that already have islands
        for (const f of htmlFiles) {
          const path = join(root, f);
          let html = readFileSync(path, 'utf8');
          if ((f === 'index.html' || html.includes('<astro-island')) && !html.includes('/sw-register.js')) {
            html = html.replace('</head>', '<script src="/sw-register.js" defer></script></head>');
            writeFileSync(path, html);
          }
        }

        // 2. CSP: one policy for the whole site, from every inline script's hash
        const hashes = new Set();
        for (const f of htmlFiles) {
          const html = readFileSync(join(root, f), 'utf8');
          for (const m of html.matchAll(INLINE_SCRIPT)) {
            if (/type="application\/(ld\+)?json"/.test(m[1])) continue; // data, not script
            hashes.add(scriptHash(m[2]));
          }
        }
        const policy = buildPolicy(hashes);
        const meta = `<meta http-equiv="Content-Security-Policy" content="${policy}">`;
        for (const f of htmlFiles) {
          const path = join(root, f);
          let html = readFileSync(path, 'utf8');
          html = html.replace(/<meta http-equiv="Content-Security-Policy"[^>]*>/, '');
          // first thing in <head> after the charset, before any script or style
          html = html.replace(/<head>(\s*<meta charset="[^"]*"\s*\/?>)?/, (m) => m + meta);
          writeFileSync(path, html);
        }
        // the sandbox documents' own policies, read from their meta tags, go to _headers as they are
        const ownPolicies = new Map();
        for (const f of files.filter((x) => x.endsWith('.html') && x.startsWith('sandbox/'))) {
          const m = readFileSync(join(root, f), 'utf8').match(/<meta http-equiv="Content-Security-Policy" content="([^"]+)">/);
          if (!m) throw new Error(`${f}: a sandbox document must carry its own Content-Security-Policy meta tag`);
          ownPolicies.set('/' + f, m[1]);
        }
        writeFileSync(join(root, '_headers'), headersFile(htmlFiles, files, buildPolicy(hashes, { header: true }), ownPolicies));

        // 3. precache manifest (after the HTML edits, so the version covers them)
        const precache = files.filter((f) => !NOT_PRECACHED.some((re) => re.test(f))).sort();
        const version = createHash('sha256');
        for (const f of precache) version.update(f).update(readFileSync(join(root, f)));
        const urls = precache.map((f) => '/' + f.replace(/(^|\/)index\.html$/, '$1'));
        const buildVersion = version.digest('hex').slice(0, 16);
        writeFileSync(join(root, 'sw-manifest.json'), JSON.stringify({ version: buildVersion, urls }));
        // 4. the service worker carries the build's version in its own bytes: a new deploy is a new
        //    sw.js, which the browser installs on the next visit (public/sw.js explains the caching)
        writeFileSync(join(root, 'sw.js'), serviceWorkerFor(readFileSync(join(root, 'sw.js'), 'utf8'), buildVersion));
        logger.info(`CSP with ${hashes.size} inline-script hashes on ${htmlFiles.length} pages; ${urls.length} URLs to precache`);
      },
    },
  };
}
