import { describe, expect, it } from 'vitest';
import { bare, liquid } from './helpers.js';

const FILE = '_posts/2024-02-03-test.md';

describe('{% raw %}', () => {
  it('keeps Liquid inside raw as written', async () => {
    const result = await liquid('a {% raw %}{{ page.title }} {% if x %}{% endraw %} b');
    expect(result.body).toBe('a {{ page.title }} {% if x %} b');
    expect(result.diagnostics).toEqual([]);
  });

  it('evaluates Liquid inside a code fence, as Jekyll does, except within raw', async () => {
    const result = await liquid(
      '```liquid\n{{ page.title }}\n{% raw %}{{ page.title }}{% endraw %}\n{% raw %}\n{% include x.html %}\n{% endraw %}\n```\n',
    );
    expect(result.body).toBe('```liquid\nTest post\n{{ page.title }}\n\n{% include x.html %}\n\n```\n');
    expect(result.lineMap).toBeUndefined();
  });
});

describe('{% highlight %} and {% mermaid %}', () => {
  it('turns a highlight block into a fence on the same lines, evaluating Liquid inside it', async () => {
    const result = await liquid(
      '{% highlight python linenos %}\nprint("{{ site.lab.name }}")\n{% endhighlight %}\nafter\n',
    );
    expect(result.body).toBe('```python?linenos\nprint("Q")\n```\nafter\n');
    expect(result.lineMap).toBeUndefined();
    expect(result.compat.filter((c) => c.construct === '{% highlight linenos %}')).toEqual([
      {
        file: FILE,
        line: 4,
        construct: '{% highlight linenos %}',
        status: 'converted',
        detail: 'highlighted at build time, with its line numbers and marked lines',
      },
    ]);
  });

  it('uses a longer fence when the code holds backticks', async () => {
    const result = await liquid('{% highlight markdown %}\n```js\nx\n```\n{% endhighlight %}');
    expect(result.body).toBe('````markdown\n```js\nx\n```\n````');
  });

  it('drops the leading and trailing blank lines of highlighted code, as Jekyll does, and keeps later lines mapped', async () => {
    const result = await liquid('{% highlight c++ linenos %}\n\nint main() {}\n\n{% endhighlight %}\nafter\n');
    expect(result.body).toBe('```c++?linenos\nint main() {}\n```\nafter\n');
    // "after" is body line 3 now, and line 5 of the original body.
    expect(result.lineMap?.[3]).toBe(5);
  });

  it('packs quoted options into the fence info, kramdown-style', async () => {
    const result = await liquid('{% highlight ruby mark_lines="1 2" %}\nx\n{% endhighlight %}\n');
    expect(result.body).toBe('```ruby?mark_lines=1,2\nx\n```\n');
  });

  it('gives text after {% endhighlight %} a line of its own, mapped to the closing tag line', async () => {
    // Jekyll writes that text after the code, and kramdown makes it a paragraph; after "```" it would
    // make the fence a code span (test/jekyll/sites.test.ts builds it).
    const result = await liquid('{% highlight text %}\nx\n{% endhighlight %} and more\nstill\n\nafter\n');
    expect(result.body).toBe('```text\nx\n```\n and more\nstill\n\nafter\n');
    expect(result.lineMap).toEqual([0, 1, 2, 2, 3, 4, 5, 6]);
    // With `-%}` the text after the tag comes up to it, from the next line.
    expect((await liquid('{% highlight text %}\nx\n{% endhighlight -%}\nafter\n')).body).toBe(
      '```text\nx\n```\nafter\n',
    );
    // Blanks after the tag change nothing.
    expect((await liquid('{% highlight text %}\nx\n{% endhighlight %}  \nafter\n')).body).toBe(
      '```text\nx\n```  \nafter\n',
    );
  });

  it('turns a mermaid block into a mermaid fence', async () => {
    const result = await liquid('{% mermaid %}\ngraph TD\n  A-->B\n{% endmermaid %}\n');
    expect(result.body).toBe('```mermaid\ngraph TD\n  A-->B\n```\n');
  });
});

