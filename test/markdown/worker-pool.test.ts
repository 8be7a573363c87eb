import { cp } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { build } from '../../src/build.js';
import { workerCount } from '../../src/markdown/render-all.js';
import { removeDir, TEST_DIR, tempDir } from '../helpers/site.js';

describe('parallel rendering', () => {
  it('gives the example blog byte for byte the same with worker threads as without', async () => {
    const site = await tempDir('workers');
    try {
      await cp(path.join(TEST_DIR, '..', 'posts'), path.join(site, 'posts'), { recursive: true });
      await cp(path.join(TEST_DIR, '..', 'inkstone.yml'), path.join(site, 'inkstone.yml'));
      const config = { diagrams: { mode: 'client' as const } };
      const single = await build({ siteDir: site, write: false, cache: false, workers: 0, config });
      const pooled = await build({ siteDir: site, write: false, cache: false, workers: 2, config });
      expect(pooled.ok).toBe(true);
      expect(pooled.diagnostics).toEqual(single.diagnostics);
      expect(pooled.files.map((f) => f.outputPath)).toEqual(single.files.map((f) => f.outputPath));
      for (const [i, file] of pooled.files.entries())
        expect(Buffer.from(file.contents).equals(Buffer.from(single.files[i]!.contents)), file.outputPath).toBe(true);
    } finally {
      await removeDir(site);
    }
  }, 120_000);

  it('starts workers only when there is enough to render', () => {
    expect(workerCount(10, undefined, {}, 8)).toBe(0);
    expect(workerCount(500, undefined, {}, 2)).toBe(0);
    expect(workerCount(500, undefined, {}, 8)).toBe(7);
    expect(workerCount(50, 2, {})).toBe(2);
    expect(workerCount(20, 8, {})).toBe(2);
    expect(workerCount(500, undefined, { INKSTONE_WORKERS: '0' })).toBe(0);
    expect(workerCount(500, undefined, { INKSTONE_WORKERS: '3' })).toBe(3);
  });
});
