/**
 * Hostile input, round two (issue 14), the parts done so far: no script reaches feed readers from a
 * title or a tag, every feed stays well-formed XML for a strict parser, and attribute lists never add
 * event handlers or script addresses, in native and kramdown posts alike.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { SaxesParser } from 'saxes';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build } from '../../src/build.js';
import { checkFeeds } from '../../src/check/feeds.js';
import { checkSite } from '../../src/check/run.js';
import { formatDiagnostic, formatDiagnosticHeader } from '../../src/core/diagnostics.js';
import { createTestMarkdown, type TestMarkdown } from '../helpers/markdown.js';
import { normaliseHtml } from '../kramdown/normalise.js';
import { serveDirectory } from '../helpers/serve.js';
import { readOutput, removeDir, writeSite } from '../helpers/site.js';

describe('feeds from a hostile title and tag', () => {
  let site: string;
  let result: Awaited<ReturnType<typeof build>>;
  beforeAll(async () => {
    site = await writeSite('hostile-feeds', {
      'inkstone.yml': 'url: https://blog.example/\n',
      'posts/a.md':
        '---\ntitle: "</title><script>alert(1)</script> & ]]> co"\ndescription: "<img src=x onerror=alert(3)>"\ndate: 2024-01-01\ntags: [\'"><script>alert(2)</script>\', ok]\n---\nBody.\n',
    });
    result = await build({ siteDir: site });
  });
  afterAll(() => removeDir(site));

  it('escapes Atom titles and summaries, which feed readers render as HTML', async () => {
    expect(result.ok).toBe(true);
    const atom = await readOutput(path.join(site, '_site'), 'feed.xml');
    expect(atom).toContain(
      '<title type="html"><![CDATA[&lt;/title&gt;&lt;script&gt;alert(1)&lt;/script&gt; &amp; ]]&gt; co]]></title>',
    );
    expect(atom).toContain('<summary type="html"><![CDATA[&lt;img src=x onerror=alert(3)&gt;]]></summary>');
    expect(atom).not.toMatch(/<script>|<img src=x/);
  });

  it('keeps every feed well-formed XML, the categories included', async () => {
    const atom = await readOutput(path.join(site, '_site'), 'feed.xml');
    expect(atom).toContain(
      '<category label="&quot;&gt;&lt;script&gt;alert(2)&lt;/script&gt;" term="&quot;&gt;&lt;script&gt;alert(2)&lt;/script&gt;"/>',
    );
    const feeds = result.files.filter((f) => /(^|\/)(feed\.xml|rss\.xml|feed\.json|sitemap\.xml)$/.test(f.outputPath));
    expect(feeds.length).toBeGreaterThanOrEqual(5);
    expect(checkFeeds(feeds, result.routes)).toEqual([]);
  });

  it('has inkstone check find a raw < in an attribute, as a strict XML parser does', () => {
    const broken =
      '<?xml version="1.0" encoding="utf-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom"><category label="&quot;><script>alert(2)</script>" term="x"/></feed>\n';
    const route = { kind: 'feed', url: '/feed.xml', outputPath: 'feed.xml', format: 'atom' } as const;
    expect(
      checkFeeds([{ outputPath: 'feed.xml', contents: broken, from: 'test' }], [route]).map((d) => d.message),
    ).toEqual(['not well-formed XML: disallowed character. (line 2)']);
  });
});

/** The first error a strict XML parser (saxes, as `inkstone check` and feed readers) finds in `xml`. */
function strictXmlError(xml: string): string | undefined {
  const parser = new SaxesParser();
  let found: string | undefined;
  parser.on('error', (error) => {
    found ??= error.message;
  });
  try {
    parser.write(xml).close();
  } catch {
    // saxes throws after the error handler when it cannot go on.
  }
  return found;
}

