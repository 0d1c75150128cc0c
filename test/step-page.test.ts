/**
 * The step page in a real headless Chromium, as a learner uses it next to their editor: open it,
 * read the lesson and the checklist, save a fix in the workspace and see its check turn green,
 * ask for a hint, run one check alone, open the diff. And what it refuses: other hosts and other
 * sites' buttons.
 */
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { copyProject } from '../runner/lib/fsutil.js';
import { ROOT } from '../runner/lib/paths.js';
import { keepScreenshot, launchBrowser, noBrowserReason } from './support/browser.js';
import { scratch, startSession } from './support/cli.js';

const made: string[] = [];
afterAll(() => made.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

const noBrowser = noBrowserReason();

/** A raw request, so the Host header is what the test says (fetch would not let it be set). */
function statusOf(port: number, method: string, pathname: string, headers: Record<string, string>): Promise<number | undefined> {
  return new Promise((resolve) => {
    const req = http.request({ host: '127.0.0.1', port, method, path: pathname, headers }, (res) => {
      res.resume();
      resolve(res.statusCode);
    });
    req.on('error', () => resolve(undefined));
    req.end();
  });
}

describe.skipIf(noBrowser)('the step page', () => {
  it('shows the lesson and the live checklist, turns a check green on save, gives hints one at a time, runs one check alone and shows the diff on request', async () => {
    const root = scratch('page');
    made.push(root);
    const env = { WORKSHOP_WORKSPACE: path.join(root, 'workspace'), WORKSHOP_STATE: path.join(root, 'state'), WORKSHOP_PAGE_PORT: '0' };
    const dir = path.join(env.WORKSHOP_WORKSPACE, '01-server');
    copyProject(path.join(ROOT, 'steps', '01-server'), dir);
    const session = startSession(['step', '1'], env, path.join(root, 'events.log'));
    const browser = await launchBrowser();
    const page = await browser.newPage();
    const external: string[] = [];
    page.on('request', (r) => {
      if (!r.url().startsWith('http://127.0.0.1')) external.push(r.url());
    });
    try {
      await session.waitForOutput(/Page +http:\/\/127\.0\.0\.1:\d+\//);
      const url = /Page +(http:\/\/127\.0\.0\.1:\d+\/)/.exec(session.output())![1];
      await session.waitForEvent((e) => e.type === 'done');

      await page.goto(url);
      expect(await page.locator('html').getAttribute('lang')).toBe('en');
      // The lesson, rendered, with code highlighted and the anchors the checks link to.
      await expect.poll(() => page.getByRole('main', { name: 'Lesson' }).getByRole('heading', { level: 1 }).textContent()).toMatch(/Step 01/);
      expect(await page.locator('#lesson pre code.hljs').count()).toBeGreaterThan(0);
      expect(await page.locator('#lesson h2#your-task').count()).toBe(1);
      // The checklist, as the terminal shows it, with the course map.
      const checks = page.locator('#checks li');
      await expect.poll(() => checks.count(), { timeout: 60_000 }).toBeGreaterThan(5);
      expect(await page.locator('#course [aria-current="step"]').textContent()).toMatch(/^01-server/);
      const poweredBy = page.locator('#checks li').filter({ hasText: 'X-Powered-By' });
      expect(await poweredBy.count()).toBe(1);
      expect(await poweredBy.getAttribute('data-state')).toBe('fail');
      expect(await poweredBy.locator('pre').textContent()).toMatch(/Expected/);
      const lessonLink = await poweredBy.getByRole('link').getAttribute('href');
      expect(lessonLink).toMatch(/^#[\w-]+$/);
      expect(await page.locator(`#lesson ${lessonLink}`).count()).toBe(1);

      // A save in the editor: the check turns green on the page without a reload.
      fs.copyFileSync(path.join(ROOT, 'solutions', '01-server', 'src', 'app.ts'), path.join(dir, 'src', 'app.ts'));
      await expect.poll(() => poweredBy.getAttribute('data-state'), { timeout: 180_000, interval: 250 }).toBe('pass');

      // Hints: only when asked, one at a time, in order.
      expect(await page.locator('#hints .hint').count()).toBe(0);
      await page.getByRole('button', { name: 'Show the next hint' }).click();
      await expect.poll(() => page.locator('#hints .hint h3').allTextContents()).toEqual([expect.stringMatching(/^Hint 1 of \d+$/)]);
      await page.getByRole('button', { name: 'Show the next hint' }).click();
      await expect.poll(() => page.locator('#hints .hint h3').allTextContents()).toEqual([expect.stringMatching(/^Hint 1 of/), expect.stringMatching(/^Hint 2 of/)]);

      // One check alone: it runs, and comes back with its verdict.
      const failing = page.locator('#checks li[data-state="fail"]').first();
      const title = await failing.getAttribute('data-title');
      const done = session.events().length;
      const [response] = await Promise.all([page.waitForResponse((r) => r.url().endsWith('/run')), failing.getByRole('button', { name: /^Run this check alone/ }).click()]);
      expect(response.status()).toBe(202);
      await expect.poll(() => session.events().slice(done).some((e) => e.type === 'result' && e.title === title), { timeout: 120_000 }).toBe(true);

      // The diff, only when asked.
      expect(await page.locator('#diff').isVisible()).toBe(false);
      await page.getByRole('button', { name: 'Show the diff' }).click();
      await expect.poll(() => page.locator('#diff').isVisible()).toBe(true);
      expect(await page.locator('#diff h3').allTextContents()).toContain('src/config.ts');
      expect(await page.getByRole('button', { name: 'Hide the diff' }).getAttribute('aria-expanded')).toBe('true');

      // Every button has a name a screen reader can read.
      for (const b of await page.getByRole('button').all()) expect((await b.textContent())?.trim() || (await b.getAttribute('aria-label'))).toBeTruthy();
      expect(external).toEqual([]);

      // The README's picture of the page, when asked for (WORKSHOP_PAGE_SCREENSHOT=docs/images/step-page.png).
      if (process.env.WORKSHOP_PAGE_SCREENSHOT) {
        await page.setViewportSize({ width: 1400, height: 900 });
        await page.getByRole('button', { name: 'Hide the diff' }).click();
        await page.evaluate(() => {
          window.scrollTo(0, 0);
          document.querySelector('aside')?.scrollTo(0, 0);
        });
        await page.screenshot({ path: path.resolve(ROOT, process.env.WORKSHOP_PAGE_SCREENSHOT) });
      }

      // Only this page may use it: another Host (DNS rebinding) or another site's button is refused.
      const port = Number(new URL(url).port);
      expect(await statusOf(port, 'GET', '/state', { Host: `attacker.example:${port}` })).toBe(403);
      expect(await statusOf(port, 'POST', '/hint', { Origin: 'http://attacker.example' })).toBe(403);
      expect(await statusOf(port, 'GET', '/state', {})).toBe(200);
    } catch (err) {
      await keepScreenshot(page, 'step-page');
      throw new Error(`${(err as Error).message}\n--- the session's output ---\n${session.output().slice(-3000)}`);
    } finally {
      await browser.close();
      await session.stop();
    }
  }, 600_000);
});
