import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { ROOT } from './paths.js';
import { killTree } from './processes.js';
import { ENV, type ChildEvent } from './results.js';
import { timeScale } from './speed.js';

/** What one run asks of the check process (see runner/vitest/child.mjs). */
export interface CheckRequest {
  type: 'run' | 'collect';
  /** Check files, in the order they should start. */
  files: string[];
  /** Only the checks whose full name matches (a RegExp source). */
  pattern?: string;
  flags?: string;
  /** The run's environment, applied in each worker. */
  env: Record<string, string>;
  /** The learner's folder: its modules are read from disk again before the run. */
  target: string;
}

export type RunEnd = { kind: 'finished' } | { kind: 'exited'; code: number | null; signal: NodeJS.Signals | null };

/** Keys that belong to one run, never to the check process's own environment. */
const RUN_KEYS = new Set<string>([...Object.values(ENV), 'NODE_ENV']);

/**
 * One vitest process kept warm between check runs (watch mode), or used for a single run. It
 * runs one request at a time; `cancel` stops the run in progress at once (its workers and what
 * they started are killed) and keeps vitest warm. A process that died is replaced on the next run.
 */
export class CheckServer {
  private child?: ChildProcess;
  private ready?: Promise<boolean>;
  private nextId = 0;
  private current?: { id: number; onEvent: (e: ChildEvent) => void; end: (r: RunEnd) => void };
  /** Output of the process, for a crash report. */
  readonly output: string[] = [];

  constructor(
    /** Every check file this server may be asked to run. */
    readonly files: string[],
    private readonly baseEnv: NodeJS.ProcessEnv = process.env,
  ) {}

  /** Starts the process if it is not running (ahead of the first run, to have it warm). */
  warm(): Promise<boolean> {
    if (this.ready) return this.ready;
    this.ready = this.spawn();
    return this.ready;
  }

  private async spawn(): Promise<boolean> {
    const env: NodeJS.ProcessEnv = { ...this.baseEnv, FORCE_COLOR: '0', NODE_ENV: 'test' };
    for (const key of Object.keys(env)) if (RUN_KEYS.has(key) && key !== 'NODE_ENV' && key !== ENV.timeScale) delete env[key];
    // Vitest's own limits (hooks, checks without one) are set once, for this machine's speed.
    if (!env[ENV.timeScale]) env[ENV.timeScale] = String((await timeScale(env)).scale);
    const child = spawn(process.execPath, [path.join(ROOT, 'runner', 'vitest', 'child.mjs'), JSON.stringify({ files: this.files })], {
      cwd: ROOT,
      env,
      stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
      // Its own process group: the whole tree (workers, learner servers) can be killed at once.
      detached: process.platform !== 'win32',
      windowsHide: true,
    });
    this.child = child;
    const keep = (chunk: Buffer) => {
      this.output.push(...chunk.toString().split(/\r?\n/).filter(Boolean));
      this.output.splice(0, Math.max(0, this.output.length - 30));
    };
    child.stdout?.on('data', keep);
    child.stderr?.on('data', keep);
    return new Promise<boolean>((resolve) => {
      child.on('message', (event: ChildEvent | { type: 'ready' } | { type: 'finished'; id: number }) => {
        if (event.type === 'ready') return resolve(true);
        const run = this.current;
        if (!run) return;
        if (event.type === 'finished') {
          if (event.id === run.id) {
            this.current = undefined;
            run.end({ kind: 'finished' });
          }
          return;
        }
        run.onEvent(event);
      });
      child.once('exit', (code, signal) => {
        resolve(false);
        // What the process leaves behind (a worker stuck in a learner's busy loop, a server the
        // learner's code started) is in its group: it goes with it, now, whoever asked it to stop.
        killTree(child, 'SIGKILL', true);
        if (this.child === child) {
          this.child = undefined;
          this.ready = undefined;
        }
        const run = this.current;
        this.current = undefined;
        run?.end({ kind: 'exited', code, signal });
      });
      child.once('error', () => resolve(false));
    });
  }

  /** True while the process is up (whether or not it is running checks). */
  get alive(): boolean {
    return Boolean(this.child);
  }

  get pid(): number | undefined {
    return this.child?.pid;
  }

  /** Runs one request; events stream to `onEvent` until it ends. */
  async run(request: CheckRequest, onEvent: (e: ChildEvent) => void): Promise<RunEnd> {
    if (this.current) throw new Error('CheckServer runs one request at a time');
    const ok = await this.warm();
    const child = this.child;
    if (!ok || !child) return { kind: 'exited', code: child?.exitCode ?? null, signal: child?.signalCode ?? null };
    const id = ++this.nextId;
    return new Promise<RunEnd>((resolve) => {
      this.current = { id, onEvent, end: resolve };
      child.send({ ...request, id });
    });
  }

  /** Stops the run in progress now; vitest stays warm. */
  cancel(): void {
    if (this.current && this.child?.connected) this.child.send({ type: 'cancel' });
  }

  /** Ends the process and everything it started. */
  async close(): Promise<void> {
    await this.ready;
    const child = this.child;
    if (!child) return;
    const gone = new Promise<void>((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) resolve();
      else child.once('exit', () => resolve());
    });
    if (child.connected) child.send({ type: 'close' });
    const timer = setTimeout(() => killTree(child, 'SIGKILL', true), 3000);
    await gone;
    clearTimeout(timer);
    // Whatever the process left (a learner server that ignored everything): the group goes too.
    killTree(child, 'SIGKILL', true);
  }

  /** Last resort (the runner is exiting): kills the whole tree synchronously. */
  kill(): void {
    if (this.child) killTree(this.child, 'SIGKILL', true);
  }
}
