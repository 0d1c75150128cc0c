import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { ROOT, dirs, scratchDir, shortPath } from './paths.js';
import { killTree, LogTail } from './processes.js';
import type { Step } from './steps.js';
import { checkDbSettings, dropRunSchemas, runIdNow } from './check-db.js';
import { solutionDir, starterDir, workspaceDir } from './workspace.js';
import { STEPS } from './steps.js';
import { ENV, type ChildEvent, type CheckResult, type ProgressLine, type RunProblem, type RunResult } from './results.js';
import { timeScale } from './speed.js';

export interface RunChecksOptions {
  step: Step;
  /** The step folder to check (e.g. workspace/01-server). */
  target: string;
  /** Also run the earlier steps' checks that still apply (default true). */
  earlier?: boolean;
  /** Kill the run when no check finishes for this long (a busy loop in learner code). */
  stallMs?: number;
  /** Kill the run after this long, whatever happens. */
  maxMs?: number;
  /** Called for every event, e.g. to show progress. */
  onEvent?: (event: ChildEvent) => void;
  /** Extra environment for the checks (database settings in later steps). */
  env?: NodeJS.ProcessEnv;
  /** Run only the checks whose title contains this text, case-insensitive (the others are reported as skipped). */
  only?: string;
  /** The seed of the model-based checks, to replay a sequence they printed. */
  seed?: string;
  /** Stops the run early (a newer save arrived in watch mode). */
  signal?: AbortSignal;
}

export const checkFile = (slug: string): string => path.join(dirs.checks, `${slug}.test.ts`);

/**
 * A step's check files: `checks/NN-slug.test.ts`, and `checks/NN-slug.<topic>.test.ts` when a
 * step's checks are split by topic (they then run in parallel).
 */
export function checkFiles(slug: string): string[] {
  if (!fs.existsSync(dirs.checks)) return [];
  return fs
    .readdirSync(dirs.checks)
    .filter((f) => f === `${slug}.test.ts` || (f.startsWith(`${slug}.`) && f.endsWith('.test.ts')))
    .sort()
    .map((f) => path.join(dirs.checks, f));
}

/** The step a check file belongs to: `02-api.model.test.ts` → `02-api`. */
export const stepOfCheckFile = (file: string): string => path.basename(file).replace(/\..*$/, '');

const key = (file: string, p: string[], title: string) => `${file}\u0000${p.join('\u0000')}\u0000${title}`;

/**
 * Runs a step's checks against a folder in a child vitest process and collects the results.
 * Never throws for anything the learner's code does: a crash, a hang or a load failure comes
 * back as `problem`, with the results gathered up to that point.
 */
