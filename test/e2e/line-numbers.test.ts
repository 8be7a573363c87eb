/**
 * Numbered code blocks as drawn in headless Chromium, in both built-in themes: the code starts at the
 * same place on every line, also past line 99, and a tab at the start of a line is as wide as on an
 * unnumbered block (the number must not eat the first tab stop).
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasChromium } from '../helpers/browser.js';
import { type BrowsedSite, browseSite } from '../helpers/browsed-site.js';
import { writeSite } from '../helpers/site.js';

const run = hasChromium() || process.env.CI ? describe : describe.skip;

const lines = Array.from({ length: 120 }, (_, i) => `x${i + 1} := ${i + 1}`);
const POST = [
  '---',
  'title: Numbered',
  '---',
  'Numbered, with a tab:',
  '',
  '```go linenos',
  'func f() {',
  '\treturn',
  '}',
  '```',
  '',
  'The same, unnumbered:',
  '',
  '```go',
  'func f() {',
  '\treturn',
  '}',
  '```',
  '',
  'A long one:',
  '',
  '```go linenos',
  ...lines,
  '```',
  '',
].join('\n');

/** The left edge of the first character of `text` in the page, as drawn. */
function leftOf(page: Page, block: number, line: number): Promise<number> {
  return page.evaluate(
    ([b, l]) => {
      const row = document.querySelectorAll('.code-block pre')[b]!.querySelectorAll('.line')[l]!;
      const walker = document.createTreeWalker(row, NodeFilter.SHOW_TEXT);
      let node = walker.nextNode();
      while (node && node.textContent!.trim() === '') node = walker.nextNode();
      const text = node!.textContent!;
      const start = text.length - text.trimStart().length;
      const range = document.createRange();
      range.setStart(node!, start);
      range.setEnd(node!, start + 1);
      return range.getBoundingClientRect().left;
    },
    [block, line] as const,
  );
}

run.each(['default', 'paper'])('numbered code blocks in the %s theme', (theme) => {
  let browsed: BrowsedSite;
  beforeAll(async () => {
    browsed = await browseSite(
      await writeSite(`line-numbers-${theme}`, {
        'inkstone.yml': `title: Lines\ntheme: ${theme}\n`,
        'posts/2024-05-01-numbered.md': POST,
      }),
    );
  });
  afterAll(() => browsed?.close());

  it('keep the first tab as wide as an unnumbered block draws it', async () => {
    const page = await browsed.browser.newPage();
    await page.goto(`${browsed.server.url}/2024/05/numbered/`);
    // The tab's width: where `return` starts, less where `func` starts, in each block.
    const numbered = (await leftOf(page, 0, 1)) - (await leftOf(page, 0, 0));
    const plain = (await leftOf(page, 1, 1)) - (await leftOf(page, 1, 0));
    expect(plain).toBeGreaterThan(20);
    expect(numbered).toBeCloseTo(plain, 0);
    await page.close();
  });

  it('start the code at one place on every line, before and after line 100', async () => {
    const page = await browsed.browser.newPage();
    await page.goto(`${browsed.server.url}/2024/05/numbered/`);
    expect(await page.locator('.code-block pre').nth(2).getAttribute('data-digits')).toBe('3');
    const lefts = await Promise.all([0, 8, 9, 98, 99, 119].map((line) => leftOf(page, 2, line)));
    expect(new Set(lefts.map((x) => Math.round(x))).size).toBe(1);
    // The numbers are drawn, right-aligned in their column: 120's right edge is where 9's is.
    const ends = await page.evaluate(() => {
      const rows = document.querySelectorAll('.code-block pre')[2]!.querySelectorAll('.line');
      return [8, 119].map((i) => {
        const style = getComputedStyle(rows[i]!, '::before');
        return { content: style.content, position: style.position, width: style.width, textAlign: style.textAlign };
      });
    });
    expect(ends.map((e) => e.content)).toEqual(['counter(line)', 'counter(line)']);
    expect(ends.every((e) => e.position === 'absolute' && e.textAlign === 'right')).toBe(true);
    await page.close();
  });
});
