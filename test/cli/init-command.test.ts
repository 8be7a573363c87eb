/**
 * `inkstone init`: the files it writes, what it prints, that the new blog builds at once with its
 * math, code and diagram rendered, and that it never writes into a folder that holds other files.
 */
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { build } from '../../src/build.js';
import { VERSION } from '../../src/version.js';
import { hasChromium } from '../helpers/browser.js';
import { removeDir, TEST_DIR, tempDir } from '../helpers/site.js';
import { cli } from '../helpers/cli.js';

/** Every file below `dir`, relative, sorted. */
async function listFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries
    .filter((e) => e.isFile())
    .map((e) => path.relative(dir, path.join(e.parentPath, e.name)).split(path.sep).join('/'))
    .sort();
}

describe('inkstone init', () => {
  const dirs: string[] = [];
  afterEach(async () => {
    for (const dir of dirs.splice(0)) await removeDir(dir);
  });
  const parent = async () => {
    const dir = await tempDir('init');
    dirs.push(dir);
    return dir;
  };

  it('writes a blog into a new folder, says what it wrote and what to do next, and the blog builds', async () => {
    const target = path.join(await parent(), 'my-maths_blog');
    const { code, stdout, stderr } = await cli('init', target);
    expect({ code, stderr }).toEqual({ code: 0, stderr: '' });
    const files = await listFiles(target);
    const post = files.find((f) => f.startsWith('posts/'))!;
    expect(post).toMatch(/^posts\/\d{4}-\d{2}-\d{2}-welcome\.md$/);
    expect(files).toEqual(['.github/workflows/pages.yml', '.gitignore', 'inkstone.yml', 'package.json', post].sort());
    // The folder as the user would type it: relative to where the command runs.
    const shown = path.relative(process.cwd(), target);
    expect(stdout).toContain(`Created a blog in ${shown}:\n  inkstone.yml\n  ${post}\n`);
    expect(stdout).toContain(`Next:\n  cd ${shown}\n  npx inkstone dev`);

    const config = parse(await readFile(path.join(target, 'inkstone.yml'), 'utf8'));
    expect(config).toMatchObject({ title: 'My maths blog', theme: 'default', timezone: 'UTC' });
    const pkg = JSON.parse(await readFile(path.join(target, 'package.json'), 'utf8'));
    expect(pkg).toEqual({
      name: 'my-maths_blog',
      private: true,
      type: 'module',
      scripts: { dev: 'inkstone dev', build: 'inkstone build --strict', check: 'inkstone check' },
      devDependencies: { inkstone: `^${VERSION}` },
    });
    expect(await readFile(path.join(target, '.github/workflows/pages.yml'), 'utf8')).toBe(
      await readFile(path.join(TEST_DIR, '..', 'docs', 'ci', 'github-pages.yml'), 'utf8'),
    );
    expect(await readFile(path.join(target, '.gitignore'), 'utf8')).toContain('_site/\n.inkstone-cache/\n');

    const result = await build({ siteDir: target, write: false });
    expect(result.diagnostics).toEqual([]);
    expect(result.stats.posts).toBe(1);
    const html = String(result.files.find((f) => /^\d{4}\/\d{2}\/welcome\/index\.html$/.test(f.outputPath))!.contents);
    expect(html).toContain('<span class="katex-display">');
    expect(html).toContain('<figcaption class="code-title">fib.py</figcaption>');
    expect(html).toMatch(/<span class="line highlighted"[^>]*>.*for<\/span>/);
    if (hasChromium()) expect(html).toMatch(/<figure class="diagram diagram-mermaid"[^>]*>\s*<svg/);
  });

  it('takes --title, and writes into a cloned repository that holds only .git and a README', async () => {
    const target = await parent();
    await mkdir(path.join(target, '.git'));
    await writeFile(path.join(target, 'README.md'), '# Notes\n');
    const { code } = await cli('init', target, '--title', 'Notes: on "systems"');
    expect(code).toBe(0);
    expect(parse(await readFile(path.join(target, 'inkstone.yml'), 'utf8')).title).toBe('Notes: on "systems"');
    expect(await readFile(path.join(target, 'README.md'), 'utf8')).toBe('# Notes\n');
  });

  it('refuses a folder with other files, exits 2 and writes nothing', async () => {
    const target = await parent();
    await writeFile(path.join(target, 'inkstone.yml'), 'title: Mine\n');
    await mkdir(path.join(target, 'posts'));
    const { code, stdout, stderr } = await cli('init', target);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toBe(
      `error[usage] ${path.relative(process.cwd(), target)} is not empty (inkstone.yml, posts): init writes a new blog into a new or empty folder, and never over existing files\n`,
    );
    expect(await listFiles(target)).toEqual(['inkstone.yml']);
  });
});
