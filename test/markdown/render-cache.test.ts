import { readdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build } from '../../src/build.js';
import { createDevSession } from '../../src/dev/session.js';
import { removeDir, writeSite } from '../helpers/site.js';

const post = (n: number) =>
  `---\ntitle: Post ${n}\n---\n\nSome $x_${n}$ and code:\n\n\`\`\`python\nprint(${n})\n\`\`\`\n\n\`\`\`nolang\nx\n\`\`\`\n`;

describe('the render cache', () => {
  let site: string;
  beforeAll(async () => {
    site = await writeSite('render-cache', {
      'posts/2024-01-01-a.md': post(1),
      'posts/2024-01-02-b.md': post(2),
      'posts/2024-01-03-c.md': post(3),
    });
  });
  afterAll(() => removeDir(site));

  it('renders nothing on a build with nothing changed, and gives the same bytes and diagnostics', async () => {
    const first = await build({ siteDir: site, write: false });
    expect(first.markdown).toEqual({ cached: 0, rendered: 3 });
    const second = await build({ siteDir: site, write: false });
    expect(second.markdown).toEqual({ cached: 3, rendered: 0 });
    expect(second.diagnostics).toEqual(first.diagnostics);
    expect(second.diagnostics[0]!.sourceText).toBe(post(1));
    expect(second.files.map((f) => [f.outputPath, String(f.contents)])).toEqual(
      first.files.map((f) => [f.outputPath, String(f.contents)]),
    );
    expect((await readdir(path.join(site, '.inkstone-cache', 'render'))).length).toBeGreaterThan(0);
  });

  it('renders again only the post that changed, and everything when the configuration changes', async () => {
    await build({ siteDir: site, write: false });
    await writeFile(path.join(site, 'posts', '2024-01-02-b.md'), post(2).replace('Some', 'Other'));
    const edited = await build({ siteDir: site, write: false });
    expect(edited.markdown).toEqual({ cached: 2, rendered: 1 });
    expect(String(edited.files.find((f) => f.outputPath === '2024/01/b/index.html')?.contents)).toContain(
      '<p>Other <span class="katex">',
    );
    const reconfigured = await build({
      siteDir: site,
      write: false,
      config: { markdown: { typographer: true, linkify: true } },
    });
    expect(reconfigured.markdown).toEqual({ cached: 0, rendered: 3 });
  });

  it("is shared with the dev server: each reads what the other stored (a build's pack, the server's files)", async () => {
    await build({ siteDir: site, write: false });
    const reading = createDevSession({ siteDir: site });
    try {
      expect((await reading.rebuild('full')).postsRendered).toBe(0);
    } finally {
      reading.close();
    }
    await writeFile(path.join(site, 'posts', '2024-01-03-c.md'), post(3).replace('Some', 'Served'));
    const storing = createDevSession({ siteDir: site });
    try {
      expect((await storing.rebuild('full')).postsRendered).toBe(1);
    } finally {
      storing.close();
    }
    expect((await build({ siteDir: site, write: false })).markdown).toEqual({ cached: 3, rendered: 0 });
  });

  it('is skipped with cache: false (--no-cache)', async () => {
    const result = await build({ siteDir: site, write: false, cache: false });
    expect(result.markdown).toEqual({ cached: 0, rendered: 3 });
  });
});
