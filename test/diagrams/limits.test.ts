import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build, type BuildResult } from '../../src/build.js';
import { parseConfigText } from '../../src/config/load.js';
import { formatDiagnostic, formatDiagnosticHeader } from '../../src/core/diagnostics.js';
import { openMermaidRenderer } from '../../src/diagrams/mermaid-page.js';
import { diagramSourceLine } from '../../src/diagrams/source-lines.js';
import { hasChromium, launchChromium } from '../helpers/browser.js';
import { removeDir, tempDir, writeSite } from '../helpers/site.js';

const run = hasChromium() || process.env.CI ? describe : describe.skip;
const page = (result: BuildResult, outputPath: string) =>
  String(result.files.find((f) => f.outputPath === outputPath)?.contents);
const headers = (result: BuildResult) => result.diagnostics.map((d) => formatDiagnosticHeader(d));

/** mermaid 11's flowchart message for `B -->> ]`, after "Parse error on line N: ". */
const FLOW_EXPECTING =
  "Expecting 'AMP', 'COLON', 'PIPE', 'TESTSTR', 'DOWN', 'DEFAULT', 'NUM', 'COMMA', 'NODE_STRING', 'BRKT', 'MINUS', 'MULT', 'UNICODE_TEXT', got 'TAGEND'";

describe('diagramSourceLine: the diagram line that mermaid numbers N', () => {
  it('is N when mermaid drops no line', () => {
    expect(diagramSourceLine('flowchart TD\n  A --> B\n  B -->> ]\n', 3)).toBe(3);
  });

  it('counts the blank lines mermaid trims from the start', () => {
    expect(diagramSourceLine('\n\nflowchart TD\n  A --> B\n  B -->> ]\n', 3)).toBe(5);
  });

  it('counts an init directive, front matter and comment lines, which mermaid removes before parsing', () => {
    expect(diagramSourceLine('%%{init: {"theme": "forest"}}%%\nflowchart TD\n  A --> B\n  B -->> ]\n', 3)).toBe(4);
    expect(diagramSourceLine('---\ntitle: x\n---\nflowchart TD\n  A --> B\n  B -->> ]\n', 3)).toBe(6);
    expect(diagramSourceLine('flowchart TD\n  %% a comment\n  A --> B\n\n  %% another\n  B -->> ]\n', 3)).toBe(6);
    expect(
      diagramSourceLine(
        '%%{init: {"theme": "forest"}}%%\n%% first\nflowchart TD\n  A --> B\n\n  %% dropped\n  B -->> ]\n',
        3,
      ),
    ).toBe(7);
  });

  it('keeps a directive line in the middle, which mermaid empties but keeps', () => {
    expect(diagramSourceLine('flowchart TD\n  %%{wrap}%%\n  A --> B\n  B -->> ]\n', 4)).toBe(4);
  });

  it('stays inside the diagram when mermaid names the line after its end', () => {
    expect(diagramSourceLine('flowchart TD\n  A --> B\n', 5)).toBe(2);
  });
});

describe('diagrams.timeout', () => {
  it('is a positive number of seconds, unset by default', () => {
    expect(parseConfigText('title: T\n', 'inkstone.yml').diagrams).toEqual({ mode: 'svg' });
    expect(parseConfigText('diagrams:\n  timeout: 2.5\n', 'inkstone.yml').diagrams).toEqual({
      mode: 'svg',
      timeout: 2.5,
    });
    expect(() => parseConfigText('diagrams:\n  timeout: 0\n', 'inkstone.yml')).toThrow(
      'setting "diagrams.timeout": Too small: expected number to be >0, got number 0',
    );
  });
});

