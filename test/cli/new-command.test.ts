/**
 * `inkstone new`: the exact file it writes (front matter that survives colons and quotes in the title),
 * what it prints, that it never overwrites a post, its usage errors, and that the new post builds.
 */
import { readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { build } from '../../src/build.js';
import { removeDir, writeSite } from '../helpers/site.js';
import { cli } from '../helpers/cli.js';

const TITLE = 'Rust: the "good" parts';
const FILE = 'posts/2024-05-01-rust-the-good-parts.md';
const BODY = '\nWrite the post here. Everything above the first paragraph break is its excerpt.\n';

describe('inkstone new', () => {
  const sites: string[] = [];
  async function site(
    files: Record<string, string> = { 'inkstone.yml': 'title: New posts\ntimezone: Europe/Paris\n' },
  ): Promise<string> {
    const dir = await writeSite('new-command', files);
    sites.push(dir);
    return dir;
  }
  afterEach(async () => {
    for (const dir of sites.splice(0)) await removeDir(dir);
  });

  it('writes a draft with the title, date, tags and draft flag, prints its path and exits 0', async () => {
    const dir = await site();
    const run = await cli('new', TITLE, '--site', dir, '--date', '2024-05-01', '--tags', 'a,b', '--draft');
    expect(run).toEqual({ code: 0, stdout: `Created ${FILE} (draft: build with --drafts to see it)\n`, stderr: '' });
    expect(await readFile(path.join(dir, FILE), 'utf8')).toBe(
      [
        '---',
        `title: 'Rust: the "good" parts'`,
        'date: 2024-05-01 00:00:00 +0200',
        'description: ""',
        'tags:',
        '  - a',
        '  - b',
        'categories: []',
        'draft: true',
        '---',
        BODY,
      ].join('\n'),
    );
  });

  it("writes a published post without tags, dated in the site's time zone (UTC by default)", async () => {
    const dir = await site({});
    const run = await cli('new', 'Plain', '--site', dir, '--date', '2024-12-24');
    expect(run).toEqual({ code: 0, stdout: 'Created posts/2024-12-24-plain.md\n', stderr: '' });
    expect(await readFile(path.join(dir, 'posts/2024-12-24-plain.md'), 'utf8')).toBe(
      [
        '---',
        'title: Plain',
        'date: 2024-12-24 00:00:00 +0000',
        'description: ""',
        'tags: []',
        'categories: []',
        '---',
        BODY,
      ].join('\n'),
    );
  });

  it('exits 1 and leaves the existing post untouched when the file exists', async () => {
    const dir = await site();
    const args = ['new', TITLE, '--site', dir, '--date', '2024-05-01', '--tags', 'a,b', '--draft'];
    expect((await cli(...args)).code).toBe(0);
    const file = path.join(dir, FILE);
    const edited = `${await readFile(file, 'utf8')}My own words.\n`;
    await writeFile(file, edited);
    const again = await cli(...args);
    expect(again).toEqual({
      code: 1,
      stdout: '',
      stderr: `${FILE} error[exists] a post with this name already exists: choose another title, or edit that post\n`,
    });
    expect(await readFile(file, 'utf8')).toBe(edited);
  });

  it('exits 2 for a title with no letters or digits, and writes nothing', async () => {
    const dir = await site();
    const run = await cli('new', '!!! ???', '--site', dir, '--date', '2024-05-01');
    expect(run).toEqual({
      code: 2,
      stdout: '',
      stderr: 'error[usage] cannot make a file name from the title "!!! ???": use some letters or digits\n',
    });
    expect(await readdir(dir)).toEqual(['inkstone.yml']);
  });

  it('exits 2 for an impossible --date, and writes nothing', async () => {
    const dir = await site();
    const run = await cli('new', 'Leap', '--site', dir, '--date', '2023-02-29');
    expect(run).toEqual({
      code: 2,
      stdout: '',
      stderr: 'error[usage] --date: "2023-02-29" is not a valid date: February 2023 has 28 days\n',
    });
    expect(await readdir(dir)).toEqual(['inkstone.yml']);
  });

  it('exits 2 without a title', async () => {
    expect(await cli('new')).toEqual({
      code: 2,
      stdout: '',
      stderr: 'error: missing required argument \'TITLE\'\n(run "inkstone --help" for usage)\n',
    });
  });

  it('writes a draft that builds with drafts: true at its URL, with its title and tags, and is left out otherwise', async () => {
    const dir = await site({ 'inkstone.yml': 'title: New posts\ntimezone: Europe/Paris\nurl: https://example.org/\n' });
    expect((await cli('new', TITLE, '--site', dir, '--date', '2024-05-01', '--tags', 'a,b', '--draft')).code).toBe(0);
    const now = new Date('2024-06-01T00:00:00Z');
    const withDrafts = await build({ siteDir: dir, write: false, drafts: true, now });
    expect(withDrafts.diagnostics).toEqual([]);
    const page = withDrafts.files.find((f) => f.outputPath === '2024/05/rust-the-good-parts/index.html');
    expect(page).toBeDefined();
    const html = String(page!.contents);
    expect(html).toContain('<h1 class="post-title">Rust: the &quot;good&quot; parts</h1>');
    expect(html).toContain('<time datetime="2024-05-01T00:00:00.000+02:00">May 1, 2024</time>');
    expect(html).toContain('<link rel="canonical" href="https://example.org/2024/05/rust-the-good-parts/">');
    expect(html).toContain('<p>Write the post here. Everything above the first paragraph break is its excerpt.</p>');
    expect(withDrafts.files.map((f) => f.outputPath)).toEqual(
      expect.arrayContaining(['tags/a/index.html', 'tags/b/index.html']),
    );

    const published = await build({ siteDir: dir, write: false, now });
    expect(published.ok).toBe(true);
    expect(published.stats.posts).toBe(0);
    expect(published.files.some((f) => f.outputPath.startsWith('2024/'))).toBe(false);
  });

  it('writes a published post that builds at its URL', async () => {
    const dir = await site();
    expect((await cli('new', 'Plain & simple', '--site', dir, '--date', '2024-05-01')).stdout).toBe(
      'Created posts/2024-05-01-plain-and-simple.md\n',
    );
    const result = await build({ siteDir: dir, write: false, now: new Date('2024-06-01T00:00:00Z') });
    expect(result.diagnostics).toEqual([]);
    expect(result.stats.posts).toBe(1);
    const page = result.files.find((f) => f.outputPath === '2024/05/plain-and-simple/index.html');
    expect(String(page?.contents)).toContain('<h1 class="post-title">Plain &amp; simple</h1>');
  });
});
