/**
 * The repository's example blog built for a subpath (`--base-url http://127.0.0.1:PORT/sub/`) and
 * served only under `/sub/`: a crawl from `/sub/` that follows every internal `href`, `src`, stylesheet
 * and stylesheet `url()` finds every page and asset answering 200, and no URL in any page, feed or
 * the sitemap points outside `/sub/` on that host. Plain `fetch`, no browser: diagrams are rendered as
 * SVG when Chromium is installed and drawn client-side otherwise, and the crawl checks both.
 */
import { cp } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build, type BuildResult } from '../../src/build.js';
import { hasChromium } from '../helpers/browser.js';
import { serveDirectory, type StaticServer } from '../helpers/serve.js';
import { removeDir, TEST_DIR, tempDir } from '../helpers/site.js';

const REPO = path.dirname(TEST_DIR);
const PREFIX = '/sub/';

/** One fetched URL of the crawl. */
interface Visit {
  url: string;
  status: number;
  type: string;
  /** The page that linked it first (undefined for the start URLs). */
  from: string | undefined;
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", '#39': "'" };

function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (match, name: string) => {
    if (name.startsWith('#x') || name.startsWith('#X')) return String.fromCodePoint(parseInt(name.slice(2), 16));
    if (name.startsWith('#')) return String.fromCodePoint(Number(name.slice(1)));
    return ENTITIES[name] ?? match;
  });
}

/**
 * Every URL an HTML page refers to from a tag: `href`, `src`, `xlink:href`, `poster`, each candidate of
 * `srcset`, and the target of a meta refresh. Script and style bodies are left out (they hold code, not
 * tags); the page text cannot hold a tag, since `<` is escaped there.
 */
function referencesInHtml(html: string): string[] {
  const tagsOnly = html.replace(/(<(script|style)\b[^>]*>)[\s\S]*?<\/\2>/gi, '$1');
  const refs: string[] = [];
  for (const tag of tagsOnly.match(/<[a-zA-Z][^>]*>/g) ?? []) {
    for (const m of tag.matchAll(/\s(href|src|xlink:href|poster|srcset|content)\s*=\s*(?:"([^"]*)"|'([^']*)')/gi)) {
      const name = m[1]!.toLowerCase();
      const value = decodeEntities(m[2] ?? m[3] ?? '');
      if (name === 'srcset')
        refs.push(
          ...value
            .split(',')
            .map((candidate) => candidate.trim().split(/\s+/)[0]!)
            .filter(Boolean),
        );
      else if (name === 'content') {
        if (/http-equiv\s*=\s*["']refresh["']/i.test(tag)) refs.push(value.replace(/^\s*\d+\s*;\s*url\s*=\s*/i, ''));
      } else refs.push(value);
    }
  }
  return refs;
}

/** Every `url(...)` of a stylesheet. */
function referencesInCss(css: string): string[] {
  return [...css.matchAll(/url\(\s*(?:"([^"]*)"|'([^']*)'|([^)'"]*))\s*\)/g)].map((m) =>
    (m[1] ?? m[2] ?? m[3]!).trim(),
  );
}

/**
 * KaTeX's stylesheet lists each font as woff2, then woff and ttf fallbacks. Every browser that runs
 * KaTeX's CSS loads the woff2, so only those ship (see src/output/assets.ts); the fallbacks are never
 * requested and are not followed.
 */
function isUnusedFontFallback(url: URL): boolean {
  return url.pathname.startsWith(`${PREFIX}assets/katex/fonts/`) && /\.(woff|ttf)$/.test(url.pathname);
}

