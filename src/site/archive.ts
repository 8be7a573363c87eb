/** The archive: every post grouped by year, newest year first. */
import { DateTime } from 'luxon';
import type { RenderedPost } from '../types.js';

/** One year of the archive: indices into the site's posts, newest first. */
export interface ArchiveYear {
  year: number;
  postIndices: number[];
}

/** Groups `posts` (newest first) by their year in `timezone`. */
export function groupByYear(posts: readonly RenderedPost[], timezone: string): ArchiveYear[] {
  const years: ArchiveYear[] = [];
  const yearOf = yearIn(timezone);
  posts.forEach((post, index) => {
    const year = yearOf(post.post.meta.date);
    const last = years[years.length - 1];
    if (last?.year === year) last.postIndices.push(index);
    else years.push({ year, postIndices: [index] });
  });
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
