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
  if (fs.existsSync(lock) && fs.existsSync(installed) && fs.statSync(lock).mtimeMs > fs.statSync(installed).mtimeMs + 1000) {
    return { status: 'warn', what: 'package-lock.json changed since the last install', fix: 'npm install' };
  }
  return { status: 'ok', what: 'dependencies installed' };
}

/** Each started step's .env against its .env.example: missing keys are the usual start-up failure. */
function envFiles(): Finding[] {
  const findings: Finding[] = [];
  for (const step of STEPS) {
    const dir = path.join(dirs.workspace, step.slug);
    const example = path.join(dir, '.env.example');
    if (!fs.existsSync(example)) continue;
    const wanted = Object.keys(readEnvFile(example));
    const envFile = path.join(dir, '.env');
    if (!fs.existsSync(envFile)) {
      findings.push({ status: 'warn', what: `${shortPath(dir)} has no .env (defaults apply)`, fix: `copy ${shortPath(example)} to ${shortPath(envFile)} and adjust it` });
      continue;
    }
    const have = readEnvFile(envFile);
    const missing = wanted.filter((k) => !(k in have));
    findings.push(
      missing.length
        ? { status: 'warn', what: `${shortPath(envFile)} lacks ${missing.join(', ')}`, fix: `add them from ${shortPath(example)}` }
        : { status: 'ok', what: `${shortPath(envFile)} has every key of .env.example` },
    );
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
    const db = databaseFromEnv({ ...readEnvFile(path.join(dir, '.env')), ...process.env }, dir);
    if (db.dialect === 'sqlite') {
      findings.push({ status: 'ok', what: `${step.slug}: ${describeDatabase(db)} (embedded)` });
      continue;
    }
    let url: URL;
    try {
      url = new URL(db.url);
    } catch {
      findings.push({ status: 'fail', what: `${step.slug}: DATABASE_URL is not a valid URL`, fix: 'use mysql://user:password@127.0.0.1:3306/conduit in the step\'s .env' });
      continue;
    }
    const port = Number(url.port || 3306);
    findings.push(
      (await accepts(url.hostname, port, 1500))
        ? { status: 'ok', what: `${step.slug}: MySQL reachable at ${url.hostname}:${port}` }
        : { status: 'fail', what: `${step.slug}: nothing answers at ${url.hostname}:${port} (DB_DIALECT=mysql)`, fix: 'docker compose up -d db (or start your MySQL/MariaDB server), or DB_DIALECT=sqlite' },
    );
  }
  return findings;
}

async function ports(): Promise<Finding> {
  const wanted = Number(process.env.PORT ?? 3000);
  return (await isPortFree(wanted))
    ? { status: 'ok', what: `port ${wanted} is free` }
    : { status: 'warn', what: `port ${wanted} is in use (another server?)`, fix: `stop it, or set PORT in your step's .env; ${npmRun('step', 'N')} picks a free port by itself` };
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
  options: {},
  async run() {
    out(c.bold('Workshop doctor'));
    const findings = [nodeVersion(), npmVersion(), dependencies(), ...envFiles(), ...(await databases()), await ports(), ...(await migrations())];
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
