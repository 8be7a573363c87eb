import { describe, expect, it } from 'vitest';
import { messagesFor } from '../../src/dev/dev.js';
import { formatRebuild } from '../../src/dev/report.js';
import type { RebuildReport } from '../../src/dev/session.js';
import { openCommand } from '../../src/dev/open-browser.js';

const report = (over: Partial<RebuildReport>): RebuildReport => ({
  ok: true,
  ms: 42.4,
  scope: 'posts',
  postsRendered: 1,
  pagesRendered: 8,
  feedsRendered: 0,
  changed: [],
  removed: [],
  timings: [],
  diagnostics: [],
  generation: 5,
  ...over,
});
const session = { generation: () => 5, base: () => ({ origin: '', basePath: '/blog/' }) };

describe('messagesFor', () => {
  it('names the changed pages; the pages decide whether they are among them', () => {
    expect(messagesFor(report({ changed: ['a/index.html', 'feed.xml'], removed: ['b/index.html'] }), session)).toEqual([
      { type: 'ok' },
      { type: 'update', generation: 5, pages: ['a/index.html', 'b/index.html'], css: [], all: false },
    ]);
  });
  it('swaps stylesheets by URL, and reloads every page for any other asset', () => {
    expect(messagesFor(report({ changed: ['assets/style.css'] }), session)).toEqual([
      { type: 'ok' },
      { type: 'update', generation: 5, pages: [], css: ['/blog/assets/style.css'], all: false },
    ]);
    expect(messagesFor(report({ changed: ['img/a.png'] }), session)[1]).toEqual({
      type: 'update',
      generation: 5,
      pages: [],
      css: [],
      all: true,
    });
    expect(messagesFor(report({ changed: ['feed.json', 'sitemap.xml', 'robots.txt'] }), session)[1]).toEqual({
      type: 'update',
      generation: 5,
      pages: [],
      css: [],
      all: false,
    });
  });
  it('sends only the overlay when the rebuild failed, and only "ok" when nothing changed', () => {
    const failed = messagesFor(
      report({
        ok: false,
        diagnostics: [
          { severity: 'error', code: 'template', message: 'broken <b>', location: { file: 'posts/a.md' } },
          { severity: 'warning', code: 'math', message: 'meh' },
        ],
      }),
      session,
    );
    expect(failed).toHaveLength(1);
    expect(failed[0]!.type).toBe('errors');
    expect((failed[0] as { html: string }).html).toContain('posts/a.md error[template] broken &lt;b&gt;');
    expect((failed[0] as { html: string }).html).not.toContain('meh');
    expect(messagesFor(report({}), session)).toEqual([{ type: 'ok' }]);
  });
});

describe('formatRebuild', () => {
  it('says what changed, what was rebuilt, what changed in the site and how long it took', () => {
    expect(
      formatRebuild(report({ changed: ['a/index.html'] }), [{ kind: 'post', relPath: 'posts/a.md', event: 'change' }]),
    ).toBe('posts/a.md changed: 1 post rendered, 8 pages, 0 feeds; 1 file changed (a/index.html) in 42 ms');
    expect(
      formatRebuild(report({ postsRendered: 0, pagesRendered: 1, changed: ['a', 'b', 'c', 'd'], removed: ['e'] }), []),
    ).toBe('first build: 0 posts rendered, 1 page, 0 feeds; 5 files changed (a, b, c, and 2 more) in 42 ms');
    expect(formatRebuild(report({}), [{ kind: 'layout', relPath: 'layouts/post.njk', event: 'change' }])).toBe(
      'layouts/post.njk changed: 1 post rendered, 8 pages, 0 feeds; no file changed (42 ms)',
    );
    expect(
      formatRebuild(report({ ok: false, diagnostics: [{ severity: 'error', code: 'template', message: 'm' }] }), [
        { kind: 'post', relPath: 'posts/a.md', event: 'change' },
      ]),
    ).toBe('posts/a.md changed: 1 error, the last good site is still served (42 ms)');
  });
});

describe('openCommand', () => {
  it('uses the desktop opener of each platform', () => {
    expect(openCommand('linux', 'http://127.0.0.1:4000/')).toEqual({
      command: 'xdg-open',
      args: ['http://127.0.0.1:4000/'],
    });
    expect(openCommand('darwin', 'http://127.0.0.1:4000/')).toEqual({
      command: 'open',
      args: ['http://127.0.0.1:4000/'],
    });
    expect(openCommand('win32', 'http://127.0.0.1:4000/')).toEqual({
      command: 'cmd',
      args: ['/c', 'start', '""', 'http://127.0.0.1:4000/'],
    });
  });
});
