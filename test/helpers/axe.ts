/**
 * axe-core in headless Chromium: every HTML page of a built site checked against WCAG 2.2 A and AA
 * (and axe's best practices), each violation one line that names the page, the rule and where.
 */
import { readdir } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build } from '../../src/build.js';
import { hasChromium, launchChromium } from './browser.js';
import { serveDirectory, type StaticServer } from './serve.js';
import { removeDir, tempDir } from './site.js';

const AXE = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

/** The rule sets checked: every WCAG level A and AA rule up to 2.2, and axe's best practices. */
export const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'];

/** One violation, readable without a debugger. */
export interface Finding {
  page: string;
  rule: string;
  impact: string;
  /** Up to three elements, as axe's CSS selectors, with the first line of axe's reason for each. */
  targets: string[];
}

/** Every `.html` file below `dir`, as URL paths (`/a/b/` for `a/b/index.html`), sorted. */
export async function htmlPages(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries
    .filter((e) => e.isFile() && e.name.endsWith('.html'))
    .map((e) => {
      const rel = path.relative(dir, path.join(e.parentPath, e.name)).split(path.sep).join('/');
      return `/${rel.replace(/(^|\/)index\.html$/, '$1')}`;
    })
    .sort();
}

/** Runs axe on the page as it is now; returns its violations of every impact. */
export async function axeViolations(page: Page, pagePath: string): Promise<Finding[]> {
  await page.addScriptTag({ path: AXE });
  const violations = await page.evaluate(async (tags) => {
    type Result = {
      violations: Array<{ id: string; impact: string; nodes: Array<{ target: string[]; failureSummary?: string }> }>;
    };
    const axe = (window as unknown as { axe: { run(c: Document, o: object): Promise<Result> } }).axe;
    const result = await axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] });
    return result.violations.map((v) => ({
      rule: v.id,
      impact: v.impact,
      targets: v.nodes.slice(0, 3).map((n) => {
        const why = (n.failureSummary ?? '').split('\n')[1]?.trim() ?? '';
        return `${n.target.join(' ')}${why ? ` (${why})` : ''}`;
      }),
    }));
  }, AXE_TAGS);
  return violations.map((v) => ({ page: pagePath, ...v }));
}

/** Options of auditPages. */
export interface AuditOptions {
  scheme: 'light' | 'dark';
  width?: number;
  height?: number;
}

/** Opens every page of `pages` under `baseUrl` in one context and returns every violation found. */
export async function auditPages(
  browser: Browser,
  baseUrl: string,
  pages: readonly string[],
  options: AuditOptions,
): Promise<Finding[]> {
  const context = await browser.newContext({
    colorScheme: options.scheme,
    viewport: { width: options.width ?? 1280, height: options.height ?? 900 },
  });
  const findings: Finding[] = [];
  try {
    for (const pagePath of pages) {
      const page = await context.newPage();
      await page.goto(baseUrl.replace(/\/?$/, '/') + pagePath.slice(1), { waitUntil: 'load' });
      findings.push(...(await axeViolations(page, pagePath)));
      await page.close();
    }
  } finally {
    await context.close();
  }
  return findings;
}

/** The findings that fail the check: serious and critical ones. */
export function blocking(findings: readonly Finding[]): Finding[] {
  return findings.filter((f) => f.impact === 'serious' || f.impact === 'critical');
}

/** A site to check: a folder (the repository for the example blog) built with a theme. */
export interface AuditedSite {
  /** Shown in test names. */
  name: string;
  siteDir: string;
  /** Overrides the site's theme. */
  theme?: string;
}

/**
 * Builds `site` into a temporary folder, serves it under its base path and checks every page in
 * light and dark at a desktop width, and every post page once more at a phone width (where the
 * folded table of contents, the tab order of wide regions and touch targets change). Any serious or
 * critical violation fails the test, listed page by page.
 */
export function describeSiteAudit(site: AuditedSite): void {
  const run = hasChromium() || process.env.CI ? describe : describe.skip;
  run(`WCAG 2.2 AA with axe-core: ${site.name}`, () => {
    let browser: Browser;
    let out: string;
    let server: StaticServer;
    let baseUrl: string;
    let pages: string[];
    let posts: string[];
    beforeAll(async () => {
      out = await tempDir(`a11y-${site.name.replace(/\W+/g, '-')}`);
      const result = await build({
        siteDir: site.siteDir,
        outDir: path.join(out, 'site'),
        config: { cache_dir: path.join(out, 'cache'), ...(site.theme ? { theme: site.theme } : {}) },
        future: true,
        force: true,
      });
      expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
      const prefix = result.config.base.basePath;
      server = await serveDirectory(path.join(out, 'site'), { prefix });
      baseUrl = server.url + prefix;
      pages = await htmlPages(path.join(out, 'site'));
      const postPaths = new Set(result.routes.filter((r) => r.kind === 'post').map((r) => r.outputPath));
      posts = pages.filter((p) => postPaths.has(outputPathOf(p)));
      expect(posts.length).toBeGreaterThan(0);
      browser = await launchChromium();
    }, 300_000);
    afterAll(async () => {
      await browser?.close();
      await server?.close();
      await removeDir(out);
    });

    for (const scheme of ['light', 'dark'] as const)
      it(`has no serious or critical violation on any page in ${scheme} mode`, async () => {
        expect(blocking(await auditPages(browser, baseUrl, pages, { scheme }))).toEqual([]);
      }, 900_000);

    it('has none on post pages at a phone width', async () => {
      expect(blocking(await auditPages(browser, baseUrl, posts, { scheme: 'light', width: 390, height: 844 }))).toEqual(
        [],
      );
    }, 900_000);
  });
}

/** The output path of a page's URL path (`/a/` → `a/index.html`). */
function outputPathOf(pagePath: string): string {
  const rel = pagePath.slice(1);
  return rel === '' || rel.endsWith('/') ? `${rel}index.html` : rel;
}
