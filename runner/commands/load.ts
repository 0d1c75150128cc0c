/**
 * `npm run load [N] [-- --solution] [--duration s] [--connections n] [--dialect sqlite|mysql]`:
 * a load test of a step's project (default step 05, the learner's workspace copy). The app runs
 * in a child process on a fresh, seeded database; each scenario is a warm-up and a bounded
 * autocannon run on 127.0.0.1; the table shows req/s, p50, p99, SQL statements per request and
 * non-2xx answers, and one line says what to look at next.
 */
import fs from 'node:fs';
import os from 'node:os';
import { str } from '../lib/args.js';
import type { Command } from '../lib/command.js';
import { checkDbSettings } from '../lib/check-db.js';
import { UsageError } from '../lib/errors.js';
import { adviceFor, fmt, killAllHarnesses, LoadTargetError, login, loadScenarios, measure, mysqlProblem, renderTable, startHarness, stopAllCannons, type Dialect, type Harness, type Measured } from '../lib/load.js';
import { shortPath } from '../lib/paths.js';
import { targetFor } from '../lib/run-checks.js';
import { findStep } from '../lib/steps.js';
import { c, next, npmRun, out } from '../lib/ui.js';
import { runnableCopy, userPath } from '../lib/workspace.js';
import { usesDatabase } from '../lib/db-tasks.js';

export const DEFAULT_DURATION_S = 5;
export const DEFAULT_CONNECTIONS = 10;

/** A whole number within bounds, from an option. */
export function wholeOption(raw: string | boolean | undefined, name: string, fallback: number, min: number, max: number): number {
  const value = str(raw);
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < min || n > max) throw new UsageError(`--${name} must be a whole number from ${min} to ${max} (got "${value}")`);
  return n;
}

