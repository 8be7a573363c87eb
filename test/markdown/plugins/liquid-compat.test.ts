/**
 * Liquid compatibility: `{% highlight lang [options] %}…{% endhighlight %}` becomes a code fence of `lang`
 * and `{% mermaid %}…{% endmermaid %}` a mermaid fence, in posts whose bodies are not Liquid. The body of
 * such a block is never evaluated.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestMarkdown, type TestMarkdown } from '../../helpers/markdown.js';

const PRE =
  '<pre class="shiki shiki-themes github-light github-dark" style="background-color:#fff;--shiki-dark-bg:#24292e;color:#24292e;--shiki-dark:#e1e4e8" tabindex="0">';
const line = (text: string) => `<span class="line"><span>${text}</span></span>`;

let md: TestMarkdown;
beforeAll(async () => {
  md = await createTestMarkdown();
});
afterAll(() => md.dispose());

const render = async (text: string) => (await md.render(text)).html;

describe('{% highlight %} blocks', () => {
  it('render as the equivalent fence, with the language and its options', async () => {
    const tag = await md.render('{% highlight python linenos %}\nx = 1\n{% endhighlight %}\n');
    const fence = await md.render('```python linenos\nx = 1\n```\n');
    expect(tag.html).toBe(fence.html);
    expect(tag.html.startsWith('<div class="code-block" data-language="python"><pre class="shiki ')).toBe(true);
    expect(tag.html).toContain(' line-numbers"');
    expect(tag.features.languages).toEqual(['python']);
    expect(tag.diagnostics).toEqual([]);
  });

  it("accept Liquid's whitespace control and tags written without spaces", async () => {
    const expected = await render('```ruby\nputs 1\n```\n');
    expect(await render('{%- highlight ruby -%}\nputs 1\n{%- endhighlight -%}\n')).toBe(expected);
    expect(await render('{%highlight ruby%}\nputs 1\n{%endhighlight%}\n')).toBe(expected);
  });

  it('render plain code without a language', async () => {
    expect(await render('{% highlight %}\nplain <b>\n{% endhighlight %}\n')).toBe(
      `<div class="code-block">${PRE}<code>${line('plain &#x3C;b>')}</code></pre></div>\n`,
    );
  });

  it('never evaluate their body: Liquid, fences and blank lines stay code', async () => {
    expect(await render('{% highlight text %}\n{{ x }} {% raw %}\n\n```\n{% endhighlight %}\n')).toBe(
      `<div class="code-block" data-language="text">${PRE}<code>${line('{{ x }} {% raw %}')}\n${line('')}\n${line('```')}</code></pre></div>\n`,
    );
  });

  it('interrupt a paragraph and work inside a list item', async () => {
    const code = `<div class="code-block" data-language="text">${PRE}<code>${line('x')}</code></pre></div>\n`;
    expect(await render('Text\n{% highlight text %}\nx\n{% endhighlight %}\n')).toBe(`<p>Text</p>\n${code}`);
    expect(await render('- item\n  {% highlight text %}\n  x\n  {% endhighlight %}\n')).toBe(
      `<ul>\n<li>item${code}</li>\n</ul>\n`,
    );
  });

  it('are text when unclosed, closed by another tag, or followed by text on the opening line', async () => {
    const unclosed = await md.render('{% highlight js %}\nno end\n');
    expect(unclosed.html).toBe('<p>{% highlight js %}\nno end</p>\n');
    expect(unclosed.diagnostics).toEqual([]);
    expect(await render('{% highlight text %}\nx\n{% endhighlightfoo %}\n')).toBe(
      '<p>{% highlight text %}\nx\n{% endhighlightfoo %}</p>\n',
    );
    expect(await render('{% highlight js %} trailing\nx\n{% endhighlight %}\n')).toBe(
      '<p>{% highlight js %} trailing\nx\n{% endhighlight %}</p>\n',
    );
  });

  it('are code when indented four spaces', async () => {
    expect(await render('    {% highlight js %}\n    x\n    {% endhighlight %}\n')).toBe(
      `<div class="code-block">${PRE}<code>${line('{% highlight js %}')}\n${line('x')}\n${line('{% endhighlight %}')}</code></pre></div>\n`,
    );
  });

  // Jekyll writes text after `{% endhighlight %}` after the code, where kramdown makes it a paragraph
  // (with the lines that continue it): so does inkstone, where it used to drop it.
  it('keep text written after {% endhighlight %} on the closing line', async () => {
    expect(await render('{% highlight text %}\nx\n{% endhighlight %} and more\n')).toContain('and more');
    expect(await render('{% highlight text %}\nx\n{% endhighlight %} and *more*\nstill\n\nAfter.\n')).toBe(
      `<div class="code-block" data-language="text">${PRE}<code>${line('x')}</code></pre></div>\n<p>and <em>more</em>\nstill</p>\n<p>After.</p>\n`,
    );
  });
});

describe('{% mermaid %} blocks', () => {
  it('become diagrams at the line of the opening tag, also at the very end of the post', async () => {
    const result = await md.render('Text.\n\n{% mermaid %}\ngraph TD\n  A --> B\n{% endmermaid %}', { bodyLine: 2 });
    expect(result.html).toBe('<p>Text.</p>\n<!--inkstone:diagram:0-->\n');
    expect(result.diagrams).toEqual([{ kind: 'mermaid', source: 'graph TD\n  A --> B\n', line: 4 }]);
  });

  it('are text when closed by {% endhighlight %}', async () => {
    const result = await md.render('{% mermaid %}\ngraph TD\n{% endhighlight %}\n');
    expect(result.html).toBe('<p>{% mermaid %}\ngraph TD\n{% endhighlight %}</p>\n');
    expect(result.diagrams).toEqual([]);
  });
});
