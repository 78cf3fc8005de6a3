// Offline support for Backprop Notebook.
//
// This file is a template: at build time src/integrations/offline-and-csp.mjs writes it to
// dist/sw.js with the VERSION marker below replaced by a hash of the whole build, so every deploy changes the
// service worker's own bytes and the browser installs the new one on the next visit (it checks
// /sw.js on each navigation; sw-register.js asks it to bypass the HTTP cache).
//
// - install: precache every page and built asset listed in /sw-manifest.json into `bpn-<version>`.
// - pages (navigations): network first; offline, the cached copy (ignoring the query string,
//   which only holds widget state).
// - "network first" asks the server every time (`cache: 'no-cache'`: a conditional request, a
//   304 when nothing changed): a host that sends `Cache-Control: max-age=600` (GitHub Pages), or
//   none at all (the browser then guesses a freshness from Last-Modified), must not make the
//   browser's HTTP cache answer with the old build after a redeploy.
// - content-hashed files (/_astro/*, Pagefind's index and fragments): cache first. Their names
//   change whenever their bytes do, so a cached copy can never be stale.
// - every other same-origin file (/sw-register.js, /pagefind/pagefind.js, /data/mnist.bin, …):
//   network first, the cached copy only when the network fails — after a redeploy the new bytes
//   are served at once. No query-string-insensitive matching for these.
// - activate: delete the caches of older builds (the digits file is carried over, not fetched again).
// Cross-origin requests are not touched (the site makes none).
const VERSION = 'BUILD_VERSION';
const PREFIX = 'bpn-';
const PRECACHE = `${PREFIX}${VERSION}`;
const RUNTIME = `${PREFIX}runtime-${VERSION}`;
/** names that carry a content hash: safe to serve from the cache without asking the network */
const HASHED = /^\/(_astro\/|pagefind\/(fragment|index|filter)\/|pagefind\/[^/]+\.pf_meta$)/;
/** files fetched with a cache-busting query (Pagefind adds ?ts=<time> to its entry file): cached under the bare path */
const CACHE_BUSTED = new Set(['/pagefind/pagefind-entry.json']);
/** runtime entries worth carrying over to a new build's cache (large, fetched only on demand) */
const CARRY_OVER = /^\/data\//;

self.addEventListener('install', (event) => {
  event.waitUntil(
    (async () => {
      const res = await fetch('/sw-manifest.json', { cache: 'no-cache' });
      const { urls } = await res.json();
      const cache = await caches.open(PRECACHE);
      // one by one: a single missing file must not stop the rest from being cached
      await Promise.all(urls.map((url) => cache.add(new Request(url, { cache: 'no-cache' })).catch(() => {})));
      await self.skipWaiting();
    })(),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    (async () => {
      const names = (await caches.keys()).filter((n) => n.startsWith(PREFIX));
      const runtime = await caches.open(RUNTIME);
      for (const name of names.filter((n) => n.startsWith(`${PREFIX}runtime-`) && n !== RUNTIME)) {
        const old = await caches.open(name);
        for (const request of await old.keys()) {
          if (CARRY_OVER.test(new URL(request.url).pathname) && !(await runtime.match(request))) {
            const response = await old.match(request);
            if (response) await runtime.put(request, response);
          }
        }
      }
      await Promise.all(names.filter((n) => n !== PRECACHE && n !== RUNTIME).map((n) => caches.delete(n)));
      await self.clients.claim();
    })(),
  );
});

async function cached(request, options) {
  return (await (await caches.open(PRECACHE)).match(request, options)) ?? (await (await caches.open(RUNTIME)).match(request, options));
}

/** Keep a copy of a good same-origin response, without holding the page up while it is written. */
function store(event, request, response) {
  if (response.ok && response.status === 200 && response.type === 'basic') {
    const copy = response.clone();
    event.waitUntil(caches.open(RUNTIME).then((cache) => cache.put(request, copy)).catch(() => {}));
  }
  return response;
}

const OFFLINE_PAGE =
  '<!doctype html><meta charset="utf-8"><title>Offline</title><p>You are offline and this page was not saved on this device yet. Pages you have opened, and every chapter once the site has been visited online, work offline.</p>';

self.addEventListener('fetch', (event) => {
  const { request } = event;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  if (request.headers.has('range')) return;

  if (request.mode === 'navigate') {
    event.respondWith(
      (async () => {
        try {
          return store(event, request, await fetch(request, { cache: 'no-cache' }));
        } catch {
          const page = (await cached(request)) ?? (await cached(request, { ignoreSearch: true }));
          return page ?? new Response(OFFLINE_PAGE, { status: 503, headers: { 'Content-Type': 'text/html; charset=utf-8' } });
        }
      })(),
    );
    return;
  }

  if (HASHED.test(url.pathname)) {
    event.respondWith(
      (async () => (await cached(request)) ?? store(event, request, await fetch(request)))(),
    );
    return;
  }

  const key = CACHE_BUSTED.has(url.pathname) ? url.pathname : request;
  event.respondWith(
    (async () => {
      try {
        return store(event, key, await fetch(request, { cache: 'no-cache' }));
      } catch (err) {
        const copy = await cached(key);
        if (copy) return copy;
        throw err;
      }
    })(),
  );
});
