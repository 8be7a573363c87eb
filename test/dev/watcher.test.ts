import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { SiteChange } from '../../src/dev/changes.js';
import { watchSite, type SiteWatcher } from '../../src/dev/watcher.js';
import { removeDir, writeSite } from '../helpers/site.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

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

describe('the site watcher', () => {
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
    await sleep(20);
    await writeFile(file, 'two\n');
    for (let i = 0; i < 100 && !(await Promise.all(w.seen.map((s) => s.text))).includes('two\n'); i++) await sleep(20);
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
    // The marker is written last: once it is reported, the ignored writes (made before it) would have been too.
    await writeFile(path.join(w.site, 'posts/2024-02-01-b.md'), 'marker\n');
    for (let i = 0; i < 100 && w.seen.length === 0; i++) await sleep(20);
    await sleep(150);
    expect(w.seen.map((s) => s.change)).toEqual([{ kind: 'post', relPath: 'posts/2024-02-01-b.md', event: 'add' }]);
    expect(w.errors).toEqual([]);
  });
});
