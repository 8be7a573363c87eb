/**
 * A long research post read with the keyboard, in headless Chromium: regions that scroll sideways
 * (wide formulas, long code lines, a wide table) join the tab order with a name while they overflow
 * and only then, the arrow keys scroll them, every focus stop shows a ring, Tab always moves on, and
 * reduced motion turns the theme's transitions off.
 */
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build } from '../../src/build.js';
import { hasChromium, launchChromium } from '../helpers/browser.js';
import { serveDirectory, type StaticServer } from '../helpers/serve.js';
import { removeDir, TEST_DIR, tempDir } from '../helpers/site.js';

const run = hasChromium() || process.env.CI ? describe : describe.skip;
const SITE = path.join(TEST_DIR, 'fixtures', 'sites', 'a11y-research');
const RESEARCH = '/2025/03/spectral-methods-for-the-heat-equation/';
const CODE = '/2025/03/a-ring-buffer-in-four-languages/';

/** What a focus stop is, as a test can name it. */
interface Stop {
  tag: string;
  cls: string;
  role: string | null;
  label: string | null;
  outline: string;
}

run('reading a long post with the keyboard', () => {
  let out: string;
  let server: StaticServer;
  let browser: Browser;
  let context: BrowserContext;
  beforeAll(async () => {
    out = await tempDir('keyboard');
    const result = await build({
      siteDir: SITE,
      outDir: path.join(out, 'site'),
      config: { cache_dir: path.join(out, 'cache') },
    });
    expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    server = await serveDirectory(path.join(out, 'site'));
    browser = await launchChromium();
    context = await browser.newContext({ viewport: { width: 1000, height: 800 } });
  }, 120_000);
  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await server?.close();
    await removeDir(out);
  });

  const open = async (pagePath: string): Promise<Page> => {
    const page = await context.newPage();
    await page.goto(server.url + pagePath, { waitUntil: 'load' });
    // The script marks regions after the first layout; every wide formula is marked once it has run.
    await page.waitForFunction(() => document.querySelector('[data-inkstone-scroll]') !== null);
    return page;
  };

  const displays = (page: Page) =>
    page.locator('.math-display').evaluateAll((els) =>
      els.map((el) => ({
        wide: el.scrollWidth > el.clientWidth + 1,
        tabindex: el.getAttribute('tabindex'),
        role: el.getAttribute('role'),
        label: el.getAttribute('aria-label'),
      })),
    );

  it('puts a formula in the tab order, named, exactly while it overflows', async () => {
    const page = await open(RESEARCH);
    const all = await displays(page);
    expect(all.length).toBeGreaterThanOrEqual(35);
    const wide = all.filter((d) => d.wide);
    const narrow = all.filter((d) => !d.wide);
    // The fixture has both kinds at this width: 30 long error bounds and one long series, and short ones.
    expect(wide.length).toBeGreaterThanOrEqual(31);
    expect(narrow.length).toBeGreaterThanOrEqual(3);
    for (const d of wide) expect(d).toMatchObject({ tabindex: '0', role: 'group', label: 'Equation' });
    for (const d of narrow) expect(d.tabindex).toBeNull();
    // Numbered formulas carry their number from the build, wide or not; the first one fits.
    expect(all[0]).toEqual({ wide: false, tabindex: null, role: 'group', label: 'Equation (1)' });
    const numbered = all.map((d) => d.label).filter((l) => /^Equations? \(/.test(l ?? ''));
    expect(numbered).toEqual(['Equation (1)', 'Equation (2)', 'Equation (3)', 'Equations (4) and (5)']);
    // The coefficients' formula fits here; on a phone-sized screen it does not, and joins the tab order.
    const coefficients = page.locator('.math-display', { hasText: 'k \\in \\mathbb{Z}' });
    const state = () =>
      coefficients.evaluate((el) => ({
        tabindex: el.getAttribute('tabindex'),
        role: el.getAttribute('role'),
        label: el.getAttribute('aria-label'),
      }));
    expect(await state()).toEqual({ tabindex: null, role: null, label: null });
    await page.setViewportSize({ width: 360, height: 740 });
    await coefficients.and(page.locator('[tabindex="0"]')).waitFor({ state: 'attached' });
    expect(await state()).toEqual({ tabindex: '0', role: 'group', label: 'Equation' });
    // And back: it leaves the tab order, and loses the name it was given for it.
    await page.setViewportSize({ width: 1000, height: 800 });
    await coefficients.and(page.locator(':not([tabindex])')).waitFor({ state: 'attached' });
    expect(await state()).toEqual({ tabindex: null, role: null, label: null });
    await page.close();
  });

  it('tabs through the whole post, stopping once at each wide region, with a visible ring, and out again', async () => {
    const page = await open(RESEARCH);
    const focusable = await page.evaluate(
      () =>
        [...document.querySelectorAll('a[href], button, summary, [tabindex="0"]')].filter(
          (el) => (el as HTMLElement).offsetParent !== null || getComputedStyle(el).position === 'fixed',
        ).length,
    );
    const stops: Stop[] = [];
    for (let i = 0; i < focusable + 5; i++) {
      await page.keyboard.press('Tab');
      const stop = await page.evaluate((): Stop | null => {
        const el = document.activeElement;
        if (!el || el === document.body) return null;
        const style = getComputedStyle(el);
        return {
          tag: el.tagName.toLowerCase(),
          cls: el.getAttribute('class') ?? '',
          role: el.getAttribute('role'),
          label: el.getAttribute('aria-label'),
          outline: `${style.outlineStyle} ${style.outlineWidth}`,
        };
      });
      if (!stop) break;
      stops.push(stop);
    }
    // Focus left the page after the last stop: nothing held it.
    expect(stops.length).toBeLessThan(focusable + 5);
    expect(stops[0]).toMatchObject({ tag: 'a', cls: 'skip-link' });
    const formulas = stops.filter((s) => s.cls === 'math-display');
    const wideCount = (await displays(page)).filter((d) => d.wide).length;
    expect(formulas).toHaveLength(wideCount);
    expect(formulas.every((s) => s.role === 'group' && s.label?.startsWith('Equation'))).toBe(true);
    expect(stops.some((s) => s.tag === 'table' && s.label === 'Table')).toBe(true);
    expect(stops.some((s) => s.tag === 'pre' && s.label === 'Code: python')).toBe(true);
    // Every stop draws a ring (the themes' :focus-visible outline).
    expect(stops.filter((s) => s.outline.startsWith('none') || s.outline.endsWith(' 0px'))).toEqual([]);
    await page.close();
  });

  it('gives screen readers every formula as MathML, and every equation number', async () => {
    const page = await open(RESEARCH);
    const formulas = await page.locator('.katex').count();
    expect(formulas).toBeGreaterThan(40);
    // The accessibility tree Chromium builds: one math node per formula, from KaTeX's MathML.
    expect(await page.getByRole('math').count()).toBe(formulas);
    expect(await page.getByRole('group', { name: 'Equation (1)', exact: true }).count()).toBe(1);
    expect(await page.getByRole('group', { name: 'Equations (4) and (5)', exact: true }).count()).toBe(1);
    // "Substituting (2) into (1)": each reference is a link heard as the equation it leads to.
    const references = page.getByRole('link', { name: 'Equation (1)', exact: true });
    expect(await references.count()).toBe(2);
    expect(await references.first().getAttribute('href')).toBe('#mjx-eqn:eq:heat');
    await page.close();
  });

  it('scrolls a focused wide formula with the arrow keys', async () => {
    const page = await open(RESEARCH);
    const formula = page.locator('.math-display[tabindex="0"]').first();
    await formula.focus();
    expect(await formula.evaluate((el) => el.scrollLeft)).toBe(0);
    for (let i = 0; i < 5; i++) await page.keyboard.press('ArrowRight');
    await page.waitForFunction(() => (document.activeElement?.scrollLeft ?? 0) > 0);
    const after = await formula.evaluate((el) => ({ left: el.scrollLeft, focused: el === document.activeElement }));
    expect(after.focused).toBe(true);
    expect(after.left).toBeGreaterThan(0);
    await page.close();
  });

  it('names code blocks by language and keeps the ones that fit out of the tab order', async () => {
    const page = await open(CODE);
    const blocks = await page.locator('.code-block pre').evaluateAll((els) =>
      els.map((el) => ({
        language: el.closest('[data-language]')?.getAttribute('data-language'),
        wide: el.scrollWidth > el.clientWidth + 1,
        tabindex: el.getAttribute('tabindex'),
        label: el.getAttribute('aria-label'),
      })),
    );
    const rust = blocks.find((b) => b.language === 'rust');
    const go = blocks.find((b) => b.language === 'go');
    expect(rust).toEqual({ language: 'rust', wide: true, tabindex: '0', label: 'Code: rust' });
    expect(go).toEqual({ language: 'go', wide: false, tabindex: '-1', label: null });
    await page.close();
  });

  it('turns transitions off when the reader asks for reduced motion', async () => {
    const durations: Record<string, string> = {};
    for (const reducedMotion of ['reduce', 'no-preference'] as const) {
      const ctx = await browser.newContext({ reducedMotion });
      const page = await ctx.newPage();
      await page.goto(server.url + CODE, { waitUntil: 'load' });
      await page.waitForSelector('.copy-code');
      durations[reducedMotion] = await page
        .locator('.copy-code')
        .first()
        .evaluate((el) => getComputedStyle(el).transitionDuration);
      await ctx.close();
    }
    expect(durations).toEqual({ reduce: '0s', 'no-preference': '0.15s' });
  });
});
