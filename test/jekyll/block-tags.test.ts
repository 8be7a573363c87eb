/**
 * al-folio's block tags in Jekyll posts: jekyll-tabs' `{% tabs %}`/`{% tab %}` and `{% details %}`,
 * as HTML around Markdown (code highlighted, math rendered), lines kept, the tabs script shipped only
 * with pages that have tabs; and the tabs themselves in headless Chromium, with and without JavaScript.
 */
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build } from '../../src/build.js';
import { formatDiagnosticHeader } from '../../src/core/diagnostics.js';
import { hasChromium, launchChromium } from '../helpers/browser.js';
import { serveDirectory, type StaticServer } from '../helpers/serve.js';
import { readOutput, removeDir, writeSite } from '../helpers/site.js';

const TABS_POST = `---
title: Tabs
tabs: true
---
Intro paragraph.

{% tabs log %}

{% tab log php %}

\`\`\`php
var_dump('hello');
\`\`\`

{% endtab %}

{% tab log "node js" %}

\`\`\`javascript
console.log("hello");
\`\`\`

Some *text* and $x^2$.

{% endtab %}

{% endtabs %}

{% details Click here to know more %}
Additional *details*, with \`code\` and $2x - 1$.
{% enddetails %}

$a^$ is a broken formula on line 33.

{% tabs log %}
{% tab log php %}
PHP again.
{% endtab %}
{% tab log "node js" %}
Node again.
{% endtab %}
{% endtabs %}
`;

let site: string;
let result: Awaited<ReturnType<typeof build>>;
let page: string;

beforeAll(async () => {
  site = await writeSite('block-tags', {
    '_config.yml': 'title: J\n',
    '_posts/2024-01-01-tabs.md': TABS_POST,
    '_posts/2024-01-02-plain.md': '---\ntitle: Plain\n---\nNo tabs here.\n',
  });
  result = await build({ siteDir: site });
  page = await readOutput(path.join(site, '_site'), '2024/01/01/tabs.html');
});
afterAll(() => removeDir(site));

