/**
 * `inkstone dev` in headless Chromium: the open page follows the files on disk without a manual
 * reload, shows the error overlay while a post is broken and drops it when the post is fixed, picks
 * up a tag added to a post, and swaps a changed stylesheet without reloading.
 */
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dev, type DevServer } from '../../src/dev/dev.js';
import { hasChromium, launchChromium } from '../helpers/browser.js';
import { removeDir, writeSite } from '../helpers/site.js';
import { PATIENCE_MS, WAITING_TEST_TIMEOUT_MS } from '../helpers/wait.js';

const run = hasChromium() || process.env.CI ? describe : describe.skip;

const WAIT = { timeout: PATIENCE_MS };

run('inkstone dev in Chromium', { timeout: WAITING_TEST_TIMEOUT_MS }, () => {
  let site: string;
  let server: DevServer;
  let browser: Browser;
  let page: Page;
  const file = (rel: string) => path.join(site, rel);
  const edit = async (rel: string, from: string, to: string) => {
    const text = await readFile(file(rel), 'utf8');
    expect(text).toContain(from);
    await writeFile(file(rel), text.replace(from, to));
  };
  /** Opens `url` and waits until its live-reload stream is connected. */
  const open = async (url: string) => {
    await page.goto(`${server.url}${url}`);
    await page.locator('html[data-inkstone-live="connected"]').waitFor({ state: 'attached', ...WAIT });
    // A value that survives only as long as the page is not reloaded.
    await page.evaluate(() => ((window as unknown as { marker: string }).marker = 'not reloaded'));
  };
  const marker = () => page.evaluate(() => (window as unknown as { marker?: string }).marker);

  beforeAll(async () => {
    site = await writeSite('dev-browser', {
      'inkstone.yml': 'title: Live\ntheme: plain\n',
      'themes/plain/theme.json': JSON.stringify({
        name: 'Plain',
        shiki: { light: 'github-light', dark: 'github-dark' },
        mermaid: { light: 'default', dark: 'dark' },
        stylesheets: ['style.css'],
      }),
      'themes/plain/assets/style.css': 'body { background: rgb(255, 255, 255); }\n',
      'posts/2024-01-01-first.md':
        '---\ntitle: First\ndate: 2024-01-01\ntags: [python]\n---\n\nThe first version of the text.\n',
      'posts/2024-02-01-second.md': '---\ntitle: Second\ndate: 2024-02-01\ntags: [rust]\n---\n\nAnother post.\n',
    });
    server = await dev({ siteDir: site, port: 0 });
    browser = await launchChromium();
    page = await browser.newPage();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await removeDir(site);
  });

  it('shows the new text of an edited post without a manual reload', async () => {
    await open('/2024/01/first/');
    await expect(page.locator('main').textContent()).resolves.toContain('The first version of the text.');
    await edit('posts/2024-01-01-first.md', 'The first version', 'The second version');
    await page.getByText('The second version of the text.').waitFor(WAIT);
    expect(await marker()).toBeUndefined();
  });

  it('shows the overlay while the front matter is broken, keeping the last good page, and drops it when fixed', async () => {
    await open('/2024/01/first/');
    await edit('posts/2024-01-01-first.md', 'title: First', 'title: [First');
    const overlay = page.locator('#inkstone-dev-overlay');
    await overlay.waitFor(WAIT);
    const text = await overlay.textContent();
    expect(text).toContain(
      'posts/2024-01-01-first.md:3:1 error[front-matter] invalid YAML: Flow sequence in block collection must be sufficiently indented and end with a ]',
    );
    expect(text).toContain('3 | date: 2024-01-01');
    // The last good page is still the one shown (and served).
    expect(await page.locator('main').textContent()).toContain('The second version of the text.');
    expect(await marker()).toBe('not reloaded');

    // Text from the file reaches the overlay as text, never as markup.
    await edit(
      'posts/2024-01-01-first.md',
      'title: [First\ndate: 2024-01-01',
      'title: First\ndate: <img src=x onerror="window.pwned=1">',
    );
    await page.locator('#inkstone-dev-overlay [data-diagnostic]', { hasText: 'error[date]' }).waitFor(WAIT);
    expect(await overlay.textContent()).toContain('3 | date: <img src=x onerror="window.pwned=1">');
    expect(await overlay.locator('img').count()).toBe(0);
    expect(await page.evaluate(() => (window as unknown as { pwned?: number }).pwned)).toBeUndefined();

    await edit(
      'posts/2024-01-01-first.md',
      'title: First\ndate: <img src=x onerror="window.pwned=1">',
      'title: First, fixed\ndate: 2024-01-01',
    );
    await page.locator('h1', { hasText: 'First, fixed' }).waitFor(WAIT);
    expect(await overlay.count()).toBe(0);
  });

  it('lists a post on the open tag page when the tag is added to it', async () => {
    await open('/tags/python/');
    expect(await page.locator('main').textContent()).not.toContain('Second');
    await edit('posts/2024-02-01-second.md', 'tags: [rust]', 'tags: [rust, python]');
    await page.locator('main a', { hasText: 'Second' }).waitFor(WAIT);
  });

  it('turns the open 404 page into the tag page once a post has the tag', async () => {
    const response = await page.goto(`${server.url}/tags/go/`);
    expect(response?.status()).toBe(404);
    await page.locator('html[data-inkstone-live="connected"]').waitFor({ state: 'attached', ...WAIT });
    await edit('posts/2024-02-01-second.md', 'tags: [rust, python]', 'tags: [rust, python, go]');
    await page.locator('h1', { hasText: /^go$/ }).waitFor(WAIT);
    await expect(page.title()).resolves.toBe('Tag: go · Live');
  });

  it('swaps a changed stylesheet in place without reloading the page', async () => {
    await open('/2024/02/second/');
    const background = () => page.evaluate(() => getComputedStyle(document.body).backgroundColor);
    expect(await background()).toBe('rgb(255, 255, 255)');
    await writeFile(file('themes/plain/assets/style.css'), 'body { background: rgb(10, 20, 30); }\n');
    await page.waitForFunction(
      () => getComputedStyle(document.body).backgroundColor === 'rgb(10, 20, 30)',
      undefined,
      WAIT,
    );
    expect(await marker()).toBe('not reloaded');
  });
});
