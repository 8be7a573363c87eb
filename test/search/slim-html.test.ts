import { describe, expect, it } from 'vitest';
import { slimHtml } from '../../src/search/slim-html.js';
import { createTestMarkdown } from '../helpers/markdown.js';

describe('slimHtml', () => {
  it('keeps text, blocks and headings with their ids, and leaves out drawings, marks and links of its own', () => {
    const html = [
      '<div class="section-heading"><h2 id="wrap">Wrapping <code>x</code></h2><a class="heading-link" href="#wrap">#</a></div>',
      '<p>The <em>last</em> <span class="katex"><span class="katex-mathml"><math><semantics><mi>n</mi>',
      '<annotation encoding="application/x-tex">n</annotation></semantics></math></span>',
      '<span class="katex-html" aria-hidden="true"><span class="mord">n</span></span></span> items.',
      '<sup class="footnote-ref"><a href="#fn1">1</a></sup></p>',
      '<figure class="diagram"><svg><text>A</text></svg><svg><text>A</text></svg></figure>',
      '<pre class="shiki"><code><span class="line"><span style="--shiki-light:#000">let</span> a = 1 &lt; 2;</span>\n<span class="line">b<br>c</span></code></pre>',
      '<ul><li>one <img src="x.png" alt="x"> two</li><li>three &amp; four</li></ul>',
      '<script>alert(1)</script><a class="footnote-backref" href="#r">↩</a>',
    ].join('');
    expect(slimHtml(html)).toBe(
      '<div><h2 id="wrap">Wrapping x</h2></div>' +
        '<p>The last  n  items.</p>' +
        '<div></div>' +
        '<pre>let a = 1 &lt; 2;\nb c</pre>' +
        '<div><div>one  two</div><div>three &amp; four</div></div>',
    );
  });

  it('keeps the words, the TeX and the code of a rendered technical post, and none of its styling', async () => {
    const markdown = await createTestMarkdown();
    const { html } = await markdown.render('## Sums\n\nSum $\\sum_i x_i$ here.\n\n```js\nconst a = [1, 2];\n```\n');
    markdown.dispose();
    const slim = slimHtml(html);
    expect(slim).toContain('Sum  \\sum_i x_i  here.');
    expect(slim).toContain('<pre>const a = [1, 2];</pre>');
    expect(slim).not.toContain('style=');
  });
});
