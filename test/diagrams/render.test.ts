import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build, type BuildResult } from '../../src/build.js';
import { siteConfigSchema } from '../../src/config/schema.js';
import { DiagnosticBag, formatDiagnosticHeader } from '../../src/core/diagnostics.js';
import { renderDiagrams } from '../../src/diagrams/render.js';
import { hasChromium } from '../helpers/browser.js';
import { removeDir, writeSite } from '../helpers/site.js';
import { FOREIGN_SCRIPT } from '../helpers/page-scripts.js';

const fence = (source: string) => `\`\`\`mermaid\n${source}\n\`\`\`\n`;
const FLOW = 'flowchart TD\n  A[Start] --> B{Ready?}\n  B -->|yes| C[Go]';
const SITE = {
  'posts/2024-01-01-kinds.md': [
    '---\ntitle: Kinds\n---\n',
    fence(FLOW),
    fence('sequenceDiagram\n  accTitle: Greeting\n  Alice->>John: Hello\n  John-->>Alice: Hi'),
    fence('classDiagram\n  class Animal {\n    +name: string\n  }\n  Animal <|-- Dog'),
    fence('gantt\n  title Plan\n  dateFormat YYYY-MM-DD\n  section Build\n  Parser :a1, 2024-01-01, 3d'),
  ].join('\n'),
  'posts/2024-01-02-twice.md': [
    '---\ntitle: Twice\n---\n',
    fence(FLOW),
    fence('flowchart TD\n  A[Other] --> B[Thing]'),
    fence(FLOW),
  ].join('\n'),
  'posts/2024-01-03-bad.md':
    '---\ntitle: Bad\n---\n\nBefore.\n\n```mermaid\nflowchart TD\n  A --> B\n  B -->> ]\n```\n',
  'posts/2024-01-04-hostile.md': [
    '---\ntitle: Hostile\n---\n',
    fence('flowchart TD\n  A["<img src=x onerror=alert(1)>"] --> B["<a href=\'javascript:alert(2)\'>link</a>"]'),
    fence(
      '%%{init: {"securityLevel": "loose"}}%%\nflowchart TD\n  A[Click me] --> B\n  click A href "javascript:alert(3)"',
    ),
  ].join('\n'),
};

const page = (result: BuildResult, outputPath: string) =>
  String(result.files.find((f) => f.outputPath === outputPath)?.contents);
const ids = (html: string) => [...html.matchAll(/\sid="([^"]+)"/g)].map((m) => m[1]!);

const run = hasChromium() || process.env.CI ? describe : describe.skip;

