/**
 * The raw-HTML policy (`markdown.html: allow | sanitize | escape`) and heading id prefixes
 * (`markdown.id_prefix`, kramdown's `auto_id_prefix`): what readers get from an author's HTML in each
 * mode, through every path into a page (raw blocks and spans, attribute lists, link destinations,
 * Liquid output, the feed), in native and kramdown posts alike.
 */
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build } from '../../src/build.js';
import { runCli } from '../../src/cli/main.js';
import type { MarkdownProfile } from '../../src/types.js';
import { createTestMarkdown, type TestMarkdown } from '../helpers/markdown.js';
import { readOutput, removeDir, writeSite } from '../helpers/site.js';

const HOSTILE = `# Head

<div class="note" onclick="alert(1)" style="color: red; position: fixed; background: url(javascript:alert(2))">

Some *markdown* inside.

</div>

Outside: $x^2$.

Inline <span onmouseover="alert(4)">span</span>, <script>alert(5)</script> and <img src=x onerror="alert(6)">.

<script>
alert(7)
</script>

<a href="javascript:alert(8)">a</a> <a href="/ok" title="t">ok</a> <a href="data:text/html,<script>alert(10)</script>">d</a>

<iframe src="https://evil.example/"></iframe><object data="x.swf"></object><form action="/x"><input name="q"></form>

<svg><script>alert(11)</script></svg> <math><mi xlink:href="javascript:alert(12)">x</mi></math>

<img src="ok.png" alt="fine" width="10"> <style>body { display: none }</style>

[k](/ok){: href="javascript:alert(9)" style="position: fixed; color: blue"} [j](javascript:alert(13))

\`\`\`js
const x = "<script>";
\`\`\`

Footnote[^1].

[^1]: The note.
`;

/** Every start tag of `html`, for assertions on attributes (escaped text has no `<`). */
function startTags(html: string): string[] {
  return html.match(/<[a-zA-Z][^>]*>/g) ?? [];
}