describe('the example blog served from a subpath', () => {
  let site: string;
  let server: StaticServer;
  let result: BuildResult;
  let origin: string;
  const visits = new Map<string, Visit>();
  const bodies = new Map<string, string>();
  /** Links to this host outside PREFIX, as "page → href". */
  const outside: string[] = [];
  /** Hosts of links that leave the site (not fetched). */
  const externalHosts = new Set<string>();

  beforeAll(async () => {
    site = await tempDir('example-blog');
    await cp(path.join(REPO, 'posts'), path.join(site, 'posts'), { recursive: true });
    await cp(path.join(REPO, 'inkstone.yml'), path.join(site, 'inkstone.yml'));
    await cp(path.join(REPO, 'static'), path.join(site, 'static'), { recursive: true });
    const out = path.join(site, '_site');
    // The server serves whatever is in `out` on each request, so it can start before the build that needs its port.
    server = await serveDirectory(out, { prefix: PREFIX });
    origin = server.url;
    result = await build({
      siteDir: site,
      outDir: out,
      baseUrl: `${origin}${PREFIX}`,
      config: hasChromium() ? {} : { diagrams: { mode: 'client' } },
    });

    const queue: Array<{ url: string; from: string | undefined }> = [
      { url: `${origin}${PREFIX}`, from: undefined },
      { url: `${origin}${PREFIX}404.html`, from: undefined },
      { url: `${origin}${PREFIX}sitemap.xml`, from: undefined },
      { url: `${origin}${PREFIX}robots.txt`, from: undefined },
    ];
    const follow = (ref: string, base: string) => {
      let target: URL;
      try {
        target = new URL(ref, base);
      } catch {
        outside.push(`${base} → ${ref} (not a URL)`);
        return;
      }
      if (target.protocol !== 'http:' && target.protocol !== 'https:') return;
      if (target.origin !== origin) {
        externalHosts.add(target.host);
        return;
      }
      if (!target.pathname.startsWith(PREFIX)) {
        outside.push(`${base} → ${ref}`);
        return;
      }
      if (isUnusedFontFallback(target)) return;
      target.hash = '';
      const url = target.href;
      if (!visits.has(url) && !queue.some((q) => q.url === url)) queue.push({ url, from: base });
    };
    while (queue.length > 0) {
      const { url, from } = queue.shift()!;
      const response = await fetch(url);
      const type = response.headers.get('content-type') ?? '';
      visits.set(url, { url, status: response.status, type, from });
      // robots.txt is served as application/octet-stream by the test server, which maps few extensions.
      if (!/^(text\/|application\/(json|xml))/.test(type) && !url.endsWith('.txt')) {
        await response.arrayBuffer();
        continue;
      }
      const body = await response.text();
      bodies.set(url, body);
      if (response.status !== 200) continue;
      if (type.startsWith('text/html')) for (const ref of referencesInHtml(body)) follow(ref, url);
      else if (type.startsWith('text/css')) for (const ref of referencesInCss(body)) follow(ref, url);
      else if (url.endsWith('sitemap.xml'))
        for (const m of body.matchAll(/<loc>([^<]*)<\/loc>/g)) follow(decodeEntities(m[1]!), url);
    }
  });
  afterAll(async () => {
    await server?.close();
    if (site) await removeDir(site);
  });

  it('builds without diagnostics', () => {
    expect(result.diagnostics).toEqual([]);
    expect(result.ok).toBe(true);
  });

  it('answers 200 for every page, asset and feed the crawl reaches', () => {
    const failed = [...visits.values()]
      .filter((v) => v.status !== 200)
      .map((v) => `${v.status} ${v.url} (linked from ${v.from ?? 'the start'})`);
    expect(failed).toEqual([]);
  });

  it('reaches every page of the site, every stylesheet and the feeds by following links from /sub/', () => {
    const reached = new Set([...visits.keys()].map((url) => new URL(url).pathname));
    const expected = result.files
      .map((f) => f.outputPath)
      .filter((p) => p.endsWith('.html') || p.endsWith('.css') || /(^|\/)(feed\.xml|rss\.xml|feed\.json)$/.test(p))
      .map((p) => PREFIX + p.replace(/(^|\/)index\.html$/, '$1'));
    expect(expected.filter((p) => !reached.has(p))).toEqual([]);
    // The site has pages of every list kind, so the crawl walked pagination, terms and the archive.
    for (const p of [
      '',
      'page/2/',
      'tags/',
      'categories/',
      'archive/',
      'assets/style.css',
      'assets/katex/katex.min.css',
      'feed.xml',
      'rss.xml',
      'feed.json',
    ]) {
      expect(reached.has(PREFIX + p)).toBe(true);
    }
    expect([...reached].some((p) => p.startsWith(`${PREFIX}assets/katex/fonts/`) && p.endsWith('.woff2'))).toBe(true);
  });

  it('links nothing on this host outside /sub/, nothing on another local port, and not the configured url', () => {
    expect(outside).toEqual([]);
    expect(
      [...externalHosts].filter((host) => /^(127\.0\.0\.1|localhost)(:|$)/.test(host) || host === 'inkstone.example'),
    ).toEqual([]);
  });

  it('names no URL of this host outside /sub/, and not the configured url, in any page, feed or sitemap', () => {
    const escapes: string[] = [];
    for (const [url, body] of bodies) {
      for (const m of body.matchAll(/https?:\/\/127\.0\.0\.1:\d+(\/[^\s"'<>)]*)?/g)) {
        if (!m[0].startsWith(`${origin}${PREFIX}`)) escapes.push(`${url}: ${m[0]}`);
      }
      if (body.includes('inkstone.example')) escapes.push(`${url}: names inkstone.example`);
    }
    expect(escapes).toEqual([]);
    expect(bodies.get(`${origin}${PREFIX}robots.txt`)).toBe(
      `User-agent: *\nAllow: /\n\nSitemap: ${origin}${PREFIX}sitemap.xml\n`,
    );
  });

  it('answers 404 outside /sub/, like a host that publishes the site in a subfolder', async () => {
    const response = await fetch(`${origin}/index.html`);
    expect(response.status).toBe(404);
    await response.arrayBuffer();
  });
});
