/**
 * Hostile and broken input in the variants the main suite does not reach: the cap on categories
 * (the suite tests tags), the render cache warning once for a whole build (not once per post), the
 * two script-bearing attribute lists in the sanitize and escape modes (the suite tests the default
 * mode), and the default time limit of one diagram (the suite's tests set their own).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build } from '../../src/build.js';
import { formatDiagnosticHeader } from '../../src/core/diagnostics.js';
import { DEFAULT_DIAGRAM_TIMEOUT_S } from '../../src/diagrams/limits.js';
import type { MarkdownProfile } from '../../src/types.js';
import { createTestMarkdown, type TestMarkdown } from '../helpers/markdown.js';
import { removeDir, writeSite } from '../helpers/site.js';

const sites: string[] = [];
afterAll(() => Promise.all(sites.map(removeDir)));

async function buildSite(label: string, files: Record<string, string>) {
  const site = await writeSite(label, files);
  sites.push(site);
  return build({ siteDir: site, write: false, cache: false });
}

const terms = (n: number) => Array.from({ length: n }, (_, i) => `c${i}`);

describe('categories per post', () => {
  it('101 categories are an error at the field, as tags are', async () => {
    const result = await buildSite('many-categories', {
      'posts/a.md': `---\ntitle: A\ndate: 2024-01-01\ncategories: [${terms(101).join(', ')}]\n---\nBody.\n`,
    });
    expect(result.ok).toBe(false);
    expect(result.diagnostics.map((d) => formatDiagnosticHeader(d))).toEqual([
      'posts/a.md:4:13 error[front-matter] front matter field "categories" lists 101 terms; a post may have at most 100',
    ]);
  });

  it("Jekyll's singular category, split on whitespace, is counted and named as written", async () => {
    const result = await buildSite('many-category', {
      'posts/a.md': `---\ntitle: A\ndate: 2024-01-01\ncategory: ${terms(101).join(' ')}\n---\nBody.\n`,
    });
    expect(result.ok).toBe(false);
    expect(result.diagnostics.map((d) => formatDiagnosticHeader(d))).toEqual([
      'posts/a.md:4:11 error[front-matter] front matter field "category" lists 101 terms; a post may have at most 100',
    ]);
  });

  it('100 categories are allowed', async () => {
    const result = await buildSite('hundred-categories', {
      'posts/a.md': `---\ntitle: A\ndate: 2024-01-01\ncategories: [${terms(100).join(', ')}]\n---\nBody.\n`,
    });
    expect([result.ok, result.diagnostics]).toEqual([true, []]);
  });
});

describe('a render cache that cannot be written', () => {
  it('is one warning for the whole build, however many posts it could not store', async () => {
    const files: Record<string, string> = { '.inkstone-cache': 'not a folder\n' };
    for (let i = 1; i <= 5; i++) files[`posts/2024-01-0${i}-p${i}.md`] = `---\ntitle: P${i}\n---\nBody ${i}.\n`;
    const site = await writeSite('cache-blocked-many', files);
    sites.push(site);
    const result = await build({ siteDir: site, write: false });
    expect(result.ok).toBe(true);
    expect(result.stats.posts).toBe(5);
    expect(result.diagnostics.map((d) => [d.code, d.severity])).toEqual([['cache', 'warning']]);
  });
});

/** Start tags of `html` that carry an event handler or a script address. */
const scriptedTags = (html: string) =>
  (html.match(/<[a-zA-Z][^>]*>/g) ?? []).filter((t) => /\son[a-z]+\s*=|=\s*["']?\s*(java|vb)script:/i.test(t));

describe.each<MarkdownProfile>(['native', 'kramdown'])("the issue's attribute lists in %s posts", (profile) => {
  const renderers: Partial<Record<'sanitize' | 'escape', TestMarkdown>> = {};
  beforeAll(async () => {
    for (const mode of ['sanitize', 'escape'] as const)
      renderers[mode] = await createTestMarkdown({ markdown: { html: mode } }, { profile });
  });
  afterAll(() => {
    for (const r of Object.values(renderers)) r.dispose();
  });

  const BODY = [
    '[k](/ok){: href="javascript:alert(9)"} and ![k](x.png){: onerror="alert(8)" width="40"}',
    '',
    'Para',
    '{: onclick="alert(7)" .ok}',
    '',
  ].join('\n');

  for (const mode of ['sanitize', 'escape'] as const) {
    it(`add no event handler or script address (${mode})`, async () => {
      const { html } = await renderers[mode]!.render(BODY);
      expect(scriptedTags(html)).toEqual([]);
      expect(html).toContain('<a href="/ok">k</a>');
      expect(html).toMatch(/<img src="x\.png" alt="k" width="40"/);
      expect(html).toContain('<p class="ok">Para</p>');
    });
  }
});

describe('the time limit of a diagram', () => {
  it('is 10 seconds when diagrams.timeout is not set, as the issue asks', () => {
    expect(DEFAULT_DIAGRAM_TIMEOUT_S).toBe(10);
  });
});
