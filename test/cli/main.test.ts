import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { VERSION } from '../../src/version.js';
import { removeDir, TEST_DIR, writeSite } from '../helpers/site.js';
import { cli } from '../helpers/cli.js';

const GOOD_POST = '---\ntitle: Good\ntags: [a]\n---\nHello.\n';

describe('inkstone CLI', () => {
  it('prints help and version with exit 0', async () => {
    const help = await cli('--help');
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('Usage: inkstone [options] [command]');
    expect(help.stdout).toContain('build [options] [SITE_DIR]');
    const buildHelp = await cli('build', '--help');
    expect(buildHelp.code).toBe(0);
    for (const flag of ['--out <DIR>', '--drafts', '--future', '--base-url <URL>', '--strict', '--quiet'])
      expect(buildHelp.stdout).toContain(flag);
    expect(buildHelp.stdout).toContain(
      'Exit codes: 0 success, 1 content or template errors, 2 usage or configuration errors.',
    );
    const version = await cli('--version');
    expect(version).toEqual({ code: 0, stdout: `${VERSION}\n`, stderr: '' });
  });

  it('exits 2 on usage errors', async () => {
    expect((await cli()).code).toBe(2);
    const unknown = await cli('build', '--nope');
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain("error: unknown option '--nope'");
    expect((await cli('frobnicate')).code).toBe(2);
  });

  it('exits 0 and prints a summary on success, nothing with --quiet', async () => {
    const site = await writeSite('cli-ok', { 'posts/2024-01-02-good.md': GOOD_POST });
    try {
      const run = await cli('build', site);
      expect(run.code).toBe(0);
      expect(run.stderr).toBe('');
      const lines = run.stdout.split('\n');
      expect(lines[0]).toMatch(
        new RegExp(
          `^Built 1 post, 1 tag, 0 categories into ${escapeRegExp(path.join(site, '_site'))} in \\d+\\.\\d\\d s \\(0 errors, 0 warnings\\)\\.$`,
        ),
      );
      expect(lines.slice(1)).toEqual([
        '  7 pages: 1 post, 1 home page, 1 tag or category page, 2 indexes, 1 archive, 1 not-found page, 0 redirects; 0 feeds; 23 files in all.',
        'note: no feeds, sitemap or social cards were written, because they need absolute URLs: set "url" in inkstone.yml (e.g. https://example.org/blog/) or pass --base-url',
        '',
      ]);
      const quiet = await cli('build', site, '--quiet');
      expect(quiet).toEqual({ code: 0, stdout: '', stderr: '' });
    } finally {
      await removeDir(site);
    }
  });

  it('exits 1 on content errors, reports every broken post with a code frame, and keeps the last good site', async () => {
    const site = await writeSite('cli-broken', { 'posts/2024-01-02-good.md': GOOD_POST });
    try {
      expect((await cli('build', site)).code).toBe(0);
      const before = await readFile(path.join(site, '_site/2024/01/good/index.html'), 'utf8');
      const broken = await writeSite('cli-broken-2', {});
      await removeDir(broken);
      const { writeFile } = await import('node:fs/promises');
      await writeFile(path.join(site, 'posts/2024-01-02-good.md'), GOOD_POST.replace('Hello.', 'Changed.'));
      await writeFile(path.join(site, 'posts/2024-01-03-bad-date.md'), '---\ntitle: Bad\ndate: 2024-02-30\n---\nx\n');
      await writeFile(path.join(site, 'posts/2024-01-04-bad-type.md'), '---\ntitle: Bad\ntags: {a: 1}\n---\nx\n');
      const run = await cli('build', site);
      expect(run.code).toBe(1);
      expect(run.stdout).toBe('');
      expect(run.stderr).toContain(
        'posts/2024-01-03-bad-date.md:3:7 error[date] front matter field "date": "2024-02-30" is not a valid date: February 2024 has 29 days\n' +
          '  3 | date: 2024-02-30\n' +
          '    |       ^\n',
      );
      expect(run.stderr).toContain(
        'posts/2024-01-04-bad-type.md:3:7 error[front-matter] front matter field "tags": expected a string of space-separated names or a list of strings, got a map\n',
      );
      expect(run.stderr).toMatch(/Build failed with 2 errors, 0 warnings in \d+\.\d\d s; .* was left unchanged\.\n$/);
      expect(await readFile(path.join(site, '_site/2024/01/good/index.html'), 'utf8')).toBe(before);
    } finally {
      await removeDir(site);
    }
  });

  it('treats warnings as errors under --strict', async () => {
    const site = await writeSite('cli-strict', { 'posts/2024-01-02-a.md': '```nolang\nx\n```\n' });
    try {
      const lax = await cli('build', site, '--quiet');
      expect(lax.code).toBe(0);
      expect(lax.stderr).toBe(
        'posts/2024-01-02-a.md:1:1 warning[code-language] unknown code language "nolang": shown without highlighting\n  1 | ```nolang\n    | ^\n',
      );
      const strict = await cli('build', site, '--strict', '--quiet');
      expect(strict.code).toBe(1);
      expect(strict.stderr).toContain('posts/2024-01-02-a.md:1:1 error[code-language] unknown code language "nolang"');
    } finally {
      await removeDir(site);
    }
  });

  it('exits 2 on configuration errors', async () => {
    const site = await writeSite('cli-config', {
      'inkstone.yml': 'title: Blog\ncolour: red\n',
      'posts/2024-01-02-a.md': 'x\n',
    });
    try {
      const run = await cli('build', site);
      expect(run).toEqual({ code: 2, stdout: '', stderr: 'inkstone.yml:2:1 error[config] unknown setting "colour"\n' });
      const url = await cli('build', site.replace(/$/, ''), '--base-url', 'example.org');
      expect(url.code).toBe(2);
    } finally {
      await removeDir(site);
    }
  });

  it('refuses an output directory inside the sources', async () => {
    const site = await writeSite('cli-out', { 'posts/2024-01-02-a.md': 'x\n' });
    try {
      const run = await cli('build', site, '--out', path.join(site, 'posts', 'out'));
      expect(run.code).toBe(1);
      expect(run.stderr).toBe(
        `error[output] output directory ${path.join(site, 'posts', 'out')} is inside the source folder posts/: choose a folder outside it\n`,
      );
      const parent = await cli('build', site, '--out', path.dirname(site));
      expect(parent.code).toBe(1);
      expect(parent.stderr).toContain('is or contains the site directory');
    } finally {
      await removeDir(site);
    }
  });

  it('runs as an executable', async () => {
    const bin = path.join(TEST_DIR, '..', 'src', 'cli', 'bin.ts');
    const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', bin, '--version']);
    expect(stdout).toBe(`${VERSION}\n`);
    const failed = await promisify(execFile)(process.execPath, ['--import', 'tsx', bin, 'build', '--bad']).catch(
      (e: { code: number }) => e,
    );
    expect((failed as { code: number }).code).toBe(2);
  });
});

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
