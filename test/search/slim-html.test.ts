import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import matter from 'gray-matter';
import { describe, expect, it } from 'vitest';
import { trimKnownMarkup } from '../../src/search/known-markup.js';
import { reduceParsed, slimHtml } from '../../src/search/slim-html.js';
import { createTestMarkdown } from '../helpers/markdown.js';
import { TEST_DIR } from '../helpers/site.js';

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

  it('gives exactly what parsing alone gives, for every post of the fixture sites and every formula of the math corpus', async () => {
    const markdown = await createTestMarkdown();
    const bodies: string[] = [];
    const sites = path.join(TEST_DIR, 'fixtures', 'sites');
    for (const site of await readdir(sites)) {
      const posts = await readdir(path.join(sites, site, 'posts')).catch(() => []);
      for (const name of posts.filter((n) => n.endsWith('.md')))
        bodies.push(matter(await readFile(path.join(sites, site, 'posts', name), 'utf8')).content);
    }
    const corpus = JSON.parse(
      await readFile(path.join(TEST_DIR, 'fixtures', 'math', 'fallback-corpus.json'), 'utf8'),
    ) as Array<{ tex: string; display: boolean }>;
    bodies.push(corpus.map((f) => (f.display ? `$$\n${f.tex}\n$$` : `Inline $${f.tex}$ here.`)).join('\n\n'));
    bodies.push(
      '```ts {linenos=table, hl_lines=[2]}\nconst a = 1;\nconst b = a < 2 && "x";\n```\n\n```diff\n+ added\n- removed\n```\n\nNote[^1] on $\\sum_{k=1}^n k = \\frac{n(n+1)}{2}$.\n\n$$\n\\int_0^1 x^2 \\, dx = \\tfrac13\n$$\n\n[^1]: A $x^2$ note.\n',
    );
    const htmls = await Promise.all(bodies.map(async (body) => (await markdown.render(body)).html));
    markdown.dispose();
    expect(htmls.length).toBeGreaterThan(20);
    for (const html of htmls) expect(slimHtml(html)).toBe(reduceParsed(html));
    // Not vacuous: the string searches took most of a technical post's markup away before the parser.
    const technical = htmls.at(-1)!;
    expect(technical).toContain('katex-html');
    expect(trimKnownMarkup(technical).length).toBeLessThan(technical.length / 3);
  });

  it('leaves to the parser raw HTML that only looks like what the renderers write', () => {
    const K = '<span class="katex-html" aria-hidden="true">';
    const lookalikes = [
      // A drawing that is not closed where KaTeX would close it, or holds other elements.
      '<p>a <span class="katex-html" aria-hidden="true">b <em>c</p><p>d</p>',
      '<span class="katex-html" aria-hidden="true"><span>x</span></div>after</span> tail',
      '<span class="katex-html" aria-hidden="true"><span/>x</span> tail',
      // MathML with a line break, a class, an annotation holding markup, annotation-xml, no end.
      '<math><mi>a</mi><br><annotation encoding="application/x-tex">a</annotation></math> b',
      '<math class="katex-html"><annotation>a</annotation></math> b',
      '<math><annotation>a <b>bold</b></annotation></math> b',
      '<math><annotation-xml encoding="MathML-Content"><ci>a</ci></annotation-xml><annotation>a</annotation></math>',
      '<p><math><annotation>a</annotation> unclosed</p><p>next</p>',
      // Code blocks with other elements, spans of another shape, a misnested block, a left-out class.
      '<pre class="shiki"><code><span title="a>b">x</span></code></pre>',
      '<pre class="shiki"><code><span class="line"><div>x</span>y</div></code></pre>',
      '<pre class="shiki"><code><span class="line"><a href="#x">x</a></span></code></pre>',
      '<pre class="shiki"><code><span class="footnote-ref">1</span>x</code></pre>',
      '<pre class="shiki"><code><span class="line">x</span>',
      // Found in review: markup the string searches would misread without the whole-tree check.
      `<textarea>${K}x</span></textarea>`,
      `<!-- ${K} --> visible </span>`,
      `<a title='${K}'>hello</span>`,
      `${K}<!-- </span> -->x</span>visible`,
      `${K}<i title="</span>">x</i></span>visible`,
      `${K}<SPAN>a</span>b</span>c`,
      `${K}<style></span></style>x</span>y`,
      `&am${K}x</span>p;`,
      `<${K}</span>b>visible`,
      `${K}<svg></span><div/>text`,
      '<math title="><annotation>leak</annotation>"><mi>a</mi></math>',
      '<!-- <math> --><p>visible</p><!-- </math> -->',
      '<p><math><mi>x</p>visible</math>',
      '<math><mi>a</mi></MATH>visible</math>',
      '<math><textarea><annotation>x</annotation></textarea></math>',
      '<math><title></math><p>visible</p></title></math>',
      '<math><!-- <annotation>x</annotation> --></math>',
      '<math><semantics><annotation class ="heading-link">x</annotation></semantics></math>',
      '<math CLASS="footnote-ref"><semantics><annotation>x</annotation></semantics></math>',
      '<math><SVG><annotation>x</annotation></SVG></math>',
      'a<math><BR></math>b',
      'a<math></br></math>b',
      '<math><MATH></math><annotation>x</annotation></math>',
      '<math><mtext></math><div/>text',
      `<pre class="shiki"><code class='<span>heading-link'>hello</code></pre>`,
      '<span><pre class="shiki"><code>a</span>b</code></pre>',
      '<pre class="shiki"><code>&am<span>p;</span></code></pre>',
      '<span><pre class="shiki"><code><span>a</span >b</code></pre></span>after',
    ];
    for (const html of lookalikes) expect(slimHtml(html), html).toBe(reduceParsed(html));
  });
});
