/**
 * Colour contrast where axe cannot see it, measured in headless Chromium on real pages: every token
 * Shiki colours in the example blog's and the research fixture's code (each theme's light and dark
 * pair, over the background the theme's CSS really paints, highlighted lines included), and every
 * label of the build-time diagrams against the shape it sits in. WCAG AA: 4.5:1 for text.
 */
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build } from '../../src/build.js';
import { hasChromium, launchChromium } from '../helpers/browser.js';
import { serveDirectory, type StaticServer } from '../helpers/serve.js';
import { htmlPages } from '../helpers/axe.js';
import { removeDir, TEST_DIR, tempDir } from '../helpers/site.js';

const run = hasChromium() || process.env.CI ? describe : describe.skip;
const SITES = { blog: path.dirname(TEST_DIR), research: path.join(TEST_DIR, 'fixtures', 'sites', 'a11y-research') };

/** One colour pair below 4.5:1, with where it was first seen. */
interface LowContrast {
  page: string;
  where: string;
  text: string;
  color: string;
  background: string;
  ratio: number;
}

/**
 * Runs in the page: the contrast of each text element's colour with the background it is painted
 * on. For code, the first opaque background among its ancestors; for a diagram label, that of its
 * HTML box, else the fill of the node or cluster shape it belongs to, else the page's background.
 */
function measure(): Array<Omit<LowContrast, 'page'>> {
  const rgb = (value: string): number[] | undefined => {
    const m = /rgba?\(([\d.]+),\s*([\d.]+),\s*([\d.]+)(?:,\s*([\d.]+))?\)/.exec(value);
    if (!m || (m[4] !== undefined && Number(m[4]) < 0.5)) return undefined;
    return [Number(m[1]), Number(m[2]), Number(m[3])];
  };
  const luminance = ([r, g, b]: number[]) => {
    const lin = (c: number) => (c / 255 <= 0.04045 ? c / 255 / 12.92 : ((c / 255 + 0.055) / 1.055) ** 2.4);
    return 0.2126 * lin(r!) + 0.7152 * lin(g!) + 0.0722 * lin(b!);
  };
  const ratio = (a: number[], b: number[]) => {
    const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
    return (hi! + 0.05) / (lo! + 0.05);
  };
  const pageBackground = (): number[] => rgb(getComputedStyle(document.body).backgroundColor) ?? [255, 255, 255];
  const boxBackground = (el: Element | null, stop: Element | null): number[] | undefined => {
    for (let node = el; node && node !== stop; node = node.parentElement) {
      const bg = rgb(getComputedStyle(node).backgroundColor);
      if (bg) return bg;
    }
    return undefined;
  };
  // The shape a label is drawn on: the last filled shape before it in the drawing whose box holds the
  // label's centre (nodes, clusters, actors, notes, label boxes), or the circle of a numbered arrow.
  const shapeUnder = (label: Element, svg: Element): number[] | undefined => {
    if (label.closest('.sequenceNumber')) return rgb(getComputedStyle(svg.querySelector('marker circle')!).fill);
    const box = label.getBoundingClientRect();
    const [x, y] = [box.left + box.width / 2, box.top + box.height / 2];
    let fill: number[] | undefined;
    for (const shape of svg.querySelectorAll('rect, polygon, circle, ellipse, path')) {
      if (shape.closest('defs, marker')) continue;
      if (label.compareDocumentPosition(shape) & Node.DOCUMENT_POSITION_FOLLOWING) break;
      const r = shape.getBoundingClientRect();
      const painted = rgb(getComputedStyle(shape).fill);
      if (painted && r.width > 0 && x >= r.left && x <= r.right && y >= r.top && y <= r.bottom) fill = painted;
    }
    return fill;
  };
  const visible = (el: Element) => (el as HTMLElement).getClientRects().length > 0;
  const found: Array<Omit<LowContrast, 'page'>> = [];
  const check = (el: Element, where: string, color: number[] | undefined, background: number[]) => {
    const text = (el.textContent ?? '').trim();
    if (!text || !color) return;
    const r = ratio(color, background);
    if (r < 4.5)
      found.push({
        where,
        text: text.slice(0, 40),
        color: `rgb(${color.join(',')})`,
        background: `rgb(${background.join(',')})`,
        ratio: Math.round(r * 100) / 100,
      });
  };
  for (const span of document.querySelectorAll('pre.shiki code span:not(:has(span))')) {
    if (!visible(span)) continue;
    check(span, 'code', rgb(getComputedStyle(span).color), boxBackground(span, null) ?? pageBackground());
  }
  for (const svg of document.querySelectorAll('.diagram svg')) {
    if (!visible(svg)) continue;
    const figure = svg.closest('.diagram');
    const labels =
      'foreignObject :is(span, p, div):not(:has(span, p, div)), text:not(:has(tspan)), tspan:not(:has(tspan))';
    for (const el of svg.querySelectorAll(labels)) {
      if (!visible(el)) continue;
      const html = el.closest('foreignObject');
      const color = rgb(html ? getComputedStyle(el).color : getComputedStyle(el).fill);
      const background =
        (html ? boxBackground(el, html) : undefined) ??
        shapeUnder(el, svg) ??
        boxBackground(figure, null) ??
        pageBackground();
      check(el, 'diagram', color, background);
    }
  }
  return found;
}

async function lowContrast(page: Page, pagePath: string): Promise<LowContrast[]> {
  // One finding per colour pair and kind: a theme's pair is either readable everywhere or nowhere.
  const seen = new Set<string>();
  return (await page.evaluate(measure))
    .filter((f) => {
      const key = `${f.where} ${f.color} ${f.background}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    })
    .map((f) => ({ page: pagePath, ...f }));
}

run('contrast of code and diagram colours', () => {
  let browser: Browser;
  let out: string;
  const servers: StaticServer[] = [];
  const THEMES = ['default', 'paper'];
  // Each site in each theme, built once for both schemes.
  beforeAll(async () => {
    out = await tempDir('contrast');
    for (const theme of THEMES)
      for (const [name, siteDir] of Object.entries(SITES)) {
        const dir = path.join(out, `${name}-${theme}`);
        const result = await build({
          siteDir,
          outDir: path.join(dir, 'site'),
          config: { theme, cache_dir: path.join(dir, 'cache') },
          force: true,
        });
        expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
      }
    browser = await launchChromium();
  }, 300_000);
  afterAll(async () => {
    await browser?.close();
    for (const server of servers) await server.close();
    await removeDir(out);
  });

  for (const theme of THEMES)
    for (const scheme of ['light', 'dark'] as const)
      it(`keeps every code token and diagram label at 4.5:1 or more (${theme}, ${scheme})`, async () => {
        const findings: LowContrast[] = [];
        let checked = 0;
        for (const name of Object.keys(SITES)) {
          const built = path.join(out, `${name}-${theme}`, 'site');
          const server = await serveDirectory(built);
          servers.push(server);
          const context = await browser.newContext({ colorScheme: scheme, viewport: { width: 1280, height: 900 } });
          for (const pagePath of await htmlPages(built)) {
            const page = await context.newPage();
            await page.goto(server.url + pagePath, { waitUntil: 'load' });
            if ((await page.locator('pre.shiki, .diagram svg').count()) > 0) checked++;
            findings.push(...(await lowContrast(page, pagePath)));
            await page.close();
          }
          await context.close();
        }
        // The pages measured hold real code and diagrams (Rust, Python, SQL, C, Go, TypeScript, shell, diffs).
        expect(checked).toBeGreaterThanOrEqual(8);
        expect(findings).toEqual([]);
      }, 600_000);
});
