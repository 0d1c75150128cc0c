import type { RunResult } from '../lib/results.js';
import { counts, runPassed } from '../lib/results.js';
import { shortPath } from '../lib/paths.js';

/** Machine-readable results: one object per step run, stable keys, for gradebooks and CI. */
export function renderJson(runs: RunResult[]): string {
  const steps = runs.map((run) => ({
    step: run.step,
    target: shortPath(run.target),
    passed: runPassed(run),
    counts: { ...counts(run), new: counts(run, 'new'), earlier: counts(run, 'earlier') },
    durationMs: run.durationMs,
    ...(run.database && { database: run.database }),
    ...(run.problem && { problem: run.problem }),
    checks: run.results.map((r) => ({
      title: r.title,
      suite: r.path,
      checkStep: r.checkStep,
      ...(r.file && { file: r.file }),
      group: r.group,
      state: r.state,
      durationMs: r.durationMs,
      ...(r.message && { message: r.message }),
      ...(r.lesson && { lesson: r.lesson }),
      // A timeout is not a verdict on the code, and a blocked check waits for other work: a
      // reader of the report (bench:slow, a gradebook script) must be able to tell them apart.
      ...(r.timedOut && { timedOut: true }),
      ...(r.blocked && { blocked: true }),
      ...(r.needs && { needs: r.needs }),
    })),
  }));
  return JSON.stringify({ passed: runs.every(runPassed), steps }, null, 2);
}
