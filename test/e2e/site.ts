// What the built site contains, read from the build output itself (never a hard-coded list), so
// the quality gates cover pages as they are added: routes from the sitemap, HTML files on disk.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';

export const DIST = resolve(process.env.E2E_DIST ?? 'dist');

export function distFiles(dir = DIST): string[] {
  if (!existsSync(dir)) return [];
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...distFiles(p));
    else out.push(relative(DIST, p).split(sep).join('/'));
  }
  return out;
}

/** Every route in the sitemap(s), as a path ('/chapters/01-forward-pass/'). */
export function sitemapRoutes(): string[] {
  const maps = distFiles().filter((f) => /^sitemap-\d+\.xml$/.test(f));
  const routes = new Set<string>();
  for (const m of maps) {
    for (const loc of readFileSync(join(DIST, m), 'utf8').matchAll(/<loc>([^<]+)<\/loc>/g)) routes.add(new URL(loc[1]).pathname);
  }
  return [...routes].sort();
}

/** The built HTML of a route. */
export function htmlOf(route: string): string {
  const file = route.endsWith('/') ? join(DIST, route, 'index.html') : join(DIST, route);
  return readFileSync(file, 'utf8');
}

/**
 * Routes whose built HTML contains `needle` (e.g. 'data-widget="softmax"' or '<astro-island').
 * The Source section is left out: its pages show the components' code as text.
 */
export function routesWith(needle: string | RegExp): string[] {
  return sitemapRoutes().filter((r) => {
    if (r.startsWith('/source/')) return false;
    const html = htmlOf(r);
    return typeof needle === 'string' ? html.includes(needle) : needle.test(html);
  });
}
