import fs from 'node:fs';
import path from 'node:path';
import { dirs, scratchDir, shortPath } from './paths.js';
import { readJsonFile, writeJsonFile } from './fsutil.js';
import type { Step } from './steps.js';
import { CheckServer, type RunEnd } from './check-server.js';
import { SCHEMA_PREFIX, checkDbSettings, dropRunSchemas, runIdNow } from './check-db.js';
import { usesDatabase } from './db-tasks.js';
import { solutionDir, starterDir, workspaceDir } from './workspace.js';
import { STEPS } from './steps.js';
import { ENV, type ChildEvent, type CheckResult, type ProgressLine, type RunProblem, type RunResult } from './results.js';
export { CheckServer };
import { timeScale } from './speed.js';

/** One check, by the file that holds it and its title (unique within a file). */
export interface CheckRef {
  /** The check file's name, e.g. `02-api.test.ts`. */
  file: string;
  title: string;
  /** The describe blocks around it, outermost first (a pattern matches them too). */
  path?: string[];
}

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
  /**
   * Run only the checks whose title contains this text, case-insensitive, or, when it is a whole
   * number, the check with that number in the checklist. The others are reported as skipped.
   */
  only?: string;
  /** Run only these checks (their files only). */
  checks?: CheckRef[];
  /** Run every check but these. */
  skip?: CheckRef[];
  /** The seed of the model-based checks, to replay a sequence they printed. */
  seed?: string;
  /** Stops the run early (a newer save arrived in watch mode). */
  signal?: AbortSignal;
  /** A warm check process (watch mode); without one, a process is started for this run only. */
  server?: CheckServer;
  /** Internal: this run re-runs checks whose results were lost; it does not do it again. */
  lostResultsRerun?: boolean;
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

/** Every check file a step's run may use: its own first, then the earlier steps' (they run last). */
export const runFiles = (step: Step, earlier = true): string[] => [step.slug, ...(earlier ? step.earlier : [])].flatMap(checkFiles);

/** The step a check file belongs to: `02-api.model.test.ts` → `02-api`. */
export const stepOfCheckFile = (file: string): string => path.basename(file).replace(/\..*$/, '');

const key = (file: string, p: string[], title: string) => `${file}\u0000${p.join('\u0000')}\u0000${title}`;
const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** Vitest matches a pattern against the full name: the describe blocks, then the title. */
const anyOf = (titles: string[]) => `(?:.* )?(?:${titles.map(escapeRe).join('|')})$`;

/** The check files as they are now: a checklist remembered for other files is not used. */
function filesStamp(files: string[]): string {
  return files.map((f) => `${path.basename(f)}:${fs.statSync(f).mtimeMs}:${fs.statSync(f).size}`).join(';');
}

const checklistsFile = () => path.join(dirs.state, 'checklists.json');
type Checklists = Record<string, { stamp: string; checks: CheckRef[] }>;

/** Remembers a step's checklist (from a complete run), so `--only <number>` needs no collection. */
function rememberChecklist(step: Step, files: string[], checks: CheckRef[]): void {
  try {
    const store = readJsonFile<Checklists>(checklistsFile(), {});
    store[step.slug] = { stamp: filesStamp(files), checks };
    writeJsonFile(checklistsFile(), store);
  } catch {
    // Only a cache.
  }
}

/** The checklist remembered for a step, if its check files have not changed since. */
function rememberedChecklist(step: Step): CheckRef[] | undefined {
  const known = readJsonFile<Checklists>(checklistsFile(), {})[step.slug];
  return known && known.stamp === filesStamp(runFiles(step)) ? known.checks : undefined;
}

/** The checks of a step in checklist order, numbered from 1 (what `--only <number>` counts). */
export async function listChecks(step: Step, target: string, server?: CheckServer, earlier = true): Promise<CheckRef[] | { error: string }> {
  const known = earlier ? rememberedChecklist(step) : undefined;
  if (known) return known;
  const own = server ?? new CheckServer(runFiles(step, earlier), await serverEnv());
  const files = runFiles(step, earlier);
  const collected = new Map<string, { title: string; path: string[] }[]>();
  const errors: string[] = [];
  try {
    const end = await own.run({ type: 'collect', files, env: runEnv(step, target, undefined), target }, (event) => {
      if (event.type === 'collected') collected.set(event.file, event.tests);
      if (event.type === 'file-error') errors.push(`${event.file}: ${event.message}`);
    });
    if (end.kind === 'exited') return { error: `the check process stopped unexpectedly (exit code ${end.code ?? end.signal})` };
  } finally {
    if (!server) await own.close();
  }
  if (errors.length) return { error: errors[0] };
  const checks = files.flatMap((f) => (collected.get(path.basename(f)) ?? []).map((t) => ({ file: path.basename(f), title: t.title, ...(t.path.length > 0 && { path: t.path }) })));
  if (earlier) rememberChecklist(step, files, checks);
  return checks;
}

