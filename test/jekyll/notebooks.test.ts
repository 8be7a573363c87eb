/**
 * Jupyter notebooks: al-folio's `{% file_exists %}` and `{% jupyter_notebook %}` (inside
 * `{::nomarkdown}`, as its sample post writes them) and the native ```` ```notebook ```` fence. The
 * notebook is rendered at build time: Markdown cells with KaTeX, code highlighted by Shiki, outputs
 * without scripts; a missing or broken notebook is a warning at the tag and a note in the page; reads
 * stay inside the site.
 */
import { mkdir, readFile, symlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build } from '../../src/build.js';
import { formatDiagnosticHeader } from '../../src/core/diagnostics.js';
import { createSiteReader } from '../../src/core/site-reader.js';
import { formatCompatReport } from '../../src/jekyll/compat.js';
import { loadNotebook, notebookReplacement } from '../../src/notebooks/load.js';
import { parseNotebook } from '../../src/notebooks/nbformat.js';
import { createTestMarkdown } from '../helpers/markdown.js';
import { TEST_DIR, readOutput, removeDir, tempDir, writeSite } from '../helpers/site.js';

const FIXTURES = path.join(TEST_DIR, 'fixtures', 'notebooks');

/** al-folio's sample post `2023-07-04-jupyter-notebook.md`, pointed at our fixture notebook. */
const AL_FOLIO_POST = `---
layout: post
title: a post with jupyter notebook
date: 2023-07-04 08:57:00-0400
tags: formatting jupyter
---

To include a jupyter notebook in a post, you can use the following code:

{::nomarkdown}
{% assign jupyter_path = "assets/jupyter/analysis.ipynb" | relative_url %}
{% capture notebook_exists %}{% file_exists assets/jupyter/analysis.ipynb %}{% endcapture %}
{% if notebook_exists == "true" %}
    {% jupyter_notebook jupyter_path %}
{% else %}
    <p>Sorry, the notebook you are looking for does not exist.</p>
{% endif %}
{:/nomarkdown}

Note that the jupyter notebook supports both light and dark themes.
`;

const PROBLEMS_POST = `---
title: Problems
---
{% jupyter_notebook "assets/jupyter/missing.ipynb" %}

{% jupyter_notebook assets/jupyter/broken.ipynb %}

  {% jupyter_notebook /assets/jupyter/version3.ipynb %}

{% jupyter_notebook assets/jupyter/link-out.ipynb %}

Exists: {% file_exists /assets/jupyter/analysis.ipynb %}, {% file_exists assets/jupyter %}, {% file_exists assets/nothing.txt %}.

Refused: {% file_exists ../secret.txt %}, {% file_exists assets/jupyter/link-out.ipynb %}.
`;

/** The notebook inside an HTML block, whose content kramdown keeps raw. */
const RAW_HTML_POST = `---
title: In a div
---
<div class="jupyter-notebook">
{% jupyter_notebook assets/jupyter/analysis.ipynb %}
</div>
`;

let outside: string;
let site: string;
let result: Awaited<ReturnType<typeof build>>;
let page: string;
let png: string;

beforeAll(async () => {
  const analysis = await readFile(path.join(FIXTURES, 'analysis.ipynb'), 'utf8');
  png = (
    JSON.parse(analysis) as { cells: Array<{ outputs?: Array<{ data?: Record<string, string> }> }> }
  ).cells[4]!.outputs![0]!.data!['image/png']!.trim();
  site = await writeSite('notebooks', {
    '_config.yml':
      'title: Notebooks\nurl: https://example.org\nbaseurl: /blog\nplugins:\n  - jekyll-jupyter-notebook\n',
    'assets/jupyter/analysis.ipynb': analysis,
    'assets/jupyter/broken.ipynb': await readFile(path.join(FIXTURES, 'broken.ipynb'), 'utf8'),
    'assets/jupyter/version3.ipynb': await readFile(path.join(FIXTURES, 'version3.ipynb'), 'utf8'),
    '_posts/2023-07-04-jupyter-notebook.md': AL_FOLIO_POST,
    '_posts/2023-07-05-problems.md': PROBLEMS_POST,
    '_posts/2023-07-06-raw-html.md': RAW_HTML_POST,
  });
  // A notebook that is a symbolic link to a file outside the site.
  outside = await tempDir('notebooks-outside');
  await writeFile(path.join(outside, 'secret.ipynb'), analysis);
  await symlink(path.join(outside, 'secret.ipynb'), path.join(site, 'assets/jupyter/link-out.ipynb'));
  result = await build({ siteDir: site });
  page = await readOutput(path.join(site, '_site'), '2023/07/04/jupyter-notebook.html');
});
afterAll(async () => {
  await removeDir(site);
  await removeDir(outside);
});

