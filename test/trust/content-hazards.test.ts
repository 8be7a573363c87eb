/**
 * Input that used to turn silently into wrong output, or into a file no file system can hold:
 * control characters and bidirectional overrides, Windows device names, over-long slugs, and
 * symbolic links (loops included) among the posts.
 */
import { mkdir, readdir, symlink } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { build } from '../../src/build.js';
import { runCli } from '../../src/cli/main.js';
import { formatDiagnosticHeader } from '../../src/core/diagnostics.js';
import { readOutput, removeDir, writeSite } from '../helpers/site.js';

const sites: string[] = [];
afterAll(() => Promise.all(sites.map(removeDir)));

async function site(label: string, files: Record<string, string>): Promise<string> {
  const dir = await writeSite(label, { 'inkstone.yml': 'title: T\n', ...files });
  sites.push(dir);
  return dir;
}

const headers = (result: Awaited<ReturnType<typeof build>>) => result.diagnostics.map((d) => formatDiagnosticHeader(d));

describe('control characters', () => {
  it('removes them from the page, with a warning at the first one', async () => {
    const dir = await site('controls', {
      'posts/a.md':
        '---\ntitle: "Clear screen"\ndate: 2024-01-01\n---\nFirst line.\nA bell \u0007 and a backspace\u0008 and ESC \u001b[31mred.\n',
    });
    const result = await build({ siteDir: dir });
    expect(result.ok).toBe(true);
    expect(headers(result)).toContain(
      'posts/a.md:6:8 warning[characters] control character U+0007 removed (and 2 more in this file): it is invisible or invalid in HTML',
    );
    const page = await readOutput(path.join(dir, '_site'), '2024/01/a/index.html');
    expect(page).toContain('A bell  and a backspace and ESC [31mred.');
    expect(page).not.toMatch(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/);
  });

  it('removes those YAML escapes make in front matter values, with a warning at the field', async () => {
    const dir = await site('controls-title', {
      'posts/a.md': '---\ntitle: "Clear\\e[2J screen"\ndate: 2024-01-01\ntags: [ok, "b\\x08d"]\n---\nBody.\n',
    });
    const result = await build({ siteDir: dir });
    expect(result.ok).toBe(true);
    expect(headers(result)).toEqual([
      'posts/a.md:2:8 warning[characters] front matter field "title" holds control character U+001B, removed: it is invisible or invalid in HTML',
      'posts/a.md:4:12 warning[characters] front matter field "tags[1]" holds control character U+0008, removed: it is invisible or invalid in HTML',
    ]);
    const page = await readOutput(path.join(dir, '_site'), '2024/01/a/index.html');
    expect(page).toContain('<title>Clear[2J screen');
    expect(page).not.toMatch(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/);
  });

  it('points out bidirectional overrides and keeps them', async () => {
    const dir = await site('bidi', {
      'posts/a.md':
        '---\ntitle: A\ndate: 2024-01-01\n---\n```js\nif (isAdmin) { /* \u202e } \u2066if (isUser)\u2069 \u2066 begin admins only */\n```\n',
    });
    const result = await build({ siteDir: dir });
    expect(result.ok).toBe(true);
    expect(headers(result)).toContain(
      'posts/a.md:6:19 warning[characters] bidirectional control U+202E (and 3 more in this file): the text around it may read differently from what it is (kept, as right-to-left text needs it)',
    );
  });
});

describe('names file systems cannot hold', () => {
  it('warns about a Windows device name, for the file and for the output', async () => {
    const dir = await site('reserved', {
      'posts/CON.md': '---\ntitle: A\ndate: 2024-01-01\n---\nBody.\n',
      'posts/b.md': '---\ntitle: B\ndate: 2024-01-02\nslug: aux\n---\nBody.\n',
    });
    const result = await build({ siteDir: dir });
    expect(result.ok).toBe(true);
    expect(headers(result)).toEqual(
      expect.arrayContaining([
        'posts/CON.md:1:1 warning[slug] "CON.md" is a device name on Windows: this post\'s file cannot be checked out, copied or served there; rename it or set "slug:"',
        'posts/b.md:1:1 warning[slug] "aux" is a device name on Windows: this post\'s output cannot be checked out, copied or served there; rename it or set "slug:"',
      ]),
    );
  });

  it('a slug too long for a file system is an error naming the post and the field, and nothing is written', async () => {
    const dir = await site('long-slug', {
      'posts/a.md': `---\ntitle: A\ndate: 2024-01-01\nslug: ${'word-'.repeat(60)}end\n---\nBody.\n`,
    });
    let stderr = '';
    const code = await runCli(['build', dir], {
      stdout: { write: () => true },
      stderr: { write: (s: string) => (stderr += s) },
    });
    expect(code).toBe(1);
    expect(stderr).toContain(
      'posts/a.md:4:7 error[slug] the output name "word-word-word-word-word-word-word-word-…" is 303 bytes long, more than the 255 a file system allows: set a shorter "slug:" in the front matter',
    );
    await expect(readdir(path.join(dir, '_site'))).rejects.toThrow('ENOENT');
  });
});

describe('symbolic links among the posts', () => {
  it('are skipped with a warning each, a loop named as one', async () => {
    const dir = await site('links', { 'posts/a.md': '---\ntitle: A\ndate: 2024-01-01\n---\nBody.\n' });
    await symlink('loop.md', path.join(dir, 'posts/loop.md'));
    await symlink('a.md', path.join(dir, 'posts/alias.md'));
    await symlink('.', path.join(dir, 'posts/again'));
    await symlink('gone.md', path.join(dir, 'posts/dangling.md'));
    await mkdir(path.join(dir, 'elsewhere'));
    const result = await build({ siteDir: dir });
    expect(result.ok).toBe(true);
    expect(headers(result).filter((h) => h.includes('[symlink]'))).toEqual([
      'posts/again warning[symlink] this folder is a symbolic link: skipped, with the posts it holds (posts are read only from real files and folders inside the site)',
      'posts/alias.md warning[symlink] this post is a symbolic link: skipped (posts are read only from real files inside the site)',
      'posts/dangling.md warning[symlink] this post is a symbolic link to nothing (ENOENT): skipped',
      'posts/loop.md warning[symlink] this is a symbolic link loop (it leads back to itself): skipped',
    ]);
    expect(
      result.files.filter((f) => f.outputPath.endsWith('/index.html') && f.outputPath.startsWith('2024/')),
    ).toHaveLength(1);
  });
});
