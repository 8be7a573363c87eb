import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { SiteChange } from '../../src/dev/changes.js';
import { watchSite, type SiteWatcher } from '../../src/dev/watcher.js';
import { removeDir, writeSite } from '../helpers/site.js';
import { WAITING_TEST_TIMEOUT_MS, waitUntil } from '../helpers/wait.js';

interface Watched {
  site: string;
  watcher: SiteWatcher;
  seen: Array<{ change: SiteChange; text: Promise<string> }>;
  errors: Error[];
}

/** Each test watches a site of its own, so a late event from one test cannot land in another's list. */
async function watchNewSite(name: string): Promise<Watched> {
  const site = await writeSite(name, { 'posts/2024-01-01-a.md': 'zero\n', '_site/index.html': 'x' });
  const seen: Watched['seen'] = [];
  const errors: Error[] = [];
  const watcher = watchSite(site, () => [path.join(site, 'cache')], {
    // What a rebuild would read at that moment.
    change: (change) => seen.push({ change, text: readFile(path.join(site, change.relPath), 'utf8').catch(() => '') }),
    error: (error) => errors.push(error),
  });
  await watcher.ready;
  return { site, watcher, seen, errors };
}

/** What each report read, in order, for failure messages. */
const texts = (w: Watched) => Promise.all(w.seen.map((s) => s.text));

/** The paths reported so far, for failure messages. */
const paths = (w: Watched) => JSON.stringify(w.seen.map((s) => s.change.relPath));

describe('the site watcher', { timeout: WAITING_TEST_TIMEOUT_MS }, () => {
  const open: Watched[] = [];
  afterEach(async () => {
    for (const w of open.splice(0)) {
      await w.watcher.close();
      await removeDir(w.site);
    }
  });

  it('reports a second save that comes soon after the first (chokidar drops it)', async () => {
    const w = await watchNewSite('dev-watcher-saves');
    open.push(w);
    const file = path.join(w.site, 'posts/2024-01-01-a.md');
    await writeFile(file, 'one\n');
    // chokidar's 50 ms window starts when it reports the first save: the second comes right after that.
    await waitUntil(() => w.seen.length > 0, 'the first save is reported');
    await writeFile(file, 'two\n');
    let read: string[] = [];
    await waitUntil(async () => (read = await texts(w)).includes('two\n'), 'the second save is reported', {
      detail: () => `reports read ${JSON.stringify(read)}`,
    });
    expect(await w.seen.at(-1)!.text).toBe('two\n');
    expect(w.seen.every((s) => s.change.kind === 'post' && s.change.relPath === 'posts/2024-01-01-a.md')).toBe(true);
  });

  it('ignores the output, hidden files, excluded folders and files outside the site folders', async () => {
    const w = await watchNewSite('dev-watcher-ignores');
    open.push(w);
    await writeFile(path.join(w.site, '_site/index.html'), 'changed');
    await writeFile(path.join(w.site, 'posts/.2024-01-01-a.md.swp'), 'swap');
    await writeFile(path.join(w.site, 'notes.md'), 'notes');
    await mkdir(path.join(w.site, 'cache'), { recursive: true });
    await writeFile(path.join(w.site, 'cache/x.md'), 'cached');
    // Markers, written last, in each watched folder that got an ignored write: a listing of the folder
    // that finds its marker finds the ignored file beside it, so once both are reported, the ignored
    // writes would have been too.
    await writeFile(path.join(w.site, 'inkstone.yml'), 'title: marker\n');
    await writeFile(path.join(w.site, 'posts/2024-02-01-b.md'), 'marker\n');
    const reported = (rel: string) => w.seen.some((s) => s.change.relPath === rel);
    await waitUntil(() => reported('inkstone.yml') && reported('posts/2024-02-01-b.md'), 'both markers are reported', {
      detail: () => `reported: ${paths(w)}`,
    });
    // And one more round of the watcher: a post written only now, after both markers were reported.
    await writeFile(path.join(w.site, 'posts/2024-03-01-c.md'), 'last\n');
    await waitUntil(() => reported('posts/2024-03-01-c.md'), 'the last post is reported', {
      detail: () => `reported: ${paths(w)}`,
    });
    // Each path as first reported (a marker read half-written is reported again once it is whole).
    const first = new Map<string, SiteChange>();
    for (const { change } of w.seen) if (!first.has(change.relPath)) first.set(change.relPath, change);
    expect([...first.values()].sort((a, b) => a.relPath.localeCompare(b.relPath))).toEqual([
      { kind: 'config', relPath: 'inkstone.yml', event: 'add' },
      { kind: 'post', relPath: 'posts/2024-02-01-b.md', event: 'add' },
      { kind: 'post', relPath: 'posts/2024-03-01-c.md', event: 'add' },
    ]);
    expect(w.errors).toEqual([]);
  });

  it('stops looking into a folder once exclude() names it (the output and caches are known after the first build)', async () => {
    const site = await writeSite('dev-watcher-exclude', { 'static/a.css': 'a\n', 'static/out/x.css': 'x\n' });
    const seen: SiteChange[] = [];
    let excluded: string[] = [];
    const watcher = watchSite(site, () => excluded, { change: (change) => seen.push(change), error: () => undefined });
    open.push({ site, watcher, seen: [], errors: [] });
    await watcher.ready;
    await writeFile(path.join(site, 'static/out/x.css'), 'x, before\n');
    await waitUntil(() => seen.some((c) => c.relPath === 'static/out/x.css'), 'a change in static/out/ is reported');
    excluded = [path.join(site, 'static', 'out')];
    watcher.excludeChanged();
    seen.length = 0;
    await writeFile(path.join(site, 'static/out/x.css'), 'x, after\n');
    // A marker beside the folder, written last: once it is reported, the excluded write would have been.
    await writeFile(path.join(site, 'static/a.css'), 'a, marker\n');
    await waitUntil(() => seen.some((c) => c.relPath === 'static/a.css'), 'the marker is reported');
    expect(seen.map((c) => c.relPath)).not.toContain('static/out/x.css');
  });
});
