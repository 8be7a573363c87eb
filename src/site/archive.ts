/** The archive: every post grouped by year, newest year first. */
import { DateTime } from 'luxon';
import type { RenderedPost } from '../types.js';

/** One year of the archive: indices into the site's posts, newest first. */
export interface ArchiveYear {
  year: number;
  postIndices: number[];
}

/**
 * Groups `posts` by their year in `timezone`, newest first. `posts` is in the site's order: newest
 * first, but for a Hugo site's weighted pages, which lead the lists and take their date's place here.
 */
export function groupByYear(posts: readonly RenderedPost[], timezone: string): ArchiveYear[] {
  const years: ArchiveYear[] = [];
  const yearOf = yearIn(timezone);
  const order = posts.map((_, index) => index);
  if (posts.some((p) => p.post.meta.weight !== undefined)) {
    const times = posts.map((p) => Date.parse(p.post.meta.date));
    order.sort((a, b) => times[b]! - times[a]! || a - b);
  }
  for (const index of order) {
    const year = yearOf(posts[index]!.post.meta.date);
    const last = years[years.length - 1];
    if (last?.year === year) last.postIndices.push(index);
    else years.push({ year, postIndices: [index] });
  }
  return years;
}

/**
 * The year of an ISO date with an offset (as posts' dates are) in `zone`: through Intl, several times
 * cheaper than a Luxon DateTime per post; Luxon for the zone names only it knows (`local`, `UTC+2`).
 */
function yearIn(zone: string): (iso: string) => number {
  let format: Intl.DateTimeFormat;
  try {
    format = new Intl.DateTimeFormat('en-US', { timeZone: zone, year: 'numeric', era: 'short' });
  } catch {
    return (iso) => DateTime.fromISO(iso, { zone }).year;
  }
  return (iso) => {
    const parts = format.formatToParts(new Date(iso));
    const year = Number(parts.find((p) => p.type === 'year')!.value);
    // Before the common era, as Luxon counts (1 BC is year 0).
    return parts.find((p) => p.type === 'era')?.value === 'BC' ? 1 - year : year;
  };
}
