import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build } from '../../src/build.js';
import { readOutput, removeDir, writeSite } from '../helpers/site.js';

const KATEX = '/assets/katex/katex.min.css';
const COPY = '/assets/inkstone/copy-code.js';

// List pages load KaTeX and the copy script for what their excerpts show, as the markdown stage
// recorded it, not for what the posts hold further down.
describe('assets of list pages', () => {
  let site: string;
  beforeAll(async () => {
    site = await writeSite('list-assets', {
      'posts/2024-01-01-math-first.md':
        '---\ntitle: Math first\ntags: [math]\n---\nThe excerpt has $x^2$.\n\n<!--more-->\n\n```python\nprint(1)\n```\n',
      'posts/2024-01-02-code-first.md':
        '---\ntitle: Code first\ntags: [code]\n---\nThe excerpt has code:\n\n```python\nprint(2)\n```\n\n<!--more-->\n\nAnd $y$ later.\n',
      'posts/2024-01-03-math-later.md':
        '---\ntitle: Math later\ntags: [later]\n---\nPlain excerpt.\n\n<!--more-->\n\nThen $z$ and\n\n```js\nx()\n```\n',
    });
    const result = await build({ siteDir: site, cache: false, workers: 0 });
    expect(result.diagnostics).toEqual([]);
  });
  afterAll(() => removeDir(site));

  const loads = async (page: string) => {
    const html = await readOutput(site, `_site/${page}`);
    return { katex: html.includes(KATEX), copy: html.includes(COPY) };
  };

  it('loads KaTeX on a list page whose excerpt has math, and the copy script when an excerpt has code', async () => {
    expect(await loads('tags/math/index.html')).toEqual({ katex: true, copy: false });
    expect(await loads('tags/code/index.html')).toEqual({ katex: false, copy: true });
    expect(await loads('index.html')).toEqual({ katex: true, copy: true });
  });

  it('loads neither for a post whose math and code come after its excerpt, though its own page loads both', async () => {
    expect(await loads('tags/later/index.html')).toEqual({ katex: false, copy: false });
    expect(await loads('2024/01/math-later/index.html')).toEqual({ katex: true, copy: true });
  });
});