async function serverEnv(extra?: NodeJS.ProcessEnv): Promise<NodeJS.ProcessEnv> {
  const { scale } = await timeScale({ ...process.env, ...extra });
  return { ...process.env, ...extra, [ENV.timeScale]: String(scale) };
}

function runEnv(step: Step, target: string, extra: NodeJS.ProcessEnv | undefined, more: Record<string, string | undefined> = {}): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries({ ...extra, [ENV.target]: target, [ENV.step]: step.slug, FORCE_COLOR: '0', NODE_ENV: 'test', ...more })) {
    if (v !== undefined) env[k] = v;
  }
  return env;
}

/**
 * Removes the SQLite files and scratch folders a run made (a run that was killed cannot remove
 * its own): they carry the run's id (`wschk_<runId>_…` files, `run-<runId>-…` folders).
 */
function dropRunFiles(runId: string): void {
  const under = (dir: string, prefix: string) => {
    let names: string[] = [];
    try {
      names = fs.readdirSync(dir);
    } catch {
      return;
    }
    for (const name of names) {
      if (!name.startsWith(prefix)) continue;
      try {
        fs.rmSync(path.join(dir, name), { recursive: true, force: true, maxRetries: 3, retryDelay: 100 });
      } catch {
        // A process of the run still writing there as it is stopped (ENOTEMPTY): tidying up is no
        // verdict, and what is left is a scratch folder under .workshop/tmp, git-ignored.
      }
    }
  };
  under(path.join(scratchDir, 'db'), `${SCHEMA_PREFIX}${runId}_`);
  under(scratchDir, `run-${runId}-`);
}

/** Where the checks of a target run their database, for the checklist header. */
export function describeCheckDatabase(target: string): string | undefined {
  if (!usesDatabase(target)) return undefined;
  const db = checkDbSettings(target);
  if (db.dialect === 'sqlite') return 'SQLite (a fresh file for each check file)';
  let where = db.serverUrl ?? '';
  try {
    const url = new URL(db.serverUrl ?? '');
    where = `${url.hostname}:${url.port || 3306}`;
  } catch {
    // Shown as given.
  }
  return `MySQL at ${where} (throw-away schemas)`;
}

/**
 * Runs a step's checks against a folder in a vitest process and collects the results, in
 * checklist order. Never throws for anything the learner's code does: a crash, a hang or a load
 * failure comes back as `problem`, with the results gathered up to that point.
 */
