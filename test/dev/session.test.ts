/**
 * The dev session against the build: after every kind of change, the site the session serves is byte
 * for byte the one `build()` makes from the same files, while the session renders only what the change
 * affects and reports exactly the files that changed.
 */
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build } from '../../src/build.js';
import { formatDiagnosticHeader } from '../../src/core/diagnostics.js';
import type { SiteChange } from '../../src/dev/changes.js';
import { createDevSession, type DevSession, type RebuildReport } from '../../src/dev/session.js';
import { removeDir, writeSite } from '../helpers/site.js';

const post = (title: string, date: string, tags: string[], body: string, extra = '') =>
  `---\ntitle: ${title}\ndate: ${date}\ntags: [${tags.join(', ')}]\ncategories: [notes]\n${extra}---\n\n${body}\n`;

const FILES: Record<string, string> = {
  'inkstone.yml': 'title: Dev Blog\nurl: https://dev.example/\npaginate: 2\n',
  'posts/2024-01-01-alpha.md': post(
    'Alpha',
    '2024-01-01',
    ['python'],
    'Alpha opens.\n\nAlpha goes on.',
    'series: Basics\n',
  ),
  'posts/2024-02-01-beta.md': post(
    'Beta',
    '2024-02-01',
    ['python', 'rust'],
    'Beta opens with $x^2$.',
    'series: Basics\n',
  ),
  'posts/2024-03-01-gamma.md': post('Gamma', '2024-03-01', ['rust'], 'Gamma opens.'),
  'posts/2024-04-01-delta.md': post('Delta', '2024-04-01', ['go'], 'Delta opens.'),
  'posts/2024-05-01-epsilon.md': post('Epsilon', '2024-05-01', ['python'], 'Epsilon opens.'),
  'posts/old/2023-01-01-one.md': post('Old one', '2023-01-01', ['archive'], 'Old one.'),
  'posts/old/2023-02-01-two.md': post('Old two', '2023-02-01', ['archive'], 'Old two.'),
  'static/extra.css': 'body { color: black; }\n',
};

const change = (
  relPath: string,
  event: SiteChange['event'] = 'change',
  kind: SiteChange['kind'] = 'post',
): SiteChange => ({ kind, relPath, event });

/**
 * The site `build()` makes of `site` now, as output path → contents; without the search index, which
 * the dev server makes in the background beside the session (see test/dev/search.test.ts), and
 * without social cards, which the dev server does not draw (its pages are not shared).
 */
async function builtSite(site: string, drafts: boolean): Promise<Map<string, string>> {
  const result = await build({ siteDir: site, write: false, drafts, future: drafts, config: { social_cards: false } });
  return new Map(
    result.files
      .filter((f) => !f.outputPath.startsWith('pagefind/'))
      .map((f) => [f.outputPath, Buffer.from(f.contents).toString('base64')]),
  );
}

function servedSite(session: DevSession): Map<string, string> {
  return new Map([...session.served()].map(([p, f]) => [p, Buffer.from(f.contents).toString('base64')]));
}

async function expectSameAsBuild(session: DevSession, site: string, drafts = true): Promise<void> {
  const built = await builtSite(site, drafts);
  const served = servedSite(session);
  expect([...served.keys()].sort()).toEqual([...built.keys()].sort());
  const different = [...built.keys()].filter((p) => built.get(p) !== served.get(p));
  expect(different).toEqual([]);
}

const errorHeaders = (report: RebuildReport) =>
  report.diagnostics.filter((d) => d.severity === 'error').map((d) => formatDiagnosticHeader(d));

