import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestMarkdown, type TestMarkdown } from '../../helpers/markdown.js';

let md: TestMarkdown;
beforeAll(async () => {
  md = await createTestMarkdown();
});
afterAll(() => md.dispose());

describe('code blocks', () => {
  it('highlights a known language with light and dark colours in one output', async () => {
    const { html, features, diagnostics } = await md.render('```python\ndef f(x):\n    return x\n```\n');
    expect(
      html.startsWith(
        '<div class="code-block" data-language="python"><pre class="shiki shiki-themes github-light github-dark"',
      ),
    ).toBe(true);
    expect(html).toContain('<span style="color:#D73A49;--shiki-dark:#F97583">def</span>');
    expect(features.languages).toEqual(['python']);
    expect(diagnostics).toEqual([]);
  });

  it('loads languages on demand and resolves aliases', async () => {
    const { html, features } = await md.render('```ts\nconst a: number = 1;\n```\n\n```sh\necho hi\n```\n');
    expect(html.match(/class="shiki /g)).toHaveLength(2);
    expect(html).toContain('--shiki-dark:#F97583">const</span>');
    expect(features.languages).toEqual(['sh', 'ts']);
  });

  it('warns about an unknown language and shows plain escaped code', async () => {
    const result = await md.render('intro\n\n```foolang\nlet <b> = 1\n```\n', { bodyLine: 4, file: 'posts/x.md' });
    expect(result.diagnostics.map((d) => [d.severity, d.code, d.message, d.location])).toEqual([
      [
        'warning',
        'code-language',
        'unknown code language "foolang": shown without highlighting',
        { file: 'posts/x.md', line: 6, column: 1 },
      ],
    ]);
    expect(result.html).toContain('data-language="foolang"');
    expect(result.html).toContain('let &#x3C;b> = 1');
    expect(result.html).not.toContain('<b>');
    expect(result.features.languages).toEqual([]);
  });

  it('renders fences without a language and indented code as plain text', async () => {
    const { html, diagnostics } = await md.render('```\nplain <i>\n```\n\n    indented\n');
    expect(html.match(/<pre class="shiki/g)).toHaveLength(2);
    expect(html).toContain('plain &#x3C;i></span>');
    expect(html).toContain('indented</span>');
    expect(diagnostics).toEqual([]);
  });

  it('accepts Jekyll {% highlight %} blocks as fences', async () => {
    const { html, features } = await md.render('{% highlight ruby linenos %}\nputs "hi"\n{% endhighlight %}\n');
    expect(html.startsWith('<div class="code-block" data-language="ruby">')).toBe(true);
    expect(html).not.toContain('{%');
    expect(features.languages).toEqual(['ruby']);
  });
});

describe('diagrams', () => {
  it('records mermaid fences as diagrams and leaves a placeholder for the diagrams stage', async () => {
    const { html, features, diagrams } = await md.render(
      'Intro.\n\n```mermaid\ngraph TD\n  A["<b>x</b>"] --> B\n```\n',
      { bodyLine: 4 },
    );
    expect(html).toBe('<p>Intro.</p>\n<!--inkstone:diagram:0-->\n');
    expect(diagrams).toEqual([{ kind: 'mermaid', source: 'graph TD\n  A["<b>x</b>"] --> B\n', line: 6 }]);
    expect(features).toEqual({ math: false, mermaid: false, languages: [], code: false });
  });

  it('accepts {% mermaid %} blocks, also at the very end of a file', async () => {
    const { html, diagrams } = await md.render(
      'Text.\n\n{% mermaid %}\nsequenceDiagram\n    Alice->>John: Hello\n{% endmermaid %}',
    );
    expect(html).toBe('<p>Text.</p>\n<!--inkstone:diagram:0-->\n');
    expect(diagrams).toEqual([{ kind: 'mermaid', source: 'sequenceDiagram\n    Alice->>John: Hello\n', line: 3 }]);
  });

  it('numbers several diagrams in order and reuses the number when the excerpt repeats one', async () => {
    const { html, excerptHtml, diagrams } = await md.render(
      '```mermaid\ngraph LR\n  A-->B\n```\n\n<!--more-->\n\n```mermaid\ngraph LR\n  C-->D\n```\n',
    );
    expect(html).toBe('<!--inkstone:diagram:0-->\n<!--more-->\n<!--inkstone:diagram:1-->\n');
    expect(excerptHtml).toBe('<!--inkstone:diagram:0-->\n');
    expect(diagrams.map((d) => d.line)).toEqual([1, 8]);
  });

  it('leaves an unclosed {% mermaid %} as text', async () => {
    const { html, diagrams } = await md.render('{% mermaid %}\ngraph TD');
    expect(html).toBe('<p>{% mermaid %}\ngraph TD</p>\n');
    expect(diagrams).toEqual([]);
  });
});

describe('headings, links and excerpts', () => {
  it('gives headings stable, unique ids and builds the table of contents', async () => {
    const { html, toc } = await md.render('# Intro\n\n## Set up `npm`\n\n## Intro\n\n### Why $x^2$?\n');
    expect(html).toContain('<h1 id="intro">Intro</h1>');
    expect(html).toContain('<h2 id="set-up-npm">Set up <code>npm</code></h2>');
    expect(html).toContain('<h2 id="intro-1">Intro</h2>');
    expect(toc).toEqual([
      { level: 1, id: 'intro', text: 'Intro' },
      { level: 2, id: 'set-up-npm', text: 'Set up npm' },
      { level: 2, id: 'intro-1', text: 'Intro' },
      {
        level: 3,
        id: 'why-x2',
        text: 'Why x2?',
        html: expect.stringMatching(/^Why <span class="katex">[\s\S]*<\/span>\?$/),
      },
    ]);
  });

  it('passes raw HTML through', async () => {
    const { html } = await md.render(
      '<p> <br> </p>\n\n<details><summary>More</summary>\n\nHidden *text*.\n\n</details>\n',
    );
    expect(html).toContain('<p> <br> </p>');
    expect(html).toContain('<details><summary>More</summary>');
    expect(html).toContain('<p>Hidden <em>text</em>.</p>');
  });

  it('collects link targets', async () => {
    const { links } = await md.render('[a](/x/) and ![img](pic.png) and https://example.org');
    expect(links).toEqual(['/x/', 'pic.png', 'https://example.org']);
  });

  it('uses the text before <!--more--> as the excerpt, else the first paragraph', async () => {
    expect((await md.render('# T\n\nFirst *para*.\n\nSecond.\n')).excerptHtml).toBe('<p>First <em>para</em>.</p>\n');
    expect((await md.render('One.\n\nTwo.\n\n<!--more-->\n\nThree.\n')).excerptHtml).toBe('<p>One.</p>\n<p>Two.</p>\n');
  });
});
