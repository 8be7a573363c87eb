/** Normalises a source file into a Post: front matter validated, dates, tags, slug, draft state and route. */
import path from 'node:path';
import type { SiteConfig } from '../config/schema.js';
import type { Diagnostic, DiagnosticCode } from '../core/diagnostics.js';
import { InkstoneError } from '../core/errors.js';
import { describeValue, formatPath, validateYaml, type ParsedYaml } from '../core/yaml.js';
import type { Post, PostMeta, SourceFile } from '../types.js';
import { parsePostDate, splitDatePrefix } from './dates.js';
import { DRAFTS_DIR } from './discover.js';
import { readFrontMatter } from './front-matter.js';
import { frontMatterSchema, type FrontMatter } from './meta-schema.js';
import { codePoint, removedCharacter, scanControlCharacters, stripControlsInValue } from './control-characters.js';
import { MAX_SEGMENT_BYTES, overlongSegment, windowsReservedSegment } from './path-limits.js';
import { expandPermalink, routeFromUrlPath } from './permalink.js';
import { jekyllTitleSlug, slugify } from './slug.js';
import { resolveThumbnail } from './thumbnail.js';
import { HUGO_DATE_KEYS, HUGO_LASTMOD_KEYS, hugoDateKey, MAX_TERMS_PER_POST, otherTerms, termList } from './terms.js';

/** The date of a Hugo page that gives none (shown nowhere; it keeps `date` a date, and sorts it last). */
const EPOCH = '1970-01-01';

/** A post, or the diagnostics explaining why the file is not one. */
export type PostResult = { ok: true; post: Post; warnings: Diagnostic[] } | { ok: false; diagnostics: Diagnostic[] };

