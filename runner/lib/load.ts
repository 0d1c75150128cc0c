/**
 * The machinery of `npm run load` and `npm run bench`: the app under test in a child process
 * (runner/lib/load-harness.ts, its own process group, loopback only), the scenarios, autocannon
 * runs bounded in time, statements per request from the child's count, and the table.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import mysql from 'mysql2/promise';
import { dropSchemas } from '../../checks/support/db.js';
import { withoutPassword } from './database-config.js';
import { ROOT, scratchDir, tsxLoader } from './paths.js';
import { killTree, LogTail } from './processes.js';
import type { SeededData } from './load-seed.js';
import { LOAD_PASSWORD } from './load-seed.js';

export type Dialect = 'sqlite' | 'mysql';

/** What the parent passes to the harness (as its one argument, in JSON). */
export interface HarnessOptions {
  mode: 'app' | 'ceiling';
  /** The project folder (app mode). */
  target: string;
  dialect: Dialect;
  /** Ceiling mode: the size of the fixed answer. */
  bodyBytes?: number;
}

export type HarnessRequest = { type: 'stats'; id: number } | { type: 'stop' };

export type HarnessMessage =
  | { type: 'database'; name: string; dialect: Dialect; storage?: string }
  | { type: 'ready'; port: number; statements: number; social: boolean; seeded: SeededData; database: string }
  | { type: 'stats'; id: number; statements: number; received: number; inFlight: number; errorsLogged: number; firstError?: string }
  | { type: 'failed'; message: string };

/** The project under test is broken (does not compile, createApp throws, migrate fails): one line. */
export class LoadTargetError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'LoadTargetError';
  }
}

export interface HarnessStats {
  statements: number;
  /** Requests the app received so far, and how many it is still answering. */
  received: number;
  inFlight: number;
  errorsLogged: number;
  firstError?: string;
}

export interface Harness {
  port: number;
  /** Seeded data (usernames, slugs, the viewer), whether follows/favorites exist, where the data lives. */
  ready: Extract<HarnessMessage, { type: 'ready' }>;
  stats(): Promise<HarnessStats>;
  /** Stops the child (asks, then kills its group) and drops its database. */
  stop(): Promise<void>;
  /** Last resort, synchronous: the whole group, now. */
  kill(): void;
}

/** Why the MySQL server at `serverUrl` cannot be used, or undefined when it answers. Not the project's fault: said before it starts. */
export async function mysqlProblem(serverUrl: string): Promise<string | undefined> {
  try {
    const connection = await mysql.createConnection({ uri: serverUrl, connectTimeout: 3000 });
    await connection.end();
    return undefined;
  } catch (err) {
    return `MySQL at ${withoutPassword(serverUrl)} does not answer (${(err as Error).message}): start it with docker compose up -d db (or set WORKSHOP_MYSQL_URL), or run on SQLite (--dialect sqlite); see docs/troubleshooting.md#the-load-test`;
  }
}

const harnessEntry = path.join(path.dirname(fileURLToPath(import.meta.url)), 'load-harness.ts');

/** Every child started and not stopped yet, for the last-resort kill on exit and Ctrl-C. */
const live = new Set<ChildProcess>();
export function killAllHarnesses(): void {
  for (const child of live) killTree(child, 'SIGKILL', true);
  live.clear();
}

/** SQLite files of load tests that were killed with their parent, more than an hour ago. */
function sweepOldDatabases(): void {
  const dir = path.join(scratchDir, 'load');
  if (!fs.existsSync(dir)) return;
  for (const name of fs.readdirSync(dir)) {
    const file = path.join(dir, name);
    try {
      if (Date.now() - fs.statSync(file).mtimeMs > 3600_000) fs.rmSync(file, { force: true });
    } catch {
      // Gone already.
    }
  }
}