run('diagram limits and error lines (Chromium)', () => {
  describe('parse errors are reported at the file line of the bad diagram line', () => {
    let site: string;
    let result: BuildResult;
    beforeAll(async () => {
      site = await writeSite('diagram-lines', {
        // Native post: a fence, a fence with lines mermaid drops, front matter, and {% mermaid %}.
        'posts/2024-01-01-lines.md': [
          '---',
          'title: Lines',
          '---',
          '', // 1-4
          '```mermaid',
          'flowchart TD',
          '  A --> B',
          '  B -->> ]',
          '```',
          '', // 5-10: error on 8
          '```mermaid',
          '%%{init: {"theme": "forest"}}%%',
          '%% the first comment',
          'flowchart TD',
          '  A --> B',
          '',
          '  %% dropped by mermaid',
          '  B -->> ]',
          '```',
          '', // 11-20: error on 18
          '```mermaid',
          '---',
          'title: Front matter',
          '---',
          'flowchart TD',
          '  A --> B',
          '  B -->> ]',
          '```',
          '', // 21-29: error on 27
          '{% mermaid %}',
          '',
          'flowchart TD',
          '  A --> B',
          '  B -->> ]',
          '{% endmermaid %}',
          '', // 30-36: error on 34
        ].join('\n'),
        // Jekyll post (kramdown, Liquid evaluated): Liquid that removes lines above, then {% mermaid %} and a fence.
        '_posts/2024-01-02-jekyll.md': [
          '---',
          'title: Jekyll',
          '---',
          '', // 1-4
          '{% comment %}',
          'Two lines',
          'of comment',
          '{% endcomment %}',
          'Text of {{ page.title }}.',
          '', // 5-10
          '{% mermaid %}',
          '%%{init: {"theme": "neutral"}}%%',
          '',
          'sequenceDiagram',
          '  Alice->>John: Hello',
          '  John-->>>Alice: Hi',
          '{% endmermaid %}',
          '', // 11-18: error on 16
          '```mermaid',
          'flowchart TD',
          '  A --> B',
          '  B -->> ]',
          '```',
          '', // 19-24: error on 22
        ].join('\n'),
      });
      result = await build({ siteDir: site, write: false });
    });
    afterAll(() => removeDir(site));

    it('names the file line of the bad line, in native posts and in Jekyll posts', () => {
      expect(headers(result)).toEqual([
        `_posts/2024-01-02-jekyll.md:16:1 warning[diagram] mermaid: Parse error on line 5: Expecting '+', '-', '()', 'ACTOR', got 'INVALID'`,
        `_posts/2024-01-02-jekyll.md:22:1 warning[diagram] mermaid: Parse error on line 3: ${FLOW_EXPECTING}`,
        `posts/2024-01-01-lines.md:8:1 warning[diagram] mermaid: Parse error on line 3: ${FLOW_EXPECTING}`,
        `posts/2024-01-01-lines.md:18:1 warning[diagram] mermaid: Parse error on line 7: ${FLOW_EXPECTING}`,
        `posts/2024-01-01-lines.md:27:1 warning[diagram] mermaid: Parse error on line 6: ${FLOW_EXPECTING}`,
        `posts/2024-01-01-lines.md:34:1 warning[diagram] mermaid: Parse error on line 4: ${FLOW_EXPECTING}`,
      ]);
      const frame = formatDiagnostic(result.diagnostics.find((d) => d.location?.line === 18)!)
        .split('\n')
        .slice(1);
      expect(frame).toEqual(['  18 |   B -->> ]', '     | ^']);
    });

    it('shows the diagram line, counted from the line after the fence, under the source', () => {
      expect(page(result, '2024/01/lines/index.html')).toContain(
        '<figure class="diagram diagram-error"><pre class="diagram-source"><code>%%{init: {&quot;theme&quot;: &quot;forest&quot;}}%%\n%% the first comment\nflowchart TD\n  A --&gt; B\n\n  %% dropped by mermaid\n  B --&gt;&gt; ]\n</code></pre>' +
          `<figcaption>This diagram could not be drawn: Parse error on line 7: ${FLOW_EXPECTING.replace(/'/g, '&#39;')}</figcaption></figure>`,
      );
    });
  });

  describe('each diagram has its own time limit', () => {
    let browser: Browser;
    let dir: string;
    beforeAll(async () => {
      browser = await launchChromium();
      dir = await tempDir('mermaid-stub');
    });
    afterAll(async () => {
      await browser.close();
      await removeDir(dir);
    });

    it('abandons a diagram that never finishes, busy or waiting, and renders the next ones in a fresh page', async () => {
      // A stand-in for mermaid whose "spin" diagram blocks the page and whose "wait" diagram never settles.
      const bundle = path.join(dir, 'stub-mermaid.js');
      await writeFile(
        bundle,
        `window.mermaid = {
          initialize() {},
          async render(id, text) {
            if (text === 'spin') for (;;) {}
            if (text === 'wait') return new Promise(() => {});
            return { svg: '<svg id="' + id + '" aria-label="stub"><text>' + text + '</text></svg>' };
          },
        };`,
      );
      const renderer = await openMermaidRenderer(browser, { timeoutMs: 3_000, bundle });
      const variant = { scheme: 'light', theme: 'default' } as const;
      const outcomes = [];
      for (const [id, source] of [
        ['d1', 'one'],
        ['d2', 'spin'],
        ['d3', 'two'],
        ['d4', 'wait'],
        ['d5', 'three'],
      ] as const) {
        outcomes.push(await renderer.render({ id, source }, variant));
      }
      await renderer.close();
      const svg = (id: string, text: string) =>
        `<svg id="${id}" aria-label="stub"><style>@media (prefers-color-scheme: dark){:root:not([data-theme=light]) #${id}{display:none}}:root[data-theme=dark] #${id}{display:none}</style><text>${text}</text></svg>`;
      expect(outcomes).toEqual([
        { ok: true, svg: svg('d1', 'one') },
        { ok: false, timedOut: true },
        { ok: true, svg: svg('d3', 'two') },
        { ok: false, timedOut: true },
        { ok: true, svg: svg('d5', 'three') },
      ]);
    });

    it('reports a diagram over the limit at its fence, shows its source, and tries again on the next build', async () => {
      const site = await writeSite('diagram-timeout', {
        'inkstone.yml': 'diagrams:\n  timeout: 0.001\n',
        'posts/2024-01-01-slow.md': '---\ntitle: Slow\n---\n\nText.\n\n```mermaid\nflowchart TD\n  A --> B\n```\n',
      });
      try {
        const slow = await build({ siteDir: site, write: false });
        expect(headers(slow)).toEqual([
          'posts/2024-01-01-slow.md:7:1 warning[diagram-timeout] diagram took longer than 0.001 s to render (the limit, diagrams.timeout): shown as source',
        ]);
        expect(slow.diagrams).toEqual({ total: 1, cached: 0, rendered: 0, client: 0, browserLaunched: true });
        expect(page(slow, '2024/01/slow/index.html')).toContain(
          '<figure class="diagram diagram-error"><pre class="diagram-source"><code>flowchart TD\n  A --&gt; B\n</code></pre>' +
            '<figcaption>This diagram could not be drawn: it took longer than 0.001 s to render</figcaption></figure>',
        );
        // A time-out says nothing about the diagram itself: it is not cached, and the default limit renders it.
        await writeFile(path.join(site, 'inkstone.yml'), 'diagrams:\n  mode: svg\n');
        const again = await build({ siteDir: site, write: false });
        expect(again.diagnostics).toEqual([]);
        expect(again.diagrams).toEqual({ total: 1, cached: 0, rendered: 1, client: 0, browserLaunched: true });
        expect(page(again, '2024/01/slow/index.html')).toMatch(
          /<figure class="diagram diagram-mermaid"><svg id="mermaid-[0-9a-f]{16}"/,
        );
      } finally {
        await removeDir(site);
      }
    });
  });

  describe('oversize diagrams', () => {
    it('reports a flowchart with more edges than mermaid draws, with the limit, and renders the rest', async () => {
      const edges = Array.from({ length: 501 }, (_, i) => `  n${i} --> n${i + 1}`).join('\n');
      const site = await writeSite('diagram-edges', {
        'posts/2024-01-01-edges.md': `---\ntitle: Edges\n---\n\n\`\`\`mermaid\nflowchart LR\n${edges}\n\`\`\`\n\n\`\`\`mermaid\nflowchart LR\n  A --> B\n\`\`\`\n`,
      });
      try {
        const result = await build({ siteDir: site, write: false });
        expect(headers(result)).toEqual([
          'posts/2024-01-01-edges.md:5:1 warning[diagram-size] diagram with more than 500 edges is too large to render (the limit is 500 edges): shown as source',
        ]);
        const html = page(result, '2024/01/edges/index.html');
        expect(html).toContain(
          '<figcaption>This diagram could not be drawn: it has more than 500 edges (the limit is 500)</figcaption></figure>',
        );
        expect(html.match(/<figure class="diagram diagram-mermaid"><svg /g)).toHaveLength(1);
      } finally {
        await removeDir(site);
      }
    });
  });
});