/** Builds the Post of `source`. Problems are returned as error diagnostics located in the file. */
export function createPost(original: SourceFile, config: SiteConfig): PostResult {
  // Control characters and noncharacters never reach a page, a feed (nor a terminal through a
  // diagnostic); the warning says where they were.
  const characters = scanControlCharacters(original.text);
  const source = characters.control || characters.noncharacter ? { ...original, text: characters.text } : original;
  const fail = (
    message: string,
    line?: number,
    column?: number,
    code: DiagnosticCode = 'front-matter',
  ): PostResult => ({
    ok: false,
    diagnostics: [
      { severity: 'error', code, message, location: { file: source.relPath, line, column }, sourceText: source.text },
    ],
  });
  let split: ReturnType<typeof readFrontMatter>;
  try {
    split = readFrontMatter(source.text, source.relPath);
  } catch (error) {
    if (error instanceof InkstoneError)
      return fail(error.message, error.location?.line, error.location?.column, error.code);
    throw error;
  }
  const { yaml } = split;
  if (typeof yaml.value !== 'object' || yaml.value === null || Array.isArray(yaml.value)) {
    return fail(`front matter must be a map of keys to values, got ${describeValue(yaml.value)}`, 2, 1);
  }
  const controlsInValues = stripControlsInValue(yaml.value);
  const validated = validateYaml(frontMatterSchema, yaml, (p, issue) => {
    const value = p.reduce<unknown>(
      (o, k) => (o && typeof o === 'object' ? (o as Record<PropertyKey, unknown>)[k] : undefined),
      yaml.value,
    );
    return `front matter field "${formatPath(p)}": ${issue.message}, got ${describeValue(value)}`;
  });
  if (!validated.ok) {
    return {
      ok: false,
      diagnostics: validated.problems.map((problem) => ({
        severity: 'error' as const,
        code: 'front-matter',
        message: problem.message,
        location: { file: source.relPath, line: problem.position?.line, column: problem.position?.column },
        sourceText: source.text,
      })),
    };
  }
  const fm = validated.value;

  const stem = fileStem(source.relPath);
  const prefix = splitDatePrefix(stem);
  if (fm.slug !== undefined && /[/\\]|\.\./.test(fm.slug)) {
    // A slug is one segment of a URL; a path in it was quietly dropped before, now it is said.
    const where = locate(yaml, 'slug');
    return fail(
      `slug "${fm.slug}" is one segment of the URL: it may not contain "/", "\\" or ".." (use permalink for a path)`,
      where.line,
      where.column,
      'slug',
    );
  }
  const baseSlug = fm.slug !== undefined ? slugify(fm.slug) : slugify(prefix?.rest ?? stem);
  if (!baseSlug)
    return fail(`cannot derive a URL slug from "${stem}": add a "slug:" to the front matter`, 1, 1, 'slug');

  const inDrafts = source.relPath.startsWith(`${DRAFTS_DIR}/`);
  // Hugo dates a page by the first of its date keys, and builds one that gives none (with its zero date).
  const hugoDate = source.hugo && fm.date === undefined ? hugoDateKey(fm, HUGO_DATE_KEYS) : undefined;
  const undated = source.hugo === true && fm.date === undefined && hugoDate === undefined && prefix === undefined;
  const dateText =
    fm.date ?? hugoDate?.[1] ?? prefix?.date ?? (inDrafts ? source.modified : undated ? EPOCH : undefined);
  if (dateText === undefined) {
    return fail(
      'post has no date: add "date: YYYY-MM-DD" to the front matter or a YYYY-MM-DD- prefix to the file name',
      1,
      1,
      'date',
    );
  }
  const date = parsePostDate(dateText, config.timezone);
  if (!date.ok) {
    const key = fm.date !== undefined ? 'date' : hugoDate?.[0];
    if (key === undefined) return fail(`the date in the file name: ${date.reason}`, 1, 1, 'date');
    const where = locate(yaml, key);
    return fail(`front matter field "${key}": ${date.reason}`, where.line, where.column, 'date');
  }
  // Hugo's `lastmod` (or `modified`) is the page's last change, unless it is what dated the page.
  const datedBy = hugoDate?.[0].toLowerCase() ?? '';
  const hugoLastmod =
    source.hugo && fm.updated === undefined && fm.last_modified_at === undefined && !HUGO_LASTMOD_KEYS.includes(datedBy)
      ? hugoDateKey(fm, HUGO_LASTMOD_KEYS)
      : undefined;
  const updatedKey = fm.updated !== undefined ? 'updated' : hugoLastmod ? hugoLastmod[0] : 'last_modified_at';
  const updatedText = fm.updated ?? fm.last_modified_at ?? hugoLastmod?.[1];
  let updated: string | undefined;
  if (updatedText !== undefined) {
    const parsed = parsePostDate(updatedText, config.timezone);
    if (!parsed.ok) {
      const where = locate(yaml, updatedKey);
      return fail(`front matter field "${updatedKey}": ${parsed.reason}`, where.line, where.column, 'date');
    }
    updated = parsed.date.toISO() ?? undefined;
  }

  const redirectKey = fm.redirect_from !== undefined ? 'redirect_from' : 'aliases';
  const redirectFrom: string[] = [];
  for (const [i, from] of termList(fm.redirect_from ?? fm.aliases).entries()) {
    // `old.html` means `/old.html`; a URL with a scheme or a host is kept as written, and refused.
    const route = routeFromUrlPath(from.startsWith('/') || /^[a-z][a-z0-9+.-]*:/i.test(from) ? from : `/${from}`);
    if (!route.ok) {
      const where = yaml.locate([redirectKey, i]) ?? locate(yaml, redirectKey);
      return fail(
        `front matter field "${redirectKey}": ${route.reason.replace(/^permalink/, 'redirect')}`,
        where.line,
        where.column,
        'permalink',
      );
    }
    redirectFrom.push(route.url);
  }

  // Hugo keeps a string as one term (`tags: "go lang"` is the tag `go lang`); Jekyll splits it on spaces.
  const splitTerms = !source.hugo;
  const categories = termList(fm.categories ?? fm.category, splitTerms);
  const tags = termList(fm.tags, splitTerms);
  const other = otherTerms(fm, config.taxonomies, splitTerms);
  if (!other.ok) {
    const where = locate(yaml, other.key);
    return fail(
      `front matter field "${other.key}": expected a string or a list of strings, got ${describeValue(fm[other.key])}`,
      where.line,
      where.column,
    );
  }
  for (const [key, terms] of [
    ['tags', tags],
    [fm.categories !== undefined ? 'categories' : 'category', categories],
    ...Object.entries(other.terms).map(([name, list]) => [other.keys[name]!, list] as const),
  ] as const) {
    // Every term is a page and a feed: a post with thousands of them would cost gigabytes.
    if (terms.length > MAX_TERMS_PER_POST) {
      const where = locate(yaml, key);
      return fail(
        `front matter field "${key}" lists ${terms.length} terms; a post may have at most ${MAX_TERMS_PER_POST}`,
        where.line,
        where.column,
        'front-matter',
      );
    }
  }
  const redirectKey2 = fm.redirect !== undefined ? 'redirect' : 'redirect_to';
  const redirectTo = fm.redirect ?? fm.redirect_to;
  if (redirectTo !== undefined && !isRedirectTarget(redirectTo)) {
    const where = locate(yaml, redirectKey2);
    return fail(
      `front matter field "${redirectKey2}": expected an http(s) URL or a site path starting with "/", got "${redirectTo}"`,
      where.line,
      where.column,
      'permalink',
    );
  }
  const meta: PostMeta = {
    title: fm.title !== undefined ? String(fm.title) : titleFromSlug(prefix?.rest ?? stem),
    date: date.date.toISO()!,
    updated,
    description: fm.description !== undefined ? String(fm.description) : undefined,
    tags,
    categories,
    ...(Object.keys(other.terms).length > 0 ? { terms: other.terms } : {}),
    layout: fm.layout ?? (source.standalone ? 'page' : 'post'),
    ...(fm.layout !== undefined ? { layoutAt: locate(yaml, 'layout') } : {}),
    draft: inDrafts || fm.draft === true || fm.published === false,
    permalink: fm.permalink,
    redirectFrom,
    ...(redirectTo !== undefined ? { redirectTo } : {}),
    ...(fm.featured === true ? { featured: true } : {}),
    ...(source.standalone ? { standalone: true } : {}),
    ...(undated ? { undated: true } : {}),
    data: { ...(yaml.value as FrontMatter) },
  };

  const pattern = fm.permalink ?? config.permalink;
  const title = jekyllTitleSlug(fm.slug ?? prefix?.rest ?? stem);
  const route = routeFromUrlPath(expandPermalink(pattern, { date: date.date, slug: baseSlug, title, categories }));
  if (!route.ok) {
    const where = fm.permalink !== undefined ? locate(yaml, 'permalink') : { line: 1, column: 1 };
    return fail(route.reason, where.line, where.column, 'permalink');
  }
  const overlong = overlongSegment(route.outputPath);
  if (overlong) {
    const where =
      fm.slug !== undefined
        ? locate(yaml, 'slug')
        : fm.permalink !== undefined
          ? locate(yaml, 'permalink')
          : { line: 1, column: 1 };
    const shown = overlong.segment.length > 40 ? `${overlong.segment.slice(0, 40)}…` : overlong.segment;
    return fail(
      `the output name "${shown}" is ${overlong.bytes} bytes long, more than the ${MAX_SEGMENT_BYTES} a file system allows: set a shorter "slug:" in the front matter`,
      where.line,
      where.column,
      'slug',
    );
  }
  const warn = (
    message: string,
    where: { line: number; column: number },
    code: DiagnosticCode = 'front-matter',
  ): Diagnostic => ({
    severity: 'warning',
    code,
    message,
    location: { file: source.relPath, line: where.line, column: where.column },
    sourceText: source.text,
  });
  const raw = yaml.value as Record<string, unknown>;
  const warnings: Diagnostic[] = [];
  if (source.invalidUtf8Line !== undefined) {
    warnings.push(
      warn(
        'this file is not valid UTF-8: the bytes that are not were replaced by U+FFFD; save it as UTF-8',
        { line: source.invalidUtf8Line, column: 1 },
        'encoding',
      ),
    );
  }
  for (const key of ['tags', 'categories'] as const) {
    const list = raw[key];
    if (Array.isArray(list) && list.some((item) => item === null || String(item).trim() === ''))
      warnings.push(warn(`front matter field "${key}" has an empty entry, which is left out`, locate(yaml, key)));
  }
  if (typeof raw['title'] === 'number')
    warnings.push(
      warn(
        `front matter field "title" is the number ${raw['title']}: it is used as text; quote it to say so`,
        locate(yaml, 'title'),
      ),
    );
  for (const site of [characters.control, characters.noncharacter]) {
    if (!site) continue;
    const { code, count, line, column } = site;
    const { name, reason } = removedCharacter(code);
    warnings.push(
      warn(
        `${name} removed${count > 1 ? ` (and ${count - 1} more in this file)` : ''}: ${reason}`,
        { line, column },
        'characters',
      ),
    );
  }
  for (const { path: at, code } of controlsInValues.slice(0, 10)) {
    const where = yaml.locate(at) ?? { line: 1, column: 1 };
    const { name, reason } = removedCharacter(code);
    warnings.push(
      warn(`front matter field "${formatPath(at)}" holds ${name}, removed: ${reason}`, where, 'characters'),
    );
  }
  if (characters.bidi) {
    const { code, count, line, column } = characters.bidi;
    warnings.push(
      warn(
        `bidirectional control ${codePoint(code)}${count > 1 ? ` (and ${count - 1} more in this file)` : ''}: the text around it may read differently from what it is (kept, as right-to-left text needs it)`,
        { line, column },
        'characters',
      ),
    );
  }
  const reserved = windowsReservedSegment(source.relPath) ?? windowsReservedSegment(route.outputPath);
  if (reserved) {
    warnings.push(
      warn(
        `"${reserved}" is a device name on Windows: this post's ${windowsReservedSegment(source.relPath) ? 'file' : 'output'} cannot be checked out, copied or served there; rename it or set "slug:"`,
        { line: 1, column: 1 },
        'slug',
      ),
    );
  }
  // al-folio's `thumbnail`, else the `image` of jekyll-seo-tag and Hugo themes (a path, or a map with one).
  const pictureKey = raw['thumbnail'] !== undefined ? 'thumbnail' : raw['image'] !== undefined ? 'image' : undefined;
  if (pictureKey) {
    const value = raw[pictureKey];
    const path =
      value && typeof value === 'object' && !Array.isArray(value) ? (value as { path?: unknown }).path : value;
    const thumbnail = resolveThumbnail(path);
    if (thumbnail.ok) meta.thumbnail = thumbnail.src;
    else
      warnings.push(
        warn(
          `front matter field "${pictureKey}": ${thumbnail.reason}; it is ignored (no image on list pages or in link previews)`,
          locate(yaml, pictureKey),
        ),
      );
  }
  if (fm.date !== undefined && prefix && date.date.toISODate() !== prefix.date) {
    warnings.push(
      warn(
        `front matter date ${date.date.toISODate()} differs from the file name's ${prefix.date}: the front matter's is used`,
        locate(yaml, 'date'),
        'date',
      ),
    );
  }
  return {
    ok: true,
    warnings,
    post: {
      source,
      meta,
      body: split.body,
      bodyLine: split.bodyLine,
      slug: baseSlug,
      url: route.url,
      outputPath: route.outputPath,
    },
  };
}

/** A page may send readers to an http(s) URL or to a path of this site (not `//host`, not `javascript:`). */
function isRedirectTarget(target: string): boolean {
  if (/^\/(?!\/)/.test(target)) return !/[\\\s]/.test(target);
  try {
    const url = new URL(target);
    return url.protocol === 'https:' || url.protocol === 'http:';
  } catch {
    return false;
  }
}

function fileStem(relPath: string): string {
  const base = path.posix.basename(relPath, path.posix.extname(relPath));
  // A page bundle `posts/my-post/index.md` is named after its folder.
  return base === 'index' ? path.posix.basename(path.posix.dirname(relPath)) : base;
}

function titleFromSlug(stem: string): string {
  const words = stem.split(/[-_\s]+/).filter(Boolean);
  return words.map((w) => w.charAt(0).toUpperCase() + w.slice(1)).join(' ');
}

function locate(yaml: ParsedYaml, key: string): { line: number; column: number } {
  return yaml.locate([key]) ?? { line: 1, column: 1 };
}
