/**
 * `npm run step N` as a learner leaves it running: saves, mistakes, ports, signals. The CLI is a
 * black box here: a child process in scratch folders, watched through its screen, its processes
 * and the events it writes to WORKSHOP_WATCH_EVENTS.
 */
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import mysql from 'mysql2/promise';
import { copyProject } from '../runner/lib/fsutil.js';
import { ROOT } from '../runner/lib/paths.js';
import { accepts, freePort, isAlive } from '../runner/lib/processes.js';
import { scratch, startSession, until } from './support/cli.js';

const made: string[] = [];
afterAll(() => made.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

function sandbox(slug: string, from: 'solutions' | 'steps' = 'solutions') {
  const root = scratch('watch');
  made.push(root);
  const env = { WORKSHOP_WORKSPACE: path.join(root, 'workspace'), WORKSHOP_STATE: path.join(root, 'state') };
  const dir = path.join(env.WORKSHOP_WORKSPACE, slug);
  copyProject(path.join(ROOT, from, slug), dir);
  return { root, env, dir, events: path.join(root, 'events.log') };
}

const health = async (port: number) => (await fetch(`http://127.0.0.1:${port}/health`, { signal: AbortSignal.timeout(5000) })).status;

describe('npm run step: the dev loop never lies', () => {
  it("reads the step's .env as dotenv does, lets it win, survives busy ports, bursts of saves and crashes, and says what is next", async () => {
    const s = sandbox('01-server');
    const mine = await freePort();
    // A comment after the value: the server (dotenv) reads 4 digits, and so must the runner.
    fs.writeFileSync(path.join(s.dir, '.env'), `PORT=${mine} # my port\n`);
    // The runner's own default (the workshop's PORT) must not override the learner's .env.
    const session = startSession(['step', '1'], { ...s.env }, s.events);
    try {
      const done = await session.waitForEvent((e) => e.type === 'done');
      expect(done.passed).toBe(true);
      await session.waitForOutput(/running at http:\/\/localhost:\d+/);
      expect(await health(mine)).toBe(200);
      expect(session.output()).toMatch(/Next: step complete! Press Ctrl-C, then on to 02-api: npm run step 2 · Conduit articles/);

      // An invalid PORT reaches the server as written: its own validation answers, on screen.
      let mark = session.output().length;
      fs.writeFileSync(path.join(s.dir, '.env'), 'PORT=not-a-port\n');
      await session.waitForOutput(/not running: .*PORT/, mark);
      const crash = session.output().slice(mark);
      expect(crash).toMatch(/and save: the server restarts by itself/);
      expect(crash).not.toMatch(/node:internal|at Pipe\.|onStreamRead/);

      // A port taken meanwhile is not the end: another one is chosen, and said so.
      const squatter = net.createServer().listen(mine, '127.0.0.1');
      await new Promise((r) => squatter.once('listening', r));
      try {
        mark = session.output().length;
        fs.writeFileSync(path.join(s.dir, '.env'), `PORT=${mine}\n`);
        await session.waitForOutput(new RegExp(`running at http://localhost:(\\d+).*port ${mine} from your \\.env is busy, so this run uses (\\d+)`), mark);
        const other = Number(new RegExp(`this run uses (\\d+)`).exec(session.output().slice(mark))?.[1]);
        expect(other).not.toBe(mine);
        expect(await health(other)).toBe(200);
      } finally {
        squatter.close();
      }

      // A burst of saves while the old server drains: one server at the end, never two.
      const app = path.join(s.dir, 'src', 'app.ts');
      const text = fs.readFileSync(app, 'utf8');
      const since = Date.now();
      for (let i = 0; i < 4; i++) {
        fs.writeFileSync(app, `${text}\n// save ${i}\n`);
        await new Promise((r) => setTimeout(r, 60 + i * 40));
      }
      await session.waitForEvent((e) => e.type === 'done', since);
      await until('the restarts settle', () => {
        const starts = session.events().filter((e) => e.type === 'server' && e.t >= since);
        return starts.length > 0 && starts.filter((e) => isAlive(Number(e.pid))).length === 1;
      });
      const starts = session.events().filter((e) => e.type === 'server' && e.t >= since);
      expect(starts.slice(0, -1).filter((e) => isAlive(Number(e.pid)))).toEqual([]);

      // A crash at start-up: the learner's own line, and what to do.
      mark = session.output().length;
      const server = path.join(s.dir, 'src', 'server.ts');
      const serverText = fs.readFileSync(server, 'utf8');
      fs.writeFileSync(server, `const broken: any = undefined;\nbroken.listen();\n${serverText}`);
      await session.waitForOutput(/not running: TypeError: Cannot read properties of undefined \(reading 'listen'\) \(src\/server\.ts:2/, mark);
      expect(session.output().slice(mark)).toMatch(/Look at src\/server\.ts:2.*fix it and save/);
      fs.writeFileSync(server, serverText);
      await session.waitForOutput(/running at/, session.output().length);
    } finally {
      await session.stop();
    }
    const pids = session.events().filter((e) => e.type === 'server').map((e) => Number(e.pid));
    await until('every server is gone', () => pids.every((p) => !isAlive(p)), 10_000);
    expect(session.output()).toContain('Stopped. Your work is saved');
  });

  it('the first verdict after saving a fix is the check that was failing', async () => {
    const s = sandbox('01-server');
    const app = path.join(s.dir, 'src', 'app.ts');
    const good = fs.readFileSync(app, 'utf8');
    fs.writeFileSync(app, good.replace(/app\.disable\(['"]x-powered-by['"]\);?/i, ''));
    const session = startSession(['step', '1'], { ...s.env, PORT: String(await freePort()) }, s.events);
    try {
      const first = await session.waitForEvent((e) => e.type === 'done');
      expect(first.passed).toBe(false);
      const saved = Date.now();
      fs.writeFileSync(app, good);
      const verdict = await session.waitForEvent((e) => e.type === 'verdict', saved);
      expect(verdict).toMatchObject({ title: expect.stringMatching(/advertises Express in an X-Powered-By header/), state: 'pass' });
      const done = await session.waitForEvent((e) => e.type === 'done', saved);
      expect(done.passed).toBe(true);
      expect(done.t).toBeGreaterThanOrEqual(verdict.t);
    } finally {
      await session.stop();
    }
  });

  it.skipIf(process.platform === 'win32')('SIGINT to the npm process alone stops the runner and the learner\'s server', async () => {
    const s = sandbox('01-server');
    const port = await freePort();
    fs.writeFileSync(path.join(s.dir, '.env'), `PORT=${port}\n`);
    const session = startSession(['step', '1'], s.env, s.events, true);
    try {
      await session.waitForEvent((e) => e.type === 'server');
      await until('the server listens', () => accepts('127.0.0.1', port), 60_000);
      const sessions = path.join(s.env.WORKSHOP_STATE, 'sessions');
      await until('the session is recorded', () => fs.existsSync(sessions) && fs.readdirSync(sessions).length > 0);
      const runner = Number(fs.readdirSync(sessions)[0].replace(/\.json$/, ''));
      const server = Number(session.events().find((e) => e.type === 'server')?.pid);
      // What an editor's stop button does: a signal to npm, and to nothing else.
      process.kill(session.child.pid as number, 'SIGINT');
      await until('the runner, its server and the port are gone', async () => !isAlive(runner) && !isAlive(server) && !(await accepts('127.0.0.1', port)), 15_000);
    } finally {
      await session.stop('SIGKILL');
    }
  });
});

const MYSQL = process.env.WORKSHOP_MYSQL_URL ?? 'mysql://root@127.0.0.1:3306';
const mysqlUp = await mysql
  .createConnection({ uri: MYSQL, connectTimeout: 2000 })
  .then(async (c) => {
    await c.end();
    return true;
  })
  .catch(() => false);

describe('npm run step: the database', () => {
  it.skipIf(!mysqlUp)('switching the step to MySQL in .env migrates it before the server starts, and the checklist names the database the checks use', async () => {
    const s = sandbox('03-database');
    const schema = `wsdev_${process.pid}_${Date.now()}`;
    const admin = await mysql.createConnection(MYSQL);
    await admin.query(`CREATE DATABASE \`${schema}\``);
    const session = startSession(['step', '3'], { ...s.env, PORT: String(await freePort()) }, s.events);
    try {
      await session.waitForEvent((e) => e.type === 'server');
      await session.waitForOutput(/Database of the checks: SQLite/);
      const since = Date.now();
      const mark = session.output().length;
      fs.writeFileSync(path.join(s.dir, '.env'), `DB_DIALECT=mysql  # docker compose up -d db\nDATABASE_URL=${MYSQL}/${schema}\n`);
      const start = await session.waitForEvent((e) => e.type === 'server', since);
      expect(start.migrated).toBe(true);
      const [tables] = await admin.query<mysql.RowDataPacket[]>(`SHOW TABLES FROM \`${schema}\``);
      expect(tables.map((t) => String(Object.values(t)[0]))).toEqual(expect.arrayContaining(['users', 'articles', 'comments']));
      await session.waitForOutput(/your database: mysql /, mark);
      await session.waitForOutput(/Database of the checks: MySQL at 127\.0\.0\.1:3306/, mark, 300_000);
    } finally {
      await session.stop();
      await admin.query(`DROP DATABASE IF EXISTS \`${schema}\``);
      await admin.end();
    }
  });
});
