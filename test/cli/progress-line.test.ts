/**
 * The build's progress line: drawn on a terminal only (not in CI, a pipe or with --quiet), after a
 * delay, at most once per interval, cut to the terminal's width and erased before the summary; and
 * the progress the build reports, stage by stage.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build } from '../../src/build.js';
import { progressLine, wantsProgressLine } from '../../src/cli/progress-line.js';
import type { ProgressStage } from '../../src/core/progress.js';
import { cliWith } from '../helpers/cli.js';
import { removeDir, writeSite } from '../helpers/site.js';

const ERASE = '\r\x1b[2K';

describe('the progress line', () => {
  it('is drawn on a terminal, and not in CI, in a pipe, with --quiet or on a dumb terminal', () => {
    const tty = { write: () => undefined, isTTY: true };
    expect(wantsProgressLine(tty, {}, false)).toBe(true);
    expect(wantsProgressLine(tty, { CI: 'false' }, false)).toBe(true);
    expect(wantsProgressLine(tty, { CI: 'true' }, false)).toBe(false);
    expect(wantsProgressLine(tty, { GITHUB_ACTIONS: 'true' }, false)).toBe(false);
    expect(wantsProgressLine(tty, { TERM: 'dumb' }, false)).toBe(false);
    expect(wantsProgressLine(tty, {}, true)).toBe(false);
    expect(wantsProgressLine({ write: () => undefined }, {}, false)).toBe(false);
  });

  it('waits for its delay, draws a new stage and a finished one at once, other steps once per interval, and erases itself', () => {
    let now = 0;
    let out = '';
    const line = progressLine(
      { write: (s: string) => (out += s), isTTY: true, columns: 80 },
      {
        now: () => now,
        delayMs: 500,
        intervalMs: 100,
      },
    );
    line.report('posts', 1, 40);
    now = 499;
    line.report('posts', 10, 40);
    expect(out).toBe('');
    now = 500;
    line.report('posts', 12, 40);
    now = 550;
    line.report('posts', 20, 40);
    now = 600;
    line.report('posts', 30, 40);
    now = 610;
    line.report('posts', 40, 40);
    line.report('pages', 0, 7);
    expect(out).toBe(
      `${ERASE}rendering posts 12/40 (30%)${ERASE}rendering posts 30/40 (75%)${ERASE}rendering posts 40/40 (100%)${ERASE}rendering pages 0/7 (0%)`,
    );
    out = '';
    line.clear();
    line.clear();
    expect(out).toBe(ERASE);
  });

  it('is cut to the width of the terminal, and erases nothing it did not draw', () => {
    let out = '';
    const line = progressLine({ write: (s: string) => (out += s), isTTY: true, columns: 16 }, { delayMs: 0 });
    line.report('diagrams', 3, 120);
    expect(out).toBe(`${ERASE}drawing diagram`);
    const silent = progressLine({ write: (s: string) => (out += s) }, { delayMs: 1e9 });
    out = '';
    silent.report('writing', 1, 2);
    silent.clear();
    expect(out).toBe('');
  });
});

describe('progress of a build', () => {
  let site: string;
  beforeAll(async () => {
    site = await writeSite('progress', {
      'inkstone.yml': 'title: Progress\nurl: https://example.org/\n',
      'posts/2024-01-01-one.md': '---\ntitle: One\ntags: [a]\n---\nText with `code`.\n',
      'posts/2024-01-02-two.md': '---\ntitle: Two\n---\n$x^2$\n',
      'posts/2024-01-03-three.md': '---\ntitle: Three\n---\n```python\nprint(1)\n```\n',
    });
  });
  afterAll(() => removeDir(site));

  it('reports posts, cards, pages and files, each from 0 to its total and never backwards; a warm build renders no post', async () => {
    const events: Array<[ProgressStage, number, number]> = [];
    const result = await build({ siteDir: site, progress: (...event) => events.push(event) });
    expect(result.ok).toBe(true);
    const stages = [...new Set(events.map(([stage]) => stage))];
    expect(stages).toEqual(['posts', 'cards', 'pages', 'writing']);
    const routes = result.routes.filter((r) => !['feed', 'sitemap', 'robots'].includes(r.kind)).length;
    for (const [stage, total] of [
      ['posts', 3],
      ['cards', 3],
      ['pages', routes],
      ['writing', result.files.length],
    ] as const) {
      const steps = events.filter(([s]) => s === stage);
      expect(steps[0]).toEqual([stage, 0, total]);
      expect(steps.at(-1)).toEqual([stage, total, total]);
      expect(steps.every(([, done, all], i) => all === total && (i === 0 || done >= steps[i - 1]![1]))).toBe(true);
    }
    const warm: ProgressStage[] = [];
    await build({ siteDir: site, progress: (stage) => warm.push(stage) });
    expect(warm).not.toContain('posts');
  });

  it('is drawn by inkstone build on a terminal and erased before the summary; not with CI set', async () => {
    const run = (env: NodeJS.ProcessEnv) =>
      cliWith(
        { tty: { columns: 100 }, env, progress: { delayMs: 0, intervalMs: 0 } },
        'build',
        site,
        '--no-cache',
        '--out',
        `${site}/_out`,
      );
    const drawn = await run({});
    expect(drawn.code).toBe(0);
    expect(drawn.stderr.startsWith(`${ERASE}rendering posts 0/3 (0%)`)).toBe(true);
    expect(drawn.stderr).toContain(`${ERASE}rendering pages `);
    expect(drawn.stderr).toContain(`${ERASE}writing files `);
    // The line is gone when the build is done: the last thing written to the terminal erases it.
    expect(drawn.stderr.endsWith(ERASE)).toBe(true);
    expect(drawn.stdout).toMatch(/^Built 3 posts/);
    const ci = await run({ CI: 'true' });
    expect(ci.code).toBe(0);
    expect(ci.stderr).toBe('');
  });
});