export async function runChecks(options: RunChecksOptions): Promise<RunResult> {
  const { step, target } = options;
  const started = Date.now();
  // Budgets in the checks, and the limits here, grow with the machine's slowness.
  const { scale } = await timeScale({ ...process.env, ...options.env });
  const stallMs = (options.stallMs ?? (Number(process.env.WORKSHOP_STALL_MS) || 15_000)) * scale;
  const maxMs = (options.maxMs ?? 180_000) * scale;

  const slugs = [step.slug, ...(options.earlier === false ? [] : step.earlier)];
  const files = slugs.flatMap(checkFiles);
  const groupOf = (file: string) => (stepOfCheckFile(file) === step.slug ? ('new' as const) : ('earlier' as const));
  const stepOf = stepOfCheckFile;

  const result: RunResult = { step: step.slug, target, results: [], durationMs: 0 };
  if (!fs.existsSync(target)) {
    result.problem = { kind: 'runner', message: `${shortPath(target)} does not exist` };
    return result;
  }
  if (files.length === 0) {
    result.problem = { kind: 'runner', message: `no check file for ${step.slug} (looked for ${shortPath(checkFile(step.slug))})` };
    return result;
  }

  const byKey = new Map<string, CheckResult>();
  const record = (file: string, p: string[], title: string, patch: Partial<CheckResult>) => {
    const k = key(file, p, title);
    const existing = byKey.get(k) ?? {
      title,
      path: p,
      checkStep: stepOf(file),
      group: groupOf(file),
      state: 'skip' as const,
      durationMs: 0,
    };
    byKey.set(k, { ...existing, ...patch });
  };
  const running = new Map<string, { file: string; path: string[]; title: string }>();
  const fileErrors: string[] = [];
  const learnerCodeErrors = new Set<string>();
  const output = new LogTail(30);
  fs.mkdirSync(scratchDir, { recursive: true });
  const progressFile = path.join(scratchDir, `progress-${process.pid}-${Date.now()}.log`);
  fs.writeFileSync(progressFile, '');
  /** What the progress file says: the check started last, and a module still loading (see checks/support). */
  const progressState = (): { started?: string; loading?: string } => {
    let lines: ProgressLine[] = [];
    try {
      lines = fs
        .readFileSync(progressFile, 'utf8')
        .split('\n')
        .filter(Boolean)
        .map((l) => JSON.parse(l) as ProgressLine);
    } catch {
      return {};
    }
    const state: { started?: string; loading?: string } = {};
    for (const line of lines) {
      if ('started' in line) state.started = line.started;
      else if ('loading' in line) state.loading = line.loading;
      else if (line.loaded === state.loading) state.loading = undefined;
    }
    return state;
  };
  /** When the worker last showed it is alive: an event, or its heartbeat on the progress file. */
  const lastSignOfLife = (): number => {
    try {
      return Math.max(lastProgress, fs.statSync(progressFile).mtimeMs);
    } catch {
      return lastProgress;
    }
  };
  let done = false;

  const db = checkDbSettings(target);
  const runId = runIdNow();
  const child = spawn(process.execPath, [path.join(ROOT, 'runner', 'vitest', 'child.mjs'), JSON.stringify({ files, only: options.only })], {
    cwd: ROOT,
    env: {
      ...process.env,
      ...options.env,
      [ENV.target]: target,
      [ENV.step]: step.slug,
      [ENV.timeScale]: String(scale),
      [ENV.progressFile]: progressFile,
      [ENV.runId]: runId,
      [ENV.dbDialect]: db.dialect,
      ...(db.serverUrl && { [ENV.mysqlUrl]: db.serverUrl }),
      ...(options.seed !== undefined && { [ENV.seed]: options.seed }),
      FORCE_COLOR: '0',
      NODE_ENV: 'test',
    },
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
    detached: process.platform !== 'win32',
    windowsHide: true,
  });
  child.stdout?.on('data', (c: Buffer) => output.push(c));
  child.stderr?.on('data', (c: Buffer) => output.push(c));

  let killedFor: RunProblem | undefined;
  let stuckTitle: string | undefined;
  const finishedTitles = new Set<string>();
  let lastProgress = Date.now();
  // Stops the run when the worker stops showing signs of life (learner code blocking its thread:
  // a busy loop), or after the hard limit. A slow machine keeps the heartbeat going.
  const watchdog = setInterval(() => {
    const now = Date.now();
    const stalled = now - lastSignOfLife() > stallMs;
    if (!stalled && now - started < maxMs) return;
    const { started: lastTitle, loading } = progressState();
    const currentTitle = [...running.values()][0]?.title ?? lastTitle;
    const current = currentTitle && !finishedTitles.has(currentTitle) ? currentTitle : undefined;
    stuckTitle = current;
    const secs = Math.round((stalled ? stallMs : maxMs) / 1000);
    killedFor = {
      kind: 'timeout',
      message:
        stalled && loading
          ? `${loading} never finished loading (the checks waited ${secs} s): is there a loop at the top level of a module that never ends?`
          : current && stalled
            ? `the check "${current}" did not finish within ${secs} s and the run was stopped: it blocked the checks completely (a loop that never ends, or a synchronous wait?)`
            : current
              ? `the check run did not finish within ${secs} s and was stopped, during "${current}"`
              : `the check run did not finish within ${secs} s and was stopped`,
    };
    killTree(child, 'SIGKILL', true);
  }, 250);

  const onAbort = () => {
    killedFor = { kind: 'runner', message: 'cancelled' };
    killTree(child, 'SIGKILL', true);
  };
  options.signal?.addEventListener('abort', onAbort, { once: true });

  child.on('message', (event: ChildEvent) => {
    lastProgress = Date.now();
    options.onEvent?.(event);
    switch (event.type) {
      case 'collected':
        for (const t of event.tests) record(event.file, t.path, t.title, {});
        break;
      case 'started':
        running.set(key(event.file, event.path, event.title), event);
        break;
      case 'result':
        running.delete(key(event.file, event.path, event.title));
        finishedTitles.add(event.title);
        record(event.file, event.path, event.title, {
          state: event.state,
          durationMs: event.durationMs,
          ...(event.message !== undefined && { message: event.message }),
          ...(event.lesson !== undefined && { lesson: event.lesson }),
          ...(event.covers !== undefined && { covers: event.covers }),
          ...(event.timedOut && { timedOut: true }),
          ...(event.blocked && { blocked: true }),
        });
        if (event.learnerCode) learnerCodeErrors.add(event.learnerCode);
        break;
      case 'file-error':
        fileErrors.push(`${event.file}: ${event.message}`);
        break;
      case 'done':
        done = true;
        break;
    }
  });

  const exitCode = await new Promise<number | null>((resolve) => {
    child.once('exit', (code) => resolve(code));
    child.once('error', () => resolve(-1));
  });
  clearInterval(watchdog);
  options.signal?.removeEventListener('abort', onAbort);
  // Whatever the exit, nothing the run started may outlive it.
  killTree(child, 'SIGKILL', true);

  for (const r of running.values()) {
    record(r.file, r.path, r.title, { state: 'fail', message: killedFor?.message ?? 'did not finish' });
  }
  result.results = [...byKey.values()];
  if (killedFor) {
    for (const r of result.results) {
      if (r.state !== 'skip' || r.message) continue;
      r.state = 'fail';
      r.message = r.title === stuckTitle ? killedFor.message : 'not run: the run was stopped before this check';
    }
  }
  fs.rmSync(progressFile, { force: true });
  // A killed run cannot clean up after itself: drop its throw-away schemas from here.
  if (db.serverUrl) await dropRunSchemas(db.serverUrl, runId);

  if (killedFor) result.problem = killedFor;
  else if (learnerCodeErrors.size === 1 && result.results.every((r) => r.state === 'fail')) {
    result.problem = { kind: 'load', message: [...learnerCodeErrors][0] };
  } else if (fileErrors.length > 0) {
    result.problem = { kind: 'crash', message: fileErrors[0], details: fileErrors.slice(1) };
  } else if (!done || exitCode !== 0) {
    result.problem = {
      kind: 'crash',
      message: `the check process stopped unexpectedly (exit code ${exitCode})`,
      details: output.last(15),
    };
  } else if (result.results.length === 0) {
    result.problem = { kind: 'runner', message: `no checks were found in ${files.map(shortPath).join(', ')}` };
  }
  result.durationMs = Date.now() - started;
  return result;
}

/** The folder a step's project is checked in, for each kind of target. */
export function targetFor(step: Step, kind: 'workspace' | 'solution' | 'starter', customRoot?: string): string {
  if (customRoot) return path.join(path.resolve(customRoot), step.slug);
  return kind === 'solution' ? solutionDir(step) : kind === 'starter' ? starterDir(step) : workspaceDir(step);
}

export { STEPS };
