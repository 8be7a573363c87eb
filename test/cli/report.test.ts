import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/main.js';
import { removeDir, writeSite } from '../helpers/site.js';

const silent = { stdout: { write: () => true }, stderr: { write: () => true } };

describe('--report-json', () => {
  it('writes diagnostics, page counts and stage timings', async () => {
    const site = await writeSite('report', {
      'posts/2024-01-01-a.md': '```nolang\nx\n```\n',
      'posts/2024-01-02-b.md': '---\ndate: 2024-02-30\n---\nx\n',
    });
    try {
      const file = path.join(site, 'reports', 'build.json');
      expect(await runCli(['build', site, '--report-json', file], silent)).toBe(1);
      const report = JSON.parse(await readFile(file, 'utf8'));
      expect(report.version).toBe(1);
      expect(report.ok).toBe(false);
      expect(report.exitCode).toBe(1);
      expect(report.diagnostics).toEqual([
        {
          severity: 'warning',
          code: 'code-language',
          message: 'unknown code language "nolang": shown without highlighting',
          location: { file: 'posts/2024-01-01-a.md', line: 1, column: 1 },
        },
        {
          severity: 'error',
          code: 'date',
          message: 'front matter field "date": "2024-02-30" is not a valid date: February 2024 has 29 days',
          location: { file: 'posts/2024-01-02-b.md', line: 2, column: 7 },
        },
      ]);
      expect(report.stats).toMatchObject({ posts: 1, pagesByKind: { post: 1, home: 1 } });
      expect(report.images).toEqual({ images: 0, variants: 0, encoded: 0 });
      expect(report.timings.map((t: { stage: string }) => t.stage)).toEqual([
        'config',
        'theme',
        'discover',
        'content',
        'liquid',
        'markdown',
        'diagrams',
        'images',
        'site',
        'templates',
        'feeds',
        'assets',
        'search',
      ]);
    } finally {
      await removeDir(site);
    }
  });

  it('reports a configuration error with exit code 2', async () => {
    const site = await writeSite('report-config', {
      'inkstone.yml': 'paginate: zero\n',
      'posts/2024-01-01-a.md': 'x\n',
    });
    try {
      const file = path.join(site, 'report.json');
      expect(await runCli(['build', site, '--report-json', file], silent)).toBe(2);
      expect(JSON.parse(await readFile(file, 'utf8'))).toEqual({
        version: 1,
        ok: false,
        exitCode: 2,
        diagnostics: [
          {
            severity: 'error',
            code: 'config',
            message: 'setting "paginate": expected number, got the string "zero"',
            location: { file: 'inkstone.yml', line: 1, column: 11 },
          },
        ],
      });
    } finally {
      await removeDir(site);
    }
  });
});
