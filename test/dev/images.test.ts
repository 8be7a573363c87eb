/**
 * Images in the dev server: local images get their sizes and lazy loading as in a build, the originals
 * are served (no variants are encoded while the author waits for a reload), and a file that is not an
 * image is a warning at the post's line.
 */
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatDiagnosticHeader } from '../../src/core/diagnostics.js';
import { createDevSession } from '../../src/dev/session.js';
import { drawnImage } from '../helpers/images.js';
import { removeDir, writeSite } from '../helpers/site.js';

const POST = 'posts/2024-05-01-chart.md';

describe('the dev session and images', () => {
  let site: string;
  beforeAll(async () => {
    site = await writeSite('dev-images', {
      'inkstone.yml': 'title: Dev images\nurl: /blog/\nsearch: false\n',
      [POST]: '---\ntitle: Chart\n---\nThe chart:\n\n![Chart](chart.png)\n',
    });
    await writeFile(path.join(site, 'posts/chart.png'), await drawnImage(200, 120));
    await writeFile(path.join(site, 'posts/broken.png'), 'not an image');
  });
  afterAll(() => removeDir(site));

  it('gives images their sizes without variants, and warns about a file that is not an image', async () => {
    const session = createDevSession({ siteDir: site, cache: false });
    try {
      expect((await session.rebuild('full')).ok).toBe(true);
      const page = String(session.served().get('2024/05/chart/index.html')!.contents);
      expect(page).toContain(
        '<p><img src="chart.png" alt="Chart" loading="lazy" decoding="async" width="200" height="120"></p>',
      );
      expect(page).not.toContain('<picture>');
      expect([...session.served().keys()].filter((p) => p.startsWith('assets/inkstone/img/'))).toEqual([]);

      await writeFile(
        path.join(site, POST),
        '---\ntitle: Chart\n---\nThe chart:\n\n![Chart](chart.png) ![Broken](broken.png)\n',
      );
      const report = await session.rebuild([{ kind: 'post', relPath: POST, event: 'change' }]);
      expect(report.diagnostics.map((d) => formatDiagnosticHeader(d))).toEqual([
        'posts/2024-05-01-chart.md:6:31 warning[image] image posts/broken.png cannot be read: it is not an image file inkstone knows (PNG, JPEG, WebP, AVIF, TIFF, GIF, SVG, BMP, ICO); the page shows the file as it is',
      ]);
    } finally {
      session.close();
    }
  });
});
