/**
 * The checks of watch mode. On every save: the checks that were failing run first, on their own
 * (the verdict the learner is waiting for, in about a second), then every other check, this
 * step's before the earlier steps'. Results stream into the checklist as they come; a newer
 * save cancels the cycle in progress. The vitest process stays warm between cycles.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fingerprint } from './fsutil.js';
import { dirs } from './paths.js';
import { readProgress, recordProgress } from './progress.js';
import type { ChildEvent, CheckResult, RunProblem, RunResult } from './results.js';
import { CheckServer, describeCheckDatabase, runChecks, runFiles, stepOfCheckFile, type CheckRef } from './run-checks.js';
import type { Step } from './steps.js';

/** How many previously failing checks run ahead of the others. */
const FOCUS = 3;

const keyOf = (r: { file?: string; title: string }) => `${r.file ?? ''}\u0000${r.title}`;

/** The check files and support code as they are now: a change (an author editing) needs a new vitest. */
function checksStamp(target: string): string {
  // The project's compiler settings are read once by vitest too.
  const stamp: string[] = ['tsconfig.json', 'package.json'].map((f) => {
    try {
      const st = fs.statSync(path.join(target, f));
      return `${f}:${st.mtimeMs}:${st.size}`;
    } catch {
      return `${f}:-`;
    }
  });
  for (const sub of ['', 'support']) {
    const dir = path.join(dirs.checks, sub);
    for (const f of fs.existsSync(dir) ? fs.readdirSync(dir) : []) {
      const st = fs.statSync(path.join(dir, f));
      if (st.isFile()) stamp.push(`${sub}/${f}:${st.mtimeMs}:${st.size}`);
    }
  }
  return stamp.join(';');
}

export interface LiveView {
  /** The checklist as it stands, in checklist order; undefined before the first result. */
  run?: RunResult;
  /** Checks not re-run yet since the last save. */
  stale: Set<CheckResult>;
  /** A cycle is in progress: `focus` while the previously failing checks run. */
  phase?: 'focus' | 'rest';
  /** The last complete cycle's verdict, for the "Next:" line. */
  complete?: RunResult;
}

export class CheckLoop {
  private server: CheckServer;
  private stamp: string;
  private controller?: AbortController;
  private queue: Promise<void> = Promise.resolve();
  private closed = false;
  private results = new Map<string, CheckResult>();
  private order: string[] = [];
  private staleKeys = new Set<string>();
  private problem?: RunProblem;
  private phase?: 'focus' | 'rest';
  private complete?: RunResult;
  private durationMs = 0;
  /** The checks to run first, by file and title. */
  private failing: CheckRef[];

  constructor(
    private readonly step: Step,
    private readonly dir: string,
    /** Called whenever the view changes; `result` is a result as it arrives (`verdict` the cycle's first), `done` its end. */
    private readonly onChange: (event?: { result?: CheckResult; verdict?: CheckResult; done?: RunResult }) => void,
  ) {
    this.server = new CheckServer(runFiles(step));
    this.stamp = checksStamp(dir);
    // What failed when the learner last stopped is what they are working on.
    this.failing = readProgress()[step.slug]?.failing ?? [];
  }

  /** Starts vitest ahead of the first run. */
  warm(): void {
    void this.server.warm();
  }

  /** The checklist to show now. */
  view(): LiveView {
    const results = this.ordered();
    const run: RunResult | undefined = results.length || this.problem
      ? { step: this.step.slug, target: this.dir, results, durationMs: this.durationMs, ...(this.problem && { problem: this.problem }), ...(describeCheckDatabase(this.dir) && { database: describeCheckDatabase(this.dir) }) }
      : undefined;
    const stale = new Set(results.filter((r) => this.staleKeys.has(keyOf(r))));
    return { run, stale, phase: this.phase, complete: this.complete };
  }

  /** Runs a new cycle, cancelling the one in progress. */
  trigger(): void {
    this.enqueue((signal) => this.cycle(signal));
  }

  /**
   * Runs one check of the checklist alone (the step page's "Run alone"), cancelling the cycle in
   * progress. Its result replaces the old one; the rest of the checklist stays as it was. Returns
   * false when the checklist has no such check.
   */
  runOne(ref: CheckRef): boolean {
    const known = this.results.get(keyOf(ref));
    if (!known) return false;
    this.enqueue(async (signal) => {
      this.staleKeys = new Set([keyOf(ref)]);
      this.phase = 'focus';
      this.onChange();
      const run = await runChecks({ step: this.step, target: this.dir, server: this.server, checks: [{ file: ref.file, title: ref.title, path: known.path }], signal, onEvent: (event) => {
        const r = this.take(event, signal);
        if (r) this.onChange({ result: r, verdict: r });
      } });
      if (signal.aborted) return;
      this.staleKeys = new Set();
      this.phase = undefined;
      this.problem = run.problem;
      this.onChange();
    });
    return true;
  }

