import fs from 'node:fs';
import { fingerprint } from './fsutil.js';
import { readProgress, recordProgress, type StepProgress } from './progress.js';
import { runChecks } from './run-checks.js';
import type { Step } from './steps.js';
import { workspaceDir } from './workspace.js';

/**
 * The learner's result for a step: from the last recorded run when their files have not changed
 * since, otherwise by running the checks now. Undefined when the step was never started.
 */
export async function currentProgress(step: Step, { fresh = false } = {}): Promise<StepProgress | undefined> {
  const dir = workspaceDir(step);
  if (!fs.existsSync(dir)) return undefined;
  const print = fingerprint(dir);
  const known = readProgress()[step.slug];
  if (!fresh && known && known.fingerprint === print) return known;
  const run = await runChecks({ step, target: dir });
  recordProgress(run, print);
  return readProgress()[step.slug];
}
