import { symlink, utimes } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build, type BuildResult } from '../../src/build.js';
import { runCli } from '../../src/cli/main.js';
import { discoverPosts } from '../../src/content/discover.js';
import { formatCompatReport } from '../../src/jekyll/compat.js';
import { countMath, textOf } from '../helpers/markdown.js';
import { copyFixtureSite, readOutput, removeDir, writeSite, listFiles } from '../helpers/site.js';
import { bare } from './helpers.js';

/** The article of a post page: what the post body became. */
function article(html: string): string {
  return html.slice(html.indexOf('<div class="post-content">'), html.indexOf('<footer class="post-footer">'));
}

const NOW = new Date('2025-01-01T00:00:00Z');
const QUADRATURE = 'blog/2023/quadrature-notes/index.html';
const FIGURES = 'blog/2023/interactive-figures/index.html';

describe('an al-folio-style Jekyll site', () => {
  let site: string;
  let out: string;
  let result: BuildResult;
  beforeAll(async () => {
    site = await copyFixtureSite('jekyll-folio');
    out = path.join(site, '_site');
    result = await build({ siteDir: site, now: NOW });
  });
  afterAll(() => removeDir(site));

  it('builds with only the expected warnings', () => {
    expect(result.ok).toBe(true);
    // `layout: distill` has a built-in layout of its own now (test/jekyll/distill.test.ts): no warning.
    // The fixture's _config.yml configures no comments (test/jekyll/comments.test.ts).
    expect(
      bare(result.diagnostics).map(
        (d) => `${d.location?.file}:${d.location?.line}:${d.location?.column} ${d.severity}[${d.code}] ${d.message}`,
      ),
    ).toEqual([
      '_posts/2023-03-14-quadrature-notes.md:10:1 warning[comments] giscus_comments: the site configures no giscus, so the post shows no comments: set comments.giscus in inkstone.yml or giscus: {repo, repo_id, category_id} in _config.yml',
    ]);
  });

  it('keeps the permalinks and copies static files as Jekyll would', async () => {
    const files = await listFiles(out);
    expect(files).toContain(QUADRATURE);
    expect(files).toContain(FIGURES);
    expect(files).toContain('CNAME');
    expect(files).toContain('assets/img/spectrum.svg');
    for (const absent of [
      'README.md',
      'bin/deploy.sh',
      'about.md',
      '_config.yml',
      '_includes/figure.liquid',
      '_data/people.yml',
      '_posts/2023-03-14-quadrature-notes.md',
    ]) {
      expect(files, absent).not.toContain(absent);
    }
    expect(files.some((f) => f.includes('half-finished-idea'))).toBe(false);
  });

  it('leaves no Liquid or kramdown syntax behind', async () => {
    for (const page of [QUADRATURE, FIGURES]) {
      // Code blocks show Liquid on purpose (the raw example).
      const text = textOf(article(await readOutput(out, page)).replace(/<pre[\s\S]*?<\/pre>/g, ''));
      expect(text, page).not.toMatch(/\{%|\{\{|\{:|%\}/);
    }
  });

  it('renders the kramdown and Liquid constructs in place', async () => {
    const html = article(await readOutput(out, QUADRATURE));
    expect(html).toContain(
      '<nav class="toc" aria-label="Contents"><ul id="markdown-toc"><li><a href="#setup" id="markdown-toc-setup">Setting up</a><ul>',
    );
    expect(html).toContain('<p class="lead" style="text-align: center">A centred paragraph with a class.</p>');
    expect(html).toContain(
      '<p><img src="/research/assets/img/spectrum.svg" alt="Spectrum of the Jacobi matrix" width="120" class="center" loading="lazy" decoding="async"></p>',
    );
    expect(html).toContain(
      '<a href="https://example.org/golub-welsch" target="_blank">original paper</a> or the\n<a href="/research/blog/2023/interactive-figures/">follow-up post</a>',
    );
    expect(html).toContain('<h2 class="no_toc" id="computing-nodes">Computing nodes</h2>');
    expect(html).toContain('<span>site: Ada Q. Example, post: notes-on-gaussian-quadrature</span>');
    expect(html).toContain('<p>Hello from Quadrature Group.</p>');
    // kramdown writes a raw HTML block out again: one tag per element, attributes on one line.
    expect(html).toContain(
      '<figure class="figure-wrap">\n<img src="/research/assets/img/spectrum.svg" class="img-fluid" alt="figure" data-base="assets/img/spectrum" width="120" height="40" loading="lazy" decoding="async" />\n<figcaption>The spectrum</figcaption>\n</figure>',
    );
    expect(html).toContain('<p>Dated March 14, 2023; as XML 2023-03-14T09:30:00-04:00.');
    expect(html).toContain('<details>\n<summary>Click to see more</summary>\n<p>Hidden until clicked.</p>\n</details>');
    expect(countMath(html)).toEqual({ inline: 2, display: 1 });
  });

  it('draws widgets at build time, shows the rest as notes, and renders the distill layout', async () => {
    const html = article(await readOutput(out, FIGURES));
    expect(
      [...html.matchAll(/<details class="widget-fallback" data-widget="([a-z_0-9]+)">/g)].map((m) => m[1]),
    ).toEqual([]);
    expect([...html.matchAll(/<figure class="diagram diagram-([a-z0-9-]+)">/g)].map((m) => m[1])).toEqual([
      'chartjs',
      'echarts',
      'vega-lite',
      'geojson',
      'plotly',
      'typograms',
      'diff2html',
    ]);
    expect(html).toContain('<aside class="compat-note">This post was written for script-driven image viewers');
    expect(html).toContain('<a href="/research/blog/2023/quadrature-notes/">the quadrature notes</a>');
    expect(await readOutput(out, FIGURES)).toContain('<article class="post distill">');
  });

  it('reports every construct with file:line', () => {
    const report = formatCompatReport(result.compat.filter((e) => e.file !== '_posts/2023-03-14-quadrature-notes.md'));
    expect(report).toBe(
      [
        'Compatibility report:',
        '_config.yml',
        "  _config.yml:2   converted      title: blank: al-folio's convention: the full name is the title",
        '  _config.yml:10  converted      baseurl: combined with url into the site URL',
        '  _config.yml:11  converted      permalink: /blog/:year/:title/: the same pattern',
        '  _config.yml:15  converted      imagemagick: inkstone makes its own responsive variants of local images (images: false in inkstone.yml turns them off)',
        '  _config.yml:23  converted      plugin jekyll-feed: inkstone writes the feeds itself',
        '  _config.yml:23  converted      plugin jekyll-scholar: {% cite %}, {% reference %}, {% quote %} and {% bibliography %} are built in (APA or Vancouver style)',
        '_posts/2023-05-02-interactive-figures.md',
        '  _posts/2023-05-02-interactive-figures.md:2   converted      layout: distill: the built-in distill layout: title block with authors, affiliations and date, contents, _styles; <d-cite>, <d-footnote> and <d-code> are rewritten',
        '  _posts/2023-05-02-interactive-figures.md:8   converted      mermaid: diagrams are rendered whenever the post has one',
        '  _posts/2023-05-02-interactive-figures.md:11  converted      chart: chartjs, echarts, vega_lite and plotly fences are drawn at build time as SVG',
        '  _posts/2023-05-02-interactive-figures.md:15  approximated   images: images are shown without the script-driven viewer, with a note at the end of the post',
        '  _posts/2023-05-02-interactive-figures.md:18  converted      authors: shown in the title block with their affiliations',
        "  _posts/2023-05-02-interactive-figures.md:22  converted      {% post_url %}: replaced by the post's URL",
        '  _posts/2023-05-02-interactive-figures.md:24  converted      ```chartjs: drawn at build time',
        '  _posts/2023-05-02-interactive-figures.md:31  converted      ```echarts: drawn at build time',
        '  _posts/2023-05-02-interactive-figures.md:35  converted      ```vega_lite: drawn at build time',
        '  _posts/2023-05-02-interactive-figures.md:39  converted      ```geojson: drawn at build time',
        '  _posts/2023-05-02-interactive-figures.md:43  converted      ```plotly: drawn at build time',
        '  _posts/2023-05-02-interactive-figures.md:47  converted      ```typograms: drawn at build time',
        '  _posts/2023-05-02-interactive-figures.md:53  converted      ```diff2html: drawn at build time',
        "  _posts/2023-05-02-interactive-figures.md:62  converted      {{ }}: {{ 'assets/img/spectrum.svg' | relative_url }} evaluated as Jekyll does",
        "  _posts/2023-05-02-interactive-figures.md:63  converted      {{ }}: {{ 'assets/img/spectrum.svg' | relative_url }} evaluated as Jekyll does",
        'about.md',
        '  about.md:1  not supported  page with front matter: inkstone builds posts; this file is neither built nor copied',
        '20 converted, 1 approximated, 1 not supported.',
      ].join('\n'),
    );
    const quadrature = result.compat.filter((e) => e.file === '_posts/2023-03-14-quadrature-notes.md');
    expect(
      quadrature.filter((e) => e.status !== 'converted').map((e) => `${e.line} ${e.status} ${e.construct}`),
    ).toEqual(['10 unsupported giscus_comments']);
    expect(
      quadrature.filter((e) => e.construct === 'thumbnail').map((e) => `${e.line} ${e.status} ${e.detail}`),
    ).toEqual([
      "12 converted shown beside the post's card on list pages and used as its link preview image (og:image, large Twitter card)",
    ]);
    expect(quadrature.filter((e) => e.construct === '{% details %}').map((e) => `${e.line} ${e.status}`)).toEqual([
      '79 converted',
    ]);
    expect(
      quadrature
        .filter((e) => e.construct.startsWith('{:') || e.construct.startsWith('{#'))
        .map((e) => `${e.line} ${e.construct}`),
    ).toEqual([
      '21 {:toc}',
      '23 {#setup}',
      '32 {: .lead style="text-align: center"}',
      '34 {: width="120" class="center"}',
      '36 {:target="_blank"}',
      '40 {: .no_toc}',
    ]);
  });

  it('builds drafts from _drafts/ only with --drafts, dated by their file time', async () => {
    const when = new Date('2024-06-01T12:00:00Z');
    await utimes(path.join(site, '_drafts', 'half-finished-idea.md'), when, when);
    const withDrafts = await build({ siteDir: site, drafts: true, write: false, now: NOW });
    const draft = withDrafts.files.find((f) => f.outputPath === 'blog/2024/half-finished-idea/index.html');
    expect(draft && article(String(draft.contents))).toContain('<p>Still thinking about a half-finished idea.</p>');
  });

  it('prints the report after the build with --report-compat', async () => {
    let stdout = '';
    const code = await runCli(['build', site, '--quiet', '--report-compat'], {
      stdout: { write: (s: string) => (stdout += s) },
      stderr: { write: () => true },
    });
    expect(code).toBe(0);
    expect(
      stdout.startsWith('Compatibility report:\n_config.yml\n  _config.yml:2   converted      title: blank:'),
    ).toBe(true);
    expect(stdout.endsWith('\n55 converted, 1 approximated, 2 not supported.\n')).toBe(true);
  });
});

describe('a math-heavy Jekyll blog', () => {
  let site: string;
  let result: BuildResult;
  const pages = [
    'linear-algebra/2021/02/03/spectral-gaps.html',
    'probability/2021/06/10/mixing-times.html',
    '2022/01/15/open-questions.html',
  ];
  beforeAll(async () => {
    site = await copyFixtureSite('jekyll-math');
    result = await build({ siteDir: site, now: NOW });
  });
  afterAll(() => removeDir(site));

  it("builds without diagnostics at Jekyll's default date-style URLs", async () => {
    expect(result.ok).toBe(true);
    expect(result.diagnostics).toEqual([]);
    const files = await listFiles(path.join(site, '_site'));
    for (const page of pages) expect(files).toContain(page);
    expect(files).toContain('images/chain.svg');
  });

  it('renders every formula with KaTeX and leaves no $$ or Liquid behind', async () => {
    const counts = [];
    for (const page of pages) {
      const html = article(await readOutput(path.join(site, '_site'), page));
      expect(html).not.toContain('math-error');
      const text = textOf(html);
      expect(text).not.toMatch(/\$\$|\{%|\{\{/);
      counts.push(countMath(html));
    }
    // kramdown: `$$` inside a paragraph is inline, even on lines of its own.
    expect(counts).toEqual([
      { inline: 6, display: 1 },
      { inline: 1, display: 1 },
      { inline: 1, display: 0 },
    ]);
    expect(textOf(article(await readOutput(path.join(site, '_site'), pages[0]!)))).toContain(
      'Prices like $5 and $10 stay text.',
    );
  });

  it('resolves every post_url and link to a page of the site', async () => {
    const files = new Set(await listFiles(path.join(site, '_site')));
    const hrefs: string[] = [];
    for (const page of pages) {
      const html = article(await readOutput(path.join(site, '_site'), page));
      hrefs.push(...[...html.matchAll(/(?:href|src)="(\/[^"#]*)"/g)].map((m) => m[1]!));
    }
    expect(hrefs).toEqual([
      '/probability/2021/06/10/mixing-times.html',
      '/images/chain.svg',
      '/linear-algebra/2021/02/03/spectral-gaps.html',
    ]);
    for (const href of hrefs) expect(files.has(href.slice(1)), href).toBe(true);
  });
});

describe('Liquid switches and line numbers', () => {
  it('keeps posts/ bodies as text without _config.yml, and evaluates them with liquid: true', async () => {
    const body = '---\ntitle: T\n---\n{{ page.title }} {% highlight js %}\n';
    const plain = await writeSite('liquid-off', { 'posts/2024-01-01-a.md': body });
    const on = await writeSite('liquid-on', { 'posts/2024-01-01-a.md': body, 'inkstone.yml': 'liquid: true\n' });
    try {
      const off = await build({ siteDir: plain, write: false, now: NOW });
      const page = (r: BuildResult) =>
        article(String(r.files.find((f) => f.outputPath === '2024/01/a/index.html')!.contents));
      expect(page(off)).toContain('<p>{{ page.title }} {% highlight js %}</p>');
      const evaluated = await build({ siteDir: on, write: false, now: NOW });
      expect(page(evaluated)).toContain('<p>T <code>{% highlight js %}</code></p>');
      expect(bare(evaluated.diagnostics)).toEqual([
        {
          severity: 'error',
          code: 'liquid',
          message: 'Liquid: {% highlight js %} is not closed',
          location: { file: 'posts/2024-01-01-a.md', line: 4, column: 18 },
        },
      ]);
    } finally {
      await removeDir(plain);
      await removeDir(on);
    }
  });

  it('reports Markdown problems at the file line even when Liquid removed lines before them', async () => {
    const dir = await writeSite('liquid-lines', {
      '_config.yml': 'title: Lines\n',
      '_posts/2024-01-01-a.md':
        '---\ntitle: A\n---\nIntro.\n\n{% if false %}\nhidden\nlines\n{% endif %}\n{% capture x %}\ncaptured\n{% endcapture %}\n\nBad $\\frac{1}$ formula.\n',
    });
    try {
      const built = await build({ siteDir: dir, write: false, now: NOW });
      expect(bare(built.diagnostics).map((d) => `${d.location?.file}:${d.location?.line} ${d.code}`)).toEqual([
        '_posts/2024-01-01-a.md:14 math',
      ]);
    } finally {
      await removeDir(dir);
    }
  });
});

describe('text after {% endhighlight %}', () => {
  it('becomes a paragraph after the code, as Jekyll makes it, and later lines keep their file lines', async () => {
    const dir = await writeSite('endhighlight-text', {
      '_config.yml': 'title: Rest\n',
      '_posts/2024-01-01-a.md': [
        '---',
        'title: A',
        '---',
        'Before.',
        '',
        '{% highlight text %}',
        'x',
        '{% endhighlight %} and *more*',
        'still',
        '',
        'After.',
        '',
        '```nosuchlang',
        'y',
        '```',
        '',
        'Bad $\\frac{1}$ formula.',
        '',
      ].join('\n'),
    });
    try {
      const built = await build({ siteDir: dir, write: false, now: NOW });
      const html = article(String(built.files.find((f) => f.outputPath === '2024/01/01/a.html')!.contents));
      // Jekyll 4.3 writes (blank lines between blocks left out): <p>Before.</p>
      // <figure class="highlight"><pre><code class="language-text" data-lang="text">x</code></pre></figure>
      // <p>and <em>more</em>\nstill</p> <p>After.</p>
      expect(
        html
          .slice(html.indexOf('<p>Before.'), html.indexOf('<p>After.</p>') + 13)
          .replace(/<pre class="shiki[\s\S]*?<\/pre>/g, '[code]'),
      ).toBe(
        [
          '<p>Before.</p>',
          '<div class="code-block" data-language="text">[code]</div>',
          '<p>and <em>more</em>',
          'still</p>',
          '<p>After.</p>',
        ].join('\n'),
      );
      expect(bare(built.diagnostics).map((d) => `${d.location?.file}:${d.location?.line} ${d.code}`)).toEqual([
        '_posts/2024-01-01-a.md:13 code-language',
        '_posts/2024-01-01-a.md:17 math',
      ]);
    } finally {
      await removeDir(dir);
    }
  });
});

describe('what Jekyll posts may read', () => {
  it('reads includes from _includes/ only: no "..", no absolute path, no symbolic link out of it', async () => {
    const dir = await writeSite('include-escape', {
      '_config.yml': 'title: Safe\n',
      'secret.txt': 'do not show',
      '_includes/ok.html': '<b>ok</b>',
      '_posts/2024-01-01-a.md':
        '---\ntitle: A\n---\n{% include ok.html %}\n{% include ../secret.txt %}\n{% include /etc/hostname %}\n{% include link.txt %}\n',
    });
    try {
      await symlink(path.join(dir, 'secret.txt'), path.join(dir, '_includes', 'link.txt'));
      const built = await build({ siteDir: dir, write: false, now: NOW });
      expect(bare(built.diagnostics).map((d) => `${d.location?.line}:${d.location?.column} ${d.message}`)).toEqual([
        '5:1 {% include ../secret.txt %}: "../secret.txt" is not a file name inside _includes/ (no absolute paths, "." or ".." segments)',
        '6:1 {% include /etc/hostname %}: "/etc/hostname" is not a file name inside _includes/ (no absolute paths, "." or ".." segments)',
        '7:1 {% include link.txt %}: _includes/link.txt leads outside _includes/',
      ]);
      const page = String(built.files.find((f) => f.outputPath === '2024/01/01/a.html')!.contents);
      expect(page).toContain('<b>ok</b>');
      expect(page).not.toContain('do not show');
    } finally {
      await removeDir(dir);
    }
  });

  it('finds posts in _posts/ and _drafts/ with the .md and .markdown extensions', async () => {
    const dir = await writeSite('jekyll-discover', {
      '_posts/2024-01-01-a.markdown': 'A\n',
      '_posts/2024-01-02-b.md': 'B\n',
      '_drafts/c.markdown': 'C\n',
      'posts/2024-01-03-d.markdown': 'not read: posts/ holds .md files',
    });
    try {
      const sources = await discoverPosts(dir);
      expect(sources.map((s) => [s.relPath, s.modified !== undefined])).toEqual([
        ['_drafts/c.markdown', true],
        ['_posts/2024-01-01-a.markdown', false],
        ['_posts/2024-01-02-b.md', false],
      ]);
    } finally {
      await removeDir(dir);
    }
  });
});