describe('a dev session', () => {
  let site: string;
  let session: DevSession;
  let pageCount: number;
  beforeAll(async () => {
    site = await writeSite('dev-session', FILES);
    session = createDevSession({ siteDir: site });
  });
  afterAll(async () => {
    session.close();
    await removeDir(site);
  });
  const edit = async (rel: string, from: string, to: string) => {
    const file = path.join(site, rel);
    const text = await readFile(file, 'utf8');
    expect(text).toContain(from);
    await writeFile(file, text.replace(from, to));
  };

  it('builds the same site as build(), drafts and future posts included', async () => {
    const report = await session.rebuild('full');
    expect(report.ok).toBe(true);
    expect(report.scope).toBe('full');
    expect(report.postsRendered).toBe(7);
    expect(report.removed).toEqual([]);
    expect(report.generation).toBe(1);
    pageCount = [...session.served().keys()].filter((p) => p.endsWith('.html')).length;
    expect(report.pagesRendered).toBe(pageCount);
    expect(report.changed).toEqual([...session.served().keys()].sort());
    await expectSameAsBuild(session, site);
  });

  it('re-renders one post and the pages that show it when its body changes, and reports only its page and feeds as changed', async () => {
    await edit('posts/2024-03-01-gamma.md', 'Gamma opens.', 'Gamma opens.\n\nA new closing paragraph.');
    const report = await session.rebuild([change('posts/2024-03-01-gamma.md')]);
    expect(report.ok).toBe(true);
    expect(report.scope).toBe('posts');
    expect(report.postsRendered).toBe(1);
    // Gamma's page, and the lists that show its excerpt: home page 2, /tags/rust/, /categories/notes/
    // page 2. Its neighbours Delta and Beta, its related post Beta, the archive and the 404 page show
    // only its title, date and link, which did not change: they are kept.
    expect(report.pagesRendered).toBe(4);
    expect(report.pagesRendered).toBeLessThan(pageCount);
    // The excerpt (first paragraph) is unchanged, so the lists are too; feeds carry the whole post.
    expect(report.changed).toEqual([
      '2024/03/gamma/index.html',
      'categories/notes/feed.xml',
      'feed.json',
      'feed.xml',
      'rss.xml',
      'tags/rust/feed.xml',
    ]);
    // The site's three feeds (Atom, RSS, JSON) and the Atom feeds of the post's two terms.
    expect(report.feedsRendered).toBe(5);
    expect(report.removed).toEqual([]);
    expect(report.generation).toBe(2);
    await expectSameAsBuild(session, site);
  });

  it('re-renders the lists that show a post when its excerpt changes, with what the new excerpt needs', async () => {
    const katex = '/assets/katex/katex.min.css';
    const served = (p: string) => new TextDecoder().decode(Buffer.from(session.served().get(p)!.contents));
    expect(served('index.html')).not.toContain(katex);
    await edit('posts/2024-04-01-delta.md', 'Delta opens.\n', 'Delta opens with $y^2$.\n');
    const report = await session.rebuild([change('posts/2024-04-01-delta.md')]);
    expect(report.ok).toBe(true);
    expect(report.pagesRendered).toBe(4);
    expect(report.changed.filter((p) => p.endsWith('.html'))).toEqual([
      '2024/04/delta/index.html',
      'categories/notes/index.html',
      'index.html',
      'tags/go/index.html',
    ]);
    // The excerpt's formula needs KaTeX's stylesheet on the list pages that show it.
    expect(served('index.html')).toContain(katex);
    expect(served('tags/go/index.html')).toContain(katex);
    await expectSameAsBuild(session, site);
    await edit('posts/2024-04-01-delta.md', 'Delta opens with $y^2$.\n', 'Delta opens.\n');
    expect((await session.rebuild([change('posts/2024-04-01-delta.md')])).ok).toBe(true);
    expect(served('index.html')).not.toContain(katex);
    await expectSameAsBuild(session, site);
  });

  it('changes nothing when a file is saved unchanged', async () => {
    const generation = session.generation();
    const report = await session.rebuild([change('posts/2024-03-01-gamma.md')]);
    expect(report).toMatchObject({
      ok: true,
      scope: 'none',
      postsRendered: 0,
      pagesRendered: 0,
      feedsRendered: 0,
      changed: [],
      removed: [],
      generation,
    });
  });

  it('puts a post on the page of a tag it joins, and takes it off the page of a tag it leaves', async () => {
    await edit('posts/2024-04-01-delta.md', 'tags: [go]', 'tags: [go, python]');
    const joined = await session.rebuild([change('posts/2024-04-01-delta.md')]);
    expect(joined.ok).toBe(true);
    expect(joined.changed).toContain('tags/python/index.html');
    expect(joined.changed).toContain('tags/python/feed.xml');
    expect(new TextDecoder().decode(Buffer.from(session.served().get('tags/python/index.html')!.contents))).toContain(
      'Delta',
    );
    await expectSameAsBuild(session, site);

    await edit('posts/2024-04-01-delta.md', 'tags: [go, python]', 'tags: [python]');
    const left = await session.rebuild([change('posts/2024-04-01-delta.md')]);
    expect(left.ok).toBe(true);
    expect(left.removed).toEqual(['tags/go/feed.xml', 'tags/go/index.html']);
    await expectSameAsBuild(session, site);
  });

  it('moves a post through the lists when its date changes', async () => {
    await edit('posts/2024-01-01-alpha.md', 'date: 2024-01-01', 'date: 2024-06-01');
    const report = await session.rebuild([change('posts/2024-01-01-alpha.md')]);
    expect(report.ok).toBe(true);
    expect(report.changed).toContain('index.html');
    expect(report.changed).toContain('feed.xml');
    await expectSameAsBuild(session, site);
  });

  it('removes the old page of a renamed post and adds the new one, in one rebuild', async () => {
    await rename(path.join(site, 'posts/2024-05-01-epsilon.md'), path.join(site, 'posts/2024-05-01-eps.md'));
    const report = await session.rebuild([
      change('posts/2024-05-01-epsilon.md', 'unlink'),
      change('posts/2024-05-01-eps.md', 'add'),
    ]);
    expect(report.ok).toBe(true);
    expect(report.removed).toEqual(['2024/05/epsilon/index.html']);
    expect(report.changed).toContain('2024/05/eps/index.html');
    await expectSameAsBuild(session, site);
  });

  it('drops every post of a deleted folder', async () => {
    await rm(path.join(site, 'posts/old'), { recursive: true });
    const report = await session.rebuild([
      change('posts/old', 'unlinkDir'),
      change('posts/old/2023-01-01-one.md', 'unlink'),
    ]);
    expect(report.ok).toBe(true);
    // Seven posts became five: at two a page, the home page and /categories/notes/ lose their page 4.
    expect(report.removed).toEqual([
      '2023/01/one/index.html',
      '2023/02/two/index.html',
      'categories/notes/page/4/index.html',
      'page/4/index.html',
      'tags/archive/feed.xml',
      'tags/archive/index.html',
    ]);
    await expectSameAsBuild(session, site);
  });

  it('re-renders every page from the kept posts when a layout changes, rendering no post', async () => {
    await mkdir(path.join(site, 'layouts'), { recursive: true });
    await writeFile(
      path.join(site, 'layouts/post.njk'),
      '{% extends "base.njk" %}{% block content %}<article class="custom">{{ post.content }}</article>{% endblock %}',
    );
    const report = await session.rebuild([
      change('layouts', 'addDir', 'layout'),
      change('layouts/post.njk', 'add', 'layout'),
    ]);
    expect(report.ok).toBe(true);
    expect(report.scope).toBe('layouts');
    expect(report.postsRendered).toBe(0);
    expect(report.pagesRendered).toBe([...session.served().keys()].filter((p) => p.endsWith('.html')).length);
    expect(report.changed).toEqual([
      '2024/02/beta/index.html',
      '2024/03/gamma/index.html',
      '2024/04/delta/index.html',
      '2024/05/eps/index.html',
      '2024/06/alpha/index.html',
    ]);
    await expectSameAsBuild(session, site);
  });

  it('collects a changed stylesheet alone', async () => {
    await writeFile(path.join(site, 'static/extra.css'), 'body { color: navy; }\n');
    const report = await session.rebuild([change('static/extra.css', 'change', 'asset')]);
    expect(report).toMatchObject({
      ok: true,
      scope: 'assets',
      postsRendered: 0,
      pagesRendered: 0,
      changed: ['extra.css'],
      removed: [],
    });
    await expectSameAsBuild(session, site);
  });

  it('keeps the last good site while a post is broken, goes on with other changes, and catches up when it is fixed', async () => {
    const before = session.served();
    const generation = session.generation();
    await edit('posts/2024-03-01-gamma.md', 'title: Gamma', 'title: [Gamma');
    const broken = await session.rebuild([change('posts/2024-03-01-gamma.md')]);
    expect(broken.ok).toBe(false);
    expect(errorHeaders(broken)).toEqual([
      'posts/2024-03-01-gamma.md:3:1 error[front-matter] invalid YAML: Flow sequence in block collection must be sufficiently indented and end with a ]',
    ]);
    expect(broken.changed).toEqual([]);
    expect(session.served()).toBe(before);
    expect(session.generation()).toBe(generation);
    expect(session.errors().length).toBe(1);

    await edit('posts/2024-02-01-beta.md', 'Beta opens', 'Beta now opens');
    const meanwhile = await session.rebuild([change('posts/2024-02-01-beta.md')]);
    expect(meanwhile.ok).toBe(false);
    expect(session.served()).toBe(before);

    await edit('posts/2024-03-01-gamma.md', 'title: [Gamma', 'title: Gamma again');
    const fixed = await session.rebuild([change('posts/2024-03-01-gamma.md')]);
    expect(fixed.ok).toBe(true);
    expect(session.errors()).toEqual([]);
    expect(fixed.changed).toContain('2024/03/gamma/index.html');
    expect(fixed.changed).toContain('2024/02/beta/index.html');
    expect(fixed.generation).toBe(generation + 1);
    await expectSameAsBuild(session, site);
  });

  it('keeps the last good site while a layout is broken', async () => {
    const before = session.served();
    await writeFile(
      path.join(site, 'layouts/post.njk'),
      '{% extends "base.njk" %}{% block content %}{{ post.content }{% endblock %}',
    );
    const broken = await session.rebuild([change('layouts/post.njk', 'change', 'layout')]);
    expect(broken.ok).toBe(false);
    expect(errorHeaders(broken)[0]).toMatch(/^layouts\/post\.njk:1:\d+ error\[template\] /);
    expect(session.served()).toBe(before);
    await writeFile(
      path.join(site, 'layouts/post.njk'),
      '{% extends "base.njk" %}{% block content %}<article class="fixed">{{ post.content }}</article>{% endblock %}',
    );
    const fixed = await session.rebuild([change('layouts/post.njk', 'change', 'layout')]);
    expect(fixed.ok).toBe(true);
    expect(fixed.changed.filter((p) => p.endsWith('.html')).length).toBe(5);
    await expectSameAsBuild(session, site);
  });

  it('rebuilds everything when the configuration changes, and survives a broken one', async () => {
    const before = session.served();
    await writeFile(path.join(site, 'inkstone.yml'), 'title: Dev Blog\nurl: https://dev.example/\npaginate: two\n');
    const broken = await session.rebuild([change('inkstone.yml', 'change', 'config')]);
    expect(broken.ok).toBe(false);
    expect(errorHeaders(broken)).toEqual([
      'inkstone.yml:3:11 error[config] setting "paginate": expected number, got the string "two"',
    ]);
    expect(session.served()).toBe(before);

    await writeFile(path.join(site, 'inkstone.yml'), 'title: Renamed Blog\nurl: https://dev.example/\npaginate: 2\n');
    const fixed = await session.rebuild([change('inkstone.yml', 'change', 'config')]);
    expect(fixed.ok).toBe(true);
    expect(fixed.scope).toBe('full');
    expect(fixed.changed).toContain('index.html');
    expect(fixed.changed).toContain('2024/03/gamma/index.html');
    await expectSameAsBuild(session, site);
  });
});

