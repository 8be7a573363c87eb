/**
 * `inkstone dev` on a Hugo site: pages at Hugo's URLs, shortcodes made, the bundle's image served;
 * a saved page is rebuilt alone; a bundle's file, the configuration and a section's _index.md rebuild
 * everything; and a file under content/ of a site that is not Hugo's is no post.
 */
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { classifyChange } from '../../src/dev/changes.js';
import { createDevSession } from '../../src/dev/session.js';
import { copyFixtureSite, removeDir } from '../helpers/site.js';

describe('the dev session on a Hugo site', () => {
  let site: string;
  beforeAll(async () => {
    site = await copyFixtureSite('hugo-blog');
  });
  afterAll(() => removeDir(site));

  it('serves the pages where Hugo put them, and rebuilds a saved page', async () => {
    const session = createDevSession({ siteDir: site, cache: false });
    try {
      expect((await session.rebuild('full')).ok).toBe(true);
      expect(session.postFolders()).toEqual({ hugoContent: 'content' });
      const served = session.served();
      for (const file of [
        '2013/04/10/computing-homology/index.html',
        'posts/tidy-bundle-post/ring.png',
        'posts/index.html',
        'old/homology.html',
      ])
        expect(served.has(file), file).toBe(true);
      expect(String(served.get('posts/tidy-bundle-post/index.html')!.contents)).toContain('<p>Edited with vim.</p>');

      const relPath = 'content/posts/tidy-bundle/index.md';
      const text = await readFile(path.join(site, relPath), 'utf8');
      await writeFile(path.join(site, relPath), text.replace('Edited with', 'Written in'));
      const report = await session.rebuild([{ kind: 'post', relPath, event: 'change' }]);
      expect(report.ok).toBe(true);
      expect(String(session.served().get('posts/tidy-bundle-post/index.html')!.contents)).toContain(
        '<p>Written in vim.</p>',
      );

      // The single page at the top of content/ is rebuilt alone too, and stays a page.
      await writeFile(path.join(site, 'content/about.md'), '---\ntitle: "About"\n---\nA page, edited.\n');
      const again = await session.rebuild([{ kind: 'post', relPath: 'content/about.md', event: 'change' }]);
      expect(again.ok).toBe(true);
      const about = String(session.served().get('about/index.html')!.contents);
      expect(about).toContain('<article class="post page">');
      expect(about).toContain('<p>A page, edited.</p>');
      expect(String(session.served().get('index.html')!.contents)).not.toContain('/about/');
    } finally {
      session.close();
    }
  });

  it('classifies changes under content/ by whether the site is Hugo', () => {
    const hugo = { hugoContent: 'content' };
    expect(classifyChange('content/posts/a.md', 'change', new Set(), hugo)?.kind).toBe('post');
    expect(classifyChange('content/posts/x/index.md', 'change', new Set(), hugo)?.kind).toBe('post');
    expect(classifyChange('content/posts/x/photo.jpg', 'add', new Set(), hugo)?.kind).toBe('config');
    expect(classifyChange('content/posts/_index.md', 'change', new Set(), hugo)?.kind).toBe('config');
    expect(classifyChange('content/about.md', 'change', new Set(), hugo)?.kind).toBe('post');
    expect(classifyChange('content/_index.md', 'change', new Set(), hugo)?.kind).toBe('config');
    expect(classifyChange('hugo.toml', 'change', new Set(), hugo)?.kind).toBe('config');
    expect(classifyChange('config/_default/params.toml', 'change', new Set(), hugo)?.kind).toBe('config');
    expect(classifyChange('content/posts/a.md', 'change')).toBeUndefined();
    expect(classifyChange('config/_default/params.toml', 'change')).toBeUndefined();
  });
});
