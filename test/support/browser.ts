/**
 * A real headless Chromium for the tests of pages (the class report, the step page), driven by
 * playwright-core: the system's Chromium, never a downloaded one. `.ci/run` installs Debian's
 * `chromium`; elsewhere set WORKSHOP_CHROMIUM to a Chrome or Chromium binary.
 */
import fs from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { scratchDir } from '../../runner/lib/paths.js';

const CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome', '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome'];

/** The browser binary, or undefined when this machine has none. */
export function chromiumPath(): string | undefined {
  const set = process.env.WORKSHOP_CHROMIUM;
  if (set) return set;
  return CANDIDATES.find((p) => fs.existsSync(p));
}

/**
 * Why browser tests cannot run here, or undefined when they can. In CI a missing browser is a
 * failure, not a skip: `.ci/run` installs one.
 */
export function noBrowserReason(): string | undefined {
  if (chromiumPath()) return undefined;
  const reason = 'no Chromium found (install Debian\'s chromium, or set WORKSHOP_CHROMIUM to a Chrome or Chromium binary)';
  if (process.env.WORKSHOP_CI) throw new Error(`browser tests must run in CI: ${reason}`);
  return reason;
}

export async function launchBrowser(): Promise<Browser> {
  const executablePath = chromiumPath();
  if (!executablePath) throw new Error(noBrowserReason() ?? 'no Chromium');
  return chromium.launch({ executablePath, headless: true, args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'] });
}

/** Keeps a screenshot of the page where CI keeps its artefacts (.workshop/artifacts/), for a failing test. */
export async function keepScreenshot(page: Page, name: string): Promise<string> {
  const dir = path.join(scratchDir, '..', 'artifacts');
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `${name.replace(/[^\w.-]+/g, '-')}.png`);
  await page.screenshot({ path: file, fullPage: true }).catch(() => undefined);
  return file;
}
