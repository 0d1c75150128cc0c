import fs from 'node:fs';
import path from 'node:path';
import { str, type ParsedArgs } from '../lib/args.js';
import type { Command } from '../lib/command.js';
import { UsageError } from '../lib/errors.js';
import { checkWorkspace } from '../lib/current-run.js';
import { shortPath } from '../lib/paths.js';
import type { RunResult } from '../lib/results.js';
import { runPassed } from '../lib/results.js';
import { CheckServer, runChecks, runFiles, targetFor } from '../lib/run-checks.js';
import { availableSteps, findAvailableStep, type Step } from '../lib/steps.js';
import { c, next, npmRun, out, sym } from '../lib/ui.js';
import { fingerprint } from '../lib/fsutil.js';
import { readProgress, recordProgress } from '../lib/progress.js';
import { runnableCopy, userPath } from '../lib/workspace.js';
import { firstFailure, nextStepLine, quoted, renderChecklist } from '../reporters/pretty.js';
import { renderJson } from '../reporters/json.js';
import { renderJunit } from '../reporters/junit.js';

type Kind = 'workspace' | 'solution' | 'starter';

function targetKind(flags: ParsedArgs['flags']): { kind: Kind; root?: string } {
  const chosen = [flags.solution && '--solution', flags.starter && '--starter', flags.target && '--target'].filter(Boolean);
  if (chosen.length > 1) throw new UsageError(`choose one of ${chosen.join(', ')}`);
  if (flags.target !== undefined) {
    const root = str(flags.target);
    if (!root) throw new UsageError('--target needs a folder');
    const resolved = userPath(root);
    if (!fs.existsSync(resolved) || !fs.statSync(resolved).isDirectory()) throw new UsageError(`--target ${root}: no such folder`);
    return { kind: 'workspace', root: resolved };
  }
  return { kind: flags.solution ? 'solution' : flags.starter ? 'starter' : 'workspace' };
}

/** Runs `work` where the folder's code can import the workshop's packages, and reports the folder asked for. */
async function onCopyIfOutside(target: string, work: (dir: string) => Promise<RunResult>): Promise<RunResult> {
  const place = runnableCopy(target);
  try {
    const run = await work(place.dir);
    if (!place.copied) return run;
    return {
      ...run,
      target,
      results: run.results.map((r) => (r.message === undefined ? r : { ...r, message: place.asAsked(r.message) })),
      ...(run.problem && { problem: { ...run.problem, message: place.asAsked(run.problem.message) } }),
    };
  } finally {
    place.cleanUp();
  }
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

    const only = str(flags.only);
    const seed = str(flags.seed);
    if (seed !== undefined && !/^-?\d+$/.test(seed)) throw new UsageError(`--seed must be a whole number (got "${seed}")`);
    const chosen = [only !== undefined && '--only', flags.failed && '--failed', flags['failing-first'] && '--failing-first'].filter(Boolean);
    if (chosen.length > 1) throw new UsageError(`choose one of ${chosen.join(', ')}`);

    const runs: RunResult[] = [];
    for (const step of steps) {
      if (interrupted.signal.aborted) break;
      const target = targetFor(step, kind, root);
      if (!fs.existsSync(target)) {
        runs.push(notStarted(step, target));
      } else {
        // The learner's own copy: remember the result for `progress` and `hint`.
        const own = kind === 'workspace' && !root;
        // What failed last time (only the learner's own copy has a last time).
        const failing = own ? (readProgress()[step.slug]?.failing ?? []) : [];
        const signal = interrupted.signal;
        let run: RunResult;
        if (flags.failed) {
          if (!own) throw new UsageError('--failed runs what failed in your last run: it works on your own workspace only');
          if (failing.length === 0) {
            out(c.green(`Nothing failed in your last run of ${step.slug}.`));
            continue;
          }
          run = await runChecks({ step, target, signal, checks: failing, seed });
        } else if (flags['failing-first'] && failing.length) {
          // The verdict on what was failing, at once; then everything else.
          const server = new CheckServer(runFiles(step));
          try {
            const first = await runChecks({ step, target, signal, checks: failing, seed, server });
            if (pretty && !interrupted.signal.aborted) {
              const fixed = first.results.filter((r) => r.state === 'pass').length;
              const ran = first.results.filter((r) => r.state !== 'skip').length;
              out(c.bold(`What failed last time: ${fixed}/${ran} pass now`) + c.dim(' (the other checks run next)'));
              for (const r of first.results.filter((x) => x.state !== 'skip')) out(`  ${r.state === 'pass' ? c.green(sym.pass) : c.red(sym.fail)} ${r.title}`);
              out('');
            }
            const rest = first.problem ? first : await runChecks({ step, target, signal, skip: failing, seed, server });
            const ranFirst = new Map(first.results.filter((r) => r.state !== 'skip').map((r) => [`${r.file}\u0000${r.title}`, r]));
            run = { ...rest, results: rest.results.map((r) => ranFirst.get(`${r.file}\u0000${r.title}`) ?? r), durationMs: first.durationMs + (rest === first ? 0 : rest.durationMs) };
          } finally {
            await server.close();
          }
          if (seed === undefined) recordProgress(run, fingerprint(target));
        } else {
          // A partial run (--only, --seed) is not the learner's progress: it is not recorded.
          const record = own && only === undefined && seed === undefined;
          run = record ? (await checkWorkspace(step, signal)).run : await onCopyIfOutside(target, (dir) => runChecks({ step, target: dir, signal, only, seed }));
        }
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
      const given = str(flags.out);
      const file = given === undefined ? undefined : userPath(given);
      if (file) {
        fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
        fs.writeFileSync(file, text.endsWith('\n') ? text : `${text}\n`);
        const passed = runs.filter(runPassed).length;
        process.stderr.write(`Wrote ${reporter} report to ${given} (${passed}/${runs.length} steps pass)\n`);
      } else {
        process.stdout.write(text.endsWith('\n') ? text : `${text}\n`);
      }
    } else {
      const failing = runs.find((r) => !runPassed(r));
      const partial = only !== undefined || Boolean(flags.failed);
      if (!failing) {
        if (kind === 'workspace' && !partial) next(steps.length === 1 ? `${c.green('step complete!')} ${nextStepLine(steps[0].slug)}` : `see where you are: ${npmRun('progress')}`);
        else if (kind === 'workspace') next(`run every check: ${npmRun('check', String(steps[0].number))}`);
      } else if (kind === 'workspace') {
        const step = steps.find((s) => s.slug === failing.step);
        const f = firstFailure(failing);
        const n = String(step?.number ?? failing.step);
        const number = f ? failing.results.indexOf(f) + 1 : 0;
        if (failing.problem && failing.results.length === 0) next(failing.problem.message);
        else next(`fix ${f ? `check ${number} ${quoted(f.title)}` : 'the problem above'}${f?.lesson ? ` (${f.lesson})` : ''}; try it alone: ${npmRun('check', `${n} -- --only ${number}`)}; stuck? ${npmRun('hint', n)}`);
      } else {
        out(c.dim(kind === 'starter' ? 'Starters are meant to fail their own step: they are where a learner begins.' : ''));
      }
    }
    return runs.every(runPassed) ? 0 : 1;
  },
};

export default command;
