/**
 * Widgets drawn at build time in Node (echarts, vega_lite, geojson, diff2html): each kind's figure,
 * its light and dark drawings, unique ids, no script, the feed's light drawing, bad input, hostile
 * input, and the cache (a second build draws nothing and gives the same bytes).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build, type BuildResult } from '../../src/build.js';
import { siteConfigSchema } from '../../src/config/schema.js';
import { DiagnosticBag, formatDiagnosticHeader } from '../../src/core/diagnostics.js';
import { renderDiagrams } from '../../src/diagrams/render.js';
import { hasChromium } from '../helpers/browser.js';
import { copyFixtureSite, removeDir, writeSite } from '../helpers/site.js';
import { FOREIGN_SCRIPT } from '../helpers/page-scripts.js';

const page = (result: BuildResult, outputPath: string) => {
  const file = result.files.find((f) => f.outputPath === outputPath);
  if (!file) throw new Error(`no ${outputPath}`);
  return String(file.contents);
};
const figures = (html: string) => html.match(/<figure class="diagram[^"]*">[\s\S]*?<\/figure>/g) ?? [];
const texts = (svg: string) => [...svg.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((m) => m[1]!);
const ids = (html: string) => [...html.matchAll(/\sid="([^"]+)"/g)].map((m) => m[1]!);

const withBrowser = hasChromium() || process.env.CI ? describe : describe.skip;

withBrowser('widgets drawn at build time', () => {
  let site: string;
  let first: BuildResult;
  beforeAll(async () => {
    site = await copyFixtureSite('widgets');
    first = await build({ siteDir: site, write: false });
  });
  afterAll(() => removeDir(site));

  it('draws each widget once (charts in one browser, the rest in Node), and reports the broken ones at their line and column', () => {
    expect(first.ok).toBe(true);
    expect(first.diagrams).toEqual({ total: 16, cached: 0, rendered: 15, client: 0, browserLaunched: true });
    expect(first.diagnostics.map((d) => formatDiagnosticHeader(d))).toEqual([
      "posts/2026-03-05-broken.md:12:48 warning[widget] ECharts chart: not valid JSON: Unexpected token ']': shown as source",
      'posts/2026-03-06-pseudocode.md:51:1 warning[widget] pseudocode listing: Expected `end` but received `ENDIF`: shown as source',
      'posts/2026-03-09-tikz.md:35:1 warning[widget] TikZ picture: TeX: Undefined control sequence \\drw: shown as source',
    ]);
  });

  it('draws ECharts options as light and dark SVG with the chart text, and fresh ids for a repeated chart', () => {
    const html = page(first, '2026/03/echarts/index.html');
    const [one, two] = figures(html);
    expect(figures(html)).toHaveLength(2);
    for (const figure of [one!, two!]) {
      expect(figure.startsWith('<figure class="diagram diagram-echarts"><svg')).toBe(true);
      const svgs = figure.match(/<svg[\s\S]*?<\/svg>/g)!;
      expect(svgs).toHaveLength(2);
      for (const svg of svgs) {
        expect(texts(svg)).toEqual(expect.arrayContaining(['Cold build by stage', 'discover', 'write', 'seconds']));
        expect(svg).toContain('role="img" aria-label="chart: Cold build by stage"');
        expect(svg).not.toMatch(/ecmeta_|<!\[CDATA\[|:hover/);
      }
      expect(svgs[0]).toMatch(/^<svg [^>]*id="echarts-[0-9a-f]{16}(-2)?"/);
      expect(svgs[1]).toMatch(/^<svg [^>]*id="echarts-[0-9a-f]{16}(-2)?-dark"/);
      expect(svgs[1]).toMatch(
        /@media not \(prefers-color-scheme: dark\)\{:root:not\(\[data-theme=dark\]\) #echarts-[0-9a-f]{16}(-2)?-dark\{display:none\}\}/,
      );
    }
    // The dark drawing uses the dark theme's colours for its text.
    const darkText = /<text[^>]*fill="([^"]+)"[^>]*>discover</;
    expect(one!.match(/<svg[\s\S]*?<\/svg>/g)![0]!.match(darkText)?.[1]).not.toBe(
      one!.match(/<svg[\s\S]*?<\/svg>/g)![1]!.match(darkText)?.[1],
    );
    const roots = [...html.matchAll(/<svg [^>]*id="([^"]+)"/g)].map((m) => m[1]!);
    expect(roots[2]).toBe(`${roots[0]}-2`);
    expect(html).not.toMatch(FOREIGN_SCRIPT);
  });

  it('draws Vega-Lite specs with their axis titles and labels, text light on dark in the dark drawing', () => {
    const [figure] = figures(page(first, '2026/03/vega-lite/index.html'));
    expect(figure!.startsWith('<figure class="diagram diagram-vega-lite"><svg')).toBe(true);
    const [light, dark] = figure!.match(/<svg[\s\S]*?<\/svg>/g)!;
    for (const svg of [light!, dark!]) {
      expect(texts(svg)).toEqual(expect.arrayContaining(['weekday', 'hit rate', 'Mon', 'Fri', '0.5']));
      expect(svg).toContain('aria-label="cache hit rate per weekday"');
    }
    expect(dark).toMatch(/<text[^>]*fill="#d0d4da"[^>]*>weekday<\/text>/);
    expect(light).not.toContain('#d0d4da');
  });

  it('draws GeoJSON as one static SVG in the page colours, with a tooltip per named feature and nothing fetched', () => {
    const [figure] = figures(page(first, '2026/03/map/index.html'));
    expect(figure).toMatch(
      /^<figure class="diagram diagram-geojson"><svg xmlns="http:\/\/www.w3.org\/2000\/svg" width="720" height="\d+" viewBox="0 0 720 \d+" id="geojson-[0-9a-f]{16}" role="img" aria-label="map of 3 shapes"><g fill="currentColor" fill-opacity="0.15" stroke="currentColor"/,
    );
    expect([...figure!.matchAll(/<title>([^<]+)<\/title>/g)].map((m) => m[1])).toEqual([
      'Service area',
      'Mirror A',
      'Fibre route',
    ]);
    expect(figure!.match(/<path /g)).toHaveLength(3);
    expect(figure).toContain('<path d="M');
    expect(figure).not.toMatch(/@media|https?:\/\/(?!www\.w3\.org)/);
    // The polygon (wound anticlockwise, as RFC 7946 says) is drawn as itself, not as the globe around it.
    const polygon = /<path d="([^"]+)"><title>Service area/.exec(figure!)![1]!;
    const xs = [...polygon.matchAll(/[ML]([\d.-]+),/g)].map((m) => Number(m[1]));
    expect(Math.min(...xs)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...xs)).toBeLessThanOrEqual(720);
  });

  it('turns a unified diff into diff2html markup without its checkbox', () => {
    const [figure] = figures(page(first, '2026/03/diff/index.html'));
    expect(figure).toMatch(
      /^<figure class="diagram diagram-diff2html"><div id="diff2html-[0-9a-f]{16}" class="diff-view"><div class="d2h-wrapper d2h-light-color-scheme"><div id="diff2html-[0-9a-f]{16}-file1" class="d2h-file-wrapper" data-lang="js">/,
    );
    expect(figure).toContain('<span class="d2h-file-name">src/cache.js</span>');
    expect(figure).toContain(
      '<span class="d2h-code-line-prefix">-</span><span class="d2h-code-line-ctn">  return <del>JSON.stringify</del>(post);</span>',
    );
    expect(figure).toContain('<ins>hash</ins>');
    expect(figure).not.toMatch(/<input|<label|Viewed/);
  });

  it('renders pseudocode with its formulas through KaTeX, numbers the algorithms of a post, and loads KaTeX for them', () => {
    const html = page(first, '2026/03/pseudocode/index.html');
    const [partition, quicksort, broken] = figures(html);
    expect(partition).toMatch(
      /^<figure class="diagram diagram-pseudocode"><div id="pseudocode-[0-9a-f]{16}" class="pseudocode"><div class="ps-root"><div class="ps-algorithm with-caption"><p class="ps-line" style="text-indent:-1.2em;padding-left:1.2em;"><span class="ps-keyword">Algorithm 1 <\/span>Partition<\/p>/,
    );
    expect(quicksort).toContain('<span class="ps-keyword">Algorithm 2 </span>Quicksort</p>');
    expect(quicksort).toContain('<span class="ps-funcname">Partition</span>');
    expect(partition).toContain('<annotation encoding="application/x-tex">A[j] \\leq pivot</annotation>');
    expect(partition).toContain('<span class="ps-comment"> &#x2F;&#x2F; grow the low side</span>');
    expect(broken).toContain(
      '<figcaption>This pseudocode listing could not be drawn: Expected `end` but received `ENDIF`</figcaption>',
    );
    expect(html).toContain('<link rel="stylesheet" href="/assets/katex/katex.min.css">');
    expect(first.files.some((f) => f.outputPath === 'assets/katex/katex.min.css')).toBe(true);
  });

  it('draws Chart.js configurations in the browser as SVG, with the palette Chart.js gives, light and dark', () => {
    const [bar, doughnut] = figures(page(first, '2026/03/chartjs/index.html'));
    expect(bar).toMatch(
      /^<figure class="diagram diagram-chartjs"><svg [^>]*width="720" height="360"[^>]*viewBox="0 0 720 360" id="chartjs-[0-9a-f]{16}" role="img" aria-label="chart: Requests per region">/,
    );
    expect(doughnut).toMatch(
      /^<figure class="diagram diagram-chartjs"><svg [^>]*width="480" height="480"[^>]*aria-label="chart">/,
    );
    const [light, dark] = bar!.match(/<svg[\s\S]*?<\/svg>/g)!;
    for (const svg of [light!, dark!]) {
      expect(texts(svg)).toEqual(
        expect.arrayContaining(['Requests per region', 'requests (millions)', 'Europe', 'Asia', '18']),
      );
      // Chart.js's own palette (its first colour, translucent for bars), as in the reader's browser.
      expect(svg).toMatch(/<path fill="rgb\(54,162,235\)"[^>]*fill-opacity="0.5"\/>/);
    }
    expect(dark).toMatch(/<text[^>]*fill="#d0d4da"[^>]*>Europe<\/text>/);
    expect(light).not.toContain('#d0d4da');
    expect(page(first, '2026/03/chartjs/index.html')).not.toMatch(FOREIGN_SCRIPT);
  });

  it('draws Plotly figures in the browser as one SVG each, transparent, light and dark', () => {
    const [figure] = figures(page(first, '2026/03/plotly/index.html'));
    expect(figure).toMatch(
      /^<figure class="diagram diagram-plotly"><svg [^>]*id="plotly-[0-9a-f]{16}" role="img" aria-label="chart: Latency by release">/,
    );
    const [light, dark] = figure!.match(/<svg[\s\S]*?<\/svg>(?=<svg|<\/figure>)/g)!;
    for (const svg of [light!, dark!]) {
      expect(texts(svg)).toEqual(expect.arrayContaining(['Latency by release', 'release', 'ms', 'p50', 'p99']));
      expect(svg).toContain('fill: rgb(0, 0, 0); fill-opacity: 0;');
    }
    expect(dark).toContain('fill: rgb(208, 212, 218)');
  });

  it("compiles TikZ with TeX, from al-folio's script tags and from fences, in the page's text colour and TeX's fonts", () => {
    const html = page(first, '2026/03/tikz/index.html');
    const [circle, box, typo] = figures(html);
    // The author's HTML around the script stays; the script itself is gone.
    expect(html).toContain('<div class="tikz-figure">\n<figure class="diagram diagram-tikz"><svg');
    expect(html).not.toContain('text/tikz');
    expect(circle).toMatch(
      /^<figure class="diagram diagram-tikz"><svg fill="currentColor" [^>]*viewBox="[^"]+" id="tikz-[0-9a-f]{16}" role="img" aria-label="TikZ picture">/,
    );
    // TeX places the letters of a word one by one where it kerns them.
    expect(texts(circle!).join('')).toMatch(/^(?=.*x)(?=.*y)(?=.*unit)/);
    expect(circle).toMatch(/<text[^>]*font-family="KaTeX_Math" font-style="italic"[^>]*>x<\/text>/);
    expect(circle).toMatch(/<text[^>]*font-family="KaTeX_Main"[^>]*>u/);
    expect(circle).toContain('stroke="currentColor"');
    expect(circle).not.toMatch(/#000"|@media/);
    expect(texts(box!).join('')).toBe('box');
    expect(typo).toContain(
      '<figcaption>This TikZ picture could not be drawn: TeX: Undefined control sequence \\drw</figcaption>',
    );
    expect(html).toContain('<link rel="stylesheet" href="/assets/katex/katex.min.css">');
  });

  it('draws typograms as lines, joints, rounded corners and arrowheads, with words and quoted text as text', () => {
    const [figure] = figures(page(first, '2026/03/typograms/index.html'));
    expect(figure).toMatch(
      /^<figure class="diagram diagram-typograms"><svg xmlns="http:\/\/www.w3.org\/2000\/svg" width="\d+" height="180" viewBox="0 0 \d+ 180" id="typograms-[0-9a-f]{16}" role="img" aria-label="diagram"><g fill="none" stroke="currentColor"/,
    );
    const words = texts(figure!).join('');
    for (const word of ['client', 'proxy', 'cache', 'origin', 'a--&gt;b', 'well-known']) expect(words).toContain(word);
    // Three arrowheads (two > and a ^ and a v: four), two rounded corners at the top of the cache box and two at its foot.
    expect(figure!.match(/Z" fill="currentColor" stroke="none"\/>/g)).toHaveLength(4);
    expect(figure!.match(/Q/g)).toHaveLength(4);
    expect(figure).not.toMatch(/<circle/);
  });

  it('shows a widget its library refuses as escaped source with the message', () => {
    const [figure] = figures(page(first, '2026/03/broken/index.html'));
    expect(figure).toBe(
      '<figure class="diagram diagram-error"><pre class="diagram-source"><code>{\n  &quot;xAxis&quot;: { &quot;type&quot;: &quot;category&quot;, &quot;data&quot;: [&quot;a&quot;, &quot;b&quot;] },\n  &quot;yAxis&quot;: { &quot;type&quot;: &quot;value&quot; },\n  &quot;series&quot;: [{ &quot;type&quot;: &quot;bar&quot;, &quot;data&quot;: [1, 2] },]\n}\n</code></pre>' +
        '<figcaption>This ECharts chart could not be drawn: not valid JSON: Unexpected token &#39;]&#39;</figcaption></figure>',
    );
  });

  it('never repeats an id on a page', () => {
    for (const file of first.files.filter((f) => f.outputPath.endsWith('.html'))) {
      const all = ids(String(file.contents));
      expect(
        all.filter((id, i) => all.indexOf(id) !== i),
        file.outputPath,
      ).toEqual([]);
    }
  });

  it('puts the light drawing alone, always shown, in feeds', () => {
    const feed = JSON.parse(page(first, 'feed.json')) as { items: Array<{ title: string; content_html: string }> };
    const item = feed.items.find((i) => i.title === 'Build times by stage')!;
    const svgs = item.content_html.match(/<svg[\s\S]*?<\/svg>/g)!;
    expect(svgs).toHaveLength(2);
    for (const svg of svgs) {
      expect(svg).not.toMatch(/-dark"|@media/);
      expect(texts(svg)).toContain('Cold build by stage');
    }
  });

  it('is an error under --strict', async () => {
    const strict = await build({ siteDir: site, strict: true, write: false });
    expect(strict.ok).toBe(false);
  });

  it('takes every widget from the cache on the next build, byte for byte', async () => {
    const again = await build({ siteDir: site, write: false });
    expect(again.diagrams).toEqual({ total: 16, cached: 15, rendered: 0, client: 0, browserLaunched: false });
    expect(again.diagnostics.map((d) => formatDiagnosticHeader(d))).toEqual(
      first.diagnostics.map((d) => formatDiagnosticHeader(d)),
    );
    for (const file of first.files.filter((f) => f.outputPath.endsWith('.html'))) {
      expect(page(again, file.outputPath), file.outputPath).toBe(String(file.contents));
    }
  });
});

describe('hostile widget sources', () => {
  const fence = (language: string, source: string) => `\`\`\`${language}\n${source}\n\`\`\`\n`;
  let site: string;
  let result: BuildResult;
  beforeAll(async () => {
    site = await writeSite('widgets-hostile', {
      'posts/2026-01-01-hostile.md': [
        '---\ntitle: Hostile\n---\n',
        fence(
          'echarts',
          '{"title": {"text": "<script>alert(1)</script>"}, "xAxis": {"data": ["<img src=x onerror=alert(2)>"]}, "yAxis": {}, "series": [{"type": "bar", "data": [1]}]}',
        ),
        fence(
          'vega_lite',
          '{"data": {"url": "https://tracker.example/data.csv"}, "mark": "bar", "encoding": {"x": {"field": "a", "type": "nominal"}}}',
        ),
        fence(
          'vega_lite',
          '{"data": {"values": [{"a": 1}]}, "transform": [{"calculate": "constructor.constructor(\'return process\')()", "as": "b"}], "mark": "point", "encoding": {"x": {"field": "a", "type": "quantitative"}}}',
        ),
        fence(
          'geojson',
          '{"type": "Feature", "properties": {"name": "<img src=x onerror=alert(3)>"}, "geometry": {"type": "Point", "coordinates": [0, 0]}}',
        ),
        fence('geojson', '{"type": "Planet"}'),
        fence(
          'diff2html',
          '--- a.html\n+++ b.html\n@@ -1 +1 @@\n-<script>alert(4)</script>\n+<img src=x onerror=alert(5)>',
        ),
        // TeX that never ends, and TeX that reads a file of the machine.
        fence('tikz', '\\def\\x{\\x}\\x'),
        fence('tikz', '\\begin{tikzpicture}\n\\input{/etc/passwd}\n\\end{tikzpicture}'),
      ].join('\n'),
      'inkstone.yml': 'diagrams:\n  timeout: 3\n',
    });
    result = await build({ siteDir: site, write: false });
  });
  afterAll(() => removeDir(site));

  it('escapes text, fetches nothing, runs no expression as JavaScript, and adds no script or handler', () => {
    const html = page(result, '2026/01/hostile/index.html');
    expect(html).not.toMatch(FOREIGN_SCRIPT);
    expect(html).not.toMatch(/<img|<[^>]*\son[a-z]+=/i);
    expect(html).toContain('&lt;img src=x onerror=alert(2)&gt;</text>');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(result.diagnostics.map((d) => formatDiagnosticHeader(d))).toEqual([
      'posts/2026-01-01-hostile.md:9:1 warning[widget] Vega-Lite chart: data is not fetched at build time (https://tracker.example/data.csv): put the values in the spec: shown as source',
      // vega's interpreter evaluates expressions itself and allows no call of a computed function.
      'posts/2026-01-01-hostile.md:13:1 warning[widget] Vega-Lite chart: Illegal callee type: CallExpression: shown as source',
      'posts/2026-01-01-hostile.md:22:1 warning[widget] GeoJSON map: not GeoJSON: "type" must be one of FeatureCollection, Feature, Point, MultiPoint, LineString, MultiLineString, Polygon, MultiPolygon, GeometryCollection: shown as source',
      'posts/2026-01-01-hostile.md:33:1 warning[diagram-timeout] diagram took longer than 3 s to render (the limit, diagrams.timeout): shown as source',
      // TeX reads only the files of its own in-memory tree.
      "posts/2026-01-01-hostile.md:39:1 warning[widget] TikZ picture: TeX: LaTeX Error: File `/etc/passwd.tex' not found: shown as source",
    ]);
    // Nothing of /etc/passwd ("root:x:0:0:…") reached the page.
    expect(html).not.toMatch(/root:[^:\s]*:0:0/);
  });
});

describe('charts drawn in the browser, without one', () => {
  it('are shown as their source with a warning that says how to get a browser; bad JSON is found without it', async () => {
    const site = await writeSite('widgets-no-browser', {});
    try {
      const bag = new DiagnosticBag();
      const post = {
        post: { source: { relPath: 'posts/a.md', text: '' }, meta: { data: {} } },
        html: '<!--inkstone:diagram:0-->\n<!--inkstone:diagram:1-->\n',
        excerptHtml: '',
        feedHtml: '',
        feedExcerptHtml: '',
        diagrams: [
          { kind: 'chartjs', source: '{"type": "bar", "data": {"labels": [], "datasets": []}}\n', line: 3 },
          { kind: 'plotly', source: '{"data": [}\n', line: 8 },
        ],
        features: { math: false, mermaid: false, languages: [], code: false },
        excerptFeatures: { math: false, mermaid: false, code: false, tabs: false },
      } as unknown as Parameters<typeof renderDiagrams>[0][number];
      const result = await renderDiagrams(
        [post],
        {
          config: siteConfigSchema.parse({ cache_dir: '.cache' }),
          siteDir: site,
          themes: { light: 'default', dark: 'dark' },
          findBrowser: async () => undefined,
        },
        bag,
      );
      expect(result.stats).toEqual({ total: 2, cached: 0, rendered: 1, client: 0, browserLaunched: false });
      expect(bag.items.map((d) => formatDiagnosticHeader(d))).toEqual([
        'posts/a.md:3:1 warning[widget] Chart.js chart: no browser found to draw it at build time: install Chromium (Debian/Ubuntu: "apt-get install chromium"), or set INKSTONE_BROWSER or diagrams.browser in inkstone.yml to a Chrome or Chromium executable: shown as source',
        "posts/a.md:9:11 warning[widget] Plotly chart: not valid JSON: Unexpected token '}': shown as source",
      ]);
      expect(result.posts[0]!.html).toContain(
        '<figcaption>This Chart.js chart could not be drawn: no browser found to draw it at build time: install Chromium',
      );
    } finally {
      await removeDir(site);
    }
  });
});
