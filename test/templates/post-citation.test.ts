/**
 * "Cite this post" (al-folio's `citation: true`): the reference and the BibTeX entry under the post,
 * from its title, authors, date, the site's title and the post's absolute URL, in both themes.
 */
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { build } from '../../src/build.js';
import { readOutput, removeDir, writeSite } from '../helpers/site.js';

const sites: string[] = [];
afterAll(() => Promise.all(sites.map(removeDir)));

describe('cite this post', () => {
  it.each(['default', 'paper'])('shows the reference and a BibTeX entry in the %s theme', async (theme) => {
    const site = await writeSite(`cite-post-${theme}`, {
      'inkstone.yml': `title: Notes & Proofs\nauthor: Ada Example\nurl: https://notes.example/\ntheme: ${theme}\n`,
      'posts/2024-03-05-gaps.md':
        '---\ntitle: "Spectral gaps, 100% explained"\ncitation: true\nauthors:\n  - name: Ada Example\n  - name: Grace Hopper\n  - Alan Turing\n---\nBody.\n',
      'posts/2024-03-06-plain.md': '---\ntitle: Plain\n---\nBody.\n',
    });
    sites.push(site);
    const result = await build({ siteDir: site });
    expect(result.ok).toBe(true);
    const page = await readOutput(path.join(site, '_site'), '2024/03/gaps/index.html');
    expect(page).toContain(
      '<p class="cite-post-reference">Ada Example, Grace Hopper, and Alan Turing, &quot;Spectral gaps, 100% explained&quot;, Notes &amp; Proofs, 2024.</p>',
    );
    expect(page).toContain(
      [
        '<code>@article{example2024spectral,',
        // Nunjucks writes the backslash as a character reference, which the page shows as "\\".
        '  title   = {Spectral gaps, 100&#92;% explained},',
        '  author  = {Ada Example and Grace Hopper and Alan Turing},',
        '  journal = {Notes &#92;&amp; Proofs},',
        '  year    = {2024},',
        '  url     = {https://notes.example/2024/03/gaps/}',
        '}</code>',
      ].join('\n'),
    );
    expect(await readOutput(path.join(site, '_site'), '2024/03/plain/index.html')).not.toContain('cite-post');
  });

  it("uses the site's author when the post names none", async () => {
    const site = await writeSite('cite-post-site-author', {
      'inkstone.yml': 'title: Blog\nauthor: Ada Example\n',
      'posts/2024-03-05-x.md': '---\ntitle: On queues\ncitation: true\n---\nBody.\n',
    });
    sites.push(site);
    await build({ siteDir: site });
    const page = await readOutput(path.join(site, '_site'), '2024/03/x/index.html');
    expect(page).toContain('<p class="cite-post-reference">Ada Example, &quot;On queues&quot;, Blog, 2024.</p>');
    expect(page).toContain('@article{example2024queues,');
    expect(page).toContain('  url     = {/2024/03/x/}');
  });
});