describe('feeds from characters XML forbids', () => {
  let site: string;
  let result: Awaited<ReturnType<typeof build>>;
  beforeAll(async () => {
    site = await writeSite('xml-forbidden', {
      // YAML escapes make U+FFFE and a C0 control in the site title, which no post scan sees.
      'inkstone.yml': 'url: https://blog.example/\ntitle: "Site\\uFFFE\\x01 title"\n',
      'posts/a.md': [
        '---',
        'title: "Non\uFFFEcharacter ]]> and ]]> again"',
        'date: 2024-01-01',
        'tags:',
        '  - ok',
        '  - "t\uFFFEg"',
        '  - "esc\\uFFFF\\uD800aped"',
        '---',
        'Body with \uFFFE, U+10FFFF \u{10FFFF} and <!-- ]]> twice ]]> --> a comment.',
        '',
      ].join('\n'),
    });
    result = await build({ siteDir: site });
  });
  afterAll(() => removeDir(site));

  it('removes them from the post, with a warning at the first one and at the escaped field', () => {
    expect(result.ok).toBe(true);
    expect(result.diagnostics.map((d) => formatDiagnosticHeader(d))).toEqual([
      'posts/a.md:2:12 warning[characters] noncharacter U+FFFE removed (and 3 more in this file): it is not text, and XML (so every feed) does not allow it',
      'posts/a.md:7:5 warning[characters] front matter field "tags[2]" holds noncharacter U+FFFF, removed: it is not text, and XML (so every feed) does not allow it',
    ]);
  });

  it('writes every feed as XML a strict parser accepts', async () => {
    const feeds = result.files.filter((f) => /(^|\/)(feed\.xml|rss\.xml|sitemap\.xml)$/.test(f.outputPath));
    expect(feeds.map((f) => f.outputPath).sort()).toEqual([
      'feed.xml',
      'rss.xml',
      'sitemap.xml',
      'tags/escaped/feed.xml',
      'tags/ok/feed.xml',
      'tags/tg/feed.xml',
    ]);
    for (const feed of feeds) expect(strictXmlError(String(feed.contents)), feed.outputPath).toBeUndefined();
    expect(checkFeeds(result.files, result.routes)).toEqual([]);
    const rss = await readOutput(path.join(site, '_site'), 'rss.xml');
    expect(rss).toContain('<title>Site title</title>');
    // Every "]]>" splits the CDATA, not only the first.
    expect(rss).toContain('<title><![CDATA[Noncharacter ]]]]><![CDATA[> and ]]]]><![CDATA[> again]]></title>');
    expect(rss).toContain('<p>Body with , U+10FFFF  and <!-- ]]]]><![CDATA[> twice ]]]]><![CDATA[> --> a comment.</p>');
    expect(rss).toContain('<category>escaped</category>');
  });
});

describe('attribute lists', () => {
  let native: TestMarkdown;
  let kramdown: TestMarkdown;
  beforeAll(async () => {
    native = await createTestMarkdown();
    kramdown = await createTestMarkdown({}, { profile: 'kramdown' });
  });
  afterAll(() => {
    native.dispose();
    kramdown.dispose();
  });

  const BODY = [
    '[k](/ok){: href="javascript:alert(9)"} and ![k](x.png){: onerror="alert(8)" width="40"} and [j](/ok){: href=" java\tscript:alert(6)"}',
    '',
    'Para',
    '{: onclick="alert(7)" .ok data-x="1"}',
    '',
  ].join('\n');

  for (const profile of ['native', 'kramdown'] as const) {
    it(`never add an event handler or a script address (${profile})`, async () => {
      const html = (await (profile === 'native' ? native : kramdown).render(BODY)).html;
      expect(html).not.toMatch(/javascript|onerror|onclick|alert/i);
      expect(html).toContain('<a href="/ok">k</a>');
      expect(html).toContain('width="40"');
      expect(html).toMatch(/<p (?:class="ok" data-x="1"|data-x="1" class="ok")>Para<\/p>/);
    });
  }
});