describe('diagrams over the size limit (no browser needed)', () => {
  const big = `flowchart LR\n${Array.from({ length: 2_500 }, (_, i) => `  node${i} --> node${i + 1}`).join('\n')}\n`;

  it('are a warning with the limit and show their source, without starting a browser or loading the client script', async () => {
    expect(big.length).toBe(57_796);
    for (const mode of ['svg', 'client'] as const) {
      const site = await writeSite(`diagram-size-${mode}`, {
        'inkstone.yml': `diagrams:\n  mode: ${mode}\n`,
        'posts/2024-01-01-big.md': `---\ntitle: Big\n---\n\nA big one:\n\n\`\`\`mermaid\n${big}\`\`\`\n`,
      });
      try {
        const result = await build({ siteDir: site, write: false });
        expect(headers(result), mode).toEqual([
          'posts/2024-01-01-big.md:7:1 warning[diagram-size] diagram of 57796 characters is too large to render (the limit is 50000 characters): shown as source',
        ]);
        expect(result.diagrams, mode).toEqual({ total: 1, cached: 0, rendered: 0, client: 0, browserLaunched: false });
        const html = page(result, '2024/01/big/index.html');
        expect(html).toContain(
          '<figure class="diagram diagram-error"><pre class="diagram-source"><code>flowchart LR\n  node0 --&gt; node1\n',
        );
        expect(html).toContain(
          '<figcaption>This diagram could not be drawn: it has 57796 characters (the limit is 50000)</figcaption></figure>',
        );
        expect(html).not.toContain('mermaid.min.js');
      } finally {
        await removeDir(site);
      }
    }
  });
});
