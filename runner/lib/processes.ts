import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomInt } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { tsxLoader } from './paths.js';

const isWindows = process.platform === 'win32';

/**
 * Ports handed out come from below every OS's ephemeral range (Linux 32768–60999, macOS and
 * Windows 49152–65535): a port the OS picked for listen(0) can be taken a moment later by any
 * outgoing connection (a database client, a load test), and a server started on it then fails
 * with EADDRINUSE through no fault of its own. Seen once in CI among thousands of checks.
 */
const HANDED_OUT = { low: 20_000, high: 32_767 };
/** A port handed out is kept from every other process for this long: time enough to bind it. */
const RESERVED_MS = 10 * 60_000;
const reservations = path.join(os.tmpdir(), `workshop-ports-${typeof process.getuid === 'function' ? process.getuid() : 'user'}`);

/**
 * A free TCP port for a server to listen on. Check processes and test workers run side by side,
 * so a port handed out is reserved (a file per port in the temp folder) until it is surely bound.
 */
export async function freePort(): Promise<number> {
  for (let attempt = 0; attempt < 64; attempt++) {
    const port = HANDED_OUT.low + randomInt(HANDED_OUT.high - HANDED_OUT.low + 1);
    if (reserve(port) && (await isPortFree(port))) return port;
  }
  return osPort();
}

/** Claims a port for this process unless another claimed it recently. */
function reserve(port: number): boolean {
  const file = path.join(reservations, String(port));
  try {
    mkdirSync(reservations, { recursive: true });
    writeFileSync(file, String(process.pid), { flag: 'wx' });
    return true;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') return true; // No temp folder to share: the bind test alone.
    try {
      if (Date.now() - statSync(file).mtimeMs < RESERVED_MS) return false;
      writeFileSync(file, String(process.pid));
      return true;
    } catch {
      return false;
    }
  }
}

/** A port the OS picks: the fallback when the handed-out range is somehow all taken. */
function osPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/** True when nothing listens on the port yet. */
export function isPortFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.unref();
    server.once('error', () => resolve(false));
    server.listen(port, () => server.close(() => resolve(true)));
  });
}

/**
 * Kills a process and everything it started. With `group` the child was spawned detached
 * (its own process group on POSIX), so the whole group goes at once.
 */
export function killTree(child: ChildProcess, signal: NodeJS.Signals = 'SIGKILL', group = false): void {
  // A group outlives its leader: what the leader started is killed even after it exited.
  const exited = child.exitCode !== null || child.signalCode !== null;
  if (child.pid === undefined || (exited && (!group || isWindows))) return;
  try {
    if (isWindows) {
      spawnSync('taskkill', ['/pid', String(child.pid), '/T', '/F'], { stdio: 'ignore', windowsHide: true });
    } else if (group) {
      process.kill(-child.pid, signal);
    } else {
      child.kill(signal);
    }
  } catch {
    // Already gone: nothing to kill.
  }
}

/** Keeps the last lines a process printed, to attach to whatever went wrong. */
export class LogTail {
  private lines: string[] = [];
  private partial = '';
  constructor(private readonly max = 40) {}

  push(chunk: Buffer | string): void {
    const text = this.partial + chunk.toString();
    const parts = text.split(/\r?\n/);
    this.partial = parts.pop() ?? '';
    for (const line of parts) this.add(line);
  }

  private add(line: string): void {
    this.lines.push(line);
    if (this.lines.length > this.max) this.lines.shift();
  }

  last(n = this.max): string[] {
    const all = this.partial ? [...this.lines, this.partial] : this.lines;
    return all.slice(-n);
  }

  /** The last `n` finished lines: a line still being written (no newline yet) is left out. */
  complete(n = this.max): string[] {
    return this.lines.slice(-n);
  }
}

export interface ManagedProcess {
  child: ChildProcess;
  logs: LogTail;
  /** Resolves with the exit code (or signal name) when the process ends. */
  exited: Promise<number | string>;
  /** SIGTERM, then SIGKILL after `graceMs`; resolves when the process is gone. */
  stop(graceMs?: number): Promise<void>;
}

export interface StartOptions {
  /** The folder the process runs in. */
  cwd: string;
  /** The TypeScript entry, relative to cwd. */
  entry?: string;
  /** Run the entry with plain Node, without the tsx loader (compiled JavaScript: `dist/server.js`). */
  plainNode?: boolean;
  env?: NodeJS.ProcessEnv;
  /** The environment `env` is added to (default: the runner's own). */
  baseEnv?: NodeJS.ProcessEnv;
  /** Own process group, so the whole tree can be killed at once (POSIX). */
  group?: boolean;
  /** Also copy output to this function as it arrives. */
  onOutput?: (chunk: string, stream: 'stdout' | 'stderr') => void;
  /** End the process when this one is gone, however it went (see leash.mjs). */
  leash?: boolean;
}

/** Whether a process exists (one we may not signal, EPERM, exists too). */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** `--import` this in a child to end it when its parent is gone (WORKSHOP_LEASH_PID; see leash.mjs). */
export const leashModule = pathToFileURL(path.join(path.dirname(fileURLToPath(import.meta.url)), 'leash.mjs')).href;