describe('a dev session without drafts', () => {
  it('drops a post whose draft flag is set, and brings it back when it is cleared', async () => {
    const site = await writeSite('dev-drafts', {
      'posts/2024-01-01-kept.md': post('Kept', '2024-01-01', ['a'], 'Kept.'),
      'posts/2024-02-01-draft.md': post('Soon', '2024-02-01', ['b'], 'Soon.'),
      'posts/2099-01-01-future.md': post('Future', '2099-01-01', ['a'], 'Later.'),
    });
    const session = createDevSession({ siteDir: site, drafts: false });
    try {
      expect((await session.rebuild('full')).ok).toBe(true);
      expect(session.served().has('2099/01/future/index.html')).toBe(false);
      await expectSameAsBuild(session, site, false);
      const file = path.join(site, 'posts/2024-02-01-draft.md');
      await writeFile(file, (await readFile(file, 'utf8')).replace('categories', 'draft: true\ncategories'));
      const hidden = await session.rebuild([change('posts/2024-02-01-draft.md')]);
      expect(hidden.removed).toEqual(['2024/02/draft/index.html', 'tags/b/index.html']);
      await expectSameAsBuild(session, site, false);
      await writeFile(file, (await readFile(file, 'utf8')).replace('draft: true\n', ''));
      const shown = await session.rebuild([change('posts/2024-02-01-draft.md')]);
      expect(shown.changed).toContain('2024/02/draft/index.html');
      await expectSameAsBuild(session, site, false);
    } finally {
      session.close();
      await removeDir(site);
    }
  });
});

