import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import type { Command } from '../lib/command.js';
import { readEnvFile } from '../lib/dotenv-file.js';
import { databaseFromEnv, describeDatabase } from '../lib/database-config.js';
import { ROOT, dirs, shortPath } from '../lib/paths.js';
import { accepts, isPortFree } from '../lib/processes.js';
import { runDbTask, usesDatabase } from '../lib/db-tasks.js';
import { STEPS } from '../lib/steps.js';
import { readJsonFile } from '../lib/fsutil.js';
import { timeScale } from '../lib/speed.js';
import { c, npmRun, out, sym } from '../lib/ui.js';

type Status = 'ok' | 'warn' | 'fail' | 'skip';
interface Finding {
  status: Status;
  what: string;
  /** One line: how to fix it. */
  fix?: string;
}

const MIN_NODE = [20, 11];

function nodeVersion(): Finding {
  const [major, minor] = process.versions.node.split('.').map(Number);
  const ok = major > MIN_NODE[0] || (major === MIN_NODE[0] && minor >= MIN_NODE[1]);
  return ok
    ? { status: 'ok', what: `Node ${process.versions.node}` }
    : { status: 'fail', what: `Node ${process.versions.node} is too old`, fix: `install Node ${MIN_NODE.join('.')} or newer (https://nodejs.org, or nvm install 22)` };
}