/** What must never reach a reader in `sanitize` and `escape` modes. */
function expectNoScript(html: string): void {
  const tags = startTags(html);
  expect(
    tags.filter(
      (t) =>
        /^<(script|iframe|object|embed|form|input|style|svg|math|base|meta|link)\b/i.test(t) &&
        !/class="katex|xmlns="http:\/\/www.w3.org\/1998\/Math\/MathML"/.test(t),
    ),
  ).toEqual([]);
  expect(tags.filter((t) => /\son[a-z]+\s*=/i.test(t))).toEqual([]);
  expect(tags.filter((t) => /=\s*["']?\s*(javascript|vbscript|data:text)/i.test(t))).toEqual([]);
  expect(tags.filter((t) => /position|url\(|expression\(/i.test(t))).toEqual([]);
}

describe.each<MarkdownProfile>(['native', 'kramdown'])('raw HTML in %s posts', (profile) => {
  const renderers: Partial<Record<'allow' | 'sanitize' | 'escape', TestMarkdown>> = {};
  beforeAll(async () => {
    for (const mode of ['allow', 'sanitize', 'escape'] as const)
      renderers[mode] = await createTestMarkdown({ markdown: { html: mode } }, { profile });
  });
  afterAll(() => {
    for (const r of Object.values(renderers)) r.dispose();
  });

  it("allow (the default) writes the author's HTML as written", async () => {
    const { html } = await renderers.allow!.render(HOSTILE);
    expect(html).toContain('<div class="note" onclick="alert(1)"');
    expect(html).toContain('<script>\nalert(7)\n</script>');
  });

  it('sanitize removes script, handlers, script addresses, frames, forms and style tricks, and keeps the rest', async () => {
    const { html, feedHtml } = await renderers.sanitize!.render(HOSTILE);
    expectNoScript(html);
    expectNoScript(feedHtml);
    // Safe markup and safe declarations stay.
    expect(html).toContain('<div class="note" style="color:red">');
    expect(html).toContain('<span>span</span>');
    expect(html).toContain('<a href="/ok" title="t">ok</a>');
    expect(html).toContain('<img src="ok.png" alt="fine" width="10" />');
    // What inkstone renders is untouched: the formula, the highlighted code, the footnotes, the heading id.
    expect(html).toContain('<annotation encoding="application/x-tex">x^2</annotation>');
    expect(html).toContain('<span style="color:#D73A49;--shiki-dark:#F97583">const</span>');
    expect(html).toMatch(/<li id="fn(:)?1"/);
    expect(html).toContain('<h1 id="head">Head</h1>');
    // The attribute list keeps its allowed style only.
    expect(html).toMatch(/<a href="\/ok" style="color:blue">k<\/a>/);
  });

  it("escape shows the author's HTML as text", async () => {
    const { html } = await renderers.escape!.render(HOSTILE);
    expectNoScript(html);
    expect(html).toContain('&lt;script&gt;alert(5)&lt;/script&gt;');
    expect(html).toContain('&lt;span onmouseover=&quot;alert(4)&quot;&gt;span&lt;/span&gt;');
    expect(html).toContain('<p>&lt;script&gt;\nalert(7)\n&lt;/script&gt;</p>');
  });

  it('sanitize keeps a rendered piece out of any tag the author left open', async () => {
    const { html } = await renderers.sanitize!.render('<div title="\n\n[x](/y "onmouseover=alert(1) x=")\n');
    expectNoScript(html);
  });

  it('marks cannot be forged from content', async () => {
    const forged = 'a \uE000x\uE002 <img src=x onerror=alert(1)> \uE003x:0\uE004 b\n';
    const { html } = await renderers.sanitize!.render(forged);
    expectNoScript(html);
  });
});

describe('markdown.html in a site', () => {
  const sites: string[] = [];
  afterAll(() => Promise.all(sites.map(removeDir)));

  it('html: false builds and escapes raw HTML; html: true writes it', async () => {
    for (const [value, expected] of [
      ['false', '&lt;b onclick=&quot;x()&quot;&gt;bold&lt;/b&gt;'],
      ['true', '<b onclick="x()">bold</b>'],
    ] as const) {
      const site = await writeSite(`html-${value}`, {
        'inkstone.yml': `title: T\nmarkdown:\n  html: ${value}\n`,
        'posts/a.md': '---\ntitle: A\ndate: 2024-01-01\n---\nSome <b onclick="x()">bold</b> text.\n',
      });
      sites.push(site);
      const code = await runCli(['build', site, '--quiet'], {
        stdout: { write: () => true },
        stderr: { write: () => true },
      });
      expect(code).toBe(0);
      expect(await readOutput(path.join(site, '_site'), '2024/01/a/index.html')).toContain(expected);
    }
  });

  it('an unknown mode is an error naming the choices', async () => {
    const site = await writeSite('html-bad', {
      'inkstone.yml': 'markdown:\n  html: maybe\n',
      'posts/a.md': '---\ntitle: A\ndate: 2024-01-01\n---\nx\n',
    });
    sites.push(site);
    await expect(build({ siteDir: site })).rejects.toThrow(
      'setting "markdown.html": Invalid option: expected one of "allow"|"sanitize"|"escape"|"omit", got the string "maybe"',
    );
  });

  it('sanitize reaches Liquid output in Jekyll posts', async () => {
    const site = await writeSite('html-liquid', {
      '_config.yml': 'title: J\n',
      'inkstone.yml': 'markdown:\n  html: sanitize\n',
      '_posts/2024-01-01-a.md':
        '---\ntitle: A\n---\n{% assign evil = \'<img src="x" onerror="alert(1)">\' %}Value: {{ evil }} and {{ page.title }}.\n',
    });
    sites.push(site);
    const result = await build({ siteDir: site });
    expect(result.ok).toBe(true);
    const page = await readOutput(path.join(site, '_site'), '2024/01/a/index.html');
    expect(page).toContain('Value: <img src="x" /> and A.');
    expect(page).not.toContain('onerror');
  });
});

describe('heading id prefixes', () => {
  it("markdown.id_prefix prefixes every heading id and the post's own links to them", async () => {
    for (const profile of ['native', 'kramdown'] as const) {
      const md = await createTestMarkdown({ markdown: { id_prefix: 'h-' } }, { profile });
      const { html, toc } = await md.render(
        '# Search\n\n## Mine {#theme-toggle}\n\n[up](#search) [other](#elsewhere)\n',
      );
      md.dispose();
      expect(html).toContain('<h1 id="h-search">');
      expect(html).toContain('<h2 id="h-theme-toggle">');
      expect(html).toContain('<a href="#h-search">up</a> <a href="#elsewhere">other</a>');
      expect(toc.map((e) => e.id)).toEqual(['h-search', 'h-theme-toggle']);
    }
  });

  it('an id_prefix that is not a valid id start is an error', async () => {
    const site = await writeSite('id-prefix-bad', {
      'inkstone.yml': 'markdown:\n  id_prefix: "1 x"\n',
      'posts/a.md': '---\ntitle: A\ndate: 2024-01-01\n---\nx\n',
    });
    await expect(build({ siteDir: site })).rejects.toThrow(
      'setting "markdown.id_prefix": a letter, then letters, digits, "_", ":", "." and "-", got the string "1 x"',
    );
    await removeDir(site);
  });
});