describe('a dev session of a Jekyll site', () => {
  it('renders again a post whose {% post_url %} points at a post that moved', async () => {
    const site = await writeSite('dev-jekyll', {
      '_config.yml': 'title: Jekyll\nurl: https://j.example\n',
      '_posts/2024-01-01-target.md': '---\ntitle: Target\n---\n\nThe target.\n',
      '_posts/2024-02-01-linker.md': '---\ntitle: Linker\n---\n\nSee [the target]({% post_url 2024-01-01-target %}).\n',
    });
    const session = createDevSession({ siteDir: site });
    try {
      const first = await session.rebuild('full');
      expect(first.ok, errorHeaders(first).join('\n')).toBe(true);
      expect(Buffer.from(session.served().get('2024/02/01/linker.html')!.contents).toString()).toContain(
        'href="/2024/01/01/target.html"',
      );
      const file = path.join(site, '_posts/2024-01-01-target.md');
      await writeFile(file, '---\ntitle: Target\npermalink: /moved/\n---\n\nThe target.\n');
      const report = await session.rebuild([change('_posts/2024-01-01-target.md')]);
      expect(report.ok).toBe(true);
      expect(report.postsRendered).toBe(2);
      expect(report.removed).toContain('2024/01/01/target.html');
      expect(Buffer.from(session.served().get('2024/02/01/linker.html')!.contents).toString()).toContain(
        'href="/moved/"',
      );
      await expectSameAsBuild(session, site, false);
    } finally {
      session.close();
      await removeDir(site);
    }
  });
});