/** The post's notebook, formulas and highlighted lines left out. */
function notebookOf(html: string): string {
  const start = html.indexOf('<div class="notebook"');
  return html.slice(start, html.indexOf('\n<p>Note that', start));
}

describe('{% jupyter_notebook %} in al-folio posts', () => {
  it('renders the notebook in place of the tag, inside {::nomarkdown}', () => {
    expect(page).toContain(
      '<p>To include a jupyter notebook in a post, you can use the following code:</p>\n<div class="notebook" data-notebook="assets/jupyter/analysis.ipynb">\n<div class="nb-cell nb-markdown-cell">\n<div class="section-heading"><h1 id="fitting-a-line">Fitting a line</h1>',
    );
    expect(page).toContain(
      '</div>\n</div>\n<p>Note that the jupyter notebook supports both light and dark themes.</p>',
    );
    expect(page).not.toContain('Sorry, the notebook');
    expect(page).not.toContain('inkstone:notebook');
  });

  it('renders Markdown cells with KaTeX, display math inside a paragraph too, and their raw HTML sanitized', () => {
    const notebook = notebookOf(page);
    expect(notebook).toContain('<annotation encoding="application/x-tex">y = ax + b</annotation>');
    expect(notebook).toMatch(
      /<div class="math-display"><span class="katex-display"><span class="katex"><span class="katex-mathml"><math xmlns="http:\/\/www.w3.org\/1998\/Math\/MathML" display="block"><semantics>.*<annotation encoding="application\/x-tex">\\sum_i \(y_i - a x_i - b\)\^2<\/annotation>/,
    );
    expect(notebook).toContain('<p><span>Raw HTML in a cell</span> is kept, without its script.</p>');
    expect(page).toContain('<link rel="stylesheet" href="/blog/assets/katex/katex.min.css">');
  });

  it('highlights code cells in the notebook language and fences of Markdown cells in theirs', () => {
    const notebook = notebookOf(page);
    expect(notebook).toContain(
      '<div class="nb-cell nb-code-cell">\n<div class="nb-input"><div class="nb-prompt">In [1]:</div>\n<div class="code-block" data-language="python"><pre class="shiki shiki-themes github-light-default github-dark-default" style="background-color:#ffffff;--shiki-dark-bg:#0d1117;color:#1f2328;--shiki-dark:#e6edf3" tabindex="0"><code><span class="line"><span style="color:#CF222E;--shiki-dark:#FF7B72">import</span>',
    );
    expect(notebook).toContain('<span style="color:#0550AE;--shiki-dark:#79C0FF">print</span>');
    expect(notebook).toMatch(
      /<p>The data came from a shell:<\/p>\n<div class="code-block" data-language="bash"><pre class="shiki [^"]*"[^>]*><code><span class="line"><span style="color:#953800;--shiki-dark:#FFA657">curl<\/span><span style="color:#0550AE;--shiki-dark:#79C0FF"> -O<\/span>/,
    );
    expect(page).toContain('<script src="/blog/assets/inkstone/copy-code.js" defer></script>');
  });

  it('shows stream, result, HTML, image, SVG, LaTeX and error outputs without scripts or terminal codes', () => {
    const notebook = notebookOf(page);
    expect(notebook).toContain(
      '<div class="nb-outputs">\n<div class="nb-output nb-stream nb-stdout"><pre>points: 3\n</pre></div>\n</div>',
    );
    expect(notebook).toContain(
      '<div class="nb-output nb-text"><div class="nb-prompt">Out [2]:</div><pre>42</pre></div>',
    );
    expect(notebook).toContain(
      [
        '<div class="nb-output nb-html"><div class="nb-prompt">Out [3]:</div><div>',
        '',
        '<table class="dataframe">',
        '  <thead>',
        '    <tr><th></th><th>x</th><th>y</th></tr>',
        '  </thead>',
        '  <tbody>',
        '    <tr><th>0</th><td>1</td><td>2.5</td></tr>',
        '    <tr><th>1</th><td>2</td><td>4.1</td></tr>',
        '  </tbody>',
        '</table>',
        '',
        '</div></div>',
      ].join('\n'),
    );
    expect(notebook).toContain(
      `<div class="nb-output nb-image"><img src="data:image/png;base64,${png}" alt="&lt;Figure size 640x480 with 1 Axes&gt;" width="320" height="160"></div>`,
    );
    expect(notebook).toMatch(
      /<div class="nb-output nb-image"><img src="data:image\/svg\+xml;base64,[A-Za-z0-9+/]+=*" alt="&lt;IPython.core.display.SVG object&gt;" width="40" height="40"><\/div>/,
    );
    expect(notebook).toContain(
      '<div class="nb-output nb-math"><div class="nb-prompt">Out [7]:</div><p><span class="katex">',
    );
    expect(notebook).toContain(
      '<annotation encoding="application/x-tex">\\displaystyle \\int_0^1 x\\,dx = \\tfrac12</annotation>',
    );
    expect(notebook).toContain(
      [
        '<div class="nb-output nb-stream nb-stderr"><pre>dividing by zero\n</pre></div>',
        '<div class="nb-output nb-error"><pre>---------------------------------------------------------------------------',
        'ZeroDivisionError                         Traceback (most recent call last)',
        'Cell In[5], line 3',
        '      1 import sys',
        '----&gt; 3 1 / 0',
        '',
        'ZeroDivisionError: division by zero</pre></div>',
      ].join('\n'),
    );
    // Carriage returns overwrite the line, as in a terminal.
    expect(notebook).toContain('<div class="nb-output nb-stream nb-stdout"><pre>step 2</pre></div>');
    expect(notebook).not.toMatch(/\u001b|\[0;31m|<script|document\.title|onclick|alert\(/);
    // A reStructuredText raw cell is not shown; an empty code cell neither.
    expect(notebook).not.toContain('reStructuredText');
    expect(notebook).not.toContain('In [ ]:');
  });

  it('leaves image data out of feeds', async () => {
    const feed = await readOutput(path.join(site, '_site'), 'feed.xml');
    expect(feed).toContain(
      '<div class="nb-output nb-image"><p><em>[Image: &lt;Figure size 640x480 with 1 Axes&gt;; see the post on the site]</em></p></div>',
    );
    expect(feed).toContain('<annotation encoding="application/x-tex">y = ax + b</annotation>');
    expect(feed).not.toContain('data:image/');
  });

  it('renders the notebook inside an HTML block that kramdown keeps raw', async () => {
    const html = await readOutput(path.join(site, '_site'), '2023/07/06/raw-html.html');
    expect(html).toContain(
      '<div class="jupyter-notebook">\n\n<div class="notebook" data-notebook="assets/jupyter/analysis.ipynb">\n<div class="nb-cell nb-markdown-cell">',
    );
  });

  it('warns at the tag for a missing, broken, old or outside notebook, and shows a note in its place', async () => {
    const file = '_posts/2023-07-05-problems.md';
    expect(result.diagnostics.filter((d) => d.location?.file === file).map((d) => formatDiagnosticHeader(d))).toEqual([
      `${file}:4:1 warning[notebook] {% jupyter_notebook "assets/jupyter/missing.ipynb" %}: assets/jupyter/missing.ipynb does not exist`,
      // The parser's own words differ between Node versions; what matters is the file and that it is not JSON.
      expect.stringMatching(
        new RegExp(
          `^${file}:6:1 warning\\[notebook\\] \\{% jupyter_notebook assets/jupyter/broken\\.ipynb %\\}: assets/jupyter/broken\\.ipynb is not valid JSON \\(.+\\)$`,
        ),
      ),
      `${file}:8:3 warning[notebook] {% jupyter_notebook /assets/jupyter/version3.ipynb %}: assets/jupyter/version3.ipynb is not a Jupyter notebook in nbformat 4 (it has nbformat 3); open it in Jupyter and save it again to convert it`,
      `${file}:10:1 warning[notebook] {% jupyter_notebook assets/jupyter/link-out.ipynb %}: assets/jupyter/link-out.ipynb leads outside the site (a symbolic link)`,
      `${file}:14:10 warning[liquid-file] {% file_exists ../secret.txt %}: "../secret.txt" is not a path inside the site (".." segments are not allowed); it gives false`,
      `${file}:14:43 warning[liquid-file] {% file_exists assets/jupyter/link-out.ipynb %}: assets/jupyter/link-out.ipynb leads outside the site (a symbolic link); it gives false`,
    ]);
    const html = await readOutput(path.join(site, '_site'), '2023/07/05/problems.html');
    expect(html).toContain(
      '<aside class="compat-note notebook-missing">This notebook cannot be shown: assets/jupyter/missing.ipynb does not exist.</aside>',
    );
    expect(html).toContain(
      '<aside class="compat-note notebook-missing">This notebook cannot be shown: assets/jupyter/link-out.ipynb leads outside the site (a symbolic link).</aside>',
    );
    expect(html).not.toContain('class="notebook"');
  });

  it('answers {% file_exists %} for files and folders inside the site', async () => {
    const html = await readOutput(path.join(site, '_site'), '2023/07/05/problems.html');
    expect(html).toContain('<p>Exists: true, true, false.</p>');
    expect(html).toContain('<p>Refused: false, false.</p>');
  });

  it('lists both tags, and the plugin, as converted in the compatibility report', () => {
    expect(formatCompatReport(result.compat.filter((e) => e.construct.includes('jupyter-notebook')))).toBe(
      [
        'Compatibility report:',
        '_config.yml',
        '  _config.yml:4  converted      plugin jekyll-jupyter-notebook: {% jupyter_notebook %} is built in: the notebook is rendered at build time, without nbconvert or an iframe',
        '1 converted, 0 approximated, 0 not supported.',
      ].join('\n'),
    );
    const file = '_posts/2023-07-04-jupyter-notebook.md';
    expect(formatCompatReport(result.compat.filter((e) => e.file === file))).toBe(
      [
        'Compatibility report:',
        file,
        `  ${file}:10  converted      {::nomarkdown}: written as raw HTML`,
        `  ${file}:11  converted      {% assign %}: evaluated as Jekyll does`,
        `  ${file}:12  converted      {% capture %}: evaluated as Jekyll does`,
        `  ${file}:12  converted      {% file_exists %}: true or false for a file inside the site`,
        `  ${file}:13  converted      {% if %}: evaluated as Jekyll does`,
        `  ${file}:14  converted      {% jupyter_notebook %}: the notebook rendered at build time: Markdown cells with math, code highlighted, outputs without scripts`,
        '6 converted, 0 approximated, 0 not supported.',
      ].join('\n'),
    );
  });
});

describe('```notebook in native posts', () => {
  const NATIVE_POST = `---
title: Native
date: 2024-01-01
---
A notebook:

\`\`\`notebook
assets/analysis.ipynb
\`\`\`

How to write one:

\`\`\`\`markdown
\`\`\`notebook
assets/analysis.ipynb
\`\`\`
\`\`\`\`

\`\`\`notebook
  assets/gone.ipynb
\`\`\`

After.
`;
  let native: string;
  let nativeResult: Awaited<ReturnType<typeof build>>;
  let nativePage: string;
  beforeAll(async () => {
    native = await writeSite('notebooks-native', {
      'posts/2024-01-01-native.md': NATIVE_POST,
      'assets/analysis.ipynb': await readFile(path.join(FIXTURES, 'analysis.ipynb'), 'utf8'),
    });
    nativeResult = await build({ siteDir: native });
    nativePage = await readOutput(path.join(native, '_site'), '2024/01/native/index.html');
  });
  afterAll(() => removeDir(native));

  it('renders the notebook the fence names, and leaves a fence inside code as code', () => {
    expect(nativePage).toContain(
      '<p>A notebook:</p>\n<div class="notebook" data-notebook="assets/analysis.ipynb">\n<div class="nb-cell nb-markdown-cell">',
    );
    expect(nativePage).toContain('<annotation encoding="application/x-tex">y = ax + b</annotation>');
    expect(nativePage).toMatch(
      /<div class="code-block" data-language="markdown"><pre [^>]*><code><span class="line"><span[^>]*>```notebook<\/span><\/span>/,
    );
    expect(nativePage).toContain(
      '<aside class="compat-note notebook-missing">This notebook cannot be shown: assets/gone.ipynb does not exist.</aside>\n<p>After.</p>',
    );
  });

  it('warns at the line and column of the missing path', () => {
    expect(nativeResult.diagnostics.map((d) => formatDiagnosticHeader(d))).toEqual([
      'posts/2024-01-01-native.md:20:3 warning[notebook] ```notebook assets/gone.ipynb: assets/gone.ipynb does not exist',
    ]);
  });
});