describe('input that would silently turn into wrong output', () => {
  const sites: string[] = [];
  afterAll(async () => {
    for (const site of sites) await removeDir(site);
  });
  const buildSite = async (files: Record<string, string>) => {
    const site = await writeSite('hostile-content', files);
    sites.push(site);
    return build({ siteDir: site, write: false });
  };

  it('reads old Mac line ends (CR only), so a draft stays a draft', async () => {
    const result = await buildSite({
      'posts/cr.md': '---\rtitle: Secret\rdate: 2024-01-01\rdraft: true\r---\rHidden text.\r',
    });
    expect(result.ok).toBe(true);
    expect(result.stats.posts).toBe(0);
    expect(result.files.some((f) => String(f.contents).includes('Hidden text'))).toBe(false);
  });

  it('refuses front matter after blank lines, which would be published as text', async () => {
    const result = await buildSite({ 'posts/late.md': '\n\n---\ntitle: Late\ndate: 2024-01-01\n---\nBody.\n' });
    expect(result.ok).toBe(false);
    expect(result.diagnostics.map((d) => formatDiagnosticHeader(d))).toEqual([
      'posts/late.md:3:1 error[front-matter] front matter must start on the first line: remove the 2 blank lines before its "---"',
    ]);
  });

  it('refuses a slug with a path in it instead of dropping the path', async () => {
    const result = await buildSite({ 'posts/up.md': '---\ntitle: Up\ndate: 2024-01-01\nslug: ../x\n---\nBody.\n' });
    expect(result.diagnostics.map((d) => formatDiagnosticHeader(d))).toEqual([
      'posts/up.md:4:7 error[slug] slug "../x" is one segment of the URL: it may not contain "/", "\\" or ".." (use permalink for a path)',
    ]);
  });

  it('makes control characters and bidirectional overrides visible in diagnostics', async () => {
    // Control characters in a post's text are removed before anything reads it (see content-hazards); a file name keeps them.
    const result = await buildSite({
      'posts/esc\u001b[2J.md': '---\ntitle: Esc\ndate: 2024-01-01\n---\nA formula $\\frac{$ here \u202e.\n',
    });
    const shown = result.diagnostics.map((d) => formatDiagnostic(d)).join('\n');
    expect(shown).toContain('\\x1b[2J');
    expect(shown).toContain('\\u202e');
    expect(shown).not.toMatch(/[\u001b\u202e]/);
  });
});

describe('a site without url', () => {
  it('links to no feed it does not write, and inkstone check finds nothing wrong', async () => {
    const site = await writeSite('no-url', {
      'posts/a.md': '---\ntitle: A\ndate: 2024-01-01\ntags: [x]\n---\nBody.\n',
    });
    try {
      const result = await checkSite({ siteDir: site });
      expect(result.diagnostics).toEqual([]);
      const built = await build({ siteDir: site, write: false });
      const pages = built.files.filter((f) => f.outputPath.endsWith('.html')).map((f) => String(f.contents));
      expect(pages.length).toBeGreaterThan(5);
      for (const page of pages) expect(page).not.toMatch(/feed\.xml|rss\.xml|feed\.json/);
    } finally {
      await removeDir(site);
    }
  });
});

describe('a tag without letters', () => {
  it('is written under its own name, and its link works through a static server', async () => {
    const site = await writeSite('emoji-tag', {
      'posts/a.md': '---\ntitle: Launch\ndate: 2024-01-01\ntags: ["🚀", ok]\n---\nBody.\n',
    });
    const server = await (async () => {
      const result = await build({ siteDir: site });
      expect(result.ok).toBe(true);
      return serveDirectory(path.join(site, '_site'));
    })();
    try {
      const home = await (await fetch(`${server.url}/`)).text();
      const href = /href="(\/tags\/%F0%9F%9A%80\/)"/.exec(home)?.[1];
      expect(href).toBe('/tags/%F0%9F%9A%80/');
      const page = await fetch(`${server.url}${href}`);
      expect(page.status).toBe(200);
      expect(await page.text()).toContain('Launch');
      expect(await readOutput(path.join(site, '_site'), 'tags/🚀/index.html')).toContain('Launch');
    } finally {
      await server.close();
      await removeDir(site);
    }
  });
});

