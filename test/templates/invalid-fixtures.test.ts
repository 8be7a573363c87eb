/**
 * One broken fixture site per error code under test/fixtures/invalid/<code>/: each builds (in memory)
 * to exactly one diagnostic, checked by its one-line header.
 */
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { build } from '../../src/build.js';
import { formatDiagnosticHeader } from '../../src/core/diagnostics.js';
import { ConfigError } from '../../src/core/errors.js';

const INVALID = fileURLToPath(new URL('../fixtures/invalid/', import.meta.url));
const TMP_ROOT = fileURLToPath(new URL('../.tmp/', import.meta.url));
const NOW = new Date('2030-01-01T00:00:00Z');

function buildFixture(code: string) {
  return build({
    siteDir: path.join(INVALID, code),
    outDir: path.join(TMP_ROOT, `out-${randomUUID()}`),
    write: false,
    now: NOW,
  });
}

const EXPECTED: Record<string, string> = {
  'front-matter':
    'posts/2024-01-01-list-title.md:2:8 error[front-matter] front matter field "title": expected a string, got a list',
  date: 'posts/impossible-date.md:3:7 error[date] front matter field "date": "2024-02-30" is not a valid date: February 2024 has 29 days',
  permalink:
    'posts/2024-01-01-escape.md:3:12 error[permalink] permalink "/a/%2e%2e/../../etc/" contains "." or ".." segments and would leave the output directory',
  layout:
    'posts/2024-01-01-missing-layout.md:3:9 error[layout] layout "missing" not found (looked for missing.njk in the site\'s layouts/, the theme and the built-in layouts)',
  template:
    'layouts/post.njk:4:1 error[template] {% if %} opened at line 4, column 1 is never closed: expected {% endif %} before {% endblock %} at line 5, column 1 (while rendering /2024/01/hello/ (from posts/2024-01-01-hello.md) with layout "post")',
  taxonomy:
    'posts/2024-01-02-hyphen.md error[taxonomy] tags "foo bar" (posts/2024-01-01-space.md) and "foo-bar" (posts/2024-01-02-hyphen.md) would both be written to /tags/foo-bar/: rename one of them',
  'template-cycle':
    'layouts/partials/entry.njk error[template-cycle] layouts include each other in a loop: partials/entry.njk → partials/toc.njk → partials/entry.njk',
  slug: 'posts/2024-01-01-%%%.md:1:1 error[slug] cannot derive a URL slug from "2024-01-01-%%%": add a "slug:" to the front matter',
  'output-collision':
    'posts/2024-01-02-second.md error[output-collision] posts/2024-01-01-first.md and posts/2024-01-02-second.md would both write notes/same/index.html',
};

/** Codes that are warnings: the build succeeds (and fails under --strict). */
const WARNINGS: Record<string, string> = {
  'code-language':
    'posts/2024-01-01-a.md:1:1 warning[code-language] unknown code language "klingon": shown without highlighting',
  math: "posts/2024-01-01-a.md:1:29 warning[math] Expected '}', got 'EOF' (MathJax refuses it too: Extra open brace or missing close brace)",
  'no-posts': 'posts/ warning[no-posts] no posts found: add Markdown files to posts/ (or _posts/)',
  kramdown:
    '_posts/2024-01-01-a.md:6:1 warning[kramdown] {::nomarkdown} has no closing {:/nomarkdown}: it stays text, as kramdown leaves it',
};

describe('test/fixtures/invalid: one broken site per error code', () => {
  for (const [code, header] of Object.entries(EXPECTED)) {
    it(`${code}: fails with exactly one ${code} error`, async () => {
      const result = await buildFixture(code);
      expect(result.ok).toBe(false);
      expect(result.diagnostics.map((d) => formatDiagnosticHeader(d))).toEqual([header]);
      expect(result.diagnostics[0]?.code).toBe(code);
    });
  }

  for (const [code, header] of Object.entries(WARNINGS)) {
    it(`${code}: builds with exactly one ${code} warning, and fails under --strict`, async () => {
      const result = await buildFixture(code);
      expect(result.ok).toBe(true);
      expect(result.diagnostics.map((d) => formatDiagnosticHeader(d))).toEqual([header]);
      const strict = await build({ siteDir: path.join(INVALID, code), write: false, now: NOW, strict: true });
      expect(strict.ok).toBe(false);
    });
  }

  it('theme: the build throws a ConfigError naming the theme', async () => {
    const error = await buildFixture('theme').then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).message).toBe(
      'theme "no-such-theme" not found: looked in themes/no-such-theme and ' +
        path.relative(path.join(INVALID, 'theme'), path.join(INVALID, '../../../themes/no-such-theme')),
    );
  });

  it('config: the build throws a ConfigError located in inkstone.yml', async () => {
    const error = await buildFixture('config').then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(ConfigError);
    const e = error as ConfigError;
    // Shown the way the CLI shows it.
    expect(formatDiagnosticHeader({ severity: 'error', code: e.code, message: e.message, location: e.location })).toBe(
      'inkstone.yml:2:11 error[config] setting "timezone": expected an IANA time zone such as "Europe/Paris" or "UTC", got the string "Mars/Base"',
    );
  });
});
