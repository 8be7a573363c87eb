/**
 * Widget fences: fences in a language that al-folio draws with a browser script (charts, maps, …)
 * become placeholders of the diagrams stage, which draws them at build time: never a code block or a
 * code-language warning. TikZ pictures in the author's HTML become the same.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestMarkdown, type TestMarkdown } from '../../helpers/markdown.js';

const PRE =
  '<pre class="shiki shiki-themes github-light github-dark" style="background-color:#fff;--shiki-dark-bg:#24292e;color:#24292e;--shiki-dark:#e1e4e8" tabindex="0">';
const PLACEHOLDER = '<!--inkstone:diagram:0-->\n';

let md: TestMarkdown;
beforeAll(async () => {
  md = await createTestMarkdown();
});
afterAll(() => md.dispose());

describe('widget fences', () => {
  it.each(['chartjs', 'echarts', 'vega_lite', 'geojson', 'plotly', 'diff2html', 'pseudocode', 'tikz', 'typograms'])(
    'leave ```%s, drawn at build time, to the diagrams plugin as a placeholder',
    async (language) => {
      const result = await md.render(`\`\`\`${language}\n{}\n\`\`\`\n`, { bodyLine: 5 });
      expect(result.html).toBe(PLACEHOLDER);
      expect(result.diagrams).toEqual([{ kind: language, source: '{}\n', line: 5 }]);
      expect(result.diagnostics).toEqual([]);
      expect(result.features.languages).toEqual([]);
    },
  );

  it('match the language in any case, ignore what follows it, and accept tildes, empty fences and list items', async () => {
    for (const fence of ['```Typograms\nx\n```\n', '```typograms title\nx\n```\n', '~~~typograms\nx\n~~~\n']) {
      const result = await md.render(fence);
      expect(result.html).toBe(PLACEHOLDER);
      expect(result.diagrams.map((d) => [d.kind, d.source])).toEqual([['typograms', 'x\n']]);
    }
    expect((await md.render('```typograms\n```\n')).diagrams).toEqual([{ kind: 'typograms', source: '', line: 1 }]);
    expect((await md.render('- ```typograms\n  +--+\n  ```\n')).html).toBe(`<ul>\n<li>\n${PLACEHOLDER}</li>\n</ul>\n`);
  });

  it('leave other languages, even names every object has, to the code plugin', async () => {
    const result = await md.render('```constructor\nx\n```\n', { bodyLine: 3 });
    expect(result.html).toBe(
      `<div class="code-block" data-language="constructor">${PRE}<code><span class="line"><span>x</span></span></code></pre></div>\n`,
    );
    expect(result.diagnostics.map((d) => [d.code, d.message, d.location])).toEqual([
      [
        'code-language',
        'unknown code language "constructor": shown without highlighting',
        { file: 'posts/test.md', line: 3, column: 1 },
      ],
    ]);
  });
});

describe('widget fences in kramdown posts', () => {
  let kramdown: TestMarkdown;
  beforeAll(async () => {
    kramdown = await createTestMarkdown({}, { profile: 'kramdown' });
  });
  afterAll(() => kramdown.dispose());

  it('become the same placeholder', async () => {
    const result = await kramdown.render('~~~ typograms\n+-+\n~~~\n\nAfter.\n');
    expect(result.html).toBe(`${PLACEHOLDER}<p>After.</p>\n`);
    expect(result.diagnostics).toEqual([]);
  });

  // kramdown code blocks are fence tokens carrying the fence as written, so the code plugin's
  // unclosed-fence check reads a closing ~~~ on the post's last line as the closing line it is.
  it('warn about nothing when a ~~~ widget fence ends the post', async () => {
    const result = await kramdown.render('~~~ typograms\n+-+\n~~~\n');
    expect(result.html).toBe(PLACEHOLDER);
    expect(result.diagnostics).toEqual([]);
  });
});

describe('al-folio\'s TikZ pictures (<script type="text/tikz">)', () => {
  const TIKZ = '\\begin{tikzpicture}\n\\draw (0,0) circle (1in);\n\\end{tikzpicture}\n';
  const placeholder = (n: number) => `<!--inkstone:diagram:${n}-->\n`;

  it('become TikZ diagrams for the diagrams stage, with their source and the line of the script tag', async () => {
    const result = await md.render(`Before.\n\n<script type="text/tikz">\n${TIKZ}</script>\n\nAfter.\n`, {
      bodyLine: 10,
    });
    expect(result.html).toBe(`<p>Before.</p>\n${placeholder(0)}<p>After.</p>\n`);
    expect(result.diagrams).toEqual([{ kind: 'tikz', source: TIKZ, line: 12 }]);
    expect(result.diagnostics).toEqual([]);
  });

  it('keep the HTML around them, and any other script type alone', async () => {
    const { html, diagrams } = await md.render(
      `<div class="fig">\n<script type='text/tikz'>\n${TIKZ}</script>\n<script type="text/tikz">${TIKZ}</script>\n</div>\n\n<script type="text/plain">x</script>\n`,
    );
    expect(html).toBe(
      `<div class="fig">\n${placeholder(0)}${placeholder(1)}</div>\n<script type="text/plain">x</script>\n`,
    );
    expect(diagrams.map((d) => d.source)).toEqual([TIKZ, TIKZ]);
  });

  it('become TikZ diagrams in kramdown posts too', async () => {
    const kramdown = await createTestMarkdown({}, { profile: 'kramdown' });
    try {
      const { html, diagrams } = await kramdown.render(`<script type="text/tikz">\n${TIKZ}</script>\n`);
      expect(html).toContain(placeholder(0));
      expect(html).not.toContain('<script');
      expect(diagrams).toEqual([{ kind: 'tikz', source: TIKZ, line: 1 }]);
    } finally {
      kramdown.dispose();
    }
  });

  it('under markdown.html: sanitize, still become diagrams, and the HTML around them is sanitized', async () => {
    const sanitizing = await createTestMarkdown({ markdown: { html: 'sanitize' } });
    try {
      const { html } = await sanitizing.render(
        `<div onclick="x()">\n<script type="text/tikz">\n${TIKZ}</script>\n</div>\n`,
      );
      expect(html).toBe(`<div>\n${placeholder(0)}</div>\n`);
    } finally {
      sanitizing.dispose();
    }
  });
});