  private enqueue(work: (signal: AbortSignal) => Promise<void>): void {
    this.controller?.abort();
    const controller = new AbortController();
    this.controller = controller;
    this.queue = this.queue
      .then(() => (controller.signal.aborted || this.closed ? undefined : work(controller.signal)))
      .catch((err: unknown) => {
        this.problem = { kind: 'runner', message: `the runner failed to run the checks: ${(err as Error)?.message ?? err}` };
        this.phase = undefined;
        this.onChange();
      });
  }

  async close(): Promise<void> {
    this.closed = true;
    this.controller?.abort();
    await this.server.close();
  }

  /** Last resort (the runner is exiting): kills the check processes synchronously. */
  kill(): void {
    this.server.kill();
  }

  private ordered(): CheckResult[] {
    const seen = new Set(this.order);
    const extra = [...this.results.keys()].filter((k) => !seen.has(k));
    return [...this.order, ...extra].map((k) => this.results.get(k)).filter((r): r is CheckResult => r !== undefined);
  }

  /** A result as it arrives: shown at once. */
  private take(event: ChildEvent, signal: AbortSignal): CheckResult | undefined {
    if (signal.aborted || event.type !== 'result' || event.state === 'skip') return undefined;
    const group = stepOfCheckFile(event.file) === this.step.slug ? 'new' : 'earlier';
    const r: CheckResult = {
      title: event.title,
      path: event.path,
      checkStep: stepOfCheckFile(event.file),
      file: event.file,
      group,
      state: event.state,
      durationMs: event.durationMs,
      ...(event.message !== undefined && { message: event.message }),
      ...(event.lesson !== undefined && { lesson: event.lesson }),
      ...(event.covers !== undefined && { covers: event.covers }),
      ...(event.timedOut && { timedOut: true }),
    };
    const k = keyOf(r);
    this.results.set(k, r);
    this.staleKeys.delete(k);
    return r;
  }

  private async cycle(signal: AbortSignal): Promise<void> {
    const { step, dir } = this;
    const started = Date.now();
    const print = fingerprint(dir);
    const stamp = checksStamp(dir);
    if (stamp !== this.stamp) {
      // The checks themselves changed: a fresh vitest reads them.
      this.stamp = stamp;
      await this.server.close();
      this.server = new CheckServer(runFiles(step));
    }
    this.staleKeys = new Set(this.results.keys());
    // The quickest of what was failing first: its verdict is on screen soonest.
    const took = (ref: CheckRef) => this.results.get(keyOf(ref))?.durationMs ?? Number.MAX_SAFE_INTEGER;
    const focus = this.failing.slice(0, FOCUS).sort((a, b) => took(a) - took(b));
    let verdictShown = false;
    const onEvent = (event: ChildEvent) => {
      const r = this.take(event, signal);
      if (!r) return;
      this.durationMs = Date.now() - started;
      if (!verdictShown) {
        verdictShown = true;
        this.onChange({ result: r, verdict: r });
      } else this.onChange({ result: r });
    };

    if (focus.length) {
      this.phase = 'focus';
      this.onChange();
      const first = await runChecks({ step, target: dir, server: this.server, checks: focus, signal, onEvent });
      if (signal.aborted) return;
      for (const r of first.results) if (r.state !== 'skip') this.results.set(keyOf(r), r);
      if (first.problem) {
        // The project does not load, or it blocked the checks: every other check would say the same.
        this.problem = first.problem;
        return this.finish(started, print, first);
      }
    }
    this.phase = 'rest';
    this.onChange();
    const rest = await runChecks({ step, target: dir, server: this.server, skip: focus.length ? focus : undefined, signal, onEvent });
    if (signal.aborted) return;
    // The complete checklist, in the order of the full run, with the focus results where they ran.
    const fresh = new Map<string, CheckResult>();
    for (const r of rest.results) {
      const k = keyOf(r);
      fresh.set(k, r.state === 'skip' && this.results.has(k) && !this.staleKeys.has(k) ? (this.results.get(k) as CheckResult) : r);
    }
    this.results = fresh;
    this.order = rest.results.map(keyOf);
    this.problem = rest.problem;
    this.finish(started, print, rest);
  }

  private finish(started: number, print: string, last: RunResult): void {
    // Checks a stopped cycle never reached have no verdict: they count as failing until they run.
    for (const k of this.staleKeys) {
      const r = this.results.get(k);
      if (r && this.problem) this.results.set(k, { ...r, state: 'fail', message: 'not run: see the problem above' });
    }
    this.staleKeys = new Set();
    this.phase = undefined;
    this.durationMs = Date.now() - started;
    const run: RunResult = { ...last, results: this.ordered(), durationMs: this.durationMs, ...(this.problem ? { problem: this.problem } : { problem: undefined }) };
    if (!run.problem) delete run.problem;
    this.complete = run;
    // New failures first: that is what the learner works on next.
    const failed = run.results.filter((r) => r.state === 'fail');
    this.failing = [...failed.filter((r) => r.group === 'new'), ...failed.filter((r) => r.group !== 'new')].map((r) => ({ file: r.file ?? '', title: r.title }));
    if (run.problem?.kind !== 'runner') recordProgress(run, print);
    this.onChange({ done: run });
  }
}
