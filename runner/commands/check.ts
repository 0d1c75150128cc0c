import fs from 'node:fs';
import path from 'node:path';
import { str, type ParsedArgs } from '../lib/args.js';
import type { Command } from '../lib/command.js';
import { UsageError } from '../lib/errors.js';
import { checkWorkspace } from '../lib/current-run.js';
import { shortPath } from '../lib/paths.js';
import type { RunResult } from '../lib/results.js';
import { runPassed } from '../lib/results.js';
import { runChecks, targetFor } from '../lib/run-checks.js';
import { availableSteps, findAvailableStep, type Step } from '../lib/steps.js';
import { c, next, npmRun, out } from '../lib/ui.js';
import { firstFailure, renderChecklist } from '../reporters/pretty.js';
import { renderJson } from '../reporters/json.js';
import { renderJunit } from '../reporters/junit.js';

type Kind = 'workspace' | 'solution' | 'starter';

function targetKind(flags: ParsedArgs['flags']): { kind: Kind; root?: string } {
  const chosen = [flags.solution && '--solution', flags.starter && '--starter', flags.target && '--target'].filter(Boolean);
  if (chosen.length > 1) throw new UsageError(`choose one of ${chosen.join(', ')}`);
  if (flags.target !== undefined) {
    const root = str(flags.target);
    if (!root) throw new UsageError('--target needs a folder');
    if (!fs.existsSync(root) || !fs.statSync(root).isDirectory()) throw new UsageError(`--target ${root}: no such folder`);
    return { kind: 'workspace', root: path.resolve(root) };
  }
  return { kind: flags.solution ? 'solution' : flags.starter ? 'starter' : 'workspace' };
}

/** A step that was never started has nothing to check: report it as one failed line. */
function notStarted(step: Step, target: string): RunResult {
  return {
    step: step.slug,
    target,
    results: [],
    durationMs: 0,
    problem: { kind: 'runner', message: `${shortPath(target)} does not exist yet: run ${npmRun('step', String(step.number))} to start this step` },
  };
}

const command: Command = {
  options: {
    solution: { description: 'check the reference solutions/ instead of your workspace/' },
    starter: { description: 'check the pristine starters in steps/ (they should fail)' },
    target: { value: true, description: 'check the step folders inside this folder (shaped like steps/)' },
    all: { description: 'check every step' },
    reporter: { value: true, description: 'pretty (default), json or junit' },
    out: { value: true, description: 'write the report to this file instead of the terminal' },
    verbose: { description: 'explain every failure, not only the first' },
    only: { value: true, description: 'run only the checks whose title contains this text' },
    seed: { value: true, description: 'the seed for the checks that try random sequences (printed when one fails), to replay it' },
  },
  async run({ positionals, flags }) {
    const reporter = str(flags.reporter) ?? 'pretty';
    if (!['pretty', 'json', 'junit'].includes(reporter)) throw new UsageError(`--reporter must be pretty, json or junit (got "${reporter}")`);
    if (positionals.length > 1) throw new UsageError(`check takes one step (got ${positionals.join(' ')})`);
    if (!flags.all && positionals.length === 0) throw new UsageError(`which step? e.g. ${npmRun('check', '1')}, or ${npmRun('check', '-- --all')}`);
    const steps = flags.all ? availableSteps() : [findAvailableStep(positionals[0])];
    const { kind, root } = targetKind(flags);
    const pretty = reporter === 'pretty' && !flags.out;

    // Ctrl-C stops the run in progress cleanly: its processes killed, its MySQL schemas dropped.
    const interrupted = new AbortController();
    const onSignal = () => interrupted.abort();
    process.once('SIGINT', onSignal);
    process.once('SIGTERM', onSignal);

    const runs: RunResult[] = [];
    for (const step of steps) {
      if (interrupted.signal.aborted) break;
      const target = targetFor(step, kind, root);
      if (!fs.existsSync(target)) {
        runs.push(notStarted(step, target));
      } else {
        // The learner's own copy: remember the result for `progress` and `hint`.
        const own = kind === 'workspace' && !root;
        const only = str(flags.only);
        const seed = str(flags.seed);
        if (seed !== undefined && !/^-?\d+$/.test(seed)) throw new UsageError(`--seed must be a whole number (got "${seed}")`);
        // A partial run (--only, --seed) is not the learner's progress: it is not recorded.
        const record = own && only === undefined && seed === undefined;
        const run = record ? (await checkWorkspace(step, interrupted.signal)).run : await runChecks({ step, target, signal: interrupted.signal, only, seed });
        if (interrupted.signal.aborted) break;
        runs.push(run);
      }
      if (pretty) out(`${renderChecklist(runs[runs.length - 1], { verbose: Boolean(flags.verbose) })}\n`);
    }

    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    if (interrupted.signal.aborted) {
      process.stderr.write('Interrupted: the check run was stopped and cleaned up.\n');
      return 130;
    }

    if (!pretty) {
      const text = reporter === 'junit' ? renderJunit(runs) : reporter === 'json' ? renderJson(runs) : runs.map((r) => renderChecklist(r, { verbose: true })).join('\n\n');
      const file = str(flags.out);
      if (file) {
        fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
        fs.writeFileSync(file, text.endsWith('\n') ? text : `${text}\n`);
        const passed = runs.filter(runPassed).length;
        process.stderr.write(`Wrote ${reporter} report to ${file} (${passed}/${runs.length} steps pass)\n`);
      } else {
        process.stdout.write(text.endsWith('\n') ? text : `${text}\n`);
      }
    } else {
      const failing = runs.find((r) => !runPassed(r));
      if (!failing) {
        const after = steps.length === 1 ? availableSteps().find((s) => s.number === steps[0].number + 1) : undefined;
        if (kind === 'workspace') next(after ? `on to ${after.slug}: ${npmRun('step', String(after.number))}` : `see where you are: ${npmRun('progress')}`);
      } else if (kind === 'workspace') {
        const step = steps.find((s) => s.slug === failing.step);
        const f = firstFailure(failing);
        const n = String(step?.number ?? failing.step);
        if (failing.problem && failing.results.length === 0) next(failing.problem.message);
        else next(`fix ${f ? `"${f.title}"` : 'the problem above'}${f?.lesson ? ` (${f.lesson})` : ''}; stuck? ${npmRun('hint', n)}`);
      } else {
        out(c.dim(kind === 'starter' ? 'Starters are meant to fail their own step: they are where a learner begins.' : ''));
      }
    }
    return runs.every(runPassed) ? 0 : 1;
  },
};

export default command;
