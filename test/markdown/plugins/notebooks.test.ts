/**
 * Notebooks: a notebook marker (what `{% jupyter_notebook %}` and ```` ```notebook ```` leave in a post)
 * becomes the notebook: Markdown cells parsed as documents of their own (raw HTML sanitized), code cells
 * highlighted in the notebook's language, outputs rendered; problems are reported at the marker's line.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { notebookMarker } from '../../../src/notebooks/marker.js';
import type { NotebookCell } from '../../../src/notebooks/nbformat.js';
import { createTestMarkdown, type TestMarkdown } from '../../helpers/markdown.js';

const PRE =
  '<pre class="shiki shiki-themes github-light github-dark" style="background-color:#fff;--shiki-dark-bg:#24292e;color:#24292e;--shiki-dark:#e1e4e8" tabindex="0">';

/** The marker line of a notebook at nb/a.ipynb. */
const marker = (language: string, cells: NotebookCell[]) => notebookMarker({ path: 'nb/a.ipynb', language, cells });
const notebook = (inner: string) => `<div class="notebook" data-notebook="nb/a.ipynb">\n${inner}</div>\n`;
const codeCell = (prompt: string, input: string, outputs = '') =>
  `<div class="nb-cell nb-code-cell">\n<div class="nb-input"><div class="nb-prompt">In [${prompt}]:</div>\n${input}</div>\n${outputs}</div>\n`;
const plain = (text: string) =>
  `<div class="code-block">${PRE}<code><span class="line"><span>${text}</span></span></code></pre></div>\n`;

let md: TestMarkdown;
beforeAll(async () => {
  md = await createTestMarkdown();
});
afterAll(() => md.dispose());

describe('notebook markers', () => {
  it('render Markdown cells as documents of their own, with their raw HTML sanitized', async () => {
    const source = '# Cell *title*\n\nText <b onclick="x()">bold</b><script>bad()</script>';
    const result = await md.render(`Intro.\n\n${marker('', [{ type: 'markdown', source, attachments: {} }])}\n`);
    expect(result.html).toBe(
      '<p>Intro.</p>\n' +
        notebook(
          '<div class="nb-cell nb-markdown-cell">\n' +
            '<div class="section-heading"><h1 id="cell-title">Cell <em>title</em></h1>\n<a class="heading-link" href="#cell-title" aria-label="Link to the section Cell title">#</a></div>\n' +
            '<p>Text <b>bold</b></p>\n</div>\n',
        ),
    );
    expect(result.excerptHtml).toBe('<p>Intro.</p>\n');
    expect(result.diagnostics).toEqual([]);
  });

  it("highlight code cells in the notebook's language and show their outputs", async () => {
    const cell: NotebookCell = {
      type: 'code',
      source: 'x = 1\n',
      executionCount: 2,
      outputs: [
        { type: 'stream', name: 'stdout', text: 'a <b>\n' },
        { type: 'error', ename: 'E', evalue: 'v', traceback: ['\u001b[31mTrace\u001b[0m'] },
        { type: 'data', result: true, executionCount: 2, data: { 'text/plain': '42' }, size: {} },
      ],
    };
    const result = await md.render(`${marker('python', [cell])}\n`);
    // The input is the code block the same fence in the post would be.
    const input = (await md.render('```python\nx = 1\n```\n')).html;
    expect(input.startsWith('<div class="code-block" data-language="python">')).toBe(true);
    expect(result.html).toBe(
      notebook(
        codeCell(
          '2',
          input,
          '<div class="nb-outputs">\n<div class="nb-output nb-stream nb-stdout"><pre>a &lt;b&gt;\n</pre></div>\n' +
            '<div class="nb-output nb-error"><pre>Trace</pre></div>\n' +
            '<div class="nb-output nb-text"><div class="nb-prompt">Out [2]:</div><pre>42</pre></div>\n</div>\n',
        ),
      ),
    );
    expect(result.features.languages).toEqual(['python']);
  });

  it('show raw HTML and Markdown cells, and leave out other raw cells and empty code cells', async () => {
    const cells: NotebookCell[] = [
      { type: 'raw', source: '<em onclick="x">raw</em>', format: '' },
      { type: 'raw', source: 'ignored', format: 'text/x-python' },
      { type: 'raw', source: '*md*', format: 'text/markdown' },
      { type: 'code', source: '  ', executionCount: null, outputs: [] },
    ];
    expect((await md.render(`${marker('', cells)}\n`)).html).toBe(
      notebook(
        '<div class="nb-cell nb-raw-cell">\n<em>raw</em>\n</div>\n<div class="nb-cell nb-raw-cell">\n<p><em>md</em></p>\n</div>\n',
      ),
    );
  });

  it('point attachments at their data and record them as links', async () => {
    const attachments = { 'p.png': { mime: 'image/png', data: 'iVBORw0K\nGgo=' } };
    const result = await md.render(
      `${marker('', [{ type: 'markdown', source: '![p](attachment:p.png)', attachments }])}\n`,
    );
    expect(result.html).toBe(
      notebook(
        '<div class="nb-cell nb-markdown-cell">\n<p><img src="data:image/png;base64,iVBORw0KGgo=" alt="p" loading="lazy" decoding="async"></p>\n</div>\n',
      ),
    );
    expect(result.links).toEqual(['data:image/png;base64,iVBORw0KGgo=']);
  });

  it('leave image data out of the feed', async () => {
    const image = { type: 'data', result: false, executionCount: null, data: { 'image/png': 'iVBORw0KGgo=' } } as const;
    const cell: NotebookCell = {
      type: 'code',
      source: '',
      executionCount: 1,
      outputs: [{ ...image, size: { width: 4, height: 3 } }],
    };
    const result = await md.render(`${marker('', [cell])}\n`);
    const cellWith = (output: string) =>
      notebook(
        `<div class="nb-cell nb-code-cell">\n<div class="nb-input"><div class="nb-prompt">In [1]:</div>\n</div>\n<div class="nb-outputs">\n<div class="nb-output nb-image">${output}</div>\n</div>\n</div>\n`,
      );
    expect(result.html).toBe(
      cellWith('<img src="data:image/png;base64,iVBORw0KGgo=" alt="Output of a code cell" width="4" height="3">'),
    );
    expect(result.feedHtml).toBe(cellWith('<p><em>[Image: Output of a code cell; see the post on the site]</em></p>'));
  });
});

