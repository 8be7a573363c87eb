/** Pagination of list pages: page 1 at the list's own URL, then `page/2/`, `page/3/`, ... */
import type { Pager } from '../types.js';

/** The pagers of a list of `count` items at `baseUrl` (ending in `/`), `size` per page; always at least one page. */
export function paginate(count: number, size: number, baseUrl: string): Pager[] {
  const total = Math.max(1, Math.ceil(count / size));
  const urls = Array.from({ length: total }, (_, i) => (i === 0 ? baseUrl : `${baseUrl}page/${i + 1}/`));
  return urls.map((url, i) => ({
    url,
    number: i + 1,
    total,
    start: i * size,
    end: Math.min(count, (i + 1) * size),
    previousUrl: urls[i - 1],
    nextUrl: urls[i + 1],
    urls,
  }));
}

/** `/tags/x/page/2/` → `tags/x/page/2/index.html`; a percent-encoded name is written decoded. */
export function outputPathOf(url: string): string {
  return `${decodeURIComponent(url.slice(1))}index.html`;
}
