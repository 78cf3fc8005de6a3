// Registers the offline service worker (public/sw.js). Added by src/integrations/offline-and-csp.mjs
// to the home page and to pages that already ship islands; chapters without widgets ship no script.
if ('serviceWorker' in navigator) {
  addEventListener('load', () => {
    navigator.serviceWorker.register('/sw.js').catch(() => {
      /* no service worker (private mode, file://): the site still works online */
    });
  });
}
