/** Headless Chromium (Debian's) through playwright-core, with the flags that keep it off the network. */
import { chromium, type Browser } from 'playwright-core';
import { existsSync } from 'node:fs';
import { CHROMIUM_ARGS } from '../../src/diagrams/browser.js';

/** Where Chromium is expected; CHROMIUM_PATH overrides. */
export function chromiumPath(): string {
  return process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
}

/** True when a Chromium executable is installed. */
export function hasChromium(): boolean {
  return existsSync(chromiumPath());
}

/** Launches headless Chromium. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath(),
    headless: true,
    // The same flags as the build's diagram renderer: off the network, no sandbox (root in CI).
    args: CHROMIUM_ARGS,
  });
}
