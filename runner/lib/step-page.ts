/**
 * The step page: `npm run step N` also serves the lesson, the live checklist, the learner's
 * server log, hints on request, the diff against the reference on request and the course map,
 * on one local page. Loopback only; no build step, no account, nothing fetched from elsewhere.
 *
 * The page is a view of the terminal session, never a second source of truth: the runner pushes
 * its state over server-sent events, and the page's buttons call the same code as `npm run hint`
 * and `npm run diff`. Requests must name this server as their Host (no DNS rebinding) and, when
 * they change something, come from this page's origin (no other site can press its buttons).
 */
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { nextHint, type FailingCheck } from './hints.js';
import { lessonFile, parseLesson } from './lesson.js';
import { escapeHtml } from './html.js';
import { renderMarkdown } from './markdown.js';
import { dirs } from './paths.js';
import { diffStep } from './step-diff.js';
import type { Step } from './steps.js';
import { PAGE_CSS, PAGE_JS } from './step-page-assets.js';
import { localHosts } from './local-hosts.js';

export interface PageCheck {
  number: number;
  title: string;
  file?: string;
  state: 'pass' | 'fail' | 'skip' | 'running';
  group: 'new' | 'earlier';
  message?: string;
  /** `/doc/03-database.md#indexes`, or `#indexes` for this step's lesson. */
  lesson?: string;
}

export interface PageState {
  step: string;
  title: string;
  course: { slug: string; title: string; current: boolean; passed?: number; total?: number; started: boolean; available: boolean }[];
  server: { status: string; url?: string; log: string[] };
  checks: PageCheck[];
  /** What the checks are doing now, in words; absent when idle. */
  phase?: string;
  problem?: string;
  summary?: string;
  next?: string;
}

export interface PageSources {
  step: Step;
  state(): PageState;
  /** The first failing check and whether every check passes, for hints. */
  failing(): { failing?: FailingCheck; allPass: boolean };
  /** Runs one check alone; false when there is no such check. */
  runOne(check: { file: string; title: string }): boolean;
}

const ALLOWED_DOC = /^[\w-]+\.md$/;

function shell(title: string, body: string, script = true): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<link rel="stylesheet" href="/page.css">
${script ? '<script src="/page.js" defer></script>' : ''}
</head>
<body>
${body}
</body>
</html>
`;
}

function mainPage(step: Step): string {
  const file = lessonFile(step);
  const markdown = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : undefined;
  const lesson = markdown === undefined ? undefined : parseLesson(markdown);
  const lessonHtml = markdown === undefined ? '<p>This step has no lesson.</p>' : renderMarkdown(markdown);
  return shell(
    `Step ${step.slug}: ${lesson?.title ?? step.title}`,
    `<a class="skip" href="#checks-title">Skip to the checks</a>
<header>
  <nav aria-label="Course"><ol id="course" class="course"></ol></nav>
</header>
<div class="layout">
  <main id="lesson" aria-label="Lesson" tabindex="-1">
${lessonHtml}
  </main>
  <aside aria-label="Your work">
    <section aria-labelledby="checks-title">
      <h2 id="checks-title">Checks</h2>
      <p id="summary" role="status" aria-live="polite"></p>
      <p id="problem" class="problem" hidden></p>
      <ol id="checks" class="checks"></ol>
      <p id="next" class="next"></p>
    </section>
    <section aria-labelledby="hint-title">
      <h2 id="hint-title">Stuck?</h2>
      <p class="muted">Hints come one at a time, for the first failing check, in the order <code>npm run hint</code> gives them.</p>
      <button type="button" id="hint-button">Show the next hint</button>
      <div id="hints" aria-live="polite"></div>
    </section>
    <section aria-labelledby="server-title">
      <h2 id="server-title">Your server</h2>
      <p id="server-status" role="status"></p>
      <pre id="server-log" class="log" tabindex="0" aria-label="Your server's latest output"></pre>
    </section>
    <section aria-labelledby="diff-title">
      <h2 id="diff-title">Compare with the reference</h2>
      <p class="muted">The checks decide, not the diff: a different design that passes is right.</p>
      <button type="button" id="diff-button" aria-expanded="false" aria-controls="diff">Show the diff</button>
      <div id="diff" hidden></div>
    </section>
  </aside>
