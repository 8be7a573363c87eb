/** A site built, served over HTTP and opened in headless Chromium: the set-up of the browser tests. */
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { expect } from 'vitest';
import { build, type BuildResult } from '../../src/build.js';
import { launchChromium } from './browser.js';
import { serveDirectory, type StaticServer } from './serve.js';
import { removeDir } from './site.js';

/** The served site and the browser; `close` ends both and removes the site's folder. */
export interface BrowsedSite {
  server: StaticServer;
  browser: Browser;
  close(): Promise<void>;
}

/**
 * Builds the site in `siteDir` (which must succeed; `check` may look at the result further), serves
 * its `_site` and launches Chromium. What was started is closed again if a later step fails.
 */
export async function browseSite(siteDir: string, check?: (result: BuildResult) => void): Promise<BrowsedSite> {
  let server: StaticServer | undefined;
  let browser: Browser | undefined;
  const close = async () => {
    await browser?.close();
    await server?.close();
    await removeDir(siteDir);
  };
  try {
    const result = await build({ siteDir });
    expect(result.ok).toBe(true);
    check?.(result);
    server = await serveDirectory(path.join(siteDir, '_site'));
    browser = await launchChromium();
    return { server, browser, close };
  } catch (error) {
    await close();
    throw error;
  }
}