describe('reading notebooks', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await tempDir('notebooks-reader');
    await mkdir(path.join(dir, 'nb'), { recursive: true });
    await writeFile(
      path.join(dir, 'nb', 'big.ipynb'),
      JSON.stringify({ nbformat: 4, cells: [], metadata: { padding: 'x'.repeat(300) } }),
    );
  });
  afterAll(() => removeDir(dir));

  it('refuses a notebook larger than the limit', async () => {
    expect(await loadNotebook(createSiteReader(dir), 'nb/big.ipynb', 100)).toEqual({
      ok: false,
      reason: 'nb/big.ipynb is 351 bytes, more than the 100 bytes allowed',
    });
    expect(await loadNotebook(createSiteReader(dir), '/nb/big.ipynb')).toEqual({
      ok: true,
      notebook: { path: 'nb/big.ipynb', language: '', cells: [] },
    });
  });

  it('refuses paths that leave the site, whatever their spelling', async () => {
    const reader = createSiteReader(dir);
    expect(await reader.exists('nb/../../etc/passwd')).toEqual({
      ok: false,
      reason: '"nb/../../etc/passwd" is not a path inside the site (".." segments are not allowed)',
    });
    expect(await reader.exists('C:/Windows/win.ini')).toEqual({
      ok: false,
      reason: '"C:/Windows/win.ini" is not a path inside the site (a drive letter or an address is not a site path)',
    });
    expect(await reader.exists('nb\\big.ipynb')).toEqual({
      ok: false,
      reason: '"nb\\big.ipynb" is not a path inside the site (it holds a backslash or a control character)',
    });
    // A leading slash is the site's root, as Jekyll joins the path to its source folder: never the disk's.
    expect(await reader.exists('/etc/passwd')).toEqual({ ok: true, exists: false });
    expect(await reader.exists('./nb//big.ipynb')).toEqual({ ok: true, exists: true });
  });
});

