/** The result of checking one step's project: what every reporter (terminal, JSON, JUnit) reads. */
export type CheckState = 'pass' | 'fail' | 'skip';

export interface CheckResult {
  /** Requirement title, in the learner's words. */
  title: string;
  /** The describe blocks above it, outermost first. */
  path: string[];
  /** The step whose check file holds this requirement. */
  checkStep: string;
  /** `new`: this step's work. `earlier`: a requirement of an earlier step that must keep working. */
  group: 'new' | 'earlier';
  state: CheckState;
  durationMs: number;
  /** For failures: the explanation (expected / got / lesson), first error only. */
  message?: string;
  /** For failures: `docs/NN-slug.md#anchor` when the check names one. */
  lesson?: string;
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
  | { type: 'result'; file: string; title: string; path: string[]; state: CheckState; durationMs: number; message?: string; lesson?: string; learnerCode?: string }
  | { type: 'file-error'; file: string; message: string }
  | { type: 'done' };
