/**
 * Where Hugo puts a page, so that every URL of a Hugo blog stays where it was: front matter `url`
 * exactly as written; else the section's pattern from `permalinks` (`:year`, `:month`, `:monthname`,
 * `:day`, `:weekday`, `:weekdayname`, `:yearday`, `:section`, `:sections`, `:title`, `:slug`,
 * `:filename`, `:slugorfilename`, `:contentbasename`); else the page's folders under the content
 * folder and its file name (a bundle's folder name), with `slug` in place of the name. Relative
 * `aliases` are resolved against the page's parent folder, as Hugo does.
 */
import { DateTime } from 'luxon';
import { routeFromUrlPath, type ResolvedPermalink } from '../content/permalink.js';
import type { Post } from '../types.js';
import type { HugoSite } from './config.js';
import { hugoUrlize } from '../content/hugo-urlize.js';

/** A page's place in its content folder: section, folders, name (file or bundle folder). */
export interface ContentPlace {
  /** The first folder under the content folder, lower case; '' for a page at the top. */
  section: string;
  /** The folders between the content folder and the page (the bundle's folder excluded), as written. */
  folders: string[];
  /** The file name without extension, or the bundle's folder name for `index.md`. */
  name: string;
}

/** Where `relPath` (site-relative) sits in the content folder `contentDir`. */
export function contentPlace(relPath: string, contentDir: string): ContentPlace {
  const inner = relPath.slice(contentDir.length + 1).split('/');
  const file = inner.pop()!.replace(/\.(md|markdown)$/i, '');
  const name = file === 'index' && inner.length > 0 ? inner.pop()! : file;
  return { section: (inner[0] ?? '').toLowerCase(), folders: inner, name };
}

/** The route Hugo gives `post`; a failure's `key` is the front matter key to point at. */
export function hugoRoute(post: Post, site: HugoSite): ResolvedPermalink & { key?: string } {
  const data = post.meta.data;
  const place = contentPlace(post.source.relPath, site.contentDir);
  if (typeof data['url'] === 'string' && data['url'].trim() !== '') {
    const url = data['url'].trim();
    return { ...routeFromUrlPath(url.startsWith('/') ? url : `/${url}`), key: 'url' };
  }
  const slug = typeof data['slug'] === 'string' && data['slug'].trim() !== '' ? data['slug'].trim() : undefined;
  const pattern = site.permalinks[place.section];
  if (pattern !== undefined)
    return { ...routeFromUrlPath(expandHugoPermalink(pattern, post, place, slug)), key: 'slug' };
  const folders = place.folders.map((f) => hugoUrlize(f, 'path'));
  const last = slug !== undefined ? hugoUrlize(slug, 'title') : hugoUrlize(place.name, 'path');
  return { ...routeFromUrlPath(`/${[...folders, last].join('/')}/`), key: 'slug' };
}

const TOKENS =
  /:(year|monthname|month|day|weekdayname|weekday|yearday|sections|section|title|slugorfilename|slug|filename|contentbasename)\b/g;

/** `pattern` with Hugo's placeholders filled for `post`. */
export function expandHugoPermalink(
  pattern: string,
  post: Post,
  place: ContentPlace,
  slug: string | undefined,
): string {
  const date = DateTime.fromISO(post.meta.date, { setZone: true }).setLocale('en');
  const title = hugoUrlize(post.meta.title, 'title');
  const filename = hugoUrlize(place.name, 'path');
  const expanded = pattern.replace(TOKENS, (_, token: string) => {
    switch (token) {
      case 'year':
        return date.toFormat('yyyy');
      case 'month':
        return date.toFormat('MM');
      case 'monthname':
        return date.toFormat('LLLL').toLowerCase();
      case 'day':
        return date.toFormat('dd');
      case 'weekday':
        return String(date.weekday % 7);
      case 'weekdayname':
        return date.toFormat('cccc').toLowerCase();
      case 'yearday':
        return String(date.ordinal);
      case 'section':
        return place.section;
      case 'sections':
        return place.folders.map((f) => hugoUrlize(f, 'path')).join('/');
      case 'title':
        return title;
      case 'slug':
        return slug !== undefined ? hugoUrlize(slug, 'title') : title;
      case 'slugorfilename':
        return slug !== undefined ? hugoUrlize(slug, 'title') : filename;
      default:
        return filename;
    }
  });
  return `/${expanded.replace(/\/{2,}/g, '/').replace(/^\//, '')}`;
}

/** A Hugo alias as a site path: absolute as written, relative ones against the page's parent folder. */
export function resolveAlias(alias: string, pageUrl: string): string {
  if (alias.startsWith('/')) return alias;
  const parent = pageUrl.endsWith('/') ? pageUrl.replace(/[^/]*\/$/, '') : pageUrl.replace(/[^/]*$/, '');
  return `${parent}${alias}`;
}
