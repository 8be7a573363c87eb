/**
 * al-folio's `redirect:` (and jekyll-redirect-from's `redirect_to:`): the post's page sends readers to
 * another address, lists link straight there, the sitemap leaves it out, and a script address is refused.
 */
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build } from '../../src/build.js';
import { formatDiagnosticHeader } from '../../src/core/diagnostics.js';
import { readOutput, removeDir, writeSite } from '../helpers/site.js';

describe('posts that redirect', () => {
  let site: string;
  let result: Awaited<ReturnType<typeof build>>;
  beforeAll(async () => {
    site = await writeSite('redirect-posts', {
      '_config.yml': 'title: J\nurl: https://blog.example\n',
      '_posts/2024-01-01-talk.md': '---\ntitle: My talk\nredirect: https://talks.example/2024/slides\n---\n',
      '_posts/2024-01-02-paper.md': '---\ntitle: The paper\nredirect_to: /assets/pdf/paper.pdf\n---\n',
      '_posts/2024-01-03-plain.md': '---\ntitle: Plain\n---\nText.\n',
      'assets/pdf/paper.pdf': '%PDF-1.4\n',
    });
    result = await build({ siteDir: site });
  });
  afterAll(() => removeDir(site));

  it("write a redirect page at the post's URL", async () => {
    expect(result.diagnostics.map((d) => formatDiagnosticHeader(d))).toEqual([]);
    const talk = await readOutput(path.join(site, '_site'), '2024/01/01/talk.html');
    expect(talk).toContain('<meta http-equiv="refresh" content="0; url=https://talks.example/2024/slides">');
    expect(talk).toContain('<link rel="canonical" href="https://talks.example/2024/slides">');
    const paper = await readOutput(path.join(site, '_site'), '2024/01/02/paper.html');
    expect(paper).toContain('<meta http-equiv="refresh" content="0; url=/assets/pdf/paper.pdf">');
    expect(paper).toContain('<link rel="canonical" href="https://blog.example/assets/pdf/paper.pdf">');
  });

  it('are linked to their target from lists, and left out of the sitemap', async () => {
    const home = await readOutput(path.join(site, '_site'), 'index.html');
    expect(home).toContain('<a href="https://talks.example/2024/slides">My talk</a>');
    expect(home).toContain('<a href="/assets/pdf/paper.pdf">The paper</a>');
    expect(home).toContain('<a href="/2024/01/03/plain.html">Plain</a>');
    const sitemap = await readOutput(path.join(site, '_site'), 'sitemap.xml');
    expect(sitemap).toContain('/2024/01/03/plain.html');
    expect(sitemap).not.toMatch(/talk\.html|paper\.html/);
  });

  it('refuse an address that is not http(s) or a site path', async () => {
    const bad = await writeSite('redirect-bad', {
      '_config.yml': 'title: J\n',
      '_posts/2024-01-01-x.md': '---\ntitle: X\nredirect: javascript:alert(1)\n---\n',
    });
    const built = await build({ siteDir: bad, write: false });
    await removeDir(bad);
    expect(built.ok).toBe(false);
    expect(built.diagnostics.map((d) => formatDiagnosticHeader(d))).toEqual([
      '_posts/2024-01-01-x.md:3:11 error[permalink] front matter field "redirect": expected an http(s) URL or a site path starting with "/", got "javascript:alert(1)"',
    ]);
  });
});
