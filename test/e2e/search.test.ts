/**
 * The search box in headless Chromium, in both themes, on a site served under a base path (/blog/):
 * "/" opens it, results come from the Pagefind index with the matched words marked, text that looks
 * like HTML stays text, the keyboard reaches and opens results, Esc closes it and gives the focus
 * back, and without JavaScript there is no box at all.
 */
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build } from '../../src/build.js';
import { axeViolations } from '../helpers/axe.js';
import { hasChromium, launchChromium } from '../helpers/browser.js';
import { serveDirectory, type StaticServer } from '../helpers/serve.js';
import { shardOf } from '../../src/search/shards.js';
import { copyFixtureSite, removeDir, TEST_DIR, writeSite } from '../helpers/site.js';

const run = hasChromium() || process.env.CI ? describe : describe.skip;

/** What the dialog shows: its status line, and each result's title, address, details, excerpt and marks. */
async function shown(page: Page) {
  return page.evaluate(() => ({
    open: document.querySelector<HTMLDialogElement>('[data-search]')!.open,
    status: document.querySelector('#inkstone-search-status')!.textContent,
    results: [...document.querySelectorAll('.search-result')].map((li) => ({
      title: li.querySelector('.search-result-title')!.textContent,
      href: li.querySelector('.search-result-title')!.getAttribute('href'),
      meta: li.querySelector('.search-result-meta')?.textContent,
      excerpt: li.querySelector('.search-result-excerpt')!.textContent,
      marks: [...li.querySelectorAll('mark')].map((m) => m.textContent),
      elements: [...li.querySelectorAll('.search-result-excerpt *')].map((e) => e.tagName),
      sections: [...li.querySelectorAll('.search-result-sections a')].map((a) => [
        a.textContent,
        a.getAttribute('href'),
      ]),
    })),
  }));
}

/** Types `query` into the open box and waits until the status line speaks of it. */
async function search(page: Page, query: string): Promise<Awaited<ReturnType<typeof shown>>> {
  await page.locator('#inkstone-search-input').fill(query);
  await page.waitForFunction(
    (q) => document.querySelector('#inkstone-search-status')?.textContent?.includes(`“${q}”`),
    query,
  );
  return shown(page);
}

