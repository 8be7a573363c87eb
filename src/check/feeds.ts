// biome-ignore-all lint/suspicious/noExplicitAny: parsed XML and JSON have no type until these checks have looked at them
/** Checks that the feeds and the sitemap are well-formed and carry the elements their specifications require. */
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { SaxesParser } from 'saxes';
import type { Diagnostic } from '../core/diagnostics.js';
import { contentsText } from '../output/contents.js';
import type { OutputFile, Page } from '../types.js';

const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;
const RFC822 =
  /^(Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d{2} (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{4} \d{2}:\d{2}:\d{2} ([+-]\d{4}|GMT|UT|Z)$/;

/** Problems in the site's feeds and sitemap (known by their routes in the site graph), one diagnostic each. */
export function checkFeeds(files: readonly OutputFile[], routes: readonly Page[]): Diagnostic[] {
  const routeOf = new Map(routes.map((route) => [route.outputPath, route]));
  const problems: Diagnostic[] = [];
  const report = (file: string, message: string) =>
    problems.push({ severity: 'error', code: 'feed', message, location: { file } });
  const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@' });
  for (const file of files) {
    const route = routeOf.get(file.outputPath);
    const kind = route?.kind === 'feed' ? route.format : route?.kind === 'sitemap' ? 'sitemap' : undefined;
    if (kind === undefined) continue;
    const text = contentsText(file.contents);
    if (kind !== 'json') {
      const strict = xmlError(text);
      const valid = strict === undefined ? XMLValidator.validate(text) : { err: strict };
      if (valid !== true) {
        report(file.outputPath, `not well-formed XML: ${valid.err.msg} (line ${valid.err.line})`);
        continue;
      }
      const doc = parser.parse(text) as Record<string, any>;
      const check = kind === 'sitemap' ? checkSitemap : kind === 'rss' ? checkRss : checkAtom;
      for (const m of check(doc)) report(file.outputPath, m);
    } else {
      try {
        for (const m of checkJsonFeed(JSON.parse(text))) report(file.outputPath, m);
      } catch (error) {
        report(file.outputPath, `not valid JSON: ${(error as Error).message}`);
      }
    }
  }
  return problems;
}

/**
 * The first well-formedness error a strict XML parser (saxes, jsdom's) finds, as feed readers would:
 * fast-xml-parser's validator lets some through (a raw `<` in an attribute value).
 */
function xmlError(text: string): { msg: string; line: number } | undefined {
  const parser = new SaxesParser({ xmlns: false });
  let found: { msg: string; line: number } | undefined;
  parser.on('error', (error) => {
    found ??= { msg: error.message.replace(/^\d+:\d+: /, ''), line: parser.line };
  });
  try {
    parser.write(text).close();
  } catch {
    // saxes throws after the error handler when it cannot go on.
  }
  return found;
}

const list = <T>(value: T | T[] | undefined): T[] =>
  value === undefined ? [] : Array.isArray(value) ? value : [value];

function checkAtom(doc: Record<string, any>): string[] {
  const feed = doc.feed;
  if (!feed) return ['an Atom feed needs a <feed> root element'];
  const problems: string[] = [];
  for (const key of ['id', 'title', 'updated'])
    if (feed[key] === undefined) problems.push(`the Atom feed has no <${key}>`);
  if (feed.updated !== undefined && !RFC3339.test(String(feed.updated)))
    problems.push(`<updated> "${feed.updated}" is not an RFC 3339 date`);
  if (!list(feed.link).some((l: any) => l['@rel'] === 'self')) problems.push('the Atom feed has no <link rel="self">');
  list(feed.entry).forEach((entry: any, i: number) => {
    for (const key of ['id', 'title', 'updated'])
      if (entry[key] === undefined) problems.push(`entry ${i + 1} has no <${key}>`);
    if (entry.updated !== undefined && !RFC3339.test(String(entry.updated)))
      problems.push(`entry ${i + 1}: <updated> "${entry.updated}" is not an RFC 3339 date`);
    if (feed.author === undefined && entry.author === undefined)
      problems.push(`entry ${i + 1} has no <author> and neither has the feed`);
  });
  return problems;
}

function checkRss(doc: Record<string, any>): string[] {
  const channel = doc.rss?.channel;
  if (!channel) return ['an RSS feed needs <rss><channel>'];
  const problems: string[] = [];
  for (const key of ['title', 'link', 'description'])
    if (channel[key] === undefined) problems.push(`the RSS channel has no <${key}>`);
  list(channel.item).forEach((item: any, i: number) => {
    if (item.title === undefined && item.description === undefined)
      problems.push(`item ${i + 1} has neither <title> nor <description>`);
    if (item.pubDate !== undefined && !RFC822.test(String(item.pubDate)))
      problems.push(`item ${i + 1}: <pubDate> "${item.pubDate}" is not an RFC 822 date`);
  });
  return problems;
}

function checkJsonFeed(feed: Record<string, any>): string[] {
  const problems: string[] = [];
  if (feed.version !== 'https://jsonfeed.org/version/1.1')
    problems.push(`version is ${JSON.stringify(feed.version)}, not https://jsonfeed.org/version/1.1`);
  if (typeof feed.title !== 'string') problems.push('the JSON Feed has no title');
  if (!Array.isArray(feed.items)) return [...problems, 'the JSON Feed has no items array'];
  feed.items.forEach((item: any, i: number) => {
    if (typeof item.id !== 'string') problems.push(`item ${i + 1} has no string id`);
    if (item.content_html === undefined && item.content_text === undefined)
      problems.push(`item ${i + 1} has no content_html or content_text`);
    if (item.date_published !== undefined && !RFC3339.test(item.date_published))
      problems.push(`item ${i + 1}: date_published is not an RFC 3339 date`);
  });
  return problems;
}

function checkSitemap(doc: Record<string, any>): string[] {
  const urls = list(doc.urlset?.url);
  if (!doc.urlset) return ['a sitemap needs a <urlset> root element'];
  const problems: string[] = [];
  urls.forEach((url: any, i: number) => {
    if (typeof url.loc !== 'string' || !/^https?:\/\//.test(url.loc))
      problems.push(`<url> ${i + 1} has no absolute <loc>`);
  });
  return problems;
}
