import type { CheckResult, RunResult } from '../lib/results.js';
import { counts, runPassed } from '../lib/results.js';
import { shortPath } from '../lib/paths.js';
import { findStep, STEPS } from '../lib/steps.js';
import { c, npmRun, sym } from '../lib/ui.js';

const indent = (text: string, pad: string): string =>
  text
    .split('\n')
    .map((l) => pad + l)
    .join('\n');

function line(r: CheckResult, n: number, width: number, stale: boolean): string {
  const num = c.dim(String(n).padStart(width));
  if (stale) return `  ${c.dim(`${r.state === 'pass' ? sym.pass : r.state === 'fail' ? sym.fail : sym.skip} ${String(n).padStart(width)} ${r.title} …`)}`;
  if (r.state === 'pass') return `  ${c.green(sym.pass)} ${num} ${r.title}`;
  if (r.state === 'skip') return `  ${c.dim(`${sym.skip} ${String(n).padStart(width)} ${r.title}`)}`;
  if (r.blocked) return `  ${c.yellow(sym.skip)} ${num} ${r.title}${c.dim(` (needs ${r.needs ?? "this step's work first"})`)}`;
  return `  ${c.red(sym.fail)} ${num} ${r.title}${r.timedOut ? c.yellow(' (timed out)') : ''}`;
}

/** A check's title inside a sentence, in quotes it does not contain itself. */
export function quoted(title: string): string {
  for (const [open, close] of [['"', '"'], ["'", "'"], ['“', '”'], ['«', '»']]) {
    if (!title.includes(open) && !title.includes(close)) return `${open}${title}${close}`;
  }
  return `[${title}]`;
}

/** The line that ends a passing step: the next step's command and what it adds (or what is coming). */
export function nextStepLine(current: string): string {
  const step = findStep(current);
  const after = STEPS.find((s) => s.number === step.number + 1);
  if (after?.available) return `on to ${after.slug}: ${npmRun('step', String(after.number))} ${sym.dot} ${after.summary}`;
  if (after) return `that was the last step ready. Coming next: ${after.slug} (${after.summary}). See where you are: ${npmRun('progress')}`;
  return `that was the last step: well done! See where you are: ${npmRun('progress')}`;
}

/** The first failure of the step's own work, or else of earlier steps: the one to fix next. */
export function firstFailure(run: RunResult): CheckResult | undefined {
  return run.results.find((r) => r.state === 'fail' && r.group === 'new') ?? run.results.find((r) => r.state === 'fail');
}

export interface PrettyOptions {
  /** Explain every failure, not only the first. */
  verbose?: boolean;
  /** Heading line; default names the step and the target. */
  heading?: boolean;
  /** Results not re-run since the last save (watch mode): shown dim, with "…". */
  stale?: ReadonlySet<CheckResult>;
  /** The closing "N/M checks pass" line (default true). */
  verdict?: boolean;
}

/** The checklist a learner reads: ✓/✗ per requirement, the first failure explained. */
export function renderChecklist(run: RunResult, options: PrettyOptions = {}): string {
  const step = findStep(run.step);
  const lines: string[] = [];
  if (options.heading !== false) lines.push(c.bold(`Step ${step.slug} ${sym.dot} ${step.title}`) + c.dim(`  (checking ${shortPath(run.target)})`));
  if (run.database) lines.push(c.dim(`Database of the checks: ${run.database}`));

  const first = firstFailure(run);
  const loadProblem = run.problem?.kind === 'load';
  if (run.problem) {
    const label = { load: 'Your project does not load', timeout: 'The check run was stopped', crash: 'The checks crashed', runner: 'Could not run the checks' }[run.problem.kind];
    lines.push('', c.red(c.bold(`${label}:`)), `  ${run.problem.message}`);
    for (const d of run.problem.details ?? []) lines.push(c.dim(`  | ${d}`));
  }

  const groups: [CheckResult['group'], string][] = [
    ['new', 'This step'],
    ['earlier', 'Still working from earlier steps'],
  ];
  // Numbered in checklist order: `npm run check N -- --only <number>` runs one.
  const numbers = new Map(run.results.map((r, i) => [r, i + 1]));
  const width = String(run.results.length).length;
  for (const [group, label] of groups) {
    const rs = run.results.filter((r) => r.group === group);
    if (rs.length === 0) continue;
    const { passed, total } = counts(run, group);
    // Earlier steps' checks are a safety net: one line while they hold, only the broken ones when not.
    const shown = group === 'earlier' && !options.verbose ? rs.filter((r) => r.state !== 'pass') : rs;
    const allGood = group === 'earlier' && shown.length === 0;
    lines.push('', c.bold(`${label}`) + c.dim(` ${passed}/${total}`) + (allGood ? ` ${c.green(sym.pass)}` : ''));
    for (const r of shown) {
      const stale = options.stale?.has(r) ?? false;
      lines.push(line(r, numbers.get(r) ?? 0, width, stale));
      const explain = !stale && r.state === 'fail' && r.message && !loadProblem && (options.verbose || r === first);
      if (explain) lines.push(c.yellow(indent(r.message ?? '', '      ')));
    }
  }

  if (options.verdict === false) return lines.join('\n');
  const { passed, total } = counts(run);
  const seconds = (run.durationMs / 1000).toFixed(1);
  const verdict = runPassed(run) ? c.green(c.bold('All checks pass')) : c.red(c.bold(`${passed}/${total} checks pass`));
  lines.push('', `${verdict} ${c.dim(`${sym.dot} ${seconds} s`)}`);
  return lines.join('\n');
}