export function startHarness(options: HarnessOptions, { timeoutMs = 90_000, mysqlUrl }: { timeoutMs?: number; mysqlUrl?: string } = {}): Promise<Harness> {
  sweepOldDatabases();
  const child = spawn(process.execPath, ['--import', tsxLoader, '--enable-source-maps', harnessEntry, JSON.stringify(options)], {
    cwd: options.mode === 'app' ? options.target : ROOT,
    env: {
      ...process.env,
      FORCE_COLOR: '0',
      NODE_ENV: 'test',
      WORKSHOP_DB_DIALECT: options.dialect,
      ...(mysqlUrl && { WORKSHOP_MYSQL_URL: mysqlUrl }),
    },
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
    // Its own process group: whatever the project starts goes with it.
    detached: process.platform !== 'win32',
    windowsHide: true,
  });
  live.add(child);
  const logs = new LogTail(20);
  child.stdout?.on('data', (c: Buffer) => logs.push(c));
  child.stderr?.on('data', (c: Buffer) => logs.push(c));
  let schema: string | undefined;
  let storage: string | undefined;
  let nextId = 0;
  const waiting = new Map<number, (s: HarnessStats) => void>();
  const exited = new Promise<number | string>((resolve) => {
    child.once('exit', (code, signal) => {
      live.delete(child);
      // What it left in its group goes too.
      killTree(child, 'SIGKILL', true);
      resolve(code ?? signal ?? 'unknown');
    });
    child.once('error', () => resolve('spawn-error'));
  });
  // The child drops its database on the way out; one that was killed cannot, so the parent does.
  const dropSchema = async () => {
    if (schema && options.dialect === 'mysql') await dropSchemas([schema]).catch(() => undefined);
    if (storage) for (const suffix of ['', '-wal', '-shm', '-journal']) fs.rmSync(`${storage}${suffix}`, { force: true });
  };
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      if (child.connected) child.send({ type: 'stop' } satisfies HarnessRequest);
      const timer = setTimeout(() => killTree(child, 'SIGKILL', true), 5000);
      await exited;
      clearTimeout(timer);
    }
    await dropSchema();
  };

  return new Promise<Harness>((resolve, reject) => {
    let settled = false;
    const fail = async (message: string, reported = false) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      // A child that said what failed is cleaning up (its database); one that hangs goes now.
      const kill = setTimeout(() => killTree(child, 'SIGKILL', true), reported ? 3000 : 0);
      await exited;
      clearTimeout(kill);
      await dropSchema();
      reject(new LoadTargetError(message));
    };
    const timer = setTimeout(
      () => void fail(`the app did not start within ${Math.round(timeoutMs / 1000)} s: does createApp, openDatabase or migrate wait for something that never happens?`),
      timeoutMs,
    );
    child.on('message', (message: HarnessMessage) => {
      if (message.type === 'database') {
        schema = message.name;
        storage = message.storage;
      }
      else if (message.type === 'failed') void fail(message.message, true);
      else if (message.type === 'stats') {
        const { statements, received, inFlight, errorsLogged, firstError } = message;
        waiting.get(message.id)?.({ statements, received, inFlight, errorsLogged, ...(firstError && { firstError }) });
        waiting.delete(message.id);
      } else if (message.type === 'ready' && !settled) {
        settled = true;
        clearTimeout(timer);
        resolve({
          port: message.port,
          ready: message,
          stats: () =>
            new Promise<HarnessStats>((res, rej) => {
              if (!child.connected) return rej(new LoadTargetError('the app process is gone'));
              const id = ++nextId;
              waiting.set(id, res);
              child.send({ type: 'stats', id } satisfies HarnessRequest);
            }),
          stop,
          kill: () => killTree(child, 'SIGKILL', true),
        });
      }
    });
    void exited.then((code) => {
      for (const res of waiting.values()) res({ statements: NaN, received: NaN, inFlight: 0, errorsLogged: NaN });
      waiting.clear();
      const last = logs.last().filter((l) => l.trim()).find((l) => /error/i.test(l)) ?? logs.last().filter((l) => l.trim()).pop();
      void fail(`the app process exited (${code}) before it listened${last ? `: ${last.trim().slice(0, 300)}` : ''}`);
    });
  });
}

/** One kind of request, sent over and over by every connection. */
export interface Scenario {
  name: string;
  method: 'GET' | 'POST';
  /** Rotated over, request after request, across all connections. */
  paths: string[];
  headers?: Record<string, string>;
  /** Rotated the same way (POST). */
  bodies?: string[];
  /** Why it does not run against this project (no follows table, no token), if it does not. */
  skip?: string;
}

export interface LoadRun {
  duration: number;
  connections: number;
}

export interface Measured {
  scenario: string;
  requests: number;
  rps: number;
  p50: number;
  p99: number;
  /** Statements counted by the app's database handle during the run, per completed request. */
  statementsPerRequest: number;
  non2xx: number;
  /** Connection errors and timeouts. */
  errors: number;
  /** Status codes other than 2xx, with their counts. */
  statuses: Record<string, number>;
  skip?: string;
}

