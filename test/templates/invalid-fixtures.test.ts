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
  return build({ siteDir: path.join(INVALID, code), outDir: path.join(TMP_ROOT, `out-${randomUUID()}`), write: false, now: NOW });
}

const EXPECTED: Record<string, string> = {
  'front-matter': 'posts/2024-01-01-list-title.md:2:8 error[front-matter] front matter field "title": expected a string, got a list',
  date: 'posts/impossible-date.md:3:7 error[date] front matter field "date": "2024-02-30" is not a valid date: February 2024 has 29 days',
  permalink:
    'posts/2024-01-01-escape.md:3:12 error[permalink] permalink "/a/%2e%2e/../../etc/" contains "." or ".." segments and would leave the output directory',
  layout:
    'posts/2024-01-01-missing-layout.md:3:9 error[layout] layout "missing" not found (looked for missing.njk in the site\'s layouts/, the theme and the built-in layouts)',
  template:
    'layouts/post.njk:5:4 error[template] unknown block tag: endblock (while rendering /2024/01/hello/ (from posts/2024-01-01-hello.md) with layout "post")',
  taxonomy:
    'posts/2024-01-02-hyphen.md error[taxonomy] tags "foo bar" (posts/2024-01-01-space.md) and "foo-bar" (posts/2024-01-02-hyphen.md) would both be written to /tags/foo-bar/: rename one of them',
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