export async function runChecks(options: RunChecksOptions): Promise<RunResult> {
  const { step, target } = options;
  const started = Date.now();
  // Budgets in the checks, and the limits here, grow with the machine's slowness.
  const { scale } = await timeScale({ ...process.env, ...options.env });
  const stallMs = (options.stallMs ?? (Number(process.env.WORKSHOP_STALL_MS) || 15_000)) * scale;
  const allFiles = runFiles(step, options.earlier !== false);
  // A backstop for a run that keeps making progress but never ends (the stall limit catches the
  // rest): it grows with the files to run (step 06 runs the check files of six steps), and a step
  // may ask for more (step 06's own checks run the learner's suite some twenty times).
  const maxMs = (options.maxMs ?? Math.max(step.runAtLeastMs ?? 180_000, allFiles.length * 30_000)) * scale;
  const groupOf = (file: string) => (stepOfCheckFile(file) === step.slug ? ('new' as const) : ('earlier' as const));
  const stepOf = stepOfCheckFile;

  const result: RunResult = { step: step.slug, target, results: [], durationMs: 0 };
  if (!fs.existsSync(target)) {
    result.problem = { kind: 'runner', message: `${shortPath(target)} does not exist` };
    return result;
  }
  if (allFiles.length === 0) {
    result.problem = { kind: 'runner', message: `no check file for ${step.slug} (looked for ${shortPath(checkFile(step.slug))})` };
    return result;
  }
  const database = describeCheckDatabase(target);
  if (database) result.database = database;

  const server = options.server ?? new CheckServer(allFiles, await serverEnv(options.env));
  const ownServer = !options.server;
  try {
    // Which checks, in which files: a number names one check of the checklist.
    let files = allFiles;
    let pattern: string | undefined;
    let flags: string | undefined;
    let only = options.only;
    // A run narrowed by --only still lists the whole checklist (skipped), numbered as in a full run.
    const listed = only !== undefined ? rememberedChecklist(step) : undefined;
    if (only !== undefined && /^\d+$/.test(only.trim())) {
      const list = await listChecks(step, target, server, options.earlier !== false);
      if ('error' in list) {
        result.problem = { kind: 'load', message: list.error };
        return result;
      }
      const n = Number(only.trim());
      const picked = list[n - 1];
      if (!picked) {
        result.problem = { kind: 'runner', message: `there is no check number ${n}: ${step.slug} has ${list.length} (numbered in the checklist)` };
        return result;
      }
      only = undefined;
      options = { ...options, checks: [picked] };
    }
    if (options.checks) {
      // In the order asked for: the file of the first check starts first.
      const wanted = [...new Set(options.checks.map((c) => c.file))];
      files = wanted.map((name) => allFiles.find((f) => path.basename(f) === name)).filter((f): f is string => f !== undefined);
      pattern = `^${anyOf(options.checks.map((c) => c.title))}`;
    } else if (options.skip?.length) {
      pattern = `^(?!${anyOf(options.skip.map((c) => c.title))})`;
    } else if (only !== undefined) {
      pattern = escapeRe(only);
      flags = 'i';
      // Collecting a check file costs about a second, and step 05 has twenty: when the remembered
      // checklist says which files hold the matching checks, only those run.
      const re = new RegExp(pattern, flags);
      const holding = new Set((listed ?? []).filter((c) => re.test([...(c.path ?? []), c.title].join(' '))).map((c) => c.file));
      if (holding.size > 0) files = allFiles.filter((f) => holding.has(path.basename(f)));
    }
    const filesOrder = new Map(allFiles.map((f, i) => [path.basename(f), i]));

    const byKey = new Map<string, CheckResult & { order: number }>();
    const testOrder = new Map<string, number>();
    const record = (file: string, p: string[], title: string, patch: Partial<CheckResult>) => {
      const k = key(file, p, title);
      const existing = byKey.get(k) ?? {
        title,
        path: p,
        checkStep: stepOf(file),
        file,
        group: groupOf(file),
        state: 'skip' as const,
        durationMs: 0,
        order: (filesOrder.get(file) ?? 999) * 10_000 + (testOrder.get(k) ?? 9_999),
      };
      byKey.set(k, { ...existing, ...patch });
    };
    if (listed && files !== allFiles) {
      const seen = new Map<string, number>();
      for (const c of listed) {
        if (!filesOrder.has(c.file) || files.some((f) => path.basename(f) === c.file)) continue;
        const n = seen.get(c.file) ?? 0;
        seen.set(c.file, n + 1);
        testOrder.set(key(c.file, c.path ?? [], c.title), n);
        record(c.file, c.path ?? [], c.title, {});
      }
    }
    const running = new Map<string, { file: string; path: string[]; title: string }>();
    const fileErrors: string[] = [];
    const learnerCodeErrors = new Set<string>();
    fs.mkdirSync(scratchDir, { recursive: true });
    const progressFile = path.join(scratchDir, `progress-${process.pid}-${Date.now()}-${Math.random().toString(36).slice(2, 6)}.log`);
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
    let lastProgress = Date.now();
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
    const env = runEnv(step, target, options.env, {
      [ENV.timeScale]: String(scale),
      [ENV.progressFile]: progressFile,
      [ENV.runId]: runId,
      [ENV.dbDialect]: db.dialect,
      [ENV.mysqlUrl]: db.serverUrl,
      [ENV.seed]: options.seed,
    });

    // The stall clock starts once vitest is up: starting it is not the learner's code.
    await server.warm();
    lastProgress = Date.now();
    let killedFor: RunProblem | undefined;
    let armed = false;
    let stuckTitle: string | undefined;
    const finishedTitles = new Set<string>();
    const runStarted = Date.now();
    // Stops the run when the worker stops showing signs of life (learner code blocking its thread:
    // a busy loop), or after the hard limit. A slow machine keeps the heartbeat going.
    const watchdog = setInterval(() => {
      if (killedFor) return;
      const now = Date.now();
      // Until the first file is collected, only our own start-up runs (a worker loading vitest
      // and the packages): no learner code yet, so only the hard limit applies.
      const stalled = armed && now - lastSignOfLife() > stallMs;
      if (!stalled && now - runStarted < maxMs) return;
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
      server.cancel();
    }, 250);

    const onAbort = () => {
      killedFor = { kind: 'runner', message: 'cancelled' };
      server.cancel();
    };
    if (options.signal?.aborted) onAbort();
    options.signal?.addEventListener('abort', onAbort, { once: true });

    const onEvent = (event: ChildEvent) => {
      lastProgress = Date.now();
      armed = true;
      options.onEvent?.(event);
      switch (event.type) {
        case 'collected':
          event.tests.forEach((t, i) => {
            testOrder.set(key(event.file, t.path, t.title), i);
            record(event.file, t.path, t.title, {});
          });
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
            ...(event.needs && { needs: event.needs }),
          });
          if (event.learnerCode) learnerCodeErrors.add(event.learnerCode);
          break;
        case 'file-error':
          // A run that was stopped fails its files on purpose: that is not a crash to report.
          if (!killedFor) fileErrors.push(`${event.file}: ${event.message}`);
          break;
        case 'done':
          done = true;
          break;
      }
    };

    const end = killedFor ? ({ kind: 'finished' } as RunEnd) : await server.run({ type: 'run', files, pattern, flags, env, target }, onEvent);
    clearInterval(watchdog);
    options.signal?.removeEventListener('abort', onAbort);

    // A check that started but never reported, in a run that ended on its own: its result was lost
    // on the way (seen once with the process held to a fifth of a core). That is no verdict on the
    // learner's code: it runs once more, on its own, before anything is said about it.
    if (!killedFor && end.kind === 'finished' && running.size > 0 && !options.lostResultsRerun) {
      const lost = [...running.values()];
      const again = await runChecks({ ...options, only: undefined, skip: undefined, server, checks: lost.map((r) => ({ file: r.file, title: r.title })), lostResultsRerun: true });
      for (const r of again.results) {
        if (r.state === 'skip' || !r.file) continue;
        running.delete(key(r.file, r.path, r.title));
        const { title: _t, path: _p, file: _f, checkStep: _c, group: _g, ...outcome } = r;
        record(r.file, r.path, r.title, outcome);
      }
    }
    for (const r of running.values()) {
      record(r.file, r.path, r.title, { state: 'fail', message: killedFor?.message ?? 'did not finish' });
    }
    result.results = [...byKey.values()].sort((a, b) => a.order - b.order).map(({ order: _order, ...r }) => r);
    if (killedFor) {
      for (const r of result.results) {
        if (r.state !== 'skip' || r.message) continue;
        if (pattern !== undefined && !matches(r, pattern, flags)) continue;
        r.state = 'fail';
        r.message = r.title === stuckTitle ? killedFor.message : 'not run: the run was stopped before this check';
      }
    }
    fs.rmSync(progressFile, { force: true });
    // A killed run cannot clean up after itself: drop its throw-away databases from here.
    if (db.serverUrl) await dropRunSchemas(db.serverUrl, runId);
    dropRunFiles(runId);

    // Every file was collected (a pattern only skips checks, they are still listed): the checklist is whole.
    if (!killedFor && files === allFiles && options.earlier !== false && fileErrors.length === 0 && end.kind === 'finished' && done) {
      rememberChecklist(step, allFiles, result.results.map((r) => ({ file: fileOf(r, allFiles), title: r.title, ...(r.path.length > 0 && { path: r.path }) })));
    }
    if (killedFor) result.problem = killedFor;
    else if (learnerCodeErrors.size === 1 && result.results.filter((r) => r.state !== 'skip').every((r) => r.state === 'fail')) {
      result.problem = { kind: 'load', message: [...learnerCodeErrors][0] };
    } else if (fileErrors.length > 0) {
      result.problem = { kind: 'crash', message: fileErrors[0], details: fileErrors.slice(1) };
    } else if (end.kind === 'exited' || !done) {
      result.problem = {
        kind: 'crash',
        message: `the check process stopped unexpectedly (exit code ${end.kind === 'exited' ? (end.code ?? end.signal) : 'unknown'})`,
        details: server.output.slice(-15),
      };
    } else if (result.results.length === 0) {
      result.problem = { kind: 'runner', message: `no checks were found in ${files.map(shortPath).join(', ')}` };
    }
    result.durationMs = Date.now() - started;
    return result;
  } finally {
    if (ownServer) await server.close();
  }
}

/** The check file of a result. */
const fileOf = (r: CheckResult, files: string[]): string => r.file ?? path.basename(files.find((f) => stepOfCheckFile(f) === r.checkStep) ?? '');

/** Whether a check was part of a run restricted by a pattern (as vitest matches it). */
const matches = (r: CheckResult, pattern: string, flags?: string): boolean => new RegExp(pattern, flags).test([...r.path, r.title].join(' '));

/** The folder a step's project is checked in, for each kind of target. */
export function targetFor(step: Step, kind: 'workspace' | 'solution' | 'starter', customRoot?: string): string {
  if (customRoot) return path.join(path.resolve(customRoot), step.slug);
  return kind === 'solution' ? solutionDir(step) : kind === 'starter' ? starterDir(step) : workspaceDir(step);
}

export { STEPS };