</div>
<p id="connection" class="connection" role="status" hidden>The workshop stopped: start it again with <code>npm run step ${step.number}</code>, then reload.</p>`,
  );
}

export class StepPage {
  private server?: http.Server;
  private clients = new Set<http.ServerResponse>();
  private port = 0;
  private timer?: NodeJS.Timeout;
  private last = '';

  constructor(private readonly sources: PageSources) {}

  /** Listens on 127.0.0.1: on `preferred` when it is free, otherwise on any free port. Returns the page's URL. */
  async start(preferred = 0): Promise<string> {
    const server = http.createServer((req, res) => this.handle(req, res));
    server.keepAliveTimeout = 1000;
    const listen = (port: number) =>
      new Promise<void>((resolve, reject) => {
        server.once('error', reject);
        server.listen(port, '127.0.0.1', () => {
          server.off('error', reject);
          resolve();
        });
      });
    try {
      await listen(preferred);
    } catch {
      await listen(0);
    }
    this.server = server;
    this.port = (server.address() as AddressInfo).port;
    return `http://127.0.0.1:${this.port}/`;
  }

  /** The session changed: every open page gets the new state (at most every 100 ms). */
  changed(): void {
    if (this.timer || this.clients.size === 0) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.broadcast();
    }, 100);
  }

  async close(): Promise<void> {
    clearTimeout(this.timer);
    for (const c of this.clients) c.end();
    this.clients.clear();
    const server = this.server;
    if (!server) return;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  private broadcast(): void {
    const data = JSON.stringify(this.sources.state());
    if (data === this.last) return;
    this.last = data;
    for (const c of this.clients) c.write(`data: ${data}\n\n`);
  }

  private trusted(req: http.IncomingMessage): boolean {
    const hosts = localHosts(this.port);
    if (!hosts.includes(req.headers.host ?? '')) return false;
    if (req.method === 'GET' || req.method === 'HEAD') return true;
    const origin = req.headers.origin;
    return origin === undefined || hosts.some((h) => origin === `http://${h}` || origin === `https://${h}`);
  }

  private send(res: http.ServerResponse, status: number, type: string, body: string): void {
    res.writeHead(status, {
      'Content-Type': `${type}; charset=utf-8`,
      'Cache-Control': 'no-store',
      'X-Content-Type-Options': 'nosniff',
      'Content-Security-Policy': "default-src 'self'; img-src 'self' data:; frame-ancestors 'none'",
      'Referrer-Policy': 'no-referrer',
    });
    res.end(body);
  }

  private async body(req: http.IncomingMessage): Promise<unknown> {
    let raw = '';
    for await (const chunk of req) {
      raw += chunk;
      if (raw.length > 64 * 1024) return undefined;
    }
    try {
      return raw ? JSON.parse(raw) : {};
    } catch {
      return undefined;
    }
  }

  private handle(req: http.IncomingMessage, res: http.ServerResponse): void {
    if (!this.trusted(req)) return this.send(res, 403, 'text/plain', 'This page answers only http://127.0.0.1 on its own port, to its own buttons.');
    const url = new URL(req.url ?? '/', `http://127.0.0.1:${this.port}`);
    const { step } = this.sources;
    const route = `${req.method} ${url.pathname}`;
    try {
      if (route === 'GET /') return this.send(res, 200, 'text/html', mainPage(step));
      if (route === 'GET /page.css') return this.send(res, 200, 'text/css', PAGE_CSS);
      if (route === 'GET /page.js') return this.send(res, 200, 'text/javascript', PAGE_JS);
      if (route === 'GET /events') {
        res.writeHead(200, { 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-store', Connection: 'keep-alive' });
        res.write(`retry: 2000\ndata: ${JSON.stringify(this.sources.state())}\n\n`);
        this.clients.add(res);
        req.on('close', () => this.clients.delete(res));
        return;
      }
      if (route === 'GET /state') return this.send(res, 200, 'application/json', JSON.stringify(this.sources.state()));
      if (route === 'POST /hint') {
        const { failing, allPass } = this.sources.failing();
        const answer = nextHint(step, failing, { allPass });
        const html = answer.kind === 'hints' ? answer.shown.map((h) => ({ label: `${h.label} of ${answer.of}`, html: renderMarkdown(h.text) })) : [];
        const lesson = 'section' in answer ? `${answer.lessonSlug === step.slug ? '' : `/doc/${answer.lessonSlug}.md`}#${answer.section.anchor}` : undefined;
        return this.send(res, 200, 'application/json', JSON.stringify({ ...answer, html, lesson }));
      }
      if (route === 'GET /diff') return this.send(res, 200, 'application/json', JSON.stringify(diffStep(step)));
      if (route === 'POST /run') {
        void this.body(req).then((b) => {
          const check = b as { file?: unknown; title?: unknown } | undefined;
          if (typeof check?.file !== 'string' || typeof check.title !== 'string') return this.send(res, 400, 'application/json', '{"error":"send {\\"file\\", \\"title\\"} of a check"}');
          const ok = this.sources.runOne({ file: check.file, title: check.title });
          this.send(res, ok ? 202 : 404, 'application/json', ok ? '{"running":true}' : '{"error":"no such check"}');
        });
        return;
      }
      const doc = /^GET \/doc\/([^/]+)$/.exec(route);
      if (doc && ALLOWED_DOC.test(doc[1]) && fs.existsSync(path.join(dirs.docs, doc[1]))) {
        const html = renderMarkdown(fs.readFileSync(path.join(dirs.docs, doc[1]), 'utf8'));
        return this.send(res, 200, 'text/html', shell(doc[1], `<p><a href="/">← back to step ${escapeHtml(step.slug)}</a></p><main class="doc">${html}</main>`, false));
      }
      this.send(res, 404, 'text/plain', 'Not found');
    } catch (err) {
      this.send(res, 500, 'text/plain', `The page failed: ${(err as Error).message}`);
    }
  }
}
