/**
 * Builds that start from the last build's state (the cache pack: posts, rendered posts, each route's
 * fingerprint) write exactly the files a cold build of the same input writes, byte for byte: with
 * nothing changed, with one post changed, and after a layout, the configuration or a static file
 * changed in between (which must render again what they reach).
 */
import { cp, readdir, readFile, rm, stat, unlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BuildResult, build } from '../../src/build.js';
import { removeDir, TEST_DIR, tempDir, writeSite } from '../helpers/site.js';

const NOW = new Date('2025-06-01T00:00:00Z');

const post = (title: string, date: string, tags: string[], body: string, extra = '') =>
  `---\ntitle: ${title}\ndate: ${date}\ntags: [${tags.join(', ')}]\n${extra}---\n\n${body}\n`;

const SITE: Record<string, string> = {
  'inkstone.yml': 'title: Incremental\nurl: https://example.org/blog/\npaginate: 2\n',
  'posts/2024-01-01-one.md': post(
    'One',
    '2024-01-01',
    ['alpha', 'beta'],
    'First post, with $x^2$ math.',
    'series: Trio\n',
  ),
  'posts/2024-02-01-two.md': post(
    'Two',
    '2024-02-01',
    ['beta'],
    'Second post.\n\n<!--more-->\n\nMore text.',
    'series: Trio\n',
  ),
  'posts/2024-03-01-three.md': post('Three', '2024-03-01', ['alpha'], '## A heading\n\nThird post.', 'series: Trio\n'),
  'posts/2024-04-01-four.md': post('Four', '2024-04-01', ['gamma'], 'Fourth post with `code`.'),
  'posts/2024-05-01-five.md': post('Five', '2024-05-01', ['alpha', 'gamma'], 'Fifth post.\n\n```python\nprint(5)\n```'),
  'posts/2024-06-01-six.md': post('Six', '2024-06-01', ['beta'], 'Sixth post.'),
  'posts/2026-01-01-future.md': post('Future', '2026-01-01', ['alpha'], 'Not yet.'),
  'static/notes.txt': 'static file\n',
};

/** Every file below `dir`: relative path → bytes. */
async function filesOf(dir: string): Promise<Record<string, Buffer>> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  const files = entries.filter((e) => e.isFile()).map((e) => path.join(e.parentPath, e.name));
  const out: Record<string, Buffer> = {};
  for (const file of files.sort()) out[path.relative(dir, file).split(path.sep).join('/')] = await readFile(file);
  return out;
}