describe('notebook diagnostics', () => {
  it("warn at the marker's line about an unknown notebook language, and show the code plain", async () => {
    const cell: NotebookCell = { type: 'code', source: 'x', executionCount: null, outputs: [] };
    const result = await md.render(`Intro.\n\n${marker('cobol2', [cell])}\n`, { bodyLine: 5 });
    expect(result.html).toBe(`<p>Intro.</p>\n${notebook(codeCell(' ', plain('x')))}`);
    expect(result.diagnostics.map((d) => [d.severity, d.code, d.message, d.location])).toEqual([
      [
        'warning',
        'code-language',
        'notebook nb/a.ipynb: unknown code language "cobol2": its code is shown without highlighting',
        { file: 'posts/test.md', line: 7, column: 1 },
      ],
    ]);
  });

  it("name the notebook and cell of a cell's own warning, at the marker's line", async () => {
    const cells: NotebookCell[] = [
      { type: 'markdown', source: 'First.', attachments: {} },
      { type: 'markdown', source: '```bogus\nq\n```', attachments: {} },
    ];
    const result = await md.render(`${marker('', cells)}\n`, { bodyLine: 3 });
    expect(result.diagnostics.map((d) => [d.code, d.message, d.location])).toEqual([
      [
        'code-language',
        'notebook nb/a.ipynb, cell 2: unknown code language "bogus": shown without highlighting',
        { file: 'posts/test.md', line: 3, column: 1 },
      ],
    ]);
  });

  it('show a note, and warn, for a marker that holds no valid notebook', async () => {
    const result = await md.render('Para.\n\n<!--inkstone:notebook {"path":1}-->\n', { bodyLine: 2 });
    expect(result.html).toBe(
      '<p>Para.</p>\n<aside class="compat-note notebook-missing">This notebook cannot be shown: the notebook marker in this post holds no valid notebook (was it edited by hand?).</aside>\n',
    );
    expect(result.diagnostics.map((d) => [d.severity, d.code, d.message, d.location])).toEqual([
      [
        'warning',
        'notebook',
        'the notebook marker in this post holds no valid notebook (was it edited by hand?)',
        { file: 'posts/test.md', line: 4, column: 1 },
      ],
    ]);
  });
});
