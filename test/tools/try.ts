/**
 * For whoever writes checks: runs a step's checks against a wrong submission or a correct
 * variant, the way the workshop's tests do, and prints the checklist.
 *
 *   node --import tsx test/tools/try.ts wrong 02-api/no-tiebreak [--all] [--seed N]
 *   node --import tsx test/tools/try.ts variant 02-api/router-per-resource
 *   node --import tsx test/tools/try.ts solution 02-api | starter 02-api [--own] [--only <text>]
 *   node --import tsx test/tools/try.ts dir 08-deploy path/to/a/folder [--own] [--only <text>]
 *
 * By default a wrong submission runs only the check meant to catch it; --all runs every check.
 * --own leaves out the earlier steps' checks; --only runs the checks whose title contains the text.
 * WORKSHOP_DB_DIALECT=mysql runs it on MySQL/MariaDB. A step that is not available yet needs
 * WORKSHOP_DEV_STEPS=1.
 */
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { copyProject } from '../../runner/lib/fsutil.js';
import { ROOT } from '../../runner/lib/paths.js';
import { runChecks } from '../../runner/lib/run-checks.js';
import { findAvailableStep } from '../../runner/lib/steps.js';
import { solutionDir, starterDir } from '../../runner/lib/workspace.js';
import { renderChecklist } from '../../runner/reporters/pretty.js';
import { applyVariant, applyWrong } from '../support/submissions.js';
import type { WrongSubmission } from '../wrong/types.js';
import { scratch } from '../support/cli.js';

const [kind, name, ...rest] = process.argv.slice(2);
const all = rest.includes('--all');
const own = rest.includes('--own');
const onlyAt = rest.indexOf('--only');
const onlyText = onlyAt >= 0 ? rest[onlyAt + 1] : undefined;
const seedAt = rest.indexOf('--seed');
const seed = seedAt >= 0 ? rest[seedAt + 1] : undefined;
if (!kind || !name) {
  console.error('usage: try.ts wrong|variant <step>/<name> [--all] [--seed N] | solution|starter <step> [--own] [--only <text>] | dir <step> <folder>');
  process.exit(2);
}
const slug = name.split('/')[0];
const step = findAvailableStep(slug);
let target: string;
let only: string | undefined = onlyText;
let cleanup = () => undefined as void;
if (kind === 'solution' || kind === 'starter') {
  target = kind === 'solution' ? solutionDir(step) : starterDir(step);
} else if (kind === 'dir') {
  target = path.resolve(rest[0]);
} else {
  const root = scratch(`try-${kind}`);
  cleanup = () => fs.rmSync(root, { recursive: true, force: true });
  target = path.join(root, step.slug);
  copyProject(solutionDir(step), target);
  if (kind === 'wrong') {
    const file = path.join(ROOT, 'test', 'wrong', `${name}.ts`);
    const wrong = ((await import(pathToFileURL(file).href)) as { default: WrongSubmission }).default;
    applyWrong(target, wrong);
    console.log(`${wrong.description}\nmeant to be caught by: ${wrong.caughtBy}\n`);
    if (!all) only = wrong.caughtBy;
  } else {
    applyVariant(target, path.join(ROOT, 'test', 'variants', name));
  }
}
const run = await runChecks({ step, target, only, seed, ...(own && { earlier: false }) });
console.log(renderChecklist(run, { verbose: true }));
cleanup();
process.exit(0);
