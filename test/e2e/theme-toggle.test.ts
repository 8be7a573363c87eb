/**
 * The colour scheme button in headless Chromium, in both themes: it cycles system → light → dark,
 * and the page, its code, its math and its build-time diagrams all follow; the choice survives a
 * reload and is applied by the page's head before anything is drawn; the keyboard works it; and
 * without JavaScript there is no button and the system's scheme applies.
 */
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build } from '../../src/build.js';
import { hasChromium, launchChromium } from '../helpers/browser.js';
import { serveDirectory, type StaticServer } from '../helpers/serve.js';
import { removeDir, TEST_DIR, writeSite } from '../helpers/site.js';

const run = hasChromium() || process.env.CI ? describe : describe.skip;

const POST = [
  '---',
  'title: Schemes',
  '---',
  'A formula $e^{i\\pi} = -1$ and some code:',
  '',
  '```python',
  'def f(x):',
  '    return "text"',
  '```',
  '',
  '```mermaid',
  'flowchart LR',
  '  A --> B',
  '```',
  '',
].join('\n');

/** What the page shows: its colours, the Shiki colour of a string, which diagram drawing is shown, and the button. */
async function looks(page: Page) {
  return page.evaluate(() => {
    const style = (el: Element | null) => (el ? getComputedStyle(el) : undefined);
    const svgs = [...document.querySelectorAll('figure.diagram-mermaid > svg')];
    const button = document.querySelector<HTMLButtonElement>('[data-theme-toggle]');
    return {
      theme: document.documentElement.dataset.theme ?? 'system',
      background: style(document.body)!.backgroundColor,
      code: style(document.querySelector('.shiki .line span:last-child'))!.color,
      math: style(document.querySelector('.katex'))!.color,
      text: style(document.body)!.color,
      shown: svgs
        .filter((svg) => style(svg)!.display !== 'none')
        .map((svg) => (svg.id.endsWith('-dark') ? 'dark' : 'light')),
      button: button && !button.hidden ? button.getAttribute('aria-label') : undefined,
    };
  });
}

for (const theme of ['default', 'paper']) {
  run(`the colour scheme button (${theme} theme)`, () => {
    let site: string;
    let server: StaticServer;
    let browser: Browser;
    let url: string;
    beforeAll(async () => {
      site = await writeSite(`theme-toggle-${theme}`, {
        'inkstone.yml': `theme: ${theme}\n`,
        'posts/2024-05-01-schemes.md': POST,
      });
      const result = await build({ siteDir: site });
      expect(result.diagnostics).toEqual([]);
      server = await serveDirectory(path.join(site, '_site'));
      browser = await launchChromium();
      url = `${server.url}/2024/05/schemes/`;
    });
    afterAll(async () => {
      await browser?.close();
      await server?.close();
      await removeDir(site);
    });

    it('cycles system, light, dark, and the page, code, math and diagrams follow; the choice outlives a reload', async () => {
      const context = await browser.newContext({ colorScheme: 'light' });
      const page = await context.newPage();
      await page.goto(url);
      const system = await looks(page);
      expect(system).toMatchObject({ theme: 'system', shown: ['light'], button: 'Colour scheme: System' });
      const button = page.locator('[data-theme-toggle]');
      await button.click();
      const light = await looks(page);
      expect(light).toEqual({ ...system, theme: 'light', button: 'Colour scheme: Light' });
      await button.click();
      const dark = await looks(page);
      expect(dark).toMatchObject({ theme: 'dark', shown: ['dark'], button: 'Colour scheme: Dark' });
      expect(dark.background).not.toBe(system.background);
      expect(dark.code).not.toBe(system.code);
      expect(dark.text).not.toBe(system.text);
      // KaTeX draws in the text's colour.
      expect(dark.math).toBe(dark.text);
      await page.screenshot({ path: path.join(TEST_DIR, '.tmp', `theme-toggle-${theme}-dark.png`), fullPage: true });

      // The head applies the stored choice itself: with the button's script blocked, the page is still dark.
      await page.route('**/theme-toggle.js', (route) => route.abort());
      await page.reload();
      expect(await looks(page)).toEqual({ ...dark, button: undefined });
      await page.unroute('**/theme-toggle.js');
      await page.reload();
      expect(await looks(page)).toEqual(dark);

      await button.click();
      expect(await looks(page)).toEqual(system);
      expect(await page.evaluate(() => localStorage.getItem('inkstone-theme'))).toBe(null);
      await context.close();
    });

    it('follows a dark system until the reader picks light, and is worked by the keyboard', async () => {
      const context = await browser.newContext({ colorScheme: 'dark' });
      const page = await context.newPage();
      await page.goto(url);
      const system = await looks(page);
      expect(system).toMatchObject({ theme: 'system', shown: ['dark'] });
      await page.locator('[data-theme-toggle]').focus();
      await page.keyboard.press('Enter');
      const light = await looks(page);
      expect(light).toMatchObject({ theme: 'light', shown: ['light'], button: 'Colour scheme: Light' });
      expect(light.background).not.toBe(system.background);
      await page.keyboard.press('Space');
      expect(await looks(page)).toEqual({ ...system, theme: 'dark', button: 'Colour scheme: Dark' });
      await context.close();
    });

    it('shows no button without JavaScript, and the system scheme applies', async () => {
      const context = await browser.newContext({ colorScheme: 'dark', javaScriptEnabled: false });
      const page = await context.newPage();
      await page.goto(url);
      expect(await page.locator('[data-theme-toggle]').isVisible()).toBe(false);
      expect(await page.locator('figure.diagram-mermaid > svg[id$="-dark"]').isVisible()).toBe(true);
      expect(await page.locator('figure.diagram-mermaid > svg:not([id$="-dark"])').isVisible()).toBe(false);
      await context.close();
    });
  });
}
