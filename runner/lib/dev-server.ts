/**
 * The learner's server in watch mode: started, restarted on save and stopped, one process at a
 * time, on a port that is free, with the step's .env read as dotenv reads it.
 */
import fs from 'node:fs';
import path from 'node:path';
import { summariseCrash } from './crash.js';
import { databaseFromEnv, describeDatabase } from './database-config.js';
import { runDbTask, usesDatabase } from './db-tasks.js';
import { learnerEnv, setInShell } from './dotenv-file.js';
import { freePort, isPortFree, killTree, NotReadyError, startTsProcess, waitForServer, type ManagedProcess } from './processes.js';
import { timeScale } from './speed.js';
import type { Step } from './steps.js';

export type ServerState =
  | { kind: 'absent' }
  | { kind: 'migrating' }
  | { kind: 'starting' }
  | { kind: 'ready' }
  | { kind: 'crashed'; message: string; where?: string; logs: string[] };

/** Signals that mean "stop", sent by someone else: the learner stopping things by hand. */
const STOP_SIGNALS = new Set(['SIGINT', 'SIGTERM', 'SIGHUP', 'SIGQUIT', 'SIGKILL']);

export interface DevServerOptions {
  step: Step;
  dir: string;
  /** Something to show changed. */
  onChange: () => void;
  /** The server was stopped by a signal the runner did not send. */
  onStoppedFromOutside?: (signal: string) => void;
  /** A server process was started (after migrating, when `migrated`). */
  onStart?: (info: { pid?: number; port?: number; migrated: boolean }) => void;
}

const validPort = (raw: string | undefined): raw is string => raw !== undefined && /^\d+$/.test(raw.trim()) && Number(raw) > 0 && Number(raw) < 65536;

export class DevServer {
  state: ServerState = { kind: 'starting' };
  /** The port the server listens on, when known. */
  port?: number;
  /** Why the port is not the one asked for, or what is wrong with it. */
  portNote?: string;
  /** The learner's database, for the header (step 03 on). */
  database?: string;
  /** The last migration problem, shown until a migration succeeds. */
  migration?: string;
  log: string[] = [];
  /** How many times the server was started (the workshop's tests count them). */
  starts = 0;

  private proc?: ManagedProcess;
  private stopping = new WeakSet<ManagedProcess>();
  private wanted?: { migrate: boolean };
  private pumping?: Promise<void>;
  private closed = false;
  /** A port the runner chose, kept across restarts while it stays free. */
  private chosen?: number;

  constructor(private readonly options: DevServerOptions) {}

  /** Asks for a restart. Restarts run one at a time; requests made meanwhile are merged into one. */
  restart({ migrate = false } = {}): Promise<void> {
    this.wanted = { migrate: Boolean(this.wanted?.migrate) || migrate };
    this.pumping ??= (async () => {
      try {
        while (this.wanted && !this.closed) {
          const request = this.wanted;
          this.wanted = undefined;
          await this.startOnce(request.migrate);
        }
      } finally {
        this.pumping = undefined;
      }
    })();
    return this.pumping;
  }

  /** Stops the server and every later restart. */
  async close(graceMs = 1500): Promise<void> {
    this.closed = true;
    this.wanted = undefined;
    await this.stopCurrent(graceMs);
  }

  /** Last resort (the runner is exiting): kills the server synchronously. */
  kill(): void {
    if (this.proc) {
      this.stopping.add(this.proc);
      killTree(this.proc.child, 'SIGKILL', true);
    }
  }

  private async stopCurrent(graceMs = 2000): Promise<void> {
    const proc = this.proc;
    if (!proc) return;
    this.stopping.add(proc);
    await proc.stop(graceMs);
    if (this.proc === proc) this.proc = undefined;
  }

