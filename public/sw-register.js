// Registers the offline service worker (public/sw.js). Added by src/integrations/offline-and-csp.mjs
// to the home page and to pages that already ship islands; chapters without widgets ship no script.
if ('serviceWorker' in navigator) {
  addEventListener('load', () => {
    // updateViaCache 'none': the browser checks /sw.js itself past the HTTP cache, so a redeploy
    // (which always changes sw.js, see public/sw.js) is noticed on the next visit
    navigator.serviceWorker.register('/sw.js', { updateViaCache: 'none' }).catch(() => {
      /* no service worker (private mode, file://): the site still works online */
    });
  });
}
