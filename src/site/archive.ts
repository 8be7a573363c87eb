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
  posts.forEach((post, index) => {
    const year = DateTime.fromISO(post.post.meta.date, { zone: timezone }).year;
    const last = years[years.length - 1];
    if (last?.year === year) last.postIndices.push(index);
    else years.push({ year, postIndices: [index] });
  });
  return years;
}
