/**
 * The workshop's Conduit web client (frontend/, served by `npm run frontend`) in headless Chromium
 * against a real backend on another origin, as a learner uses it in step 07: two people sign up,
 * write, tag, comment, favorite, follow, read their feed and edit; a wrong password shows the API's
 * own message; a refused request says to check the API URL and CORS_ORIGINS; API text is never
 * run as HTML. And what the server refuses: other files, other hosts, other methods.
 *
 * The backend is the step-07 reference (solutions/07-frontend, CORS allow-list from CORS_ORIGINS);
 * WORKSHOP_FRONTEND_API_DIR points at another step folder with the same contract instead.
 */
import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { runDbTask } from '../runner/lib/db-tasks.js';
import { resolveStatic, FRONTEND_DIR } from '../runner/lib/frontend-server.js';
import { ROOT, shortPath } from '../runner/lib/paths.js';
import { freePort, startTsProcess, waitForServer, type ManagedProcess } from '../runner/lib/processes.js';
import { keepScreenshot, launchBrowser, noBrowserReason } from './support/browser.js';
import { runCli, scratch, startSession, type Session } from './support/cli.js';

const made: string[] = [];
afterAll(() => made.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

const noBrowser = noBrowserReason();
const backendDir = path.resolve(process.env.WORKSHOP_FRONTEND_API_DIR ?? path.join(ROOT, 'solutions', '07-frontend'));
const noBackend = fs.existsSync(path.join(backendDir, 'src', 'server.ts'))
  ? undefined
  : `${shortPath(backendDir)} does not exist yet (the step-07 reference, with CORS_ORIGINS): the browser story needs a CORS-enabled backend`;
if (noBackend) console.warn(`skipped: the Conduit web client's browser story: ${noBackend}`);

/** A raw request, so the path and Host are exactly what the test says (fetch would normalise them). */
function get(port: number, pathname: string, headers: Record<string, string> = {}, method = 'GET'): Promise<{ status?: number; type?: string; body: string }> {
  return new Promise((resolve) => {
    const req = http.request({ host: '127.0.0.1', port, method, path: pathname, headers: { Host: `localhost:${port}`, ...headers } }, (res) => {
      let body = '';
      res.on('data', (d: Buffer) => (body += d.toString()));
      res.on('end', () => resolve({ status: res.statusCode, type: res.headers['content-type'], body }));
    });
    req.on('error', () => resolve({ body: '' }));
    req.end();
  });
}

async function startFrontend(api: string, port?: number): Promise<{ session: Session; origin: string; port: number }> {
  const root = scratch('frontend');
  made.push(root);
  const session = startSession(['frontend', '--api', api, '--port', String(port ?? (await freePort()))], {}, path.join(root, 'events.log'));
  await session.waitForOutput(/CORS_ORIGINS=http:\/\/localhost:\d+/);
  const origin = /CORS_ORIGINS=(http:\/\/localhost:\d+)/.exec(session.output())![1];
  return { session, origin, port: Number(new URL(origin).port) };
}

describe('npm run frontend', () => {
  it('serves the client, its config and nothing else: no folders, no path traversal, only its own Host, only GET', async () => {
    const { session, origin, port } = await startFrontend('http://localhost:9');
    try {
      expect(session.output()).toContain(`${origin}/`);
      expect(session.output()).toContain('http://localhost:9/api');
      const page = await get(port, '/');
      expect([page.status, page.type]).toEqual([200, 'text/html; charset=utf-8']);
      expect(page.body).toContain('<script type="module" src="/js/main.js">');
      expect((await get(port, '/js/main.js')).type).toBe('text/javascript; charset=utf-8');
      expect((await get(port, '/style.css')).type).toBe('text/css; charset=utf-8');
      const config = await get(port, '/config.js');
      expect([config.status, config.type]).toEqual([200, 'text/javascript; charset=utf-8']);
      expect(config.body).toContain('export const API_URL = "http://localhost:9/api"');

      for (const p of ['/js/', '/js', '/pages/', '/../package.json', '/js/../../package.json', '/%2e%2e/package.json', '/js/..%2f..%2fpackage.json', '/..%5cpackage.json', '/.gitignore', '/%00index.html', '/index.html%00.js', '/nothing.js']) {
        expect((await get(port, p)).status, p).toBe(404);
      }
      expect((await get(port, '/', { Host: `attacker.example:${port}` })).status).toBe(403);
      expect((await get(port, '/', {}, 'POST')).status).toBe(405);
      expect(await session.stop('SIGINT')).toBe(0);
    } finally {
      await session.stop('SIGKILL');
    }
  }, 300_000);

  it('takes another port when its own is busy, and says that origin is the one to allow', async () => {
    const taken = await freePort();
    const blocker = net.createServer();
    await new Promise<void>((resolve) => blocker.listen(taken, '127.0.0.1', resolve));
    const { session, origin, port } = await startFrontend('http://localhost:9', taken);
    try {
      expect(port).not.toBe(taken);
      expect(session.output()).toMatch(new RegExp(`Port ${taken} is busy, so the client runs on ${port}`));
      expect(origin).toBe(`http://localhost:${port}`);
      expect((await get(port, '/')).status).toBe(200);
    } finally {
      await session.stop('SIGKILL');
      blocker.close();
    }
  }, 300_000);

  it('finds files only inside frontend/', () => {
    expect(resolveStatic(FRONTEND_DIR, '/')).toBe(fs.realpathSync(path.join(FRONTEND_DIR, 'index.html')));
    expect(resolveStatic(FRONTEND_DIR, '/js/api.js')).toBe(fs.realpathSync(path.join(FRONTEND_DIR, 'js', 'api.js')));
    for (const p of ['/..', '/../README.md', '/js/../../package.json', '/%2e%2e%2fpackage.json', '/%E0%A4%A', '/js', '//etc/passwd.js']) expect(resolveStatic(FRONTEND_DIR, p), p).toBeUndefined();
  });

  it('refuses an --api that is not an http(s) origin, and a bad --port', async () => {
    for (const api of ['ftp://localhost:3000', 'localhost:3000', 'http://localhost:3000/api', 'http://localhost:3000/x?y=1', 'http://user:pw@localhost:3000']) {
      const result = await runCli(['frontend', '--api', api]);
      expect([result.code, result.stderr], api).toEqual([2, expect.stringMatching(/--api/)]);
    }
    const result = await runCli(['frontend', '--port', 'eighty']);
    expect([result.code, result.stderr]).toEqual([2, expect.stringMatching(/--port/)]);
  }, 300_000);
});

describe.skipIf(noBrowser)('the Conduit web client in a browser', () => {
  it.skipIf(noBackend)(
    'two people sign up, write, tag, comment, favorite, follow, read their feed and edit; errors are shown; API text is never HTML',
    async () => {
      const root = scratch('frontend-story');
      made.push(root);
      const apiPort = await freePort();
      const apiOrigin = `http://localhost:${apiPort}`;
      const front = await startFrontend(apiOrigin);
      const { origin } = front;

      // The backend, on its own origin, allowing the client's.
      const db = { DB_DIALECT: 'sqlite', DB_STORAGE: path.join(root, 'conduit.sqlite') };
      const migrated = await runDbTask(backendDir, 'migrate', db);
      expect(migrated.ok, migrated.error).toBe(true);
      const backend: ManagedProcess = startTsProcess({ cwd: backendDir, env: { ...db, PORT: String(apiPort), NODE_ENV: 'development', LOG_LEVEL: 'warn', CORS_ORIGINS: origin }, group: true });

      let browser: Browser | undefined;
      const pages: [string, Page][] = [];
      const elsewhere: string[] = [];
      const newPage = async (name: string): Promise<Page> => {
        const page = await (await browser!.newContext()).newPage();
        page.on('request', (r) => {
          if (!r.url().startsWith(origin) && !r.url().startsWith(apiOrigin)) elsewhere.push(r.url());
        });
        pages.push([name, page]);
        return page;
      };
      try {
        await waitForServer(apiOrigin, backend, 120_000);
        browser = await launchBrowser();
        const run = Date.now().toString(36);
        const alice = { username: `alice_${run}`, email: `alice_${run}@example.com`, password: 'correct horse battery' };
        const bob = { username: `bob_${run}`, email: `bob_${run}@example.com`, password: 'another long password' };

        const signUp = async (page: Page, user: typeof alice) => {
          await page.goto(`${origin}/#/register`);
          await page.getByLabel('Username').fill(user.username);
          await page.getByLabel('Email').fill(user.email);
          await page.getByLabel('Password').fill(user.password);
          await page.getByRole('button', { name: 'Sign up' }).click();
          await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: user.username }).waitFor();
          expect(await page.evaluate(() => localStorage.getItem('conduit.jwt'))).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+$/);
        };
        const write = async (page: Page, a: { title: string; description: string; body: string; tags: string }) => {
          await page.getByRole('link', { name: 'New Article' }).click();
          await page.getByLabel('Title').fill(a.title);
          await page.getByLabel("What's this article about?").fill(a.description);
          await page.getByLabel(/Write your article/).fill(a.body);
          await page.getByLabel(/Tags/).fill(a.tags);
          await page.getByRole('button', { name: 'Publish article' }).click();
          await page.getByRole('heading', { level: 1, name: a.title, exact: true }).waitFor();
        };

        // Alice signs up and writes an article with two tags.
        const a = await newPage('alice');
        await signUp(a, alice);
        expect(await a.locator('#api-url').textContent()).toBe(`${apiOrigin}/api`);
        const title = `How to train your dragon ${run}`;
        await write(a, { title, description: 'Ever wonder how?', body: 'Very carefully.\n\nWith two hands.', tags: 'dragons, training' });
        expect(await a.locator('.article-content p').allTextContents()).toEqual(['Very carefully.', 'With two hands.']);
        expect(await a.locator('.article-content .tag').allTextContents()).toEqual(['dragons', 'training']);
        const articleUrl = a.url();

        // It is in the global feed, and under its tag.
        await a.getByRole('link', { name: 'Home' }).click();
        await a.getByRole('link', { name: 'Global feed' }).click();
        await a.locator('.article-preview h2', { hasText: title }).waitFor();
        await a.getByRole('complementary').getByRole('link', { name: 'dragons', exact: true }).click();
        await a.getByRole('link', { name: '# dragons' }).waitFor();
        await a.locator('.article-preview h2', { hasText: title }).waitFor();
        expect(a.url()).toMatch(/#\/tag\/dragons$/);

        // Bob, in his own browser, reads it, comments, favorites it and follows Alice.
        const b = await newPage('bob');
        await signUp(b, bob);
        await b.getByRole('link', { name: 'Global feed' }).click();
        await b.getByRole('link', { name: new RegExp(title) }).click();
        await b.getByRole('heading', { level: 1, name: title }).waitFor();
        await b.getByLabel('Write a comment').fill('Great read, thanks!');
        await b.getByRole('button', { name: 'Post comment' }).click();
        await b.locator('.comment', { hasText: 'Great read, thanks!' }).getByRole('link', { name: bob.username }).waitFor();
        await b.getByRole('button', { name: 'Favorite article (0)' }).click();
        await b.getByRole('button', { name: 'Unfavorite article (1)' }).waitFor();
        await b.getByRole('button', { name: `Follow ${alice.username}` }).click();
        await b.getByRole('button', { name: `Unfollow ${alice.username}` }).waitFor();
        // His own comments, and only those, can be deleted.
        await b.getByLabel('Write a comment').fill('A comment with a typo');
        await b.getByRole('button', { name: 'Post comment' }).click();
        await b.locator('.comment', { hasText: 'A comment with a typo' }).getByRole('button', { name: 'Delete comment' }).click();
        await expect.poll(() => b.locator('.comment').count()).toBe(1);
        // After a reload, the API remembers all three.
        await b.reload();
        await b.getByRole('button', { name: 'Unfavorite article (1)' }).waitFor();
        await b.getByRole('button', { name: `Unfollow ${alice.username}` }).waitFor();
        expect(await b.locator('.comment').count()).toBe(1);
        // Alice's article is in Bob's feed.
        await b.getByRole('link', { name: 'Home' }).click();
        await b.getByRole('link', { name: 'Your feed' }).click();
        // The global list Home showed has the same title: wait for the feed's own page first.
        await b.locator('.tab[aria-current="page"]', { hasText: 'Your feed' }).waitFor();
        await b.locator('.article-preview h2', { hasText: title }).waitFor();
        expect(await b.locator('.article-preview').count()).toBe(1);
        expect(await b.locator('.article-preview button').textContent()).toBe('♥ 1');

        // Bob's settings: a bio, shown on his profile; then he logs out.
        await b.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Settings' }).click();
        await b.getByLabel('Short bio about you').fill('I read about dragons.');
        await b.getByRole('button', { name: 'Update settings' }).click();
        await b.getByText('Saved.').waitFor();
        await b.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: bob.username }).click();
        await b.getByText('I read about dragons.').waitFor();
        await b.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Settings' }).click();
        await b.getByRole('button', { name: /log out/ }).click();
        await b.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Sign in' }).waitFor();
        expect(await b.evaluate(() => localStorage.getItem('conduit.jwt'))).toBeNull();

        // Alice edits it: a new title (so a new slug) and body.
        await a.goto(articleUrl);
        await a.getByRole('link', { name: 'Edit article' }).click();
        await a.getByLabel('Title').fill(`${title} (revised)`);
        await a.getByLabel(/Write your article/).fill('Very carefully, and with two hands.');
        await a.getByRole('button', { name: 'Publish article' }).click();
        await a.getByRole('heading', { level: 1, name: `${title} (revised)` }).waitFor();
        expect(await a.locator('.article-content p').allTextContents()).toEqual(['Very carefully, and with two hands.']);
        // Her profile lists it; the favorited tab of Bob's lists it too.
        await a.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: alice.username }).click();
        await a.locator('.article-preview h2', { hasText: `${title} (revised)` }).waitFor();
        await a.goto(`${origin}/#/profile/${bob.username}/favorites`);
        await a.locator('.article-preview h2', { hasText: `${title} (revised)` }).waitFor();

        // A wrong password: the API's own message, as the API words it.
        const wrong = await fetch(`${apiOrigin}/api/users/login`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ user: { email: alice.email, password: 'not her password' } }) });
        const envelope = (await wrong.json()) as { errors: Record<string, string[]> };
        const expected = Object.entries(envelope.errors).flatMap(([field, messages]) => messages.map((m) => `${field} ${m}`));
        const c = await newPage('sign-in');
        await c.goto(`${origin}/#/login`);
        await c.getByLabel('Email').fill(alice.email);
        await c.getByLabel('Password').fill('still not her password');
        await c.getByRole('button', { name: 'Sign in' }).click();
        await c.locator('.error-messages li').first().waitFor();
        expect(await c.locator('.error-messages li').allTextContents()).toEqual(expect.arrayContaining(expected));
        expect(await c.evaluate(() => localStorage.getItem('conduit.jwt'))).toBeNull();

        // An API that cannot be reached (what a CORS refusal looks like from JavaScript).
        await c.route(`${apiOrigin}/**`, (route) => route.abort('failed'));
        await c.getByRole('button', { name: 'Sign in' }).click();
        await c.locator('.error-messages', { hasText: 'CORS_ORIGINS' }).waitFor();
        expect(await c.locator('.error-messages').textContent()).toContain(`${apiOrigin}/api`);
        expect(await c.locator('.error-messages').textContent()).toContain(origin);

        // API text is text: a title that is HTML shows as its characters and runs nothing.
        const probe = '<img src=x onerror=window.__xss=1>';
        await write(a, { title: probe, description: '<b>bold?</b>', body: '<script>window.__xss=2</script>', tags: 'probe' });
        expect(await a.locator('h1 img, .article-content script, .article-content b').count()).toBe(0);
        expect(await a.locator('.article-content p').textContent()).toBe('<script>window.__xss=2</script>');
        await a.getByRole('link', { name: 'Home' }).click();
        await a.getByRole('link', { name: 'Global feed' }).click();
        await a.locator('.article-preview h2', { hasText: probe }).waitFor();
        expect(await a.locator('.article-preview img:not(.avatar), .article-preview b').count()).toBe(0);
        expect(await a.evaluate(() => (window as { __xss?: unknown }).__xss)).toBeUndefined();

        // Alice deletes it; the others stay.
        await a.locator('.article-preview h2', { hasText: probe }).click();
        a.once('dialog', (d) => void d.accept());
        await a.getByRole('button', { name: 'Delete article' }).click();
        await a.locator('.article-preview h2', { hasText: `${title} (revised)` }).waitFor();
        expect(await a.locator('.article-preview h2', { hasText: probe }).count()).toBe(0);

        // Pages of 10, from articlesCount: page 2 asks for offset=10.
        const jwt = await a.evaluate(() => localStorage.getItem('conduit.jwt'));
        for (let i = 1; i <= 10; i++) {
          const made = await fetch(`${apiOrigin}/api/articles`, { method: 'POST', headers: { 'Content-Type': 'application/json', Authorization: `Token ${jwt}` }, body: JSON.stringify({ article: { title: `Filler ${i} ${run}`, description: 'd', body: 'b' } }) });
          expect(made.status).toBeLessThan(300);
        }
        // Clicking the screen you are on loads it again.
        await a.getByRole('link', { name: 'Global feed' }).click();
        const pager = a.getByRole('navigation', { name: 'Pages' });
        await expect.poll(() => pager.getByRole('link').allTextContents()).toEqual(['1', '2']);
        expect(await a.locator('.article-preview').count()).toBe(10);
        const [second] = await Promise.all([a.waitForRequest((r) => r.url().startsWith(`${apiOrigin}/api/articles?`) && r.url().includes('offset=10')), pager.getByRole('link', { name: '2' }).click()]);
        expect(new URL(second.url()).searchParams.get('limit')).toBe('10');
        await a.locator('.article-preview h2', { hasText: `${title} (revised)` }).waitFor();
        expect(await a.locator('.article-preview').count()).toBe(1);
        expect(await pager.locator('[aria-current="page"]').textContent()).toBe('2');

        // Nothing is fetched from anywhere else (no CDN, no fonts).
        expect(elsewhere).toEqual([]);
      } catch (err) {
        for (const [name, page] of pages) await keepScreenshot(page, `frontend-${name}`);
        throw new Error(`${(err as Error).stack ?? (err as Error).message}\n--- npm run frontend ---\n${front.session.output().slice(-2000)}\n--- the API ---\n${backend.logs.last(20).join('\n')}`);
      } finally {
        await browser?.close();
        await front.session.stop();
        await backend.stop();
      }
    },
    600_000,
  );
});