describe('a build that starts from the last one', () => {
  let site: string;
  let cold: string;
  const out = () => path.join(site, '_site');
  const warm = () => build({ siteDir: site, now: NOW });

  /** Builds `site` from scratch elsewhere and expects the incremental output to be the same, file for file. */
  async function expectSameAsCold(result: BuildResult): Promise<void> {
    expect(result.ok).toBe(true);
    await rm(cold, { recursive: true, force: true });
    const reference = await build({ siteDir: site, outDir: cold, now: NOW, cache: false });
    expect(reference.ok).toBe(true);
    expect(result.diagnostics).toEqual(reference.diagnostics);
    expect(result.stats).toEqual(reference.stats);
    const [got, want] = await Promise.all([filesOf(out()), filesOf(cold)]);
    expect(Object.keys(got)).toEqual(Object.keys(want));
    for (const rel of Object.keys(want))
      expect({ rel, bytes: got[rel]!.equals(want[rel]!) }).toEqual({ rel, bytes: true });
    // And what the build returns is what it wrote.
    for (const file of result.files) {
      const bytes = Buffer.from(file.contents);
      expect({ rel: file.outputPath, same: bytes.equals(want[file.outputPath]!) }).toEqual({
        rel: file.outputPath,
        same: true,
      });
    }
  }

  /** The files the build kept from the last one (read from the output only when asked for). */
  const kept = (result: BuildResult) =>
    result.files.filter((f) => Object.getOwnPropertyDescriptor(f, 'contents')?.get).map((f) => f.outputPath);

  const edit = async (rel: string, change: (text: string) => string) =>
    writeFile(path.join(site, rel), change(await readFile(path.join(site, rel), 'utf8')));

  beforeAll(async () => {
    site = await writeSite('incremental', SITE);
    cold = path.join(await tempDir('incremental-cold'), 'out');
    expect((await warm()).ok).toBe(true);
  });
  afterAll(async () => {
    await removeDir(site);
    await removeDir(path.dirname(cold));
  });

  it('with nothing changed: renders nothing, writes nothing, and the output is a cold build', async () => {
    const before = await stat(path.join(out(), 'index.html'));
    const result = await warm();
    expect(result.markdown).toEqual({ cached: 6, rendered: 0 });
    // Every route kept its file (assets are read again), and the site in place is already this one: not even swapped.
    expect(kept(result)).toEqual(result.routes.map((r) => r.outputPath));
    expect((await stat(path.join(out(), 'index.html'))).ino).toBe(before.ino);
    await expectSameAsCold(result);
  });

  it("with one post's body changed", async () => {
    await edit('posts/2024-04-01-four.md', (t) => t.replace('Fourth post', 'Fourth post, edited'));
    const result = await warm();
    expect(result.markdown).toEqual({ cached: 5, rendered: 1 });
    // Its page, and those that show its excerpt, are rendered again; a post that does not show it keeps
    // its page, and so do those that show only its title, date and link: its neighbours (Five shares a
    // tag with it, so is related too), the archive, the 404 page and the sitemap (the last build's reads).
    expect(kept(result)).toContain('2024/01/one/index.html');
    expect(kept(result)).not.toContain('2024/04/four/index.html');
    expect(kept(result)).not.toContain('tags/gamma/index.html');
    for (const page of ['2024/03/three/index.html', '2024/05/five/index.html', 'archive/index.html', '404.html'])
      expect(kept(result)).toContain(page);
    expect(kept(result)).toContain('sitemap.xml');
    await expectSameAsCold(result);
    expect(await readFile(path.join(out(), '2024/04/four/index.html'), 'utf8')).toContain('Fourth post, edited');
  });

  it('with a build that wrote nothing in between (as `inkstone check` builds)', async () => {
    await edit('posts/2024-04-01-four.md', (t) => t.replace('Fourth post, edited', 'Fourth post, checked'));
    const checked = await build({ siteDir: site, now: NOW, write: false });
    expect(checked.markdown).toEqual({ cached: 5, rendered: 1 });
    const result = await warm();
    expect(result.markdown).toEqual({ cached: 6, rendered: 0 });
    expect(kept(result)).toContain('2024/01/one/index.html');
    await expectSameAsCold(result);
  });

  it("with one post's front matter changed (title, tags), and one added and one removed", async () => {
    await edit('posts/2024-02-01-two.md', (t) =>
      t.replace('title: Two', 'title: Two, renamed').replace('[beta]', '[delta]'),
    );
    await writeFile(path.join(site, 'posts/2024-06-15-seven.md'), post('Seven', '2024-06-15', ['alpha'], 'New.'));
    await unlink(path.join(site, 'posts/2024-06-01-six.md'));
    await expectSameAsCold(await warm());
  });

  it('with a layout changed, added, then removed again', async () => {
    const layouts = path.join(site, 'layouts');
    await cp(path.join(TEST_DIR, '..', 'layouts'), layouts, { recursive: true });
    await expectSameAsCold(await warm());
    await edit('layouts/partials/footer.njk', (t) => `${t}<!-- a footer edit -->\n`);
    const edited = await warm();
    await expectSameAsCold(edited);
    expect(await readFile(path.join(out(), 'index.html'), 'utf8')).toContain('<!-- a footer edit -->');
    await rm(layouts, { recursive: true });
    await expectSameAsCold(await warm());
  });

  it('with the configuration changed', async () => {
    await edit('inkstone.yml', (t) => t.replace('title: Incremental', 'title: Incremental, renamed'));
    await expectSameAsCold(await warm());
    await edit('inkstone.yml', (t) => t.replace('paginate: 2', 'paginate: 3'));
    await expectSameAsCold(await warm());
  });

  it('with a static file changed, and a robots.txt of its own', async () => {
    await writeFile(path.join(site, 'static/notes.txt'), 'static file, changed\n');
    await expectSameAsCold(await warm());
    await writeFile(path.join(site, 'static/robots.txt'), 'User-agent: *\nDisallow: /\n');
    await expectSameAsCold(await warm());
    await unlink(path.join(site, 'static/robots.txt'));
    await expectSameAsCold(await warm());
  });

  it('with a file of the output removed or changed by hand', async () => {
    await unlink(path.join(out(), '2024/01/one/index.html'));
    await writeFile(path.join(out(), 'stray.html'), 'not ours');
    await expectSameAsCold(await warm());
    await rm(path.join(out(), '.inkstone-manifest.json'));
    await expectSameAsCold(await warm());
  });

  it('with the cache removed, or damaged', async () => {
    await edit('posts/2024-05-01-five.md', (t) => t.replace('Fifth post', 'Fifth post, edited'));
    const pack = path.join(site, '.inkstone-cache/render/build.pack');
    await writeFile(pack, (await readFile(pack)).subarray(0, 100));
    const damaged = await warm();
    expect(damaged.diagnostics.map((d) => [d.code, d.message.replace(/\(.*\)/, '(…)')])).toEqual([
      [
        'cache',
        'the render cache .inkstone-cache/render cannot be read (…): this build goes on without it and writes it again',
      ],
    ]);
    await expectSameAsCold(await warm());
    // The pack's text files gone: their posts are rendered again.
    await edit('posts/2024-05-01-five.md', (t) => t.replace('Fifth post, edited', 'Fifth post, edited again'));
    const cacheDir = path.join(site, '.inkstone-cache/render');
    for (const name of await readdir(cacheDir)) if (name.startsWith('texts-')) await rm(path.join(cacheDir, name));
    const rerendered = await warm();
    expect(rerendered.markdown).toEqual({ cached: 0, rendered: 6 });
    await expectSameAsCold(rerendered);
    await rm(path.join(site, '.inkstone-cache'), { recursive: true });
    await expectSameAsCold(await warm());
    await expectSameAsCold(await warm());
  });
});