describe('tabs and details in Jekyll posts', () => {
  it('writes each tab group as panels with headings, their content as Markdown', () => {
    expect(result.ok).toBe(true);
    const tabs = page.slice(page.indexOf('<div class="tabs"'), page.indexOf('</div>\n<details>') + 6);
    expect(
      tabs
        .replace(/<pre class="shiki[\s\S]*?<\/pre>/g, '[code]')
        .replace(
          /<span class="katex">[\s\S]*?<annotation encoding="application\/x-tex">([^<]*)<\/annotation>[\s\S]*?<\/span><\/span>(?=\.)/g,
          '[math $1]',
        ),
    ).toBe(
      [
        '<div class="tabs" data-tabs="log">',
        '<section class="tab-panel" data-tab="php">',
        '<p class="tab-title" role="heading" aria-level="3">php</p>',
        '<div class="code-block" data-language="php">[code]</div>',
        '</section>',
        '<section class="tab-panel" data-tab="node js">',
        '<p class="tab-title" role="heading" aria-level="3">node js</p>',
        '<div class="code-block" data-language="javascript">[code]</div>',
        '<p>Some <em>text</em> and [math x^2].</p>',
        '</section>',
        '</div>',
      ].join('\n'),
    );
    // Code inside a tab is highlighted as anywhere else.
    expect(page).toMatch(/<span style="color:#[0-9A-F]{6};--shiki-dark:#[0-9A-F]{6}">var_dump<\/span>/);
  });

  it('writes details as <details> with its summary, the content as Markdown', () => {
    expect(page).toMatch(
      /<details>\n<summary>Click here to know more<\/summary>\n<p>Additional <em>details<\/em>, with <code>code<\/code> and <span class="katex">/,
    );
  });

  it('keeps the lines of the post: a problem after the tags is reported at its own line', () => {
    expect(result.diagnostics.map((d) => formatDiagnosticHeader(d)).filter((h) => h.includes('[math]'))).toEqual([
      expect.stringMatching(/^_posts\/2024-01-01-tabs\.md:33:\d+ warning\[math\]/),
    ]);
  });

  it('loads the tabs script on pages with tabs only, and ships it', async () => {
    expect(page).toContain('<script src="/assets/inkstone/tabs.js" defer></script>');
    expect(await readOutput(path.join(site, '_site'), '2024/01/02/plain.html')).not.toContain('tabs.js');
    expect(result.files.some((f) => f.outputPath === 'assets/inkstone/tabs.js')).toBe(true);
  });

  it('lists the tags as converted in the compatibility report', () => {
    const tabs = result.compat.filter(
      (c) => c.construct === '{% tabs %}' || c.construct === '{% details %}' || c.construct === 'tabs',
    );
    expect(tabs.map((c) => `${c.line} ${c.construct} ${c.status}`)).toEqual([
      '3 tabs converted',
      '7 {% tabs %} converted',
      '29 {% details %} converted',
      '35 {% tabs %} converted',
    ]);
  });
});

const browserRun = hasChromium() || process.env.CI ? describe : describe.skip;

browserRun('tabs in headless Chromium', () => {
  let server: StaticServer;
  let browser: Browser;
  beforeAll(async () => {
    server = await serveDirectory(path.join(site, '_site'));
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('shows one panel per group, switches with a click and with the arrow keys, and keeps groups of one name in step', async () => {
    const context = await browser.newContext();
    const tab = await context.newPage();
    await tab.goto(`${server.url}/2024/01/01/tabs.html`);
    const first = tab.locator('div.tabs').nth(0);
    const second = tab.locator('div.tabs').nth(1);
    await first.locator('[role="tablist"]').waitFor();
    expect(await first.locator('[role="tab"]').allTextContents()).toEqual(['php', 'node js']);
    expect(await first.locator('[role="tab"][aria-selected="true"]').textContent()).toBe('php');
    expect(await first.locator('[role="tabpanel"]:visible').count()).toBe(1);
    expect(await first.locator('.tab-title:visible').count()).toBe(0);

    await first.locator('[role="tab"]').nth(0).focus();
    await tab.keyboard.press('ArrowRight');
    expect(await tab.evaluate(() => document.activeElement?.textContent)).toBe('node js');
    expect(await first.locator('[role="tab"][aria-selected="true"]').textContent()).toBe('node js');
    expect(await first.locator('[role="tabpanel"]:visible').textContent()).toContain('console.log');
    // The other group named "log" follows.
    expect(await second.locator('[role="tabpanel"]:visible').textContent()).toContain('Node again.');

    await tab.keyboard.press('Home');
    expect(await first.locator('[role="tab"][aria-selected="true"]').textContent()).toBe('php');
    // ArrowLeft from the first tab wraps to the last; End goes to the last, and focus follows.
    await tab.keyboard.press('ArrowLeft');
    expect(await tab.evaluate(() => document.activeElement?.textContent)).toBe('node js');
    await tab.keyboard.press('Home');
    await tab.keyboard.press('End');
    expect(await first.locator('[role="tab"][aria-selected="true"]').textContent()).toBe('node js');
    expect(await tab.evaluate(() => document.activeElement?.tagName)).toBe('BUTTON');
    expect(await first.locator('button[role="tab"]').count()).toBe(2);
    await tab.keyboard.press('Home');
    await second.locator('[role="tab"]').nth(1).click();
    expect(await first.locator('[role="tab"][aria-selected="true"]').textContent()).toBe('node js');

    // Both schemes: the selected tab's panel shows the code, in the scheme's own colours.
    const codeColours: string[] = [];
    for (const scheme of ['light', 'dark'] as const) {
      await tab.emulateMedia({ colorScheme: scheme });
      const shot = await first.screenshot({ path: path.join(site, `tabs-${scheme}.png`) });
      expect(shot.length).toBeGreaterThan(2_000);
      codeColours.push(
        await first
          .locator('[role="tabpanel"]:visible .shiki')
          .evaluate((pre) => `${getComputedStyle(pre).backgroundColor} ${getComputedStyle(pre).color}`),
      );
    }
    expect(codeColours[0]).not.toBe(codeColours[1]);
    await context.close();
  });

  it('without JavaScript, shows every panel with its heading and no buttons', async () => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const tab = await context.newPage();
    await tab.goto(`${server.url}/2024/01/01/tabs.html`);
    expect(await tab.locator('button[role="tab"]').count()).toBe(0);
    expect(await tab.locator('.tab-title:visible').allTextContents()).toEqual(['php', 'node js', 'php', 'node js']);
    expect(await tab.locator('.tab-panel:visible').count()).toBe(4);
    await context.close();
  });
});
