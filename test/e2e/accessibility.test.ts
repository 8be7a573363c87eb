/**
 * Both built-in themes pass axe-core (injected into headless Chromium) with no serious or critical
 * violation on the example blog's home page, a long post (code, math, diagrams, a table of contents),
 * a series post (footnotes, callouts, a figure) and a tag page, in light and dark.
 */
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build } from '../../src/build.js';
import { hasChromium, launchChromium } from '../helpers/browser.js';
import { serveDirectory, type StaticServer } from '../helpers/serve.js';
import { removeDir, tempDir } from '../helpers/site.js';

const run = hasChromium() || process.env.CI ? describe : describe.skip;
const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const AXE = createRequire(import.meta.url).resolve('axe-core/axe.min.js');
const PAGES = [
  '/',
  '/2024/01/lock-free-ring-buffer-in-rust/',
  '/2024/09/regex-by-hand-thompsons-construction/',
  '/tags/python/',
];

/** One violation as a line that says what and where, so a failure reads without a debugger. */
interface Finding {
  page: string;
  rule: string;
  impact: string;
  targets: string[];
}

run('accessibility of the built-in themes', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
  });

  for (const theme of ['default', 'paper']) {
    describe(`theme ${theme}`, () => {
      let out: string;
      let cache: string;
      let server: StaticServer;
      beforeAll(async () => {
        out = await tempDir(`a11y-${theme}`);
        cache = await tempDir(`a11y-cache-${theme}`);
        const result = await build({
          siteDir: REPO,
          outDir: path.join(out, 'site'),
          config: { theme, cache_dir: cache },
          force: true,
        });
        expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
        server = await serveDirectory(path.join(out, 'site'));
      }, 120_000);
      afterAll(async () => {
        await server?.close();
        await removeDir(out);
        await removeDir(cache);
      });

      for (const scheme of ['light', 'dark'] as const) {
        it(`has no serious or critical violations in ${scheme} mode`, async () => {
          const context = await browser.newContext({ colorScheme: scheme, viewport: { width: 1280, height: 900 } });
          const findings: Finding[] = [];
          for (const pagePath of PAGES) {
            const page = await context.newPage();
            await page.goto(server.url + pagePath, { waitUntil: 'load' });
            await page.addScriptTag({ path: AXE });
            const violations = await page.evaluate(async () => {
              const axe = (
                window as unknown as {
                  axe: {
                    run(
                      context: Document,
                      options: object,
                    ): Promise<{
                      violations: Array<{ id: string; impact: string; nodes: Array<{ target: string[] }> }>;
                    }>;
                  };
                }
              ).axe;
              const result = await axe.run(document, { resultTypes: ['violations'] });
              return result.violations.map((v) => ({
                rule: v.id,
                impact: v.impact,
                targets: v.nodes.slice(0, 3).map((n) => n.target.join(' ')),
              }));
            });
            findings.push(
              ...violations
                .filter((v) => v.impact === 'serious' || v.impact === 'critical')
                .map((v) => ({ page: pagePath, ...v })),
            );
            await page.close();
          }
          await context.close();
          expect(findings).toEqual([]);
        }, 60_000);
      }
    });
  }
});
