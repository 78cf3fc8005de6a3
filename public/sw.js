// Offline support for Backprop Notebook.
// - install: precache every page and built asset listed in /sw-manifest.json (written at build
//   time by src/integrations/offline-and-csp.mjs), in a cache named after the build's version.
// - pages (navigations): network first, the cached copy when offline, so a new build is seen at once.
// - everything else same-origin (hashed /_astro/ assets, Pagefind, /data/mnist.bin once the lab
//   has loaded it): cache first, stored on first use.
// Cross-origin requests are not touched (the site makes none).
const PREFIX = 'bpn-';
const RUNTIME = `${PREFIX}runtime`;

self.addEventListener('install', (event) => {
  event.waitUntil(
    (async () => {
      const res = await fetch('/sw-manifest.json', { cache: 'no-cache' });
      const { version, urls } = await res.json();
      const cache = await caches.open(`${PREFIX}${version}`);
      // one by one: a single missing file must not stop the rest from being cached
      await Promise.all(urls.map((url) => cache.add(new Request(url, { cache: 'no-cache' })).catch(() => {})));
      await self.skipWaiting();
    })(),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    (async () => {
      const keep = new Set([RUNTIME]);
      const names = await caches.keys();
      // keep the newest precache (caches.keys() lists in creation order) and the runtime cache
      const precaches = names.filter((n) => n.startsWith(PREFIX) && n !== RUNTIME);
      if (precaches.length) keep.add(precaches[precaches.length - 1]);
      await Promise.all(names.filter((n) => n.startsWith(PREFIX) && !keep.has(n)).map((n) => caches.delete(n)));
      await self.clients.claim();
    })(),
  );
});

async function fromCache(request) {
  return (await caches.match(request)) ?? (await caches.match(request, { ignoreSearch: true }));
}

/** Keep a copy of a good same-origin response, without holding the page up while it is written. */
function store(event, request, response) {
  if (response.ok && response.status === 200 && response.type === 'basic') {
    const copy = response.clone();
    event.waitUntil(caches.open(RUNTIME).then((cache) => cache.put(request, copy)).catch(() => {}));
  }
  return response;
}

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
          return store(event, request, await fetch(request));
        } catch {
          const cached = await fromCache(request);
          if (cached) return cached;
          return new Response(
            '<!doctype html><meta charset="utf-8"><title>Offline</title><p>You are offline and this page was not saved on this device yet. Pages you have opened, and every chapter once the site has been visited online, work offline.</p>',
            { status: 503, headers: { 'Content-Type': 'text/html; charset=utf-8' } },
          );
        }
      })(),
    );
    return;
  }

  event.respondWith(
    (async () => {
      const cached = await fromCache(request);
      if (cached) return cached;
      return store(event, request, await fetch(request));
    })(),
  );
});
