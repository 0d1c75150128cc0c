/**
 * The protocol between the runner and the checks: the environment the runner gives the check
 * process, the events the check process sends back, and the result every reporter (terminal,
 * JSON, JUnit) reads. Declared once, here, for both sides.
 */

/** Environment variables the runner sets for the check process (and a learner may set too). */
export const ENV = {
  /** The step folder under test. */
  target: 'WORKSHOP_TARGET',
  /** The step being checked: earlier steps' checks use it to speak that step's lesson. */
  step: 'WORKSHOP_STEP',
  /** How much slower this machine is than the development machine (budgets are multiplied by it). */
  timeScale: 'WORKSHOP_TIME_SCALE',
  /** The seed of the model-based checks (`--seed`), to replay a failing sequence. */
  seed: 'WORKSHOP_SEED',
  /** A file the check worker writes to while it is alive (and names each check it starts). */
  progressFile: 'WORKSHOP_PROGRESS_FILE',
  /** Names the throw-away databases of one run, so the runner can drop them whatever happens. */
  runId: 'WORKSHOP_RUN_ID',
  dbDialect: 'WORKSHOP_DB_DIALECT',
  mysqlUrl: 'WORKSHOP_MYSQL_URL',
} as const;

/**
 * Lines of the progress file, one JSON object each. The worker writes them synchronously, so
 * they are there even when learner code then blocks the thread for good.
 */
export type ProgressLine = { started: string } | { loading: string } | { loaded: string };

export type CheckState = 'pass' | 'fail' | 'skip';

export interface CheckResult {
  /** Requirement title, in the learner's words. */
  title: string;
  /** The describe blocks above it, outermost first. */
  path: string[];
  /** The step whose check file holds this requirement. */
  checkStep: string;
  /** The check file's name (`02-api.test.ts`): with the title, it names the check. */
  file?: string;
  /** `new`: this step's work. `earlier`: a requirement of an earlier step that must keep working. */
  group: 'new' | 'earlier';
  state: CheckState;
  durationMs: number;
  /** For failures: the explanation (expected / got / lesson), first error only. */
  message?: string;
  /** For failures: `docs/NN-slug.md#anchor` when the check names one. */
  lesson?: string;
  /** The lesson's requirements this check enforces (`02-api#create-201`), see docs/authoring.md. */
  covers?: string[];
  /** The failure is a timeout, not a verdict on the code: never routed to a content hint. */
  timedOut?: boolean;
  /** An earlier step's check that builds on this step's new work, not done yet (not a regression). */
  blocked?: boolean;
  /** What a blocked check waits for, when it is not this step's work ("a Redis server"). */
  needs?: string;
}

export type ProblemKind = 'load' | 'timeout' | 'crash' | 'runner';

/** Something that stopped the checks from running normally. */
export interface RunProblem {
  kind: ProblemKind;
  /** One line, with file:line where there is one. */
  message: string;
  /** Extra lines (the last output of a process) where they help. */
  details?: string[];
}

export interface RunResult {
  step: string;
  /** The folder that was checked. */
  target: string;
  results: CheckResult[];
  problem?: RunProblem;
  durationMs: number;
  /** Where the checks ran their databases (from step 03), for the checklist header. */
  database?: string;
}

export const counts = (run: RunResult, group?: CheckResult['group']) => {
  const rs = group ? run.results.filter((r) => r.group === group) : run.results;
  return {
    total: rs.length,
    passed: rs.filter((r) => r.state === 'pass').length,
    failed: rs.filter((r) => r.state === 'fail').length,
  };
};

/** A run passes when every check ran and passed. */
export const runPassed = (run: RunResult): boolean =>
  !run.problem && run.results.length > 0 && run.results.every((r) => r.state !== 'fail');

/** Messages sent from the vitest process to the runner, one per event. */
export type ChildEvent =
  | { type: 'collected'; file: string; tests: { title: string; path: string[] }[] }
  | { type: 'started'; file: string; title: string; path: string[] }
  | {
      type: 'result';
      file: string;
      title: string;
      path: string[];
      state: CheckState;
      durationMs: number;
      message?: string;
      lesson?: string;
      covers?: string[];
      timedOut?: boolean;
      blocked?: boolean;
      needs?: string;
      learnerCode?: string;
    }
  | { type: 'file-error'; file: string; message: string }
  | { type: 'done' };