/** Every autocannon run in progress, so Ctrl-C can stop them. */
const running = new Set<autocannon.Instance>();
export const stopAllCannons = (): void => {
  for (const i of running) i.stop();
};

/** One autocannon run on the loopback interface. `amount` instead of a duration for the warm-up; `rate` caps requests per second. */
export function cannon(
  port: number,
  scenario: Scenario,
  { connections, duration, amount, rate }: { connections: number; duration?: number; amount?: number; rate?: number },
): Promise<autocannon.Result> {
  let turn = 0;
  return new Promise((resolve, reject) => {
    const instance = autocannon(
      {
        url: `http://127.0.0.1:${port}`,
        connections,
        ...(amount ? { amount } : { duration: duration ?? 5 }),
        ...(rate && { overallRate: rate }),
        timeout: 10,
        method: scenario.method,
        headers: { accept: 'application/json', ...(scenario.bodies && { 'content-type': 'application/json' }), ...scenario.headers },
        requests: [
          {
            setupRequest: (request) => {
              const i = turn++;
              return { ...request, path: scenario.paths[i % scenario.paths.length], ...(scenario.bodies && { body: scenario.bodies[i % scenario.bodies.length] }) };
            },
          },
        ],
      },
      (err: unknown, result: autocannon.Result) => {
        running.delete(instance);
        if (err) reject(err instanceof Error ? err : new Error(String(err)));
        else resolve(result);
      },
    );
    running.add(instance);
  });
}

/** The status codes of a run other than 2xx, from autocannon's per-code counts. */
function otherStatuses(result: autocannon.Result): Record<string, number> {
  const statuses: Record<string, number> = {};
  for (const [code, stat] of Object.entries(result.statusCodeStats ?? {})) {
    if (!code.startsWith('2') && stat?.count) statuses[code] = stat.count;
  }
  return statuses;
}

/** Statements per request as the server saw them: requests cut off when a run ends count too. */
export function statementsPerRequest(before: HarnessStats, after: HarnessStats): number {
  const requests = after.received - before.received;
  return requests > 0 ? (after.statements - before.statements) / requests : NaN;
}

/** The app's counts once it has answered everything it received (a run's last requests finish after it ends). */
export async function settledStats(harness: Harness, maxWaitMs = 3000): Promise<HarnessStats> {
  const deadline = Date.now() + maxWaitMs;
  let stats = await harness.stats();
  while (stats.inFlight > 0 && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 50));
    stats = await harness.stats();
  }
  return stats;
}

export function toMeasured(name: string, result: autocannon.Result, statementsPerRequest: number): Measured {
  const requests = result.requests.total;
  return {
    scenario: name,
    requests,
    rps: result.duration > 0 ? requests / result.duration : 0,
    p50: result.latency.p50,
    p99: result.latency.p99,
    statementsPerRequest,
    non2xx: result.non2xx,
    errors: result.errors,
    statuses: otherStatuses(result),
  };
}

export const skipped = (scenario: Scenario): Measured => ({
  scenario: scenario.name,
  requests: 0,
  rps: NaN,
  p50: NaN,
  p99: NaN,
  statementsPerRequest: NaN,
  non2xx: 0,
  errors: 0,
  statuses: {},
  skip: scenario.skip,
});

/** A warm-up (a few requests per connection), then the measured run, statements counted around it. */
export async function measure(harness: Harness, scenario: Scenario, run: LoadRun): Promise<Measured> {
  if (scenario.skip) return skipped(scenario);
  await cannon(harness.port, scenario, { connections: run.connections, amount: Math.max(20, run.connections * 5) });
  const before = await settledStats(harness);
  const result = await cannon(harness.port, scenario, { connections: run.connections, duration: run.duration });
  const after = await settledStats(harness);
  return toMeasured(scenario.name, result, statementsPerRequest(before, after));
}

