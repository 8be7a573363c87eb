/**
 * The dev session ships the same library assets and client scripts as the build, whichever feature
 * brings them: a code block added while the server runs brings the copy-button script, and a formula
 * only in a title brings KaTeX's CSS (the dev server once collected by math and mermaid only).
 */
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build } from '../../src/build.js';
import { createDevSession, type DevSession } from '../../src/dev/session.js';
import { removeDir, writeSite } from '../helpers/site.js';

describe('library assets in a dev session', () => {
  let site: string;
  let session: DevSession;
  beforeAll(async () => {
    site = await writeSite('dev-assets', {
      'inkstone.yml': 'title: T\n',
      'posts/2024-01-01-a.md': '---\ntitle: Plain\n---\nJust text.\n',
    });
    session = createDevSession({ siteDir: site });
    expect((await session.rebuild('full')).ok).toBe(true);
  });
  afterAll(async () => {
    session.close();
    await removeDir(site);
  });

  const served = () =>
    [...session.served().keys()].filter(
      (p) => p.startsWith('assets/inkstone/') || p.startsWith('assets/katex/katex.min.css'),
    );
  const built = async () =>
    (await build({ siteDir: site, write: false })).files
      .map((f) => f.outputPath)
      .filter((p) => p.startsWith('assets/inkstone/') || p.startsWith('assets/katex/katex.min.css'));

  it('adds the copy-button script when a post gains a code block, as the build does', async () => {
    // The scroll-regions, colour scheme and search scripts are on every site; the copy button's only where there is code.
    expect(served().sort()).toEqual([
      'assets/inkstone/scroll-regions.js',
      'assets/inkstone/search.js',
      'assets/inkstone/theme-toggle.js',
    ]);
    const file = path.join(site, 'posts/2024-01-01-a.md');
    await writeFile(file, `${await readFile(file, 'utf8')}\n\`\`\`js\nlet x = 1;\n\`\`\`\n`);
    expect((await session.rebuild([{ kind: 'post', relPath: 'posts/2024-01-01-a.md', event: 'change' }])).ok).toBe(
      true,
    );
    expect(served().sort()).toEqual([
      'assets/inkstone/copy-code.js',
      'assets/inkstone/scroll-regions.js',
      'assets/inkstone/search.js',
      'assets/inkstone/theme-toggle.js',
    ]);
    expect(served().sort()).toEqual((await built()).sort());
  });

  it("adds KaTeX's CSS when only a title gains a formula", async () => {
    const file = path.join(site, 'posts/2024-01-01-a.md');
    await writeFile(file, (await readFile(file, 'utf8')).replace('title: Plain', 'title: "Plain $x^2$"'));
    expect((await session.rebuild([{ kind: 'post', relPath: 'posts/2024-01-01-a.md', event: 'change' }])).ok).toBe(
      true,
    );
    expect(served().sort()).toEqual((await built()).sort());
    expect(served()).toContain('assets/katex/katex.min.css');
  });
});