describe('a pathological code block', () => {
  it('keeps a very long line plain, with a warning at its line, in bounded time', async () => {
    const md = await createTestMarkdown();
    try {
      const line = `const xs = [${Array.from({ length: 15_000 }, (_, i) => `"v${i}"`).join(', ')}];`;
      const started = Date.now();
      const result = await md.render(['Intro.', '', '```ts', 'const short = 1;', line, '```', ''].join('\n'));
      // Not a timing assertion on the machine's speed: Shiki is told to give up on the line.
      expect(Date.now() - started).toBeLessThan(60_000);
      expect(result.diagnostics.map((d) => [d.location?.line, d.code, d.message])).toEqual([
        [5, 'code-size', `a line of ${line.length} characters is longer than 2000: it is shown without highlighting`],
      ]);
      expect(result.html).toContain('"v14999"');
    } finally {
      md.dispose();
    }
  });
});

describe('a code block that nests without end', () => {
  it('is shown plain with a warning at its fence once it nests deeper than the bound, and highlighted below it', async () => {
    const md = await createTestMarkdown();
    try {
      // 96 lines of 100 `{a:`: 29 KB, 9,600 levels. Highlighted, every token carries every enclosing
      // scope (25 s and 1.5 GB); the bound stops it at 200 levels, whatever the machine's speed.
      const deep = Array.from({ length: 96 }, () => '{a:'.repeat(100)).join('\n');
      const result = await md.render(['Intro.', '', '```js', deep, '```', ''].join('\n'));
      expect(result.diagnostics.map((d) => [d.location?.line, d.code, d.message])).toEqual([
        [3, 'code-size', 'code block shown without highlighting: its code nests more than 200 levels deep'],
      ]);
      expect(result.html).toContain('<span class="line"><span>{a:{a:');
      expect(result.html).not.toContain('<span style=');
      // Real code, even nested 40 levels, keeps its colours and warns about nothing.
      const nested = `${'{a:'.repeat(40)}1${'}'.repeat(40)}`;
      const fine = await md.render(['```js', nested, '```', ''].join('\n'));
      expect(fine.diagnostics).toEqual([]);
      expect(fine.html).toContain('<span style=');
    } finally {
      md.dispose();
    }
  });
});

describe('a render cache that cannot be written', () => {
  it('is a warning, and the build goes on without it', async () => {
    // A file where the cache folder should be: writing fails whoever runs the build (root included).
    const site = await writeSite('cache-blocked', {
      'posts/a.md': '---\ntitle: A\ndate: 2024-01-01\n---\nBody.\n',
      '.inkstone-cache': 'not a folder\n',
    });
    try {
      for (let run = 0; run < 2; run++) {
        const result = await build({ siteDir: site, write: false });
        expect(result.ok).toBe(true);
        expect(result.diagnostics.map((d) => [d.code, d.severity, d.location?.file])).toEqual([
          ['cache', 'warning', '.inkstone-cache'],
        ]);
        expect(result.diagnostics[0]!.message).toMatch(
          /^the render cache \.inkstone-cache\/render cannot be written \(ENOTDIR: .*\): this build goes on without storing rendered posts$/,
        );
      }
    } finally {
      await removeDir(site);
    }
  });
});

describe('input that used to pass silently', () => {
  it('warns, at the line, about invalid UTF-8, empty tags, a number for a title and a date that disagrees with the file name', async () => {
    const site = await writeSite('silent', {});
    try {
      await mkdir(path.join(site, 'posts'), { recursive: true });
      await writeFile(
        path.join(site, 'posts', '2024-01-02-x.md'),
        Buffer.concat([
          Buffer.from('---\ntitle: 42\ndate: 2024-01-03\ntags: [a, "", b]\n---\nBody '),
          Buffer.from([0xff]),
          Buffer.from(' here.\n'),
        ]),
      );
      const result = await build({ siteDir: site, write: false });
      expect(result.ok).toBe(true);
      expect(result.diagnostics.map((d) => formatDiagnosticHeader(d))).toEqual([
        'posts/2024-01-02-x.md:2:8 warning[front-matter] front matter field "title" is the number 42: it is used as text; quote it to say so',
        "posts/2024-01-02-x.md:3:7 warning[date] front matter date 2024-01-03 differs from the file name's 2024-01-02: the front matter's is used",
        'posts/2024-01-02-x.md:4:7 warning[front-matter] front matter field "tags" has an empty entry, which is left out',
        'posts/2024-01-02-x.md:6:1 warning[encoding] this file is not valid UTF-8: the bytes that are not were replaced by U+FFFD; save it as UTF-8',
      ]);
    } finally {
      await removeDir(site);
    }
  });
});