run('build-time diagrams', () => {
  let site: string;
  let first: BuildResult;
  const drawnSteps: Array<[number, number]> = [];
  beforeAll(async () => {
    site = await writeSite('diagrams', SITE);
    first = await build({
      siteDir: site,
      progress: (stage, done, total) => {
        if (stage === 'diagrams') drawnSteps.push([done, total]);
      },
    });
  });
  afterAll(() => removeDir(site));

  it('renders every diagram once per colour scheme, in one browser, and reports the broken one', () => {
    expect(first.ok).toBe(true);
    expect(first.diagrams).toEqual({ total: 10, cached: 0, rendered: 8, client: 0, browserLaunched: true });
    // The progress line's count of diagrams to draw (distinct, with no problem found before drawing),
    // up to all eight. Drawing starts while the posts render, so how many are drawn when the stage
    // first reports depends on the machine; the count only grows, and every step has the same total.
    expect(drawnSteps.at(-1)).toEqual([8, 8]);
    expect(drawnSteps.every(([done, total]) => total === 8 && done <= 8)).toBe(true);
    expect(drawnSteps.every(([done], i) => i === 0 || done >= drawnSteps[i - 1]![0])).toBe(true);
    expect(first.diagnostics.map((d) => formatDiagnosticHeader(d))).toEqual([
      expect.stringMatching(
        /^posts\/2024-01-03-bad\.md:10:1 warning\[diagram\] mermaid: Parse error on line 3: Expecting .*, got 'TAGEND'$/,
      ),
    ]);
  });

  it('inlines light and dark SVG for flowcharts, sequence, class and gantt diagrams, with no script', () => {
    const html = page(first, '2024/01/kinds/index.html');
    const figures = html.match(/<figure class="diagram diagram-mermaid">/g) ?? [];
    expect(figures).toHaveLength(4);
    const roles = [
      ...html.matchAll(/<svg id="(mermaid-[0-9a-f]{16}(?:-dark)?)"[^>]*aria-roledescription="([^"]+)"/g),
    ].map((m) => [m[1]!.endsWith('-dark'), m[2]]);
    expect(roles).toEqual([
      [false, 'flowchart-v2'],
      [true, 'flowchart-v2'],
      [false, 'sequence'],
      [true, 'sequence'],
      [false, 'classDiagram'],
      [true, 'classDiagram'],
      [false, 'gantt'],
      [true, 'gantt'],
    ]);
    expect(html).not.toMatch(FOREIGN_SCRIPT);
    expect(html).toContain('<title id="mermaid-');
    expect(html).toContain('aria-label="flowchart diagram"');
    // Wide diagrams stay legible on phones: they shrink to 40rem at most, then the figure scrolls.
    expect(html).toMatch(
      /<svg id="mermaid-[0-9a-f]{16}"[^>]*style="max-width: [\d.]+px; min-width: min\([\d.]+px, 40rem\);"/,
    );
    // Each drawing hides in the other scheme: the reader's choice on the page (data-theme), else the system's.
    expect(html).toMatch(
      /<style>@media \(prefers-color-scheme: dark\)\{:root:not\(\[data-theme=light\]\) #(mermaid-[0-9a-f]{16})\{display:none\}\}:root\[data-theme=dark\] #\1\{display:none\}<\/style>/,
    );
    expect(html).toMatch(
      /<style>@media not \(prefers-color-scheme: dark\)\{:root:not\(\[data-theme=dark\]\) #(mermaid-[0-9a-f]{16}-dark)\{display:none\}\}:root\[data-theme=light\] #\1\{display:none\}<\/style>/,
    );
  });

  it('never repeats an id on a page, also when a diagram appears twice', () => {
    for (const file of first.files.filter((f) => f.outputPath.endsWith('.html'))) {
      const all = ids(String(file.contents));
      expect(
        all.filter((id, i) => all.indexOf(id) !== i),
        file.outputPath,
      ).toEqual([]);
    }
    const twice = page(first, '2024/01/twice/index.html');
    const roots = [...twice.matchAll(/<svg id="([^"]+)"/g)].map((m) => m[1]!);
    expect(roots).toHaveLength(6);
    expect(new Set(roots).size).toBe(6);
    // FLOW was first used in the "kinds" post: here it is the second and third use.
    expect(roots[0]).toMatch(/^mermaid-[0-9a-f]{16}-2$/);
    expect(roots[4]).toBe(roots[0]!.replace(/-2$/, '-3'));
  });

  it('shows a broken diagram as escaped source with the message', () => {
    const html = page(first, '2024/01/bad/index.html');
    expect(html).toContain(
      '<figure class="diagram diagram-error"><pre class="diagram-source"><code>flowchart TD\n  A --&gt; B\n  B --&gt;&gt; ]\n</code></pre><figcaption>This diagram could not be drawn: Parse error on line 3:',
    );
  });

  it('keeps hostile labels and directives from adding scripts or event handlers', () => {
    const html = page(first, '2024/01/hostile/index.html');
    const svgs = html.match(/<svg[\s\S]*?<\/svg>/g) ?? [];
    expect(svgs).toHaveLength(4);
    for (const svg of svgs) {
      expect(svg).not.toMatch(/\son[a-z]+\s*=/i);
      expect(svg).not.toMatch(/javascript:/i);
      expect(svg).not.toContain('<script');
    }
  });

  it('is an error under --strict', async () => {
    const strict = await build({ siteDir: site, strict: true, write: false });
    expect(strict.ok).toBe(false);
  });

  it('takes every diagram from the cache on the next build, without a browser, byte for byte', async () => {
    const again = await build({ siteDir: site, write: false });
    expect(again.diagrams).toEqual({ total: 10, cached: 8, rendered: 0, client: 0, browserLaunched: false });
    for (const file of first.files.filter((f) => f.outputPath.endsWith('.html'))) {
      expect(page(again, file.outputPath), file.outputPath).toBe(String(file.contents));
    }
  });
});

describe('client-side diagrams', () => {
  it('falls back to the self-hosted mermaid script with one warning when no browser is found', async () => {
    const site = await writeSite('diagrams-fallback', {});
    try {
      const config = siteConfigSchema.parse({ cache_dir: '.cache' });
      const bag = new DiagnosticBag();
      const post = {
        post: { source: { relPath: 'posts/a.md', text: '' } },
        html: '<p>x</p>\n<!--inkstone:diagram:0-->\n<!--inkstone:diagram:1-->\n',
        excerptHtml: '<p>x</p>\n',
        feedHtml: '<!--inkstone:diagram:0-->',
        feedExcerptHtml: '',
        diagrams: [
          { kind: 'mermaid', source: 'graph TD\n  A-->B\n', line: 3 },
          { kind: 'mermaid', source: 'graph TD\n  C-->D["<i>"]\n', line: 8 },
        ],
        features: { math: false, mermaid: false, languages: [] },
      } as unknown as Parameters<typeof renderDiagrams>[0][number];
      const result = await renderDiagrams(
        [post],
        { config, siteDir: site, themes: { light: 'default', dark: 'dark' }, findBrowser: async () => undefined },
        bag,
      );
      expect(result.posts[0]!.html).toBe(
        '<p>x</p>\n<figure class="diagram diagram-mermaid"><pre class="mermaid">graph TD\n  A--&gt;B\n</pre></figure>\n' +
          '<figure class="diagram diagram-mermaid"><pre class="mermaid">graph TD\n  C--&gt;D[&quot;&lt;i&gt;&quot;]\n</pre></figure>\n',
      );
      expect(result.posts[0]!.features.mermaid).toBe(true);
      expect(result.stats).toEqual({ total: 2, cached: 0, rendered: 0, client: 2, browserLaunched: false });
      expect(bag.items.map((d) => formatDiagnosticHeader(d))).toEqual([
        'warning[diagram-browser] no browser found to render 2 diagrams at build time, so readers\' browsers will draw them with the mermaid script: install Chromium (Debian/Ubuntu: "apt-get install chromium"), or set INKSTONE_BROWSER or diagrams.browser in inkstone.yml to a Chrome or Chromium executable',
      ]);
      const auto = new DiagnosticBag();
      await renderDiagrams(
        [post],
        {
          config: siteConfigSchema.parse({ diagrams: { mode: 'auto' } }),
          siteDir: site,
          themes: { light: 'default', dark: 'dark' },
          findBrowser: async () => undefined,
        },
        auto,
      );
      expect(auto.items).toEqual([]);
    } finally {
      await removeDir(site);
    }
  });

  it('marks the excerpt as needing the mermaid script only when a diagram in it is left to the client', async () => {
    const site = await writeSite('diagrams-excerpt-client', {});
    try {
      const record = (relPath: string, excerptHtml: string) =>
        ({
          post: { source: { relPath, text: '' } },
          html: '<p>x</p>\n<!--inkstone:diagram:0-->\n',
          excerptHtml,
          feedHtml: '',
          feedExcerptHtml: '',
          diagrams: [{ kind: 'mermaid', source: 'graph TD\n  A-->B\n', line: 3 }],
          features: { math: false, mermaid: false, languages: [], code: false },
          excerptFeatures: { math: true, mermaid: false, code: false, tabs: false },
        }) as unknown as Parameters<typeof renderDiagrams>[0][number];
      const result = await renderDiagrams(
        [record('posts/a.md', '<p>x</p>\n'), record('posts/b.md', '<p>x</p>\n<!--inkstone:diagram:0-->\n')],
        {
          config: siteConfigSchema.parse({ cache_dir: '.cache', diagrams: { mode: 'auto' } }),
          siteDir: site,
          themes: { light: 'default', dark: 'dark' },
          findBrowser: async () => undefined,
        },
        new DiagnosticBag(),
      );
      expect(result.posts.map((p) => p.excerptFeatures)).toEqual([
        { math: true, mermaid: false, code: false, tabs: false },
        { math: true, mermaid: true, code: false, tabs: false },
      ]);
    } finally {
      await removeDir(site);
    }
  });

  it('serves the mermaid bundle and loads it only on pages with diagrams in client mode', async () => {
    const site = await writeSite('diagrams-client', {
      'inkstone.yml': 'diagrams:\n  mode: client\n',
      'posts/2024-01-01-a.md': fence(FLOW),
      'posts/2024-01-02-b.md': 'No diagram.\n',
    });
    try {
      const result = await build({ siteDir: site, write: false });
      expect(result.ok).toBe(true);
      expect(result.diagrams.browserLaunched).toBe(false);
      expect(result.files.map((f) => f.outputPath)).toContain('assets/mermaid/mermaid.min.js');
      expect(page(result, '2024/01/a/index.html')).toContain(
        '<script src="/assets/mermaid/mermaid.min.js" defer></script>',
      );
      expect(page(result, '2024/01/a/index.html')).toContain('<pre class="mermaid">flowchart TD');
      expect(page(result, '2024/01/b/index.html')).not.toMatch(FOREIGN_SCRIPT);
    } finally {
      await removeDir(site);
    }
  });

  it('says how to install a browser when the configured one fails to start', async () => {
    const site = await writeSite('diagrams-nostart', {
      'inkstone.yml': 'diagrams:\n  browser: /bin/false\n',
      'posts/2024-01-01-a.md': fence(FLOW),
    });
    try {
      const error = await build({ siteDir: site, write: false }).catch((e: Error) => e);
      expect(error).toBeInstanceOf(Error);
      expect((error as Error).message).toMatch(
        /^cannot start the browser \/bin\/false to render diagrams \(.+\): install Chromium \(Debian\/Ubuntu: "apt-get install chromium"\), or set INKSTONE_BROWSER or diagrams.browser in inkstone.yml to a Chrome or Chromium executable$/,
      );
    } finally {
      await removeDir(site);
    }
  });

  it('refuses a configured browser path that does not exist', async () => {
    const site = await writeSite('diagrams-badpath', {
      'inkstone.yml': 'diagrams:\n  browser: /nope/chrome\n',
      'posts/2024-01-01-a.md': fence(FLOW),
    });
    try {
      await expect(build({ siteDir: site, write: false })).rejects.toThrow(
        'browser /nope/chrome (from diagrams.browser) is not an executable file: install Chromium',
      );
    } finally {
      await removeDir(site);
    }
  });
});