/** Runs a TypeScript entry (`src/server.ts`) with Node and tsx (or compiled JavaScript with plain Node), capturing its output. */
export function startTsProcess(options: StartOptions): ManagedProcess {
  const entry = options.entry ?? path.join('src', 'server.ts');
  const leash = options.leash ? ['--import', leashModule] : [];
  const loader = options.plainNode ? [] : ['--import', tsxLoader];
  const child = spawn(process.execPath, [...leash, ...loader, '--enable-source-maps', entry], {
    cwd: options.cwd,
    env: { ...(options.baseEnv ?? process.env), FORCE_COLOR: '0', ...options.env, ...(options.leash && { WORKSHOP_LEASH_PID: String(process.pid) }) },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: Boolean(options.group) && !isWindows,
    windowsHide: true,
  });
  const logs = new LogTail();
  for (const stream of ['stdout', 'stderr'] as const) {
    child[stream]?.on('data', (chunk: Buffer) => {
      logs.push(chunk);
      options.onOutput?.(chunk.toString(), stream);
    });
  }
  const exited = new Promise<number | string>((resolve) => {
    // 'exit' can come before the last output has been read from the pipes (a busy machine): wait
    // for 'close', which follows the streams' end, but not for long, since a grandchild that
    // inherited the pipes can hold them open after the process itself is gone.
    child.once('exit', (code, signal) => {
      const done = (): void => resolve(code ?? signal ?? 'unknown');
      const drained = setTimeout(done, 2000);
      drained.unref();
      child.once('close', () => {
        clearTimeout(drained);
        done();
      });
    });
    child.once('error', (err) => {
      logs.push(`could not start: ${err.message}\n`);
      resolve('spawn-error');
    });
  });
  const stop = async (graceMs = 2000): Promise<void> => {
    if (child.exitCode !== null || child.signalCode !== null) {
      await exited;
      return;
    }
    killTree(child, 'SIGTERM', options.group);
    const timer = setTimeout(() => killTree(child, 'SIGKILL', options.group), graceMs);
    await exited;
    clearTimeout(timer);
  };
  return { child, logs, exited, stop };
}

export class NotReadyError extends Error {
  constructor(
    message: string,
    readonly logs: string[],
    /** True when the process was still running when the wait ended (slow, or never listening). */
    readonly stillRunning = false,
  ) {
    super(message);
    this.name = 'NotReadyError';
  }
}

/**
 * Whether the process is still running, by the kernel's account at this moment (Linux: its state
 * in /proc, where an exited process not yet reaped is a zombie), not by whether its exit has been
 * seen yet: a busy event loop sees an exit late, never early. Elsewhere, whether the exit has
 * been seen.
 */
/**
 * The exit code, once the child's output has been read: 'exit' can come before the last output
 * has left the pipes (a busy machine), so wait for 'close', which follows the streams' end, but
 * not for long, since a grandchild that inherited the pipes can hold them open.
 */
export function exitedAndDrained(child: ChildProcess, graceMs = 2000): Promise<number | null> {
  return new Promise((resolve) => {
    child.once('exit', (code) => {
      const done = (): void => {
        clearTimeout(drained);
        resolve(code);
      };
      const drained = setTimeout(done, graceMs);
      child.once('close', done);
    });
  });
}

export function isRunning(child: ChildProcess): boolean {
  if (child.exitCode !== null || child.signalCode !== null || child.pid === undefined) return false;
  if (process.platform !== 'linux') return true;
  const state = procStat(`/proc/${child.pid}/stat`)?.[0];
  return state !== undefined && state !== 'Z' && state !== 'X';
}

/**
 * The fields of a Linux /proc `stat` file after the command name (which may hold spaces and
 * parentheses): [0] the state, [11] utime, [12] stime. Undefined when it cannot be read (gone).
 */