describe('notebook markers in the markdown stage', () => {
  const notebook = (source: string) =>
    notebookReplacement(
      parseNotebook(
        JSON.stringify({
          nbformat: 4,
          metadata: { kernelspec: { language: 'julia' } },
          cells: [{ cell_type: 'code', source, execution_count: 1, outputs: [] }],
        }),
        'a.ipynb',
      ),
    );

  it('renders a notebook whatever markdown.html says of the post, and warns about a forged marker at its line', async () => {
    const md = await createTestMarkdown({ markdown: { html: 'escape' } });
    try {
      const rendered = await md.render(
        `Intro.\n\n${notebook('x = 1')}\n\n<!--inkstone:notebook {"path":"x.ipynb"}-->\n`,
        { bodyLine: 3 },
      );
      expect(rendered.html).toMatch(
        /^<p>Intro.<\/p>\n<div class="notebook" data-notebook="a.ipynb">\n<div class="nb-cell nb-code-cell">\n<div class="nb-input"><div class="nb-prompt">In \[1\]:<\/div>\n<div class="code-block" data-language="julia"><pre class="shiki /,
      );
      expect(rendered.html).toContain(
        '<aside class="compat-note notebook-missing">This notebook cannot be shown: the notebook marker in this post holds no valid notebook (was it edited by hand?).</aside>',
      );
      expect(rendered.features.languages).toEqual(['julia']);
      expect(rendered.diagnostics.map((d) => formatDiagnosticHeader(d))).toEqual([
        'posts/test.md:7:1 warning[notebook] the notebook marker in this post holds no valid notebook (was it edited by hand?)',
      ]);
    } finally {
      md.dispose();
    }
  });
});
