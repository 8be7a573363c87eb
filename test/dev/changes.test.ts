import { describe, expect, it } from 'vitest';
import { classifyChange, describeChanges, isWatchedPath, planChanges, type SiteChange } from '../../src/dev/changes.js';

describe('classifyChange', () => {
  const cases: Array<[string, SiteChange['event'], SiteChange['kind'] | undefined]> = [
    ['posts/2024-01-01-a.md', 'change', 'post'],
    ['posts/sub/2024-01-01-a.md', 'add', 'post'],
    ['_posts/2024-01-01-a.markdown', 'unlink', 'post'],
    ['_drafts/idea.md', 'add', 'post'],
    ['posts/notes.txt', 'change', undefined],
    ['posts/a.markdown', 'change', undefined],
    ['posts/.a.md.swp', 'change', undefined],
    ['posts/old', 'unlinkDir', 'post'],
    ['layouts/post.njk', 'change', 'layout'],
    ['layouts/partials/header.njk', 'change', 'layout'],
    ['themes/paper/layouts/post.njk', 'change', 'layout'],
    ['themes/paper/assets/style.css', 'change', 'asset'],
    ['themes/paper/theme.json', 'change', 'config'],
    ['themes/paper', 'unlinkDir', 'config'],
    ['themes/paper/README.md', 'change', undefined],
    ['static/img/a.png', 'add', 'asset'],
    ['inkstone.yml', 'change', 'config'],
    ['inkstone.yaml', 'add', 'config'],
    ['_config.yml', 'change', 'config'],
    ['_data/authors.yml', 'change', 'config'],
    ['_includes/note.html', 'change', 'config'],
    ['_site/index.html', 'change', undefined],
    ['README.md', 'change', undefined],
    ['.git/HEAD', 'change', undefined],
  ];
  for (const [relPath, event, kind] of cases) {
    it(`${event} ${relPath} → ${kind ?? 'ignored'}`, () => {
      expect(classifyChange(relPath, event)).toEqual(kind ? { kind, relPath, event } : undefined);
    });
  }
});

describe('isWatchedPath', () => {
  it('looks into the site folders and the configuration files only', () => {
    expect(['', 'posts', 'posts/a/b.md', 'static', 'inkstone.yml', '_config.yml'].map((p) => isWatchedPath(p))).toEqual(
      [true, true, true, true, true, true],
    );
    expect(
      ['_site', '_site/index.html', '.inkstone-cache', 'node_modules', 'posts/.git', 'notes.md'].map((p) =>
        isWatchedPath(p),
      ),
    ).toEqual([false, false, false, false, false, false]);
  });
});

describe('a site with a configuration module', () => {
  it('watches the module, and code files and folders anywhere outside node_modules and hidden folders', () => {
    expect(['inkstone.config.ts', 'inkstone.config.mjs'].map((p) => isWatchedPath(p))).toEqual([true, true]);
    expect(['plugins', 'plugins/links.ts', 'lib/data.json'].map((p) => isWatchedPath(p))).toEqual([
      false,
      false,
      false,
    ]);
    expect(
      ['plugins', 'plugins/links.ts', 'lib/data.json', 'img/a.png', 'node_modules/x.js', '.git/hooks.js'].map((p) =>
        isWatchedPath(p, true),
      ),
    ).toEqual([true, true, true, false, false, false]);
  });

  it('reloads the configuration when the module or one of the modules it imports changes', () => {
    const code = new Set(['inkstone.config.ts', 'plugins/links.ts']);
    expect(classifyChange('inkstone.config.ts', 'change')).toEqual({
      kind: 'config',
      relPath: 'inkstone.config.ts',
      event: 'change',
    });
    expect(classifyChange('plugins/links.ts', 'change', code)).toEqual({
      kind: 'config',
      relPath: 'plugins/links.ts',
      event: 'change',
    });
    // A module the configuration does not import is not part of the site.
    expect(classifyChange('plugins/unused.ts', 'change', code)).toBeUndefined();
  });
});

describe('planChanges', () => {
  it('merges a batch: any configuration change means a full rebuild, posts are listed once', () => {
    const plan = planChanges([
      { kind: 'post', relPath: 'posts/b.md', event: 'change' },
      { kind: 'post', relPath: 'posts/a.md', event: 'unlink' },
      { kind: 'post', relPath: 'posts/b.md', event: 'change' },
      { kind: 'post', relPath: 'posts/old', event: 'unlinkDir' },
      { kind: 'post', relPath: 'posts/new', event: 'addDir' },
      { kind: 'asset', relPath: 'static/a.css', event: 'change' },
    ]);
    expect(plan).toEqual({
      full: false,
      layouts: false,
      assets: true,
      posts: ['posts/a.md', 'posts/b.md'],
      removedPostDirs: ['posts/old'],
    });
    expect(
      planChanges([
        { kind: 'config', relPath: 'inkstone.yml', event: 'change' },
        { kind: 'layout', relPath: 'layouts/a.njk', event: 'add' },
      ]),
    ).toEqual({
      full: true,
      layouts: true,
      assets: false,
      posts: [],
      removedPostDirs: [],
    });
  });
});

describe('describeChanges', () => {
  it('names one file and what happened to it', () => {
    expect(describeChanges([{ kind: 'post', relPath: 'posts/a.md', event: 'change' }])).toBe('posts/a.md changed');
    expect(describeChanges([{ kind: 'post', relPath: 'posts/a.md', event: 'add' }])).toBe('posts/a.md added');
    expect(
      describeChanges([
        { kind: 'post', relPath: 'posts/a.md', event: 'unlink' },
        { kind: 'post', relPath: 'posts/a.md', event: 'add' },
      ]),
    ).toBe('posts/a.md changed');
    expect(
      describeChanges([
        { kind: 'layout', relPath: 'layouts', event: 'addDir' },
        { kind: 'layout', relPath: 'layouts/post.njk', event: 'add' },
      ]),
    ).toBe('layouts/post.njk added');
  });
  it('counts several files and names the first three', () => {
    const changes = ['a', 'b', 'c', 'd'].map(
      (n): SiteChange => ({ kind: 'post', relPath: `posts/${n}.md`, event: 'change' }),
    );
    expect(describeChanges(changes)).toBe('4 files changed (posts/a.md, posts/b.md, posts/c.md, ...)');
  });
});