describe('a dev session of a site whose layouts show other posts’ content', () => {
  it('renders again the archive and the neighbour that show a changed post’s word count and excerpt, and only them', async () => {
    const site = await writeSite('dev-reads', {
      'inkstone.yml': 'title: Reads\nurl: https://reads.example/\n',
      'layouts/archive.njk':
        '<ul>{% for year in archive %}{% for p in year.posts %}<li>{{ p.title }}: {{ p.wordCount }} words</li>{% endfor %}{% endfor %}</ul>\n',
      'layouts/post.njk':
        '<h1>{{ post.title }}</h1>{{ post.content }}{% if older %}<aside>Older: {{ older.excerpt }}</aside>{% endif %}{% if newer %}<a href="{{ newer.url }}">{{ newer.title }}</a>{% endif %}\n',
      'posts/2024-01-01-alpha.md': post('Alpha', '2024-01-01', ['a'], 'Alpha opens.'),
      'posts/2024-02-01-beta.md': post('Beta', '2024-02-01', ['b'], 'Beta opens.'),
      'posts/2024-03-01-gamma.md': post('Gamma', '2024-03-01', ['c'], 'Gamma opens.'),
    });
    const session = createDevSession({ siteDir: site });
    const served = (p: string) => new TextDecoder().decode(Buffer.from(session.served().get(p)!.contents));
    try {
      const first = await session.rebuild('full');
      expect(first.ok, errorHeaders(first).join('\n')).toBe(true);
      expect(served('archive/index.html')).toContain('<li>Beta: 2 words</li>');
      const file = path.join(site, 'posts/2024-02-01-beta.md');
      await writeFile(file, post('Beta', '2024-02-01', ['b'], 'Beta opens and says more.'));
      const report = await session.rebuild([change('posts/2024-02-01-beta.md')]);
      expect(report.ok).toBe(true);
      // Gamma's page shows Beta's excerpt (Beta is older); Alpha's shows only Beta's title and link.
      expect(report.changed.filter((p) => p.endsWith('.html'))).toEqual([
        '2024/02/beta/index.html',
        '2024/03/gamma/index.html',
        'archive/index.html',
        'categories/notes/index.html',
        'index.html',
        'tags/b/index.html',
      ]);
      expect(report.pagesRendered).toBe(6);
      expect(served('archive/index.html')).toContain('<li>Beta: 5 words</li>');
      expect(served('2024/03/gamma/index.html')).toContain('<aside>Older: <p>Beta opens and says more.</p>');
      await expectSameAsBuild(session, site);
    } finally {
      session.close();
      await removeDir(site);
    }
  });
});
