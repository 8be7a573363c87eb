/**
 * Taxonomies: tags, categories and those of the `taxonomies` setting, their terms merged across case
 * and Unicode spelling, with colliding slugs refused.
 */
import type { Diagnostic } from '../core/diagnostics.js';
import { hugoUrlize } from '../content/hugo-urlize.js';
import { slugify, termKey } from '../content/slug.js';
import type { RenderedPost, Taxonomy, Term } from '../types.js';

/** What a taxonomy is called: its singular (`tag`) and its name (`tags`, the folder of its pages). */
export interface TaxonomySpec {
  kind: string;
  name: string;
}

/** Tags and categories, then the taxonomies of the `taxonomies` setting (name → singular), in its order. */
export function taxonomySpecs(extra: Record<string, string>): TaxonomySpec[] {
  return [
    { kind: 'tag', name: 'tags' },
    { kind: 'category', name: 'categories' },
    ...Object.entries(extra).map(([name, kind]) => ({ kind, name })),
  ];
}

/** The terms `post` gives for the taxonomy called `name`. */
function termsOf(post: RenderedPost, name: string): readonly string[] {
  const { meta } = post.post;
  return name === 'tags' ? meta.tags : name === 'categories' ? meta.categories : (meta.terms?.[name] ?? []);
}

/** Builds the taxonomy `spec` (a built-in one by its singular) from `posts` (newest first). Collisions become error diagnostics. */
export function buildTaxonomy(
  spec: TaxonomySpec | 'tag' | 'category',
  posts: readonly RenderedPost[],
  style: 'inkstone' | 'hugo' = 'inkstone',
): { taxonomy: Taxonomy; diagnostics: Diagnostic[] } {
  const { kind, name } =
    spec === 'tag'
      ? { kind: 'tag', name: 'tags' }
      : spec === 'category'
        ? { kind: 'category', name: 'categories' }
        : spec;
  const byKey = new Map<string, { spellings: Map<string, number>; postIndices: number[]; firstFile: string }>();
  posts.forEach((rendered, index) => {
    const names = termsOf(rendered, name);
    const seen = new Set<string>();
    for (const raw of names) {
      const key = termKey(raw);
      if (!key || seen.has(key)) continue;
      seen.add(key);
      let entry = byKey.get(key);
      if (!entry) {
        entry = { spellings: new Map(), postIndices: [], firstFile: rendered.post.source.relPath };
        byKey.set(key, entry);
      }
      entry.spellings.set(raw.normalize('NFC'), (entry.spellings.get(raw.normalize('NFC')) ?? 0) + 1);
      entry.postIndices.push(index);
    }
  });

  const diagnostics: Diagnostic[] = [];
  const bySlug = new Map<string, Term & { firstFile: string }>();
  const terms: Term[] = [];
  for (const [key, entry] of [...byKey].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    const display = mostUsedSpelling(entry.spellings);
    // A term with no letters to slugify (an emoji) keeps its own characters as its folder name, and its
    // URL is that name percent-encoded: static servers decode the URL and find the folder.
    const slug = (style === 'hugo' ? hugoTermPath(display) : undefined) ?? (slugify(key) || folderName(key));
    const term: Term = {
      kind,
      key,
      name: display,
      slug,
      url: `/${name}/${slug.split('/').map(encodeURIComponent).join('/')}/`,
      outputPath: `${name}/${slug}/index.html`,
      postIndices: entry.postIndices,
    };
    const clash = bySlug.get(slug.toLowerCase());
    if (clash) {
      diagnostics.push({
        severity: 'error',
        code: 'taxonomy',
        message: `${name} "${clash.name}" (${clash.firstFile}) and "${display}" (${entry.firstFile}) would both be written to /${name}/${slug}/: rename one of them`,
        location: { file: entry.firstFile },
      });
      continue;
    }
    bySlug.set(slug.toLowerCase(), { ...term, firstFile: entry.firstFile });
    terms.push(term);
  }
  terms.sort((a, b) => a.name.localeCompare(b.name, 'en', { sensitivity: 'base' }) || (a.key < b.key ? -1 : 1));
  const title = name === 'tags' ? 'Tags' : name === 'categories' ? 'Categories' : capitalise(name);
  return { taxonomy: { kind, name, title, url: `/${name}/`, outputPath: `${name}/index.html`, terms }, diagnostics };
}

/** `name` with its first letter in upper case (`authors` → `Authors`). */
export function capitalise(name: string): string {
  return name.charAt(0).toUpperCase() + name.slice(1);
}

function mostUsedSpelling(spellings: Map<string, number>): string {
  let best = '';
  let bestCount = -1;
  for (const [spelling, count] of spellings) {
    if (count > bestCount || (count === bestCount && spelling < best)) {
      best = spelling;
      bestCount = count;
    }
  }
  return best;
}

/** A term's own characters as one safe folder name: no separators, control characters or leading dots. */
function folderName(key: string): string {
  return key.replace(/[/\\\u0000-\u001f\u007f?#%"<>|:*]+/g, '-').replace(/^[.\s-]+|[.\s-]+$/g, '') || 'term';
}

/**
 * The folder Hugo writes a term's page to (`C++` → `c++`, `x/y` → `x/y`); undefined when that path
 * would have an empty, `.` or `..` segment or a backslash, and inkstone's slug is used instead.
 */
function hugoTermPath(name: string): string | undefined {
  const path = hugoUrlize(name, 'path');
  return path === '' || path.includes('\\') || path.split('/').some((s) => s === '' || s === '.' || s === '..')
    ? undefined
    : path;
}
