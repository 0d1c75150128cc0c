import fs from 'node:fs';
import { fingerprint } from './fsutil.js';
import { readProgress, recordProgress, type StepProgress } from './progress.js';
import { runChecks } from './run-checks.js';
import type { RunResult } from './results.js';
import type { Step } from './steps.js';
import { workspaceDir } from './workspace.js';

/**
 * The learner's result for a step: from the last recorded run when their files have not changed
 * since, otherwise by running the checks now. Undefined when the step was never started.
 */
export async function currentProgress(step: Step, { fresh = false } = {}): Promise<StepProgress | undefined> {
  const dir = workspaceDir(step);
  if (!fs.existsSync(dir)) return undefined;
  const known = readProgress()[step.slug];
  if (!fresh && known && known.fingerprint === fingerprint(dir)) return known;
  return (await checkWorkspace(step)).progress;
}

/**
 * Runs the checks on the learner's copy of a step and remembers the result. The fingerprint is
 * taken before the run: a file saved while the checks run makes the record stale, as it should.
 */
export async function checkWorkspace(step: Step, signal?: AbortSignal): Promise<{ run: RunResult; progress: StepProgress }> {
  const dir = workspaceDir(step);
  const print = fingerprint(dir);
  const run = await runChecks({ step, target: dir, signal });
  return { run, progress: recordProgress(run, print) };
}
