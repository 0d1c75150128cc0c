import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { ROOT, scratchDir, tsxLoader } from '../../runner/lib/paths.js';
import { exitedAndDrained } from '../../runner/lib/processes.js';

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
  ms: number;
}

/** Runs the workshop CLI as a learner would (`npm run <command> …` minus npm), with a time limit. */
export function runCli(args: string[], env: NodeJS.ProcessEnv = {}, timeoutMs = 90_000, input?: string): Promise<CliResult> {
  const started = Date.now();
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', tsxLoader, path.join(ROOT, 'runner', 'cli.ts'), ...args], {
      cwd: ROOT,
      env: { ...process.env, CI: '1', NO_COLOR: '1', ...env },
      stdio: [input === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'],
    });
    if (input !== undefined) child.stdin?.end(input);
    let stdout = '';
    let stderr = '';
    child.stdout?.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr?.on('data', (c: Buffer) => (stderr += c.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.once('exit', () => clearTimeout(timer));
    // The verdict is in the output: read it once the pipes are drained, not at 'exit'.
    void exitedAndDrained(child).then((code) => resolve({ code, stdout, stderr, ms: Date.now() - started }));
  });
}

/** A fresh folder inside the workshop (so imports resolve from its node_modules), removed by the caller. */
export function scratch(name: string): string {
  const dir = path.join(scratchDir, `${name}-${process.pid}-${Math.random().toString(36).slice(2, 8)}`);
  fs.mkdirSync(dir, { recursive: true });
  return dir;
}

/** A running `npm run step N` (or any long-running command), with its output and watch events. */
export interface Session {
  child: import('node:child_process').ChildProcess;
  output(): string;
  events(): { t: number; type: string; [k: string]: unknown }[];
  /** Waits for an event after `since` (ms epoch) that matches. */
  waitForEvent(test: (e: { t: number; type: string; [k: string]: unknown }) => boolean, since?: number, ms?: number): Promise<{ t: number; type: string; [k: string]: unknown }>;
  waitForOutput(re: RegExp, from?: number, ms?: number): Promise<void>;
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

/** Starts a command as a learner would leave it running, with an events file (WORKSHOP_WATCH_EVENTS). */
export function startSession(command: string[], env: NodeJS.ProcessEnv, eventsFile: string, viaNpm = false): Session {
  fs.writeFileSync(eventsFile, '');
  const args = viaNpm ? ['run', '--silent', command[0], '--', ...command.slice(1)] : ['--import', tsxLoader, path.join(ROOT, 'runner', 'cli.ts'), ...command];
  const child = spawn(viaNpm ? (process.platform === 'win32' ? 'npm.cmd' : 'npm') : process.execPath, args, {
    cwd: ROOT,
    env: { ...process.env, CI: '1', NO_COLOR: '1', WORKSHOP_WATCH_EVENTS: eventsFile, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout?.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (out += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const events = () =>
    fs
      .readFileSync(eventsFile, 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l) as { t: number; type: string });
  const poll = async <T>(what: string, get: () => T | undefined, ms: number): Promise<T> => {
    const deadline = Date.now() + ms;
    while (Date.now() < deadline) {
      const v = get();
      if (v !== undefined) return v;
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error(`timed out waiting for ${what}; output:\n${out.slice(-4000)}`);
  };
  return {
    child,
    output: () => out,
    events,
    waitForEvent: (test, since = 0, ms = 240_000) => poll('an event', () => events().find((e) => e.t >= since && test(e)), ms),
    waitForOutput: async (re, from = 0, ms = 120_000) => {
      await poll(String(re), () => (re.test(out.slice(from)) ? true : undefined), ms);
    },
    stop: async (signal = 'SIGINT') => {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      return exited;
    },
  };
}

/** Waits until `test` holds, polling every 100 ms; throws naming `what` when `ms` runs out. */
export async function until(what: string, test: () => boolean | Promise<boolean>, ms = 30_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    if (await test()) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`timed out waiting until ${what}`);
}