describe('a code fence never closed', () => {
  it('is a warning at its opening line', async () => {
    const md = await createTestMarkdown();
    try {
      const result = await md.render('Intro.\n\n```python\nx = 1\n\nThe rest of the post.\n', { bodyLine: 5 });
      expect(result.diagnostics.map((d) => formatDiagnosticHeader(d))).toEqual([
        'posts/test.md:7:1 warning[code-fence] this ``` code block is never closed: everything after it, to the end of the post, is shown as code',
      ]);
      expect((await md.render('Fine.\n\n```js\nx\n```\n')).diagnostics).toEqual([]);
      // Jekyll's blocks, read in native posts too, are closed by their end tags.
      const liquid = await md.render(
        '{% highlight python %}\nx = 1\n{% endhighlight %}\n\n{% mermaid %}\ngraph TD\nA-->B\n{% endmermaid %}\n',
      );
      expect(liquid.diagnostics.filter((d) => d.code === 'code-fence')).toEqual([]);
      // A fence closed inside a block quote or a list item at the end of the post is closed.
      for (const closed of [
        'Intro.\n\n> ```python\n> x = 1\n> ```\n',
        '- item\n\n  ```js\n  x\n  ```\n',
        '> - ```js\n>   x\n>   ```',
      ]) {
        expect((await md.render(closed)).diagnostics.filter((d) => d.code === 'code-fence')).toEqual([]);
      }
      expect((await md.render('> ```python\n> x = 1\n')).diagnostics.map((d) => d.code)).toEqual(['code-fence']);
    } finally {
      md.dispose();
    }
  });

  it('is never said of indented code or of a ~~~ fence in a kramdown post', async () => {
    const md = await createTestMarkdown({}, { profile: 'kramdown' });
    try {
      const result = await md.render('Before.\n\n    code\n\nAfter.\n');
      expect(result.diagnostics).toEqual([]);
      expect(result.html).toBe(
        '<p>Before.</p>\n<div class="code-block"><pre class="shiki shiki-themes github-light github-dark" style="background-color:#fff;--shiki-dark-bg:#24292e;color:#24292e;--shiki-dark:#e1e4e8" tabindex="0"><code><span class="line"><span>code</span></span></code></pre></div>\n<p>After.</p>\n',
      );
      // What kramdown 2.4 gives for it (scripts/kramdown/render.rb), apart from the highlighting.
      expect(normaliseHtml(result.html, 'inkstone')).toBe(
        normaliseHtml('<p>Before.</p>\n\n<pre><code>code\n</code></pre>\n\n<p>After.</p>\n', 'kramdown'),
      );
      for (const closed of ['Before.\n\n    code\n', '~~~ python\nx = 1\n~~~\n', '````\n```\n````\n']) {
        expect((await md.render(closed)).diagnostics.filter((d) => d.code === 'code-fence')).toEqual([]);
      }
    } finally {
      md.dispose();
    }
  });
});

describe('a post with thousands of tags', () => {
  it('is an error naming the file and line, before any page is made', async () => {
    const tags = Array.from({ length: 9000 }, (_, i) => `t${i}`).join(' ');
    const site = await writeSite('many-tags', {
      'posts/a.md': `---\ntitle: A\ndate: 2024-01-01\ntags: ${tags}\n---\nBody.\n`,
    });
    try {
      const result = await build({ siteDir: site, write: false });
      expect(result.ok).toBe(false);
      expect(result.diagnostics.map((d) => formatDiagnosticHeader(d))).toEqual([
        'posts/a.md:4:7 error[front-matter] front matter field "tags" lists 9000 terms; a post may have at most 100',
      ]);
    } finally {
      await removeDir(site);
    }
  });
});