const command: Command = {
  async run({ positionals, flags }) {
    if (positionals.length > 1) throw new UsageError(`load takes one step (got ${positionals.join(' ')})`);
    const step = findStep(positionals[0] ?? '5');
    if (step.number < 3) throw new UsageError(`a load test needs a step with a database (03 on); ${step.slug} has none`);
    if (flags.solution && flags.target !== undefined) throw new UsageError('choose one of --solution, --target');
    const duration = wholeOption(flags.duration, 'duration', DEFAULT_DURATION_S, 1, 120);
    const connections = wholeOption(flags.connections, 'connections', DEFAULT_CONNECTIONS, 1, 200);
    const dialectFlag = str(flags.dialect);
    if (dialectFlag !== undefined && dialectFlag !== 'sqlite' && dialectFlag !== 'mysql') throw new UsageError(`--dialect must be sqlite or mysql (got "${dialectFlag}")`);

    const root = str(flags.target);
    if (flags.target !== undefined && !root) throw new UsageError('--target needs a folder');
    const target = targetFor(step, flags.solution ? 'solution' : 'workspace', root === undefined ? undefined : userPath(root));
    if (!fs.existsSync(target)) {
      if (flags.solution || root !== undefined) throw new UsageError(`${shortPath(target)} does not exist`);
      throw new UsageError(`${shortPath(target)} does not exist yet: start the step with ${npmRun('step', String(step.number))}, or measure the reference with ${npmRun('load', `${step.number} -- --solution`)}`);
    }
    if (!usesDatabase(target)) throw new UsageError(`${shortPath(target)} has no src/db/index.ts: a load test needs the database contract (docs/03-database.md#the-database-contract)`);
    const settings = checkDbSettings(target);
    const dialect: Dialect = (dialectFlag as Dialect | undefined) ?? settings.dialect;
    const mysqlUrl = dialect === 'mysql' ? checkDbSettings(target, { ...process.env, WORKSHOP_DB_DIALECT: 'mysql' }).serverUrl : undefined;

    if (mysqlUrl) {
      const problem = await mysqlProblem(mysqlUrl);
      if (problem) {
        process.stderr.write(`${c.red('error:')} ${problem}\n`);
        return 1;
      }
    }

    let harness: Harness | undefined;
    const interrupted = new AbortController();
    const onSignal = () => {
      interrupted.abort();
      stopAllCannons();
      killAllHarnesses();
    };
    process.once('SIGINT', onSignal);
    process.once('SIGTERM', onSignal);
    const lastResort = () => killAllHarnesses();
    process.once('exit', lastResort);

    out(c.bold(`Load test of ${shortPath(target)}`) + c.dim(` (${dialect}; ${duration} s per scenario, ${connections} connections; ${os.cpus().length} cores, load ${os.loadavg()[0].toFixed(1)})`));
    // Starting and seeding take a few seconds; each scenario a warm-up plus its duration. Past this, something hangs.
    const hardLimitMs = 120_000 + 6 * (duration + 15) * 1000;
    // A folder outside the workshop runs from a copy inside it, where the packages are.
    const place = runnableCopy(target);
    let hardTimer: NodeJS.Timeout | undefined;
    const overall = new Promise<never>((_resolve, reject) => {
      hardTimer = setTimeout(() => reject(new LoadTargetError(`the load test did not finish within ${Math.round(hardLimitMs / 1000)} s: the app stopped answering`)), hardLimitMs);
    });
    try {
      const rows = await Promise.race([
        overall,
        (async () => {
          harness = await startHarness({ mode: 'app', target: place.dir, dialect }, { ...(mysqlUrl && { mysqlUrl }) });
          const { ready } = harness;
          const seeded = Object.entries(ready.seeded.rows).filter(([, n]) => n > 0).map(([t, n]) => `${n} ${t}`).join(', ');
          out(c.dim(`Seeded ${ready.database}: ${seeded}.`));
          const auth = await login(harness.port, ready.seeded.viewerEmail);
          if (auth.problem) out(c.yellow(`The viewer could not log in (${auth.problem}): the authenticated scenarios are skipped.`));
          const measured: Measured[] = [];
          for (const scenario of loadScenarios(ready, auth)) {
            if (interrupted.signal.aborted) break;
            if (process.stdout.isTTY) process.stdout.write(c.dim(`  measuring ${scenario.name}…\r`));
            measured.push(await measure(harness, scenario, { duration, connections }));
            if (process.stdout.isTTY) process.stdout.write('\x1b[2K');
          }
          return measured;
        })(),
      ]);
      if (interrupted.signal.aborted) {
        process.stderr.write('Interrupted: the app under test was stopped.\n');
        return 130;
      }
      const stats = harness ? await harness.stats().catch(() => undefined) : undefined;
      out('');
      const table = renderTable(
        ['scenario', 'req/s', 'p50 ms', 'p99 ms', 'statements/req', 'non-2xx'],
        rows.map((r) =>
          r.skip
            ? [r.scenario, '-', '-', '-', '-', 'skipped']
            : [r.scenario, fmt(r.rps), fmt(r.p50, 1), fmt(r.p99, 1), fmt(r.statementsPerRequest, 1), `${r.non2xx + r.errors}${Object.keys(r.statuses).length ? ` (${Object.entries(r.statuses).map(([code, n]) => `${code}×${n}`).join(' ')})` : ''}`],
        ),
      );
      out(...table);
      const skips = new Map<string, string[]>();
      for (const r of rows) if (r.skip) skips.set(r.skip, [...(skips.get(r.skip) ?? []), r.scenario]);
      for (const [why, names] of skips) out(c.dim(`${names.join(', ')} skipped: ${why}`));
      out('');
      next(adviceFor(rows, stats?.firstError));
      return 0;
    } catch (err) {
      if (interrupted.signal.aborted) {
        process.stderr.write('Interrupted: the app under test was stopped.\n');
        return 130;
      }
      if (err instanceof LoadTargetError) {
        process.stderr.write(`${c.red('error:')} ${shortPath(target)}: ${place.asAsked(err.message)}\n`);
        return 1;
      }
      throw err;
    } finally {
      clearTimeout(hardTimer);
      stopAllCannons();
      await harness?.stop();
      killAllHarnesses();
      place.cleanUp();
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
      process.off('exit', lastResort);
    }
  },
};

export default command;