  private async startOnce(migrate: boolean): Promise<void> {
    const { step, dir } = this.options;
    await this.stopCurrent();
    if (this.closed) return;
    this.log = [];

    const { env, fromFile } = learnerEnv(dir, { NODE_ENV: 'development' });
    // What the server sees once dotenv has filled in what the environment does not set.
    if (usesDatabase(dir)) this.database = describeDatabase(databaseFromEnv({ ...fromFile, ...env }, dir));
    // From step 03 the server needs its tables: migrate first, as `npm run db:migrate` would.
    if (migrate && usesDatabase(dir)) {
      this.state = { kind: 'migrating' };
      this.options.onChange();
      const result = await runDbTask(dir, 'migrate', env);
      if (this.closed) return;
      this.migration = result.ok ? undefined : result.error;
      if (result.ok && result.applied?.length) this.log.push(`applied migrations: ${result.applied.join(', ')}`);
    }
    if (!fs.existsSync(path.join(dir, 'src', 'server.ts'))) {
      this.state = { kind: 'absent' };
      this.port = undefined;
      this.options.onChange();
      return;
    }
    await this.choosePort(env);
    if (this.closed) return;
    this.state = { kind: 'starting' };
    this.options.onChange();
    const proc = startTsProcess({
      cwd: dir,
      baseEnv: env,
      group: true,
      leash: true,
      onOutput: (chunk) => {
        if (this.proc !== proc) return;
        this.log.push(...chunk.split(/\r?\n/).filter(Boolean));
        this.log = this.log.slice(-40);
        this.options.onChange();
      },
    });
    this.proc = proc;
    this.starts++;
    this.options.onStart?.({ pid: proc.child.pid, port: this.port, migrated: migrate && usesDatabase(dir) });
    void proc.exited.then((code) => this.onExit(proc, code));
    if (this.port === undefined) return;
    const { scale } = await timeScale();
    try {
      await waitForServer(`http://127.0.0.1:${this.port}`, proc, 15_000 * scale);
      if (this.proc === proc) this.state = { kind: 'ready' };
    } catch (err) {
      if (this.proc === proc && err instanceof NotReadyError && err.stillRunning) {
        this.state = { kind: 'crashed', message: err.message, logs: this.shownLogs(proc) };
      }
    }
    this.options.onChange();
  }

  private onExit(proc: ManagedProcess, code: number | string): void {
    if (this.proc !== proc || this.stopping.has(proc)) return;
    this.proc = undefined;
    if (typeof code === 'string' && STOP_SIGNALS.has(code)) {
      this.state = { kind: 'crashed', message: `it was stopped from outside (${code})`, logs: [] };
      this.options.onChange();
      this.options.onStoppedFromOutside?.(code);
      return;
    }
    const output = proc.logs.last(40);
    // The port was taken between the check and the listen: take another one, without a save.
    if (output.some((l) => l.includes('EADDRINUSE')) && this.chosen !== undefined) {
      this.portNote = `(port ${this.chosen} was taken meanwhile, so a free one was chosen)`;
      this.chosen = undefined;
      void this.restart();
      return;
    }
    const crash = summariseCrash(output, this.options.dir);
    const what = crash.error ?? `it exited (code ${code})`;
    this.state = { kind: 'crashed', message: what, ...(crash.where && { where: crash.where }), logs: crash.lines.slice(-10) };
    this.options.onChange();
  }

  private shownLogs(proc: ManagedProcess): string[] {
    return summariseCrash(proc.logs.last(40), this.options.dir).lines.slice(-10);
  }

  /**
   * The port for this start, and the environment that gives it to the server. A PORT in the
   * step's .env is the learner's: it reaches the server as written (an invalid one too: refusing
   * it is a lesson), unless it is taken. Otherwise the runner passes one, re-chosen when taken.
   * Step 00 is about reading PORT: there the runner never passes one, it only says what is wrong.
   */
  private async choosePort(env: NodeJS.ProcessEnv): Promise<number | undefined> {
    const { step, dir } = this.options;
    const fromFile = learnerEnv(dir, {}).fromFile.PORT;
    const learnersOwn = fromFile !== undefined && !setInShell('PORT');
    const raw = learnersOwn ? fromFile : setInShell('PORT') || step.hasApp ? process.env.PORT : undefined;
    this.portNote = undefined;
    if (!step.hasApp) {
      // Only the learner's .env (or their shell) sets PORT here: the runner passes none of its own.
      if (!learnersOwn && !setInShell('PORT')) delete env.PORT;
      const port = validPort(raw) ? Number(raw) : raw === undefined ? 3000 : undefined;
      this.port = port;
      if (port === undefined) this.portNote = `PORT is ${JSON.stringify(raw)}: your server decides what to do with it`;
      else if (!(await isPortFree(port))) this.portNote = `port ${port} is busy: change PORT in .env, or stop what uses it`;
      return port;
    }
    if (learnersOwn && !validPort(raw)) {
      // Passed as written: the server's config validation is what answers it.
      this.port = undefined;
      this.portNote = `PORT in your .env is ${JSON.stringify(raw)}: your server decides what to do with it`;
      return undefined;
    }
    const wanted = validPort(raw) ? Number(raw) : 3000;
    if (this.chosen !== undefined && (await isPortFree(this.chosen))) {
      env.PORT = String(this.chosen);
      this.port = this.chosen;
      this.portNote = `(port ${wanted} is busy, so this run uses ${this.chosen})`;
      return this.chosen;
    }
    this.chosen = undefined;
    if (await isPortFree(wanted)) {
      // From the .env: dotenv gives it to the server; otherwise the runner does.
      if (!learnersOwn) env.PORT = String(wanted);
      this.port = wanted;
      return wanted;
    }
    const port = await freePort();
    this.chosen = port;
    env.PORT = String(port);
    this.port = port;
    this.portNote = `(port ${wanted}${learnersOwn ? ' from your .env' : ''} is busy, so this run uses ${port})`;
    return port;
  }
}
