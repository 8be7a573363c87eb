/** Code blocks: fence options (title, line numbers, emphasised lines), diff notation, one highlight per block. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { siteConfigSchema } from '../../src/config/schema.js';
import { parseFenceInfo } from '../../src/markdown/fence-info.js';
import { createCodeHighlighter, type CodeHighlighter } from '../../src/markdown/highlighter.js';
import { renderPost } from '../../src/markdown/render-post.js';
import { createMarkdownSet } from '../../src/markdown/renderer.js';
import { createTestMarkdown, type TestMarkdown, testPost } from '../helpers/markdown.js';

const PRE = '<pre class="shiki shiki-themes github-light github-dark';
const STYLE =
  '" style="background-color:#fff;--shiki-dark-bg:#24292e;color:#24292e;--shiki-dark:#e1e4e8" tabindex="0"><code>';

let md: TestMarkdown;
beforeAll(async () => {
  md = await createTestMarkdown();
});
afterAll(() => md.dispose());

describe('fence info strings', () => {
  it('reads the language, a quoted title, line numbers and emphasised lines in any order', () => {
    expect(parseFenceInfo('Python title="model.py" {1,3-5} linenos')).toEqual({
      language: 'python',
      title: 'model.py',
      lineNumbers: true,
      highlightLines: [1, 3, 4, 5],
    });
    expect(parseFenceInfo("js{4,2} title='a b.js'")).toEqual({
      language: 'js',
      title: 'a b.js',
      lineNumbers: undefined,
      highlightLines: [2, 4],
    });
    expect(parseFenceInfo('js linenos=false').lineNumbers).toBe(false);
    expect(parseFenceInfo('js linenos=0').lineNumbers).toBe(false);
    expect(parseFenceInfo('js').lineNumbers).toBeUndefined();
    expect(parseFenceInfo('ruby linenos=table mark_lines="2 3"')).toEqual({
      language: 'ruby',
      title: undefined,
      lineNumbers: true,
      highlightLines: [2, 3],
    });
    expect(parseFenceInfo('c hl_lines="1 4-5" showLineNumbers unknown=1 junk')).toEqual({
      language: 'c',
      title: undefined,
      lineNumbers: true,
      highlightLines: [1, 4, 5],
    });
    expect(parseFenceInfo('')).toEqual({ language: '', title: undefined, lineNumbers: undefined, highlightLines: [] });
  });

  it("reads Hugo's options in braces, keys without case, lists and quoted ranges", () => {
    expect(parseFenceInfo('go {linenos=inline hl_lines=[3,"6-8"] style=emacs}')).toEqual({
      language: 'go',
      title: undefined,
      lineNumbers: true,
      highlightLines: [3, 6, 7, 8],
    });
    expect(parseFenceInfo('go {linenos=table,hl_lines=[8,"15-17"],linenostart=199}').highlightLines).toEqual([
      8, 15, 16, 17,
    ]);
    expect(parseFenceInfo('py {hl_lines="2 4-5", LineNos=false}')).toEqual({
      language: 'py',
      title: undefined,
      lineNumbers: false,
      highlightLines: [2, 4, 5],
    });
    expect(parseFenceInfo('go {lineNos=true}').lineNumbers).toBe(true);
  });

  it('caps ranges so a huge one cannot exhaust memory', () => {
    expect(parseFenceInfo('sh {99999-100000000}').highlightLines).toEqual([99999, 100000]);
  });
});

describe('code block rendering', () => {
  it('captions a titled block with its title, escaped', async () => {
    const { html } = await md.render('```js title="<a>.js"\nx\n```\n');
    expect(html).toBe(
      `<figure class="code-block has-title" data-language="js"><figcaption class="code-title">&lt;a&gt;.js</figcaption>${PRE}${STYLE}` +
        '<span class="line"><span style="color:#24292E;--shiki-dark:#E1E4E8">x</span></span></code></pre></figure>\n',
    );
  });

  it('marks emphasised lines and numbered blocks with classes', async () => {
    const { html } = await md.render('```js {2} linenos\nlet a;\nlet b;\n```\n');
    expect(
      html.startsWith(`<div class="code-block" data-language="js">${PRE} line-numbers has-highlighted${STYLE}`),
    ).toBe(true);
    expect(html.match(/<span class="line[^"]*">/g)).toEqual(['<span class="line">', '<span class="line highlighted">']);
  });

  it("numbers the lines of Jekyll's {% highlight python linenos %}", async () => {
    const { html } = await md.render('{% highlight python linenos %}\nx = 1\n{% endhighlight %}\n');
    expect(html.startsWith(`<div class="code-block" data-language="python">${PRE} line-numbers${STYLE}`)).toBe(true);
  });

  it('turns [!code ++] and [!code --] comments into added and removed lines without the comments', async () => {
    const { html } = await md.render(
      '```ts\nconst a = 1; // [!code --]\nconst a = 2; // [!code ++]\nconst b = 3;\n```\n',
    );
    expect(html.startsWith(`<div class="code-block" data-language="ts">${PRE} has-diff${STYLE}`)).toBe(true);
    expect(html.match(/<span class="line[^"]*">/g)).toEqual([
      '<span class="line diff remove">',
      '<span class="line diff add">',
      '<span class="line">',
    ]);
    expect(html).not.toContain('[!code');
  });

  it('records that the post has code, also for indented blocks', async () => {
    expect((await md.render('    indented\n')).features.code).toBe(true);
    expect((await md.render('Prose only.\n')).features.code).toBe(false);
  });
});

describe('highlighting once per block', () => {
  it('highlights each fence once although the page, excerpt and feed are all rendered', async () => {
    const real = await createCodeHighlighter({ light: 'github-light', dark: 'github-dark' });
    const calls: string[] = [];
    const counting: CodeHighlighter = {
      ...real,
      highlight: (code, language, options) => {
        calls.push(code);
        return real.highlight(code, language, options);
      },
    };
    const markdown = createMarkdownSet(siteConfigSchema.parse({}), { highlighter: counting });
    const body = '```js\nfirst()\n```\n\n<!--more-->\n\n```js\nsecond()\n```\n';
    const post = testPost(body);
    const rendered = await renderPost(post, markdown, counting);
    real.dispose();
    expect(calls).toEqual(['first()', 'second()']);
    // The excerpt repeats the first block's memoised HTML, in the page and in the feed alike.
    expect(rendered.excerptHtml).toBe(rendered.html.slice(0, rendered.html.indexOf('<!--more-->')));
    expect(rendered.feedExcerptHtml).toBe(rendered.excerptHtml);
  });
});
