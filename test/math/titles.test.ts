/** Formulas in titles: readable text where HTML is not allowed, KaTeX where it is. */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { build } from '../../src/build.js';
import { titleText } from '../../src/markdown/math/title.js';
import { readOutput, removeDir, writeSite } from '../helpers/site.js';

describe('a post title with a formula', () => {
  it('reads as text in <title>, feeds and JSON-LD, and as KaTeX in the heading and the list', async () => {
    const site = await writeSite('math-title', {
      'inkstone.yml': 'url: https://blog.example/\n',
      'posts/a.md':
        '---\ntitle: Bounds on $\\boldsymbol{\\Sigma}_\\theta$ for $5\ndate: 2024-01-01\n---\nNo math in the body.\n',
    });
    try {
      const result = await build({ siteDir: site });
      expect(result.ok).toBe(true);
      const out = path.join(site, '_site');
      const page = await readOutput(out, '2024/01/a/index.html');
      expect(page).toContain('<title>Bounds on Σθ for $5 · My technical blog</title>');
      expect(page).toContain('"headline":"Bounds on Σθ for $5"');
      expect(page).toMatch(/<h1 class="post-title">Bounds on <span class="katex">[\s\S]*?<\/span> for \$5<\/h1>/);
      // The body has no math, but the heading does: KaTeX's stylesheet is linked and copied.
      expect(page).toContain('/assets/katex/katex.min.css');
      expect(result.files.some((f) => f.outputPath === 'assets/katex/katex.min.css')).toBe(true);
      expect(await readOutput(out, 'index.html')).toMatch(/<a href="\/2024\/01\/a\/">Bounds on <span class="katex">/);
      expect(await readOutput(out, 'feed.xml')).toContain('<title type="html"><![CDATA[Bounds on Σθ for $5]]></title>');
    } finally {
      await removeDir(site);
    }
  });

  it('keeps titles without formulas as they are', () => {
    expect(titleText('Prices rose $5 to $10')).toBe('Prices rose $5 to $10');
    expect(titleText('Plain')).toBe('Plain');
  });
});
