/**
 * The copy button in headless Chromium: it copies the code as written (lines a diff marks as removed
 * left out, line numbers never included), says so, and does not exist when JavaScript is off.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasChromium } from '../helpers/browser.js';
import { type BrowsedSite, browseSite } from '../helpers/browsed-site.js';
import type { StaticServer } from '../helpers/serve.js';
import { writeSite } from '../helpers/site.js';

const run = hasChromium() || process.env.CI ? describe : describe.skip;

const POST = [
  '---',
  'title: Copying code',
  '---',
  'A block with numbered lines and a diff.',
  '',
  '```python title="fix.py" linenos',
  'def total(xs):',
  '    return sum(xs) + 1  # [!code --]',
  '    return sum(xs)  # [!code ++]',
  '```',
  '',
  'And plain text:',
  '',
  '```',
  'first line',
  '  indented <b>not bold</b>',
  '```',
  '',
].join('\n');

run('the copy button', () => {
  let server: StaticServer;
  let browser: Browser;
  let browsed: BrowsedSite;
  beforeAll(async () => {
    browsed = await browseSite(await writeSite('copy-button', { 'posts/2024-05-01-copying.md': POST }));
    ({ server, browser } = browsed);
  });
  afterAll(() => browsed?.close());

  it('copies the code of its block to the clipboard', async () => {
    const context = await browser.newContext({ permissions: ['clipboard-read', 'clipboard-write'] });
    const page = await context.newPage();
    await page.goto(`${server.url}/2024/05/copying/`);
    const buttons = page.locator('.code-block > button.copy-code');
    expect(await buttons.count()).toBe(2);

    await buttons.nth(0).click();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe('def total(xs):\n    return sum(xs)');
    expect(await buttons.nth(0).textContent()).toBe('Copied');
    expect(await page.locator('span[role="status"]').textContent()).toBe('Code copied to the clipboard');

    await buttons.nth(1).click();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe('first line\n  indented <b>not bold</b>');
    expect(await buttons.nth(1).getAttribute('aria-label')).toBe('Copy code');
    await context.close();
  });

  it('is not there without JavaScript, leaving the code as it was', async () => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(`${server.url}/2024/05/copying/`);
    expect(await page.locator('button.copy-code').count()).toBe(0);
    expect(await page.locator('.code-block pre').count()).toBe(2);
    await context.close();
  });
});
