/**
 * Which posts are read as kramdown, and kramdown posts through a whole build: Liquid first, then
 * kramdown's rules, with the warnings and report entries the profile adds.
 */
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { build } from '../../src/build.js';
import { formatDiagnosticHeader } from '../../src/core/diagnostics.js';
import { countMath } from '../helpers/markdown.js';
import { readOutput, removeDir, writeSite } from '../helpers/site.js';

const NOW = new Date('2030-01-01T00:00:00Z');
const made: string[] = [];
afterAll(async () => {
  for (const dir of made) await removeDir(dir);
});

async function site(files: Record<string, string>) {
  const dir = await writeSite('kramdown-profile', files);
  made.push(dir);
  const result = await build({ siteDir: dir, now: NOW });
  return { dir, result, page: (rel: string) => readOutput(path.join(dir, '_site'), rel) };
}

/** The post body of a built page. */
function article(html: string): string {
  const start = html.indexOf('<div class="post-content">');
  return html.slice(start, html.indexOf('</article>', start));
}

// Each rule where kramdown and CommonMark disagree, in one body.
const BODY = [
  'A formula $$y = x A^T + b$$ in a paragraph, and "quotes" -- dashes...',
  '$$a = b$$',
  '',
  '<br/>',
  '**bold** after a br line',
  '',
  '| a | b |',
  '| c | d |',
  '',
  'See https://example.org as text.',
  '',
].join('\n');

describe('the profile each post gets', () => {
  it('reads posts/ natively, _posts/ as kramdown, and every post as kramdown with markdown: kramdown', async () => {
    const post = (title: string) => `---\ntitle: ${title}\ndate: 2024-01-02\n---\n${BODY}`;
    const { result, page } = await site({
      'posts/native.md': post('Native'),
      '_posts/2024-01-02-jekyll.md': post('Jekyll'),
    });
    expect(result.ok).toBe(true);
    const native = article(await page('2024/01/native/index.html'));
    const kramdown = article(await page('2024/01/jekyll/index.html'));
    // Native: `$$` lines inside a paragraph are display; the pipe lines are text; bare URLs are links; straight quotes.
    expect(countMath(native)).toEqual({ inline: 1, display: 1 });
    expect(native).toContain('<a href="https://example.org">https://example.org</a>');
    expect(native).toContain('&quot;quotes&quot; -- dashes...');
    // kramdown: both formulas inline, a table without separator row, no autolink, typographic quotes and dashes.
    expect(countMath(kramdown)).toEqual({ inline: 2, display: 0 });
    expect(kramdown).toContain('<table>\n<tbody>\n<tr>\n<td>a</td>\n<td>b</td>\n</tr>');
    expect(kramdown).toContain('<p>See https://example.org as text.</p>');
    expect(kramdown).toContain('\u201cquotes\u201d \u2013 dashes\u2026');
    expect(kramdown).toContain('<p><br />\n<strong>bold</strong> after a br line</p>');

    const configured = await site({ 'inkstone.yml': 'markdown: kramdown\n', 'posts/native.md': post('Configured') });
    expect(countMath(article(await configured.page('2024/01/native/index.html')))).toEqual({ inline: 2, display: 0 });
  });
});

describe('a kramdown post through the whole build', () => {
  it('keeps a link whose address has a space, trims highlighted code, and keeps case in :title URLs', async () => {
    const { result, page } = await site({
      '_config.yml': 'title: Lab\nbaseurl: /blog\npermalink: /:year/:title/\n',
      '_posts/2018-03-01-Old-Post.md': '---\ntitle: Old\n---\nOld text.\n',
      '_posts/2018-04-01-new.md': [
        '---',
        'title: New',
        '---',
        'Read [the old post]({{ site.baseurl }} {% post_url 2018-03-01-Old-Post %}).',
        '',
        '{% highlight c++ linenos %}',
        '',
        'int main() {}',
        '',
        '{% endhighlight %}',
        '',
      ].join('\n'),
    });
    expect(result.ok).toBe(true);
    expect(await page('2018/Old-Post/index.html')).toContain('Old text.');
    const html = article(await page('2018/new/index.html'));
    // As in Jekyll 3 posts: `{{ site.baseurl }}` and the post URL, with the space kramdown keeps.
    expect(html).toContain('<a href="/blog /blog/2018/Old-Post/">the old post</a>');
    // One numbered line: the blank lines around the code are gone.
    expect(html.match(/class="line"/g)).toHaveLength(1);
    expect(html).toContain('int');
  });

  it('warns about kramdown options it does not apply, at their line, and lists them in the report', async () => {
    const { result } = await site({
      '_posts/2024-01-02-options.md':
        '---\ntitle: Options\n---\nText.\n\n{::options toc_levels="2..3" auto_ids="false" /}\n\n## No id here\n',
    });
    expect(result.ok).toBe(true);
    expect(result.diagnostics.map((d) => formatDiagnosticHeader(d))).toEqual([
      `_posts/2024-01-02-options.md:6:1 warning[kramdown] {::options toc_levels="2..3"} is not supported: inkstone applies auto_ids, auto_id_prefix, parse_block_html, parse_span_html and hard_wrap in a post, and renders the rest with Jekyll's options`,
    ]);
    expect(result.compat.filter((c) => c.construct.startsWith('{::options'))).toEqual([
      {
        file: '_posts/2024-01-02-options.md',
        line: 6,
        construct: '{::options auto_ids}',
        status: 'converted',
        detail: 'applied to the rest of the post, as kramdown does',
      },
      {
        file: '_posts/2024-01-02-options.md',
        line: 6,
        construct: '{::options toc_levels}',
        status: 'unsupported',
        detail: "not applied: the post is rendered with Jekyll's kramdown options",
      },
    ]);
  });

  it('drops script addresses from Markdown links, as native posts do', async () => {
    const { page } = await site({
      '_posts/2024-01-02-js.md': '---\ntitle: JS\n---\n[click](javascript:alert(1)) and [fine](/ok/)\n',
    });
    expect(article(await page('2024/01/js/index.html'))).toContain(
      '<p><a href="">click</a> and <a href="/ok/">fine</a></p>',
    );
  });

  it('applies the kramdown: options of _config.yml', async () => {
    const { page } = await site({
      '_config.yml': 'kramdown:\n  parse_block_html: true\n  hard_wrap: true\n',
      '_posts/2024-01-02-opts.md': '---\ntitle: Opts\n---\n<div class="box">\n*inside*\n</div>\n\nline one\nline two\n',
    });
    const html = article(await page('2024/01/02/opts.html'));
    expect(html).toContain('<div class="box">\n<p><em>inside</em></p>\n</div>');
    expect(html).toContain('<p>line one<br>\nline two</p>');
  });
});
