import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { createRequire } from 'node:module';
import type { Command } from '../lib/command.js';
import { readEnvFile } from '../lib/dotenv-file.js';
import { ROOT, dirs, shortPath } from '../lib/paths.js';
import { isPortFree } from '../lib/processes.js';
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

function reachable(host: string, port: number, timeoutMs = 1500): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host, port });
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}

/** Only a MySQL configuration needs a server; SQLite (the default) is a file. */
async function database(): Promise<Finding> {
  const env = { ...readEnvFile(path.join(ROOT, '.env')), ...process.env };
  const dialect = env.DB_DIALECT ?? (env.DATABASE_URL?.startsWith('mysql') ? 'mysql' : 'sqlite');
  if (dialect !== 'mysql') return { status: 'ok', what: 'database: SQLite (embedded, nothing to run; used from step 03)' };
  let host = env.DB_HOST ?? '127.0.0.1';
  let port = Number(env.DB_PORT ?? 3306);
  if (env.DATABASE_URL) {
    try {
      const url = new URL(env.DATABASE_URL);
      host = url.hostname;
      port = Number(url.port || 3306);
    } catch {
      return { status: 'fail', what: 'DATABASE_URL is not a valid URL', fix: 'use mysql://user:password@127.0.0.1:3306/conduit' };
    }
  }
  return (await reachable(host, port))
    ? { status: 'ok', what: `database: MySQL reachable at ${host}:${port}` }
    : { status: 'fail', what: `database: nothing answers at ${host}:${port}`, fix: 'docker compose up -d db (or start your MySQL/MariaDB server)' };
}

async function ports(): Promise<Finding> {
  const wanted = Number(process.env.PORT ?? 3000);
  return (await isPortFree(wanted))
    ? { status: 'ok', what: `port ${wanted} is free` }
    : { status: 'warn', what: `port ${wanted} is in use (another server?)`, fix: `stop it, or set PORT in your step's .env; ${npmRun('step', 'N')} picks a free port by itself` };
}

function migrations(): Finding {
  const started = STEPS.filter((s) => s.number >= 3 && s.available && fs.existsSync(path.join(dirs.workspace, s.slug)));
  return started.length
    ? { status: 'ok', what: `migrations: run by ${npmRun('step', 'N')} when a step starts` }
    : { status: 'skip', what: 'migrations: none until step 03' };
}

const icon: Record<Status, string> = { ok: c.green(sym.pass), warn: c.yellow('!'), fail: c.red(sym.fail), skip: c.dim(sym.skip) };

const command: Command = {
  options: {},
  async run() {
    out(c.bold('Workshop doctor'));
    const findings = [nodeVersion(), npmVersion(), dependencies(), ...envFiles(), await database(), await ports(), migrations()];
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