describe('a build that starts from the last one, with diagrams', () => {
  let site: string;
  let cold: string;
  const out = () => path.join(site, '_site');
  const warm = () => build({ siteDir: site, now: NOW });
  const FLOW = '```mermaid\nflowchart LR\n  A[Write] --> B[Build]\n```';

  beforeAll(async () => {
    site = await writeSite('incremental-diagrams', {
      'inkstone.yml': 'title: Diagrams\nurl: https://example.org/\n',
      'posts/2024-01-01-plain.md': post('Plain', '2024-01-01', ['alpha'], 'No diagram here.'),
      'posts/2024-02-01-drawn.md': post('Drawn', '2024-02-01', ['alpha'], `${FLOW}\n\n<!--more-->\n\nAfter it.`),
    });
    cold = path.join(await tempDir('incremental-diagrams-cold'), 'out');
    expect((await warm()).ok).toBe(true);
  });
  afterAll(async () => {
    await removeDir(site);
    await removeDir(path.dirname(cold));
  });

  /** The output is the one a build without the render cache writes (the diagram cache is shared). */
  async function expectSameAsCold(result: BuildResult): Promise<void> {
    expect(result.ok).toBe(true);
    await rm(cold, { recursive: true, force: true });
    const reference = await build({ siteDir: site, outDir: cold, now: NOW, cache: false });
    expect(result.diagnostics).toEqual(reference.diagnostics);
    const [got, want] = await Promise.all([filesOf(out()), filesOf(cold)]);
    expect(Object.keys(got)).toEqual(Object.keys(want));
    for (const rel of Object.keys(want))
      expect({ rel, bytes: got[rel]!.equals(want[rel]!) }).toEqual({ rel, bytes: true });
  }

  it('keeps the pages of a post with a diagram when nothing changed, and renders them again when it did', async () => {
    const unchanged = await warm();
    const keptPaths = unchanged.files
      .filter((f) => Object.getOwnPropertyDescriptor(f, 'contents')?.get)
      .map((f) => f.outputPath);
    expect(keptPaths).toContain('2024/02/drawn/index.html');
    await expectSameAsCold(unchanged);
    const page = await readFile(path.join(out(), '2024/02/drawn/index.html'), 'utf8');
    // Drawn at build time when a browser is at hand, else left to the reader's: either way, in the page.
    expect(page).toMatch(/<svg|class="mermaid"/);

    await writeFile(
      path.join(site, 'posts/2024-02-01-drawn.md'),
      post('Drawn', '2024-02-01', ['alpha'], `${FLOW}\n\n<!--more-->\n\nAfter it, edited.`),
    );
    const edited = await warm();
    expect(edited.markdown).toEqual({ cached: 1, rendered: 1 });
    await expectSameAsCold(edited);
    expect(await readFile(path.join(out(), '2024/02/drawn/index.html'), 'utf8')).toContain('After it, edited.');
  });
});