/** Logs the viewer in over HTTP: its token, or why not. */
export async function login(port: number, email: string, password = LOAD_PASSWORD): Promise<{ token?: string; problem?: string }> {
  try {
    const res = await fetch(`http://127.0.0.1:${port}/api/users/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify({ user: { email, password } }),
      signal: AbortSignal.timeout(15_000),
    });
    const body = (await res.json().catch(() => undefined)) as { user?: { token?: unknown } } | undefined;
    const token = body?.user?.token;
    if (res.ok && typeof token === 'string' && token) return { token };
    return { problem: `POST /api/users/login answered ${res.status}${res.ok ? ' without user.token' : ''}` };
  } catch (err) {
    return { problem: `POST /api/users/login failed: ${(err as Error).message}` };
  }
}

/** The size of the first-page list answer, for the ceiling's fixed body. */
export async function listAnswerBytes(port: number): Promise<number> {
  const res = await fetch(`http://127.0.0.1:${port}/api/articles`, { signal: AbortSignal.timeout(15_000) });
  return (await res.arrayBuffer()).byteLength;
}

/** The scenarios of `npm run load`, for what the project has (follows/favorites) and the viewer's token. */
export function loadScenarios(ready: Harness['ready'], auth: { token?: string; problem?: string }): Scenario[] {
  const { seeded, social } = ready;
  const noSocial = 'no follows/favorites tables (step 05 adds them)';
  const noToken = auth.problem ? `no token: ${auth.problem}` : undefined;
  const authed = auth.token ? { authorization: `Token ${auth.token}` } : undefined;
  return [
    { name: 'list', method: 'GET', paths: ['/api/articles'] },
    { name: 'list (authed)', method: 'GET', paths: ['/api/articles'], ...(authed && { headers: authed }), ...(noToken && { skip: noToken }) },
    { name: 'feed', method: 'GET', paths: ['/api/articles/feed'], ...(authed && { headers: authed }), ...((!social || noToken) && { skip: !social ? noSocial : noToken }) },
    // A few articles, in turn: one is not a cache test.
    { name: 'article', method: 'GET', paths: seeded.slugs.slice(-8).map((s) => `/api/articles/${encodeURIComponent(s)}`) },
    { name: 'profile', method: 'GET', paths: seeded.usernames.slice(0, 8).map((u) => `/api/profiles/${encodeURIComponent(u)}`), ...(!social && { skip: noSocial }) },
    { name: 'tags', method: 'GET', paths: ['/api/tags'] },
  ];
}

/** POST /api/users/login with the right password, every user in turn (the per-account limits stay out of the way). */
export function loginScenario(ready: Harness['ready']): Scenario {
  return {
    name: 'login',
    method: 'POST',
    paths: ['/api/users/login'],
    bodies: ready.seeded.emails.map((email) => JSON.stringify({ user: { email, password: LOAD_PASSWORD } })),
  };
}

/** Numbers for the table: blank when there is nothing to show. */
export const fmt = (n: number, digits = 0): string => (Number.isFinite(n) ? n.toFixed(digits) : '-');

/** A plain or markdown table; columns after the first are right-aligned. */
export function renderTable(headers: string[], rows: string[][], { markdown = false } = {}): string[] {
  if (markdown) {
    return [`| ${headers.join(' | ')} |`, `| ${headers.map((_, i) => (i === 0 ? '---' : '---:')).join(' | ')} |`, ...rows.map((r) => `| ${r.join(' | ')} |`)];
  }
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) => cells.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]) : cell.padStart(widths[i]))).join('  ').trimEnd();
  return [line(headers), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)];
}

/** One line: what to look at next, from what the run shows. */
export function adviceFor(rows: Measured[], firstError?: string): string {
  const ran = rows.filter((r) => !r.skip && r.requests > 0);
  const where = 'docs/05-performance.md#measure-first';
  const failing = ran.find((r) => r.non2xx > r.requests / 2);
  if (failing) {
    const codes = Object.keys(failing.statuses).join(', ');
    return `${failing.scenario} answered ${codes || 'non-2xx'} to most requests: make it answer correctly before measuring it${firstError ? ` (the app logged: ${firstError})` : ''}`;
  }
  const chatty = [...ran].sort((a, b) => b.statementsPerRequest - a.statementsPerRequest)[0];
  if (chatty && chatty.statementsPerRequest > 5) {
    return `${chatty.scenario} sends ${fmt(chatty.statementsPerRequest, 1)} SQL statements per request: that is an N+1; load what the page needs in a few queries (${where})`;
  }
  const slowest = [...ran].sort((a, b) => a.rps - b.rps)[0];
  if (slowest) return `the slowest scenario is ${slowest.scenario}, at ${fmt(slowest.rps)} req/s (p99 ${fmt(slowest.p99)} ms): look there first; measure before changing anything, one change at a time (${where})`;
  return `nothing ran: see the reasons above (${where})`;
}
