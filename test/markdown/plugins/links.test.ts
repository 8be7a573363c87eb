/**
 * Links: every link and image target of a post is recorded (for `inkstone check`); site paths get the
 * site's base path; with `markdown.id_prefix`, `#id` links to the post's headings follow the prefixed id.
 * Raw HTML is left as written, and kramdown posts keep their links as written.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestMarkdown, type TestMarkdown } from '../../helpers/markdown.js';

const IMG = 'loading="lazy" decoding="async"';

describe('links of a site at the domain root', () => {
  let md: TestMarkdown;
  beforeAll(async () => {
    md = await createTestMarkdown();
  });
  afterAll(() => md.dispose());

  it('are recorded in order, images, autolinks and reference links included, and left as written', async () => {
    const result = await md.render(
      '[a](/x/) ![img](pic.png) https://example.org [ref][r] <a href="/raw/">raw</a>\n\n[r]: ../ref/ "T"\n',
    );
    expect(result.html).toBe(
      `<p><a href="/x/">a</a> <img src="pic.png" alt="img" ${IMG}> <a href="https://example.org">https://example.org</a> <a href="../ref/" title="T">ref</a> <a href="/raw/">raw</a></p>\n`,
    );
    expect(result.links).toEqual(['/x/', 'pic.png', 'https://example.org', '../ref/']);
  });

  it('record the destination as markdown-it normalised it, and skip empty ones', async () => {
    const result = await md.render('[a](<has space>) [b]()\n');
    expect(result.html).toBe('<p><a href="has%20space">a</a> <a href="">b</a></p>\n');
    expect(result.links).toEqual(['has%20space']);
  });
});

describe('links of a site under a base path', () => {
  let md: TestMarkdown;
  beforeAll(async () => {
    md = await createTestMarkdown({ url: 'https://example.org/blog/' });
  });
  afterAll(() => md.dispose());

  it('prefix site paths only, and record them without the prefix', async () => {
    const result = await md.render(
      '[post](/2024/01/x/) [rel](../y/) [abs](https://a.example/p) [cdn](//cdn.example/x.js) [top](#top) [mail](mailto:a@b.c)\n',
    );
    expect(result.html).toBe(
      '<p><a href="/blog/2024/01/x/">post</a> <a href="../y/">rel</a> <a href="https://a.example/p">abs</a> <a href="//cdn.example/x.js">cdn</a> <a href="#top">top</a> <a href="mailto:a@b.c">mail</a></p>\n',
    );
    expect(result.links).toEqual([
      '/2024/01/x/',
      '../y/',
      'https://a.example/p',
      '//cdn.example/x.js',
      '#top',
      'mailto:a@b.c',
    ]);
  });

  it('leave paths that already start with the base path, but not paths that merely share its letters', async () => {
    const { html } = await md.render('[in](/blog/z/) [other](/blogger/)\n');
    expect(html).toBe('<p><a href="/blog/z/">in</a> <a href="/blog/blogger/">other</a></p>\n');
  });

  it('prefix image sources and reference links, and leave raw HTML alone', async () => {
    const { html } = await md.render('![pic](/img/a.png) [ref][r] <a href="/raw/">raw</a>\n\n[r]: /ref/\n');
    expect(html).toBe(
      `<p><img src="/blog/img/a.png" alt="pic" ${IMG}> <a href="/blog/ref/">ref</a> <a href="/raw/">raw</a></p>\n`,
    );
  });

  it('are never prefixed in kramdown posts, which add the base path themselves', async () => {
    const kramdown = await createTestMarkdown({ url: 'https://example.org/blog/' }, { profile: 'kramdown' });
    try {
      const result = await kramdown.render('[post](/2024/01/x/) ![pic](/img/a.png)\n');
      expect(result.html).toBe(`<p><a href="/2024/01/x/">post</a> <img src="/img/a.png" alt="pic" ${IMG}></p>\n`);
      expect(result.links).toEqual(['/2024/01/x/', '/img/a.png']);
    } finally {
      kramdown.dispose();
    }
  });
});

describe('fragment links with markdown.id_prefix', () => {
  it("follow the post's prefixed heading ids, and leave other fragments alone", async () => {
    const md = await createTestMarkdown({ markdown: { id_prefix: 'p-' } });
    try {
      const result = await md.render('# Intro\n\nSee [intro](#intro), [gone](#nope) and [page](/x/#intro).\n');
      expect(result.html).toBe(
        '<div class="section-heading"><h1 id="p-intro">Intro</h1>\n<a class="heading-link" href="#p-intro" aria-label="Link to the section Intro">#</a></div>\n' +
          '<p>See <a href="#p-intro">intro</a>, <a href="#nope">gone</a> and <a href="/x/#intro">page</a>.</p>\n',
      );
      expect(result.links).toEqual(['#p-intro', '#nope', '/x/#intro']);
    } finally {
      md.dispose();
    }
  });
});