describe('a build that starts from the last one, with layouts that show other posts’ content', () => {
  it('renders again the archive and the neighbour that showed a changed post’s word count and excerpt', async () => {
    const page = (title: string, date: string, body: string) => `---\ntitle: ${title}\ndate: ${date}\n---\n\n${body}\n`;
    const site = await writeSite('incremental-reads', {
      'inkstone.yml': 'title: Reads\nurl: https://reads.example/\nsearch: false\n',
      'layouts/archive.njk':
        '<ul>{% for year in archive %}{% for p in year.posts %}<li>{{ p.title }}: {{ p.wordCount }} words</li>{% endfor %}{% endfor %}</ul>\n',
      'layouts/post.njk':
        '<h1>{{ post.title }}</h1>{{ post.content }}{% if older %}<aside>Older: {{ older.excerpt }}</aside>{% endif %}\n',
      'posts/2024-01-01-alpha.md': page('Alpha', '2024-01-01', 'Alpha opens.'),
      'posts/2024-02-01-beta.md': page('Beta', '2024-02-01', 'Beta opens.'),
      'posts/2024-03-01-gamma.md': page('Gamma', '2024-03-01', 'Gamma opens.'),
    });
    try {
      const out = path.join(site, '_site');
      expect((await build({ siteDir: site, now: NOW })).ok).toBe(true);
      await writeFile(
        path.join(site, 'posts/2024-02-01-beta.md'),
        page('Beta', '2024-02-01', 'Beta opens and says more.'),
      );
      const result = await build({ siteDir: site, now: NOW });
      expect(result.ok).toBe(true);
      const rendered = result.files
        .filter((f) => f.outputPath.endsWith('.html') && !Object.getOwnPropertyDescriptor(f, 'contents')?.get)
        .map((f) => f.outputPath)
        .sort();
      // Gamma's page shows Beta's excerpt (Beta is older than Gamma); Alpha's shows nothing of Beta's.
      expect(rendered).toEqual([
        '2024/02/beta/index.html',
        '2024/03/gamma/index.html',
        'archive/index.html',
        'index.html',
      ]);
      expect(await readFile(path.join(out, 'archive/index.html'), 'utf8')).toContain('<li>Beta: 5 words</li>');
      expect(await readFile(path.join(out, '2024/03/gamma/index.html'), 'utf8')).toContain(
        '<aside>Older: <p>Beta opens and says more.</p>',
      );
    } finally {
      await removeDir(site);
    }
  });
});
