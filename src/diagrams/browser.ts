/**
 * Finding and starting headless Chromium for build-time diagrams. Discovery order: the configured
 * path, INKSTONE_BROWSER, the system's Chromium or Chrome, then Playwright's own browser cache.
 */
import { access, constants } from 'node:fs/promises';
// playwright-core (a second of CPU to import) is imported by the functions, when a diagram needs a browser.
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { ContentError } from '../core/errors.js';

/** System locations tried after the configured path and INKSTONE_BROWSER. */
export const SYSTEM_BROWSERS = [
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
  '/usr/bin/google-chrome-stable',
  '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
  '/Applications/Chromium.app/Contents/MacOS/Chromium',
];

/** Flags that keep the browser off the network and quiet. Playwright also gives it a fresh profile. */
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-default-apps',
  '--disable-extensions',
];

/** How to get a browser, shown when none is found or it fails to start. */
export const INSTALL_HINT =
  'install Chromium (Debian/Ubuntu: "apt-get install chromium"), or set INKSTONE_BROWSER or diagrams.browser in inkstone.yml to a Chrome or Chromium executable';

/** The first browser executable that exists, or undefined. An explicit path that does not exist is an error. */
export async function findBrowser(
  configured: string | undefined,
  env: NodeJS.ProcessEnv = process.env,
): Promise<string | undefined> {
  const explicit = configured ?? env.INKSTONE_BROWSER;
  if (explicit) {
    if (await isExecutable(explicit)) return explicit;
    throw new ContentError(
      'diagram-browser',
      `browser ${explicit} (from ${configured ? 'diagrams.browser' : 'INKSTONE_BROWSER'}) is not an executable file: ${INSTALL_HINT}`,
    );
  }
  for (const candidate of SYSTEM_BROWSERS) {
    if (await isExecutable(candidate)) return candidate;
  }
  const cached = await playwrightBrowser();
  return cached && (await isExecutable(cached)) ? cached : undefined;
}

/** Starts headless Chromium; a failure is an error that says how to get a working browser. */
export async function launchBrowser(executablePath: string): Promise<Browser> {
  const { chromium } = await import('playwright-core');
  try {
    return await chromium.launch({ executablePath, headless: true, args: CHROMIUM_ARGS, timeout: 60_000 });
  } catch (error) {
    const reason = ((error as Error).message.split('\n')[0] ?? '').trim();
    throw new ContentError(
      'diagram-browser',
      `cannot start the browser ${executablePath} to render diagrams (${reason}): ${INSTALL_HINT}`,
      undefined,
      {
        cause: error,
      },
    );
  }
}

async function playwrightBrowser(): Promise<string | undefined> {
  try {
    const { chromium } = await import('playwright-core');
    return chromium.executablePath();
  } catch {
    return undefined;
  }
}

async function isExecutable(file: string): Promise<boolean> {
  try {
    await access(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** A blank page with scripts loaded, in a context of its own (so closing it ends its renderer process). */
export interface ScriptPage {
  context: BrowserContext;
  page: Page;
}

/** Opens a page in `browser` and loads `scripts` into it, each a file (`path`) or a text (`content`). */
export async function openScriptPage(
  browser: Browser,
  scripts: ReadonlyArray<{ path: string } | { content: string }>,
): Promise<ScriptPage> {
  // A page of its own context gets its own renderer process, so two pages render in parallel.
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.setContent('<!doctype html><html><head><meta charset="utf-8"></head><body></body></html>');
  for (const script of scripts) await page.addScriptTag(script);
  // esbuild-based runners (tsx, used by the tests and benchmarks) wrap named functions in
  // `__name(...)`: a serialised page function then needs that helper in the page.
  await page.evaluate('globalThis.__name = globalThis.__name || ((fn) => fn)');
  return { context, page };
}