function npmVersion(): Finding {
  try {
    const v = execFileSync(process.platform === 'win32' ? 'npm.cmd' : 'npm', ['--version'], { encoding: 'utf8', shell: process.platform === 'win32', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    return Number(v.split('.')[0]) >= 9 ? { status: 'ok', what: `npm ${v}` } : { status: 'warn', what: `npm ${v} is old`, fix: 'npm install -g npm@latest' };
  } catch {
    return { status: 'warn', what: 'npm was not found on PATH', fix: 'reinstall Node.js, which ships npm' };
  }
}

function dependencies(): Finding {
  const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { dependencies?: Record<string, string>; devDependencies?: Record<string, string> };
  const require = createRequire(path.join(ROOT, 'package.json'));
  const missing = Object.keys({ ...pkg.dependencies, ...pkg.devDependencies }).filter((name) => {
    try {
      require.resolve(`${name}/package.json`);
      return false;
    } catch {
      return !fs.existsSync(path.join(ROOT, 'node_modules', name));
    }
  });
  if (missing.length) return { status: 'fail', what: `dependencies missing: ${missing.join(', ')}`, fix: 'npm install (in the workshop folder)' };
  const lock = path.join(ROOT, 'package-lock.json');
  const installed = path.join(ROOT, 'node_modules', '.package-lock.json');
  // What the lock file asks for against what npm last installed (file times say nothing after a clone).
  if (fs.existsSync(lock) && fs.existsSync(installed)) {
    type Lock = { packages?: Record<string, { version?: string; optional?: boolean; dev?: boolean }> };
    const wantedPkgs = readJsonFile<Lock>(lock, {}).packages ?? {};
    const have = readJsonFile<Lock>(installed, {}).packages ?? {};
    const stale = Object.entries(wantedPkgs).filter(([name, p]) => name.startsWith('node_modules/') && !p.optional && p.version && have[name]?.version !== p.version);
    if (stale.length) {
      return { status: 'warn', what: `installed packages differ from package-lock.json (${stale.slice(0, 3).map(([n]) => n.replace(/^node_modules\//, '')).join(', ')}${stale.length > 3 ? ', …' : ''})`, fix: 'npm install' };
    }
  }
  return { status: 'ok', what: 'dependencies installed' };
}

/** The workshop's own watch sessions (`npm run step`), alive now: their ports are theirs. */
function sessions(): { pid: number; step: string; port?: number }[] {
  const dir = path.join(dirs.state, 'sessions');
  if (!fs.existsSync(dir)) return [];
  const found: { pid: number; step: string; port?: number }[] = [];
  for (const f of fs.readdirSync(dir)) {
    const s = readJsonFile<{ pid?: number; step?: string; port?: number } | undefined>(path.join(dir, f), undefined);
    if (!s?.pid || !s.step) continue;
    try {
      process.kill(s.pid, 0);
      found.push({ pid: s.pid, step: s.step, port: s.port });
    } catch {
      // A session that ended without cleaning up.
      fs.rmSync(path.join(dir, f), { force: true });
    }
  }
  return found;
}

const validPort = (raw: string): boolean => /^\d+$/.test(raw.trim()) && Number(raw) > 0 && Number(raw) < 65536;

/**
 * Each started step's .env: only what stops a server. No .env at all is fine (the defaults
 * apply), and so is a key of .env.example left out.
 */
function envFiles(): Finding[] {
  const findings: Finding[] = [];
  for (const step of STEPS) {
    const dir = path.join(dirs.workspace, step.slug);
    if (!fs.existsSync(dir)) continue;
    const envFile = path.join(dir, '.env');
    if (!fs.existsSync(envFile)) {
      findings.push({ status: 'ok', what: `${step.slug}: no .env, so the defaults apply (${shortPath(path.join(dir, '.env.example'))} lists them)` });
      continue;
    }
    const have = readEnvFile(envFile);
    const problems: Finding[] = [];
    if (have.PORT !== undefined && !validPort(have.PORT)) {
      problems.push({ status: 'warn', what: `${shortPath(envFile)}: PORT=${have.PORT} is not a port number, so the server refuses to start`, fix: 'PORT=3000 (any number from 1 to 65535), unless you are trying out the config validation' });
    }
    if (have.DB_DIALECT !== undefined && !['sqlite', 'mysql'].includes(have.DB_DIALECT)) {
      problems.push({ status: 'fail', what: `${shortPath(envFile)}: DB_DIALECT=${have.DB_DIALECT} is neither sqlite nor mysql`, fix: 'DB_DIALECT=sqlite (the default) or DB_DIALECT=mysql' });
    }
    findings.push(...(problems.length ? problems : [{ status: 'ok' as const, what: `${shortPath(envFile)} is fine` }]));
  }
  return findings.length ? findings : [{ status: 'skip', what: '.env files: no step started yet' }];
}

/** Only a MySQL configuration needs a server; SQLite (the default) is a file. */
async function databases(): Promise<Finding[]> {
  const started = STEPS.filter((s) => s.available && usesDatabase(path.join(dirs.workspace, s.slug)));
  if (started.length === 0) return [{ status: 'ok', what: 'database: SQLite by default (a file, nothing to run; used from step 03)' }];
  const findings: Finding[] = [];
  for (const step of started) {
    const dir = path.join(dirs.workspace, step.slug);
    // As the server sees it: the environment first, then the step's .env (dotenv never overrides).
    const db = databaseFromEnv({ ...readEnvFile(path.join(dir, '.env')), ...process.env }, dir);
    if (db.dialect === 'sqlite') {
      findings.push({ status: 'ok', what: `${step.slug}: ${describeDatabase(db)} (embedded)` });
      continue;
    }
    let url: URL;
    try {
      url = new URL(db.url);
    } catch {
      findings.push({ status: 'fail', what: `${step.slug}: DATABASE_URL is not a valid URL`, fix: "use mysql://user:password@127.0.0.1:3306/conduit in the step's .env" });
      continue;
    }
    const port = Number(url.port || 3306);
    if (!(await accepts(url.hostname, port, 1500))) {
      findings.push({ status: 'fail', what: `${step.slug}: nothing answers at ${url.hostname}:${port} (DB_DIALECT=mysql)`, fix: 'docker compose up -d db (or start your MySQL/MariaDB server), or DB_DIALECT=sqlite' });
      continue;
    }
    findings.push(await mysqlDatabase(step.slug, url));
  }
  return findings;
}

/**
 * A MySQL server that answers is not enough: the user in DATABASE_URL must get in, and the
 * database it names must exist (migrations create tables, never the database itself).
 */
async function mysqlDatabase(slug: string, url: URL): Promise<Finding> {
  const name = decodeURIComponent(url.pathname.replace(/^\//, ''));
  const where = `${url.hostname}:${url.port || 3306}`;
  if (!name) return { status: 'fail', what: `${slug}: DATABASE_URL names no database`, fix: 'end it with the database: mysql://root:conduit@127.0.0.1:3306/conduit' };
  const server = new URL(url.href);
  server.pathname = '/';
  let conn: import('mysql2/promise').Connection | undefined;
  try {
    const mysql = await import('mysql2/promise');
    conn = await mysql.createConnection({ uri: server.href, connectTimeout: 5000 });
    const [rows] = await conn.query('SELECT SCHEMA_NAME AS name FROM information_schema.SCHEMATA WHERE SCHEMA_NAME = ?', [name]);
    if ((rows as unknown[]).length > 0) return { status: 'ok', what: `${slug}: MySQL at ${where}, database ${name} exists` };
    return {
      status: 'fail',
      what: `${slug}: MySQL at ${where} has no database ${name} (migrations create tables, not the database)`,
      fix: `create it once: mysql -h ${url.hostname} -P ${url.port || 3306} -u ${decodeURIComponent(url.username) || 'root'} -p -e "CREATE DATABASE ${/^\w+$/.test(name) ? name : `\\\`${name}\\\``} CHARACTER SET utf8mb4 COLLATE utf8mb4_bin" (with docker compose it exists already)`,
    };
  } catch (err) {
    const e = err as { code?: string; message?: string };
    if (e.code === 'ER_ACCESS_DENIED_ERROR' || e.code === 'ER_DBACCESS_DENIED_ERROR') {
      return { status: 'fail', what: `${slug}: MySQL at ${where} refuses the user and password in DATABASE_URL`, fix: 'check the user and password in DATABASE_URL (docker compose: root / conduit)' };
    }
    return { status: 'fail', what: `${slug}: MySQL at ${where} answers, but: ${e.message ?? String(err)}`, fix: 'check DATABASE_URL in the step\'s .env' };
  } finally {
    await conn?.end().catch(() => undefined);
  }
}

/**
 * The ports the learner's servers use. Taken by the learner's own `npm run step` is fine; taken by
 * something else matters only where the port is the learner's to keep (step 00, where reading
 * PORT is the lesson): elsewhere `npm run step` picks a free one by itself.
 */
async function ports(): Promise<Finding[]> {
  const live = sessions();
  const wanted = new Map<number, string[]>();
  const add = (port: number, slug: string) => wanted.set(port, [...(wanted.get(port) ?? []), slug]);
  for (const step of STEPS.filter((s) => s.available && fs.existsSync(path.join(dirs.workspace, s.slug)))) {
    const raw = readEnvFile(path.join(dirs.workspace, step.slug, '.env')).PORT ?? process.env.PORT ?? '3000';
    if (validPort(raw)) add(Number(raw), step.slug);
  }
  if (wanted.size === 0) add(Number(process.env.PORT ?? 3000) || 3000, 'default');
  const findings: Finding[] = [];
  for (const [port, slugs] of wanted) {
    const mine = live.find((s) => s.port === port);
    if (mine) {
      findings.push({ status: 'ok', what: `port ${port}: your own ${npmRun('step', String(Number(mine.step.slice(0, 2))))} server (pid ${mine.pid})` });
    } else if (await isPortFree(port)) {
      findings.push({ status: 'ok', what: `port ${port} is free` });
    } else if (slugs.includes('00-setup')) {
      findings.push({ status: 'warn', what: `port ${port} is in use by another program, and step 00 reads PORT from its .env`, fix: `stop that program, or set another PORT in ${shortPath(path.join(dirs.workspace, '00-setup', '.env'))}` });
    } else {
      findings.push({ status: 'ok', what: `port ${port} is in use by another program: ${npmRun('step', 'N')} picks a free one by itself` });
    }
  }
  for (const s of live.filter((x) => x.port === undefined || !wanted.has(x.port))) {
    findings.push({ status: 'ok', what: `${npmRun('step', String(Number(s.step.slice(0, 2))))} is running (pid ${s.pid}${s.port ? `, port ${s.port}` : ''})` });
  }
  return findings;
}

/** How much slower than the development machine this one is: every wait of the checks is scaled by it. */
async function speed(): Promise<Finding> {
  const { scale, source } = await timeScale();
  if (source === 'set') return { status: 'ok', what: `time scale ${scale} (WORKSHOP_TIME_SCALE): every wait of the checks is ${scale}× longer` };
  return scale >= 4
    ? { status: 'warn', what: `machine speed: time scale ${scale}, this machine measures ${scale}× slower than the development machine (busy, or slow): the checks wait ${scale}× longer`, fix: 'close what keeps the machine busy; if checks still time out, set WORKSHOP_TIME_SCALE (docs/troubleshooting.md#the-checks-time-out)' }
    : { status: 'ok', what: `machine speed: time scale ${scale} (1 = as fast as the development machine; the checks' waits are scaled by it)` };
}

/** Each started step with a database: are its migrations applied to the learner's database? */
async function migrations(): Promise<Finding[]> {
  const started = STEPS.filter((s) => s.available && usesDatabase(path.join(dirs.workspace, s.slug)));
  if (started.length === 0) return [{ status: 'skip', what: 'migrations: none until step 03' }];
  const findings: Finding[] = [];
  for (const step of started) {
    const result = await runDbTask(path.join(dirs.workspace, step.slug), 'status', {}, 20_000);
    const n = String(step.number);
    if (!result.ok) findings.push({ status: 'fail', what: `${step.slug}: cannot read the migration status (${result.error})`, fix: `${npmRun('db:migrate', n)} shows the full error` });
    else if (result.pending === null || result.pending === undefined) findings.push({ status: 'skip', what: `${step.slug}: src/db/index.ts exports no pendingMigrations(db)` });
    else if (result.pending.length) findings.push({ status: 'warn', what: `${step.slug}: ${result.pending.length} pending migration(s): ${result.pending.join(', ')}`, fix: npmRun('db:migrate', n) });
    else findings.push({ status: 'ok', what: `${step.slug}: database migrated (${result.database})` });
  }
  return findings;
}

const icon: Record<Status, string> = { ok: c.green(sym.pass), warn: c.yellow('!'), fail: c.red(sym.fail), skip: c.dim(sym.skip) };

const command: Command = {
  async run() {
    out(c.bold('Workshop doctor'));
    const findings = [nodeVersion(), npmVersion(), dependencies(), await speed(), ...envFiles(), ...(await databases()), ...(await ports()), ...(await migrations())];
    for (const f of findings) {
      out(`  ${icon[f.status]} ${f.status === 'skip' ? c.dim(f.what) : f.what}`);
      if (f.fix) out(`      ${c.dim('fix:')} ${f.fix}`);
    }
    const failed = findings.filter((f) => f.status === 'fail').length;
    out('');
    out(failed ? c.red(`${failed} problem(s) to fix before the workshop can run.`) : c.green('Ready.'));
    return failed ? 1 : 0;
  },
};

export default command;