describe('{% post_url %} and {% link %}', () => {
  it("resolve to the target's URL with the base path, as Jekyll 4 does", async () => {
    const result = await liquid(
      '[a]({% post_url 2023-01-02-other %}) [b]({% post_url sub/2023-01-05-deep %}) [c]({% link _posts/2023-01-02-other.md %}) [d]({% link assets/paper.pdf %})',
    );
    expect(result.body).toBe(
      '[a](/blog/2023/01/02/other.html) [b](/blog/2023/01/05/deep.html) [c](/blog/2023/01/02/other.html) [d](/blog/assets/paper.pdf)',
    );
    expect(result.diagnostics).toEqual([]);
  });

  it('leave the base path to a post that writes {{ site.baseurl }} itself (Jekyll 3 style)', async () => {
    const result = await liquid('{{ site.baseurl }}{% post_url 2023-01-02-other %}');
    expect(result.body).toBe('/blog/2023/01/02/other.html');
  });

  it('report a missing target as an error at its file:line:col', async () => {
    const result = await liquid('text\nsee [x]({% post_url 2020-01-01-gone %}) and {% link notes/missing.md %}\n');
    expect(bare(result.diagnostics)).toEqual([
      {
        severity: 'error',
        code: 'liquid-link',
        message:
          '{% post_url 2020-01-01-gone %}: no post named "2020-01-01-gone" in this build (expected a file _posts/2020-01-01-gone.md)',
        location: { file: FILE, line: 5, column: 9 },
      },
      {
        severity: 'error',
        code: 'liquid-link',
        message: '{% link notes/missing.md %}: "notes/missing.md" is not a post or a copied file of this site',
        location: { file: FILE, line: 5, column: 45 },
      },
    ]);
  });
});

describe('{% include %}', () => {
  it("renders a file of _includes/ with the include's parameters, flattening HTML", async () => {
    const result = await liquid(
      '{% include figure.liquid path="img/a.png" class="wide" caption=page.title %}\nafter\n',
    );
    expect(result.body).toBe(
      '<figure class="figure-wrap">\n<img src="/blog/img/a.png"\nclass="wide"\nalt="figure"\ndata-base="img/a">\n<figcaption>Test post</figcaption>\n</figure>\nafter\n',
    );
    expect(result.diagnostics).toEqual([]);
  });

  it('renders Markdown includes as they are, and includes inside includes', async () => {
    const result = await liquid('{% include callout.md text=\'Short.\' %}\n{% include nested.html text="deep" %}');
    expect(result.body).toBe('> **Note:** Short.\n\n<span class="nested">> **Inner:** deep\n</span>');
  });

  it('reports a missing include, and refuses paths that leave _includes/', async () => {
    const result = await liquid('{% include nothing.html %}\n{% include ../_config.yml %}\n');
    expect(bare(result.diagnostics)).toEqual([
      {
        severity: 'error',
        code: 'liquid-include',
        message: '{% include nothing.html %}: _includes/nothing.html does not exist',
        location: { file: FILE, line: 4, column: 1 },
      },
      {
        severity: 'error',
        code: 'liquid-include',
        message:
          '{% include ../_config.yml %}: "../_config.yml" is not a file name inside _includes/ (no absolute paths, "." or ".." segments)',
        location: { file: FILE, line: 5, column: 1 },
      },
    ]);
  });
});

describe('site and page variables, and control flow', () => {
  it('exposes site.* and page.*', async () => {
    const result = await liquid(
      '{{ site.title }} / {{ page.title }} / {{ page.url }} / {{ page.tags | join: "," }} / {{ page.categories[0] }}',
    );
    expect(result.body).toBe('Example & Co / Test post / /notes/2024/02/03/test.html / alpha,beta / notes');
  });

  it('runs if, for, assign and capture', async () => {
    const result = await liquid(
      '{% assign n = 3 %}{% capture who %}{{ page.title | upcase }}{% endcapture %}{% for i in (1..n) %}{{ i }}{% unless forloop.last %},{% endunless %}{% endfor %} {% if n > 2 %}big{% else %}small{% endif %} {{ who }}',
    );
    expect(result.body).toBe('1,2,3 big TEST POST');
  });
});