for (const theme of ['default', 'paper']) {
  run(`the search box (${theme} theme)`, () => {
    let site: string;
    let server: StaticServer;
    let browser: Browser;
    let home: string;
    beforeAll(async () => {
      site = await copyFixtureSite('search');
      await writeFile(path.join(site, 'inkstone.yml'), `title: Search fixture\nurl: /blog/\ntheme: ${theme}\n`);
      const result = await build({ siteDir: site });
      expect(result.diagnostics).toEqual([]);
      server = await serveDirectory(path.join(site, '_site'), { prefix: '/blog/' });
      browser = await launchChromium();
      home = `${server.url}/blog/`;
    });
    afterAll(async () => {
      await browser?.close();
      await server?.close();
      await removeDir(site);
    });

    it('opens on "/", finds a post by its words, marks them, and links it under the base path', async () => {
      const page = await browser.newPage({ viewport: { width: 1000, height: 800 } });
      const failed: string[] = [];
      page.on('response', (r) => {
        if (r.status() >= 400) failed.push(`${r.status()} ${r.url()}`);
      });
      await page.goto(home);
      expect(await page.locator('[data-search-open]').isVisible()).toBe(true);
      await page.keyboard.press('/');
      expect(await page.evaluate(() => document.activeElement?.id)).toBe('inkstone-search-input');
      const found = await search(page, 'ring buffer');
      expect(found).toEqual({
        open: true,
        status: '1 post matches “ring buffer”.',
        results: [
          {
            title: 'Ring buffers & <bounded> queues',
            href: '/blog/2024/03/ring-buffers/',
            meta: 'Mar 1, 2024 · queues, lock-free, systems',
            excerpt: expect.stringContaining('A ring buffer keeps the last n items'),
            marks: expect.arrayContaining(['ring', 'buffer']),
            elements: expect.arrayContaining(['MARK']),
            sections: [],
          },
        ],
      });
      await page.screenshot({ path: path.join(TEST_DIR, '.tmp', `search-${theme}.png`) });
      expect(failed).toEqual([]);
      await page.close();
    });

    it('shows text that looks like HTML as text, finds tags and categories, and leaves out search: false', async () => {
      const page = await browser.newPage();
      await page.goto(home);
      await page.keyboard.press('/');
      const html = await search(page, 'alert');
      expect(html.results).toHaveLength(1);
      expect(html.results[0]!.excerpt).toContain('and <script>alert(1)</script> stays text.');
      expect(html.results[0]!.elements.every((tag) => tag === 'MARK')).toBe(true);
      expect(await page.evaluate(() => document.querySelectorAll('dialog script').length)).toBe(0);
      expect((await search(page, 'systems')).results.map((r) => r.href)).toEqual(['/blog/2024/03/ring-buffers/']);
      expect(await search(page, 'private')).toMatchObject({ status: 'No posts match “private”.', results: [] });
      await page.close();
    });

    it('links the section where the words are, and works from the keyboard alone', async () => {
      const page = await browser.newPage();
      await page.goto(home);
      const button = page.locator('[data-search-open]');
      await button.focus();
      await page.keyboard.press('Enter');
      const found = await search(page, 'writer');
      expect(found.results[0]!.sections).toEqual([['Wrapping the index', '/blog/2024/03/ring-buffers/#wrapping']]);
      // Esc closes the dialog and gives the focus back to the button.
      await page.keyboard.press('Escape');
      expect(await page.evaluate(() => document.querySelector<HTMLDialogElement>('[data-search]')!.open)).toBe(false);
      expect(await page.evaluate(() => document.activeElement?.hasAttribute('data-search-open'))).toBe(true);
      // "/" in a text field types a slash; elsewhere it opens the box, which keeps the last search, selected.
      await page.keyboard.press('/');
      expect(await page.locator('#inkstone-search-input').inputValue()).toBe('writer');
      expect(
        await page.evaluate(() => {
          const input = document.querySelector<HTMLInputElement>('#inkstone-search-input')!;
          return [input.selectionStart, input.selectionEnd];
        }),
      ).toEqual([0, 6]);
      await page.keyboard.press('End');
      await page.keyboard.press('/');
      expect(await page.locator('#inkstone-search-input').inputValue()).toBe('writer/');
      // The search of "writer/" has shown: the next search's status cannot be the first search's, still there.
      await page.waitForFunction(() =>
        document.querySelector('#inkstone-search-status')?.textContent?.includes('“writer/”'),
      );
      await search(page, 'writer');
      // ↓ reaches the first result, ↑ goes back to the field, Enter opens the first result.
      await page.keyboard.press('ArrowDown');
      expect(await page.evaluate(() => document.activeElement?.className)).toBe('search-result-title');
      await page.keyboard.press('ArrowUp');
      expect(await page.evaluate(() => document.activeElement?.id)).toBe('inkstone-search-input');
      await Promise.all([page.waitForURL('**/blog/2024/03/ring-buffers/'), page.keyboard.press('Enter')]);
      await page.close();
    });

    it('passes axe with the box open and results shown, light and dark', async () => {
      for (const colorScheme of ['light', 'dark'] as const) {
        const context = await browser.newContext({ colorScheme });
        const page = await context.newPage();
        await page.goto(home);
        await page.keyboard.press('/');
        await search(page, 'ring buffer');
        expect(await axeViolations(page, `search (${colorScheme})`)).toEqual([]);
        await context.close();
      }
    });

    it('shows no search box without JavaScript', async () => {
      const context = await browser.newContext({ javaScriptEnabled: false });
      const page = await context.newPage();
      await page.goto(home);
      expect(await page.locator('[data-search-open]').isVisible()).toBe(false);
      expect(await page.locator('[data-search]').isVisible()).toBe(false);
      await context.close();
    });
  });
}

run('the search box of a site whose index is in shards', () => {
  let site: string;
  let server: StaticServer;
  let browser: Browser;
  const POSTS = 1010;
  beforeAll(async () => {
    const files: Record<string, string> = { 'inkstone.yml': 'title: Many posts\nurl: /blog/\n' };
    for (let i = 0; i < POSTS; i++)
      files[`posts/2020-01-01-note-${i}.md`] =
        `---\ntitle: Note ${i}\n---\nA short note, marked quokka${i}z and shared by all.\n`;
    site = await writeSite('search-shards', files);
    const result = await build({ siteDir: site });
    expect(result.diagnostics).toEqual([]);
    expect(result.search).toMatchObject({ documents: POSTS, shards: 2 });
    server = await serveDirectory(path.join(site, '_site'), { prefix: '/blog/' });
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await removeDir(site);
  });

  it('finds posts of every shard, with their addresses under the base path', async () => {
    const page = await browser.newPage();
    await page.goto(`${server.url}/blog/`);
    expect(await page.locator('[data-search]').getAttribute('data-shards')).toBe('/blog/pagefind/shard-1/');
    await page.keyboard.press('/');
    // One post of each shard, found by its own word.
    const first = Array.from({ length: POSTS }, (_, i) => i).find(
      (i) => shardOf(`posts/2020-01-01-note-${i}.md`, 2) === 0,
    )!;
    const second = Array.from({ length: POSTS }, (_, i) => i).find(
      (i) => shardOf(`posts/2020-01-01-note-${i}.md`, 2) === 1,
    )!;
    for (const i of [first, second]) {
      const found = await search(page, `quokka${i}z`);
      expect(found.results.map((r) => [r.title, r.href])).toEqual([[`Note ${i}`, `/blog/2020/01/note-${i}/`]]);
    }
    // A word every post has: the count covers both shards.
    expect((await search(page, 'shared')).status).toBe(`${POSTS} posts match “shared”; the first 10 are shown.`);
    await page.close();
  });
});
