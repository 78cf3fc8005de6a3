// Search through Pagefind's own API, as Starlight's search box uses it.
import type { Page } from 'playwright-core';

/** The result URLs for a query, best first (at most 5). */
export async function searchUrls(page: Page, query: string): Promise<string[]> {
  // a string, not a function: vitest would rewrite a function's dynamic import() for Node
  return page.evaluate(`(async () => {
    const pf = await import(location.origin + '/pagefind/pagefind.js');
    await pf.init();
    const found = await pf.search(${JSON.stringify(query)});
    const top = await Promise.all(found.results.slice(0, 5).map((r) => r.data()));
    return top.map((d) => d.url);
  })()`) as Promise<string[]>;
}