describe('what Liquid cannot evaluate', () => {
  it('shows an unknown tag as a code span with a warning at file:line', async () => {
    const result = await liquid('intro\n{% unknown https://x.example/1 %} and {% gist abc %}\n');
    expect(result.body).toBe('intro\n`{% unknown https://x.example/1 %}` and `{% gist abc %}`\n');
    expect(bare(result.diagnostics)).toEqual([
      {
        severity: 'warning',
        code: 'liquid',
        message: 'unknown Liquid tag "unknown": {% unknown https://x.example/1 %} is shown as written',
        location: { file: FILE, line: 5, column: 1 },
      },
      {
        severity: 'warning',
        code: 'liquid',
        message: 'unknown Liquid tag "gist": {% gist abc %} is shown as written',
        location: { file: FILE, line: 5, column: 39 },
      },
    ]);
    expect(result.compat.filter((c) => c.status === 'unsupported').map((c) => `${c.line} ${c.construct}`)).toEqual([
      '5 {% unknown %}',
      '5 {% gist %}',
    ]);
  });

  it('shows an unknown tag inside a code fence verbatim, keeping the line count of a multi-line tag', async () => {
    const result = await liquid('```\n{% tabs a\n   b %}\n```\n');
    expect(result.body).toBe('```\n{% tabs a\n   b %}\n```\n');
    expect(result.lineMap).toBeUndefined();
  });

  it('reports an unknown filter and a syntax error, and refuses render and include_relative', async () => {
    const result = await liquid(
      '{{ page.title | shout }}\n{{ \\frac{a}{b} }}\n{% render "x" %}{% include_relative x.md %}\n',
    );
    expect(result.body).toBe(
      '`{{ page.title | shout }}`\n`{{ \\frac{a}{b} }}`\n`{% render "x" %}``{% include_relative x.md %}`\n',
    );
    expect(
      bare(result.diagnostics).map((d) => `${d.severity} ${d.location?.line}:${d.location?.column} ${d.message}`),
    ).toEqual([
      'warning 4:1 unknown Liquid filter "shout": {{ page.title | shout }} is shown as written',
      'warning 5:1 Liquid syntax error (invalid value expression: "\\\\frac{a}{b}"): {{ \\frac{a}{b} }} is shown as written',
      'warning 6:1 unknown Liquid tag "render": {% render "x" %} is shown as written',
      'warning 6:17 unknown Liquid tag "include_relative": {% include_relative x.md %} is shown as written',
    ]);
  });

  it('reports an unclosed block as an error, like Jekyll', async () => {
    const result = await liquid('a\n{% if page.title %}\nb\n');
    expect(bare(result.diagnostics)).toEqual([
      {
        severity: 'error',
        code: 'liquid',
        message: 'Liquid: {% if page.title %} is not closed',
        location: { file: FILE, line: 5, column: 1 },
      },
    ]);
  });

  it('stops a runaway loop with an error instead of hanging', async () => {
    const result = await liquid('{% for i in (1..1000000000) %}{{ i }}{% endfor %}');
    expect(result.diagnostics.map((d) => `${d.severity} ${d.code}`)).toEqual(['error liquid']);
    expect(result.diagnostics[0]!.message).toMatch(/^Liquid error: memory alloc limit exceeded/);
  });
});

describe('line map', () => {
  it('records where lines came from when Liquid removes or adds lines', async () => {
    const result = await liquid('a\n{% if false %}\nx\ny\n{% endif %}\nb\n{% include callout.md text="t" %}\nc\n');
    expect(result.body).toBe('a\n\nb\n> **Note:** t\n\nc\n');
    // Output line → body line: "b" comes from body line 5, "c" from body line 7.
    expect(result.lineMap).toEqual([0, 1, 5, 6, 6, 7, 8]);
  });
});

describe('an include that liquidjs cannot parse', () => {
  it('is a warning, and the include tag is shown as written', async () => {
    const result = await liquid('{% include broken.html %}\n', {
      site: { readInclude: async () => ({ ok: true, text: '{{ x | nosuchfilter }}' }) },
    });
    expect(result.body).toBe('`{% include broken.html %}`\n');
    expect(bare(result.diagnostics)).toEqual([
      {
        severity: 'warning',
        code: 'liquid-include',
        message:
          '{% include broken.html %}: _includes/broken.html: undefined filter: nosuchfilter; the include is shown as written',
        location: { file: FILE, line: 4, column: 1 },
      },
    ]);
  });
});

describe('{% include_cached %}', () => {
  it('renders like include (jekyll-include-cache)', async () => {
    expect((await liquid("{% include_cached callout.md text='Cached.' %}")).body).toBe('> **Note:** Cached.\n');
  });
});
