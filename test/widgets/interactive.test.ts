/**
 * Interactive charts, an opt-in: which figures carry their source for the loader (site setting, a
 * post's front matter), the source escaped for a script element, and the loader and libraries shipped
 * and linked only where a page has such a chart.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build, type BuildResult } from '../../src/build.js';
import { interactiveKinds } from '../../src/widgets/interactive.js';
import { removeDir, writeSite } from '../helpers/site.js';

const ECHARTS =
  '{"title": {"text": "A </script> title"}, "xAxis": {"data": ["a"]}, "yAxis": {}, "series": [{"type": "bar", "data": [1]}]}';
const VEGA =
  '{"data": {"values": [{"a": 1}]}, "mark": "point", "encoding": {"x": {"field": "a", "type": "quantitative"}}}';
const fences = `\`\`\`echarts\n${ECHARTS}\n\`\`\`\n\n\`\`\`vega_lite\n${VEGA}\n\`\`\`\n`;

const page = (result: BuildResult, outputPath: string) =>
  String(result.files.find((f) => f.outputPath === outputPath)?.contents);
const sources = (html: string) =>
  [...html.matchAll(/<script type="application\/json" class="widget-source" data-widget="([a-z_]+)">/g)].map(
    (m) => m[1],
  );
const LOADER = '<script src="/assets/inkstone/widgets.js" defer></script>';

describe('interactive charts', () => {
  let site: string;
  let result: BuildResult;
  beforeAll(async () => {
    site = await writeSite('widgets-interactive', {
      'inkstone.yml': 'widgets:\n  interactive: [echarts]\n',
      'posts/2026-01-01-site.md': `---\ntitle: Site setting\n---\n\n${fences}`,
      'posts/2026-01-02-off.md': `---\ntitle: Off\ninteractive: false\n---\n\n${fences}`,
      'posts/2026-01-03-some.md': `---\ntitle: Some\ninteractive: [vega_lite]\n---\n\n${fences}`,
      'posts/2026-01-04-all.md': `---\ntitle: All\ninteractive: true\n---\n\n${fences}`,
    });
    result = await build({ siteDir: site, write: false });
    expect(result.ok).toBe(true);
  });
  afterAll(() => removeDir(site));

  it("follow the site's widgets.interactive, and a post's front matter over it", () => {
    expect(sources(page(result, '2026/01/site/index.html'))).toEqual(['echarts']);
    expect(sources(page(result, '2026/01/off/index.html'))).toEqual([]);
    expect(sources(page(result, '2026/01/some/index.html'))).toEqual(['vega_lite']);
    expect(sources(page(result, '2026/01/all/index.html'))).toEqual(['echarts', 'vega_lite']);
  });

  it('keep the static drawing and carry the source after it, escaped so that no script can end early', () => {
    const html = page(result, '2026/01/site/index.html');
    const figure = /<figure class="diagram diagram-echarts">[\s\S]*?<\/figure>/.exec(html)![0];
    expect(figure).toMatch(
      /^<figure class="diagram diagram-echarts"><svg [\s\S]*<\/svg><svg [\s\S]*<\/svg><script type="application\/json"/,
    );
    expect(figure).toContain(
      '<script type="application/json" class="widget-source" data-widget="echarts">{"title":{"text":"A \\u003c/script\\u003e title"},',
    );
    expect(figure.match(/<\/script>/g)).toHaveLength(1);
  });

  it('link the loader from pages with a live chart only, and ship it with the libraries of the kinds in use', () => {
    expect(page(result, '2026/01/site/index.html')).toContain(LOADER);
    expect(page(result, '2026/01/off/index.html')).not.toContain(LOADER);
    expect(page(result, 'index.html')).not.toContain(LOADER);
    const assets = result.files
      .map((f) => f.outputPath)
      .filter((p) => p.startsWith('assets/widgets/') || p.endsWith('widgets.js'));
    expect(assets.sort()).toEqual([
      'assets/inkstone/widgets.js',
      'assets/widgets/echarts/echarts.min.js',
      'assets/widgets/vega-lite/vega-lite.min.js',
      'assets/widgets/vega/vega.min.js',
    ]);
    // Feeds carry the drawing, never the source for a script.
    expect(page(result, 'feed.json')).not.toContain('widget-source');
  });

  it('ship nothing when no page has one', async () => {
    const plain = await writeSite('widgets-static', { 'posts/2026-01-01-a.md': `---\ntitle: A\n---\n\n${fences}` });
    try {
      const built = await build({ siteDir: plain, write: false });
      expect(built.files.some((f) => f.outputPath.includes('widgets'))).toBe(false);
      expect(sources(page(built, '2026/01/a/index.html'))).toEqual([]);
    } finally {
      await removeDir(plain);
    }
  });

  it('make maps live only where the site configures tiles, which the map carries', async () => {
    const geojson = '```geojson\n{"type": "Point", "coordinates": [2.35, 48.85]}\n```\n';
    const maps = await writeSite('widgets-maps', {
      'inkstone.yml':
        'widgets:\n  interactive: true\n  map_tiles:\n    url: "https://tiles.example/{z}/{x}/{y}.png"\n    attribution: "© Example & co"\n',
      'posts/2026-01-01-a.md': `---\ntitle: A\n---\n\n${geojson}`,
    });
    const noTiles = await writeSite('widgets-maps-static', {
      'inkstone.yml': 'widgets:\n  interactive: true\n',
      'posts/2026-01-01-a.md': `---\ntitle: A\n---\n\n${geojson}`,
    });
    try {
      const live = await build({ siteDir: maps, write: false });
      expect(page(live, '2026/01/a/index.html')).toContain(
        '<script type="application/json" class="widget-source" data-widget="geojson" data-tiles="https://tiles.example/{z}/{x}/{y}.png" data-attribution="© Example &amp; co">{"type":"Point","coordinates":[2.35,48.85]}</script>',
      );
      expect(
        live.files
          .map((f) => f.outputPath)
          .filter((p) => p.startsWith('assets/widgets/'))
          .sort(),
      ).toEqual([
        'assets/widgets/leaflet/images/layers-2x.png',
        'assets/widgets/leaflet/images/layers.png',
        'assets/widgets/leaflet/images/marker-icon-2x.png',
        'assets/widgets/leaflet/images/marker-icon.png',
        'assets/widgets/leaflet/images/marker-shadow.png',
        'assets/widgets/leaflet/leaflet.css',
        'assets/widgets/leaflet/leaflet.js',
      ]);
      const still = await build({ siteDir: noTiles, write: false });
      expect(sources(page(still, '2026/01/a/index.html'))).toEqual([]);
      expect(still.files.some((f) => f.outputPath.includes('widgets'))).toBe(false);
    } finally {
      await removeDir(maps);
      await removeDir(noTiles);
    }
  });

  it('refuse a tile URL without {z}, {x} and {y}', async () => {
    const bad = await writeSite('widgets-maps-bad', {
      'inkstone.yml': 'widgets:\n  map_tiles:\n    url: "https://tiles.example/tile.png"\n',
    });
    try {
      await expect(build({ siteDir: bad, write: false })).rejects.toThrow(
        'a tile URL is http(s) or starts with /, with {z}, {x} and {y}',
      );
    } finally {
      await removeDir(bad);
    }
  });

  it('read true, false or a list, from the post first', () => {
    expect([...interactiveKinds(false, undefined)]).toEqual([]);
    expect([...interactiveKinds(true, undefined)]).toEqual(['chartjs', 'echarts', 'plotly', 'vega_lite', 'geojson']);
    expect([...interactiveKinds(['plotly'], undefined)]).toEqual(['plotly']);
    expect([...interactiveKinds(true, false)]).toEqual([]);
    expect([...interactiveKinds(false, ['chartjs', 'tikz'])]).toEqual(['chartjs']);
    expect([...interactiveKinds(['echarts'], 'yes')]).toEqual(['echarts']);
  });
});