function procStat(file: string): string[] | undefined {
  try {
    const stat = readFileSync(file, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  } catch {
    return undefined;
  }
}

/**
 * CPU time (user + system, in ms) a process has used so far, where the platform tells cheaply:
 * Linux reads /proc, macOS asks ps. Undefined elsewhere, or when the process is gone.
 */
export function cpuTimeMs(pid: number): number | undefined {
  try {
    if (process.platform === 'linux') {
      const fields = procStat(`/proc/${pid}/stat`);
      // utime and stime, in clock ticks of 1/100 s on every Linux Node supports.
      return fields && (Number(fields[11]) + Number(fields[12])) * 10;
    }
    if (process.platform === 'darwin') {
      const out = spawnSync('ps', ['-o', 'time=', '-p', String(pid)], { encoding: 'utf8' }).stdout.trim();
      const m = /^(?:(\d+):)?(\d+)[:.](\d+(?:\.\d+)?)$/.exec(out);
      if (!m) return undefined;
      return ((Number(m[1] ?? 0) * 60 + Number(m[2])) * 60 + Number(m[3])) * 1000;
    }
  } catch {
    // Gone, or not readable: no answer.
  }
  return undefined;
}

/**
 * Whether any thread of the process is running or waiting for the disk (state R or D) right now,
 * on Linux; false elsewhere. A process whose only thread at work is blocked reading files (a
 * start-up on a machine whose disk is busy) uses no CPU, and is not idle.
 */
export function hasActiveThread(pid: number): boolean {
  if (process.platform !== 'linux') return false;
  try {
    for (const tid of readdirSync(`/proc/${pid}/task`)) {
      // Undefined when the thread ended meanwhile.
      const state = procStat(`/proc/${pid}/task/${tid}/stat`)?.[0];
      if (state === 'R' || state === 'D') return true;
    }
  } catch {
    // Gone.
  }
  return false;
}

/**
 * Resolves when the process has used no CPU for `quietMs` and, on Linux, none of its threads is
 * running or waiting for the disk at any sample (it is waiting for something that does not come:
 * requests, usually), never on platforms where CPU time cannot be read. A process
 * held back by a slow or busy machine still gets some CPU in every second, so this is not a
 * judgement from time.
 * `allowanceMs` lets a waiting process spend that much CPU in the quiet window and still count
 * as waiting: a client retrying a connection that is refused (a Redis that is down) wakes for a
 * millisecond now and then, where a process doing real work uses far more.
 */
export function whenIdle(child: ChildProcess, quietMs = 1500, sampleMs = 250, allowanceMs = 0): { idle: Promise<void>; cancel(): void } {
  let timer: NodeJS.Timeout | undefined;
  let cancelled = false;
  const idle = new Promise<void>((resolve) => {
    const pid = child.pid;
    if (pid === undefined || cpuTimeMs(pid) === undefined) return;
    let last = cpuTimeMs(pid);
    let quietSince = Date.now();
    const sample = () => {
      if (cancelled) return;
      const now = cpuTimeMs(pid);
      if (now === undefined) return;
      if (now - (last ?? 0) > allowanceMs || hasActiveThread(pid)) {
        last = now;
        quietSince = Date.now();
      } else if (Date.now() - quietSince >= quietMs) {
        resolve();
        return;
      }
      timer = setTimeout(sample, sampleMs);
    };
    timer = setTimeout(sample, sampleMs);
  });
  return {
    idle,
    cancel: () => {
      cancelled = true;
      clearTimeout(timer);
    },
  };
}

/**
 * A wait for a process to start that a crowded machine cannot turn into a verdict: past `waitMs`,
 * a process still using CPU since the last look (and below `cpuLimitMs` in all: a loop that never
 * ends reaches it) gets `graceMs` more, up to 8 times `waitMs`. Where CPU time cannot be read, the
 * deadline holds.
 */
export function startupDeadline(proc: ManagedProcess, waitMs: number, { cpuLimitMs, graceMs }: { cpuLimitMs: number; graceMs: number }) {
  const started = Date.now();
  const hard = started + waitMs * 8;
  const cpuNow = () => (proc.child.pid === undefined ? undefined : cpuTimeMs(proc.child.pid));
  let deadline = started + waitMs;
  let lastCpu = cpuNow();
  return {
    /** How long it has waited, for messages. */
    elapsedMs: () => Date.now() - started,
    /** True once the wait is over and the process is not visibly making progress. */
    expired(): boolean {
      const now = Date.now();
      if (now < deadline) return false;
      if (now >= hard) return true;
      const cpu = cpuNow();
      const progressing = cpu !== undefined && lastCpu !== undefined && cpu > lastCpu && cpu < cpuLimitMs;
      lastCpu = cpu;
      if (!progressing) return true;
      deadline = now + graceMs;
      return false;
    },
  };
}

/** True when something accepts TCP connections at this host and port. */
export function accepts(host: string, port: number, timeoutMs = 1000): Promise<boolean> {
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

/**
 * Polls until the server listens on the URL's port. A TCP connection is enough, and unlike a
 * probe request it leaves no stray line in the learner's request log. Fails early when the
 * process exits, and after `timeoutMs` otherwise. Never a fixed sleep.
 */
export async function waitForServer(url: string, proc: ManagedProcess, timeoutMs = 10_000): Promise<void> {
  const wait = startupDeadline(proc, timeoutMs, { cpuLimitMs: Math.max(10_000, timeoutMs), graceMs: Math.min(2000, timeoutMs) });
  const { hostname, port } = new URL(url);
  let exitedWith: number | string | undefined;
  void proc.exited.then((code) => {
    exitedWith = code;
  });
  let delay = 25;
  while (!wait.expired()) {
    if (exitedWith !== undefined) {
      throw new NotReadyError(`the server exited (code ${exitedWith}) before it listened on ${url}`, proc.logs.last(15));
    }
    if (await accepts(hostname, Number(port))) return;
    await new Promise((r) => setTimeout(r, delay));
    delay = Math.min(delay * 2, 200);
  }
  throw new NotReadyError(
    `the server did not start listening on ${url} within ${Number((wait.elapsedMs() / 1000).toFixed(1))} s (does it call app.listen(PORT)?)`,
    proc.logs.last(15),
    exitedWith === undefined,
  );
}
