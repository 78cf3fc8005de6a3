// The address of a file in public/ (e.g. the digits file), respecting the site's configured base.
// Used by the page (the MNIST lab) and by the code-cell worker, which passes its own location.

/** Site-relative address of a file in public/, made absolute against `href` (the page's location by default) when there is one. */
export function siteUrl(path: string, href: string | undefined = typeof location === 'undefined' ? undefined : location.href): string {
  const base = import.meta.env.BASE_URL ?? '/';
  const joined = `${base.endsWith('/') ? base : `${base}/`}${path.replace(/^\//, '')}`;
  return href === undefined ? joined : new URL(joined, href).href;
}
