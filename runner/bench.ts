/**
 * `npm run bench [-- --duration s] [-- --connections n] [-- --markdown]`: the latest reference
 * solution (latestAppStep(): the whole backend so far) under load, on SQLite and on MySQL, with the machinery
 * of `npm run load` (runner/lib/load.ts), at 50 connections by default (the p99 figure is about
 * contention). Each scenario is set beside a ceiling: a plain Express app in the same harness
 * answering a fixed JSON body as large as the list answer, i.e. the most this machine does with
 * this framework and this answer size. A `login` scenario (right password, every user in turn) is
 * set beside raw bcrypt.compare throughput measured in the same run, while a `tags` probe runs
 * beside it: its p99 shows whether the other endpoints stall while bcrypt works.
 * `--markdown` prints the tables for docs/performance.md.
 */
import os from 'node:os';
import bcrypt from 'bcrypt';
import { parseArgs, str } from './lib/args.js';
import { serverUrlOf } from './lib/check-db.js';
import {
  cannon,
  fmt,
  killAllHarnesses,
  listAnswerBytes,
  LoadTargetError,
  login,
  loadScenarios,
  loginScenario,
  measure,
  mysqlProblem,
  renderTable,
  settledStats,
  startHarness,
  stopAllCannons,
  toMeasured,
  type Dialect,
  type Harness,
  type Measured,
  type Scenario,
} from './lib/load.js';
import { LOAD_PASSWORD } from './lib/load-seed.js';
import { shortPath } from './lib/paths.js';
import { latestAppStep } from './lib/steps.js';
import { c, out } from './lib/ui.js';
import { solutionDir } from './lib/workspace.js';

const OPTIONS = {
  duration: { value: 's', description: 'seconds per scenario (default 5)' },
  connections: { value: 'n', description: 'concurrent connections (default 50)' },
  'login-connections': { value: 'n', description: 'concurrent connections of the login scenario (default 10)' },
  dialect: { value: 'sqlite|mysql', description: 'only this database (default both)' },
  markdown: { description: 'print the tables as markdown (for docs/performance.md)' },
} as const;
const args = process.argv.slice(2);
if (args.includes('--help') || args.includes('-h')) {
  out('npm run bench [-- options]', '  the latest reference solution under load on SQLite and MySQL, beside a plain-Express ceiling', '', 'Options (after --):');
  for (const [name, spec] of Object.entries(OPTIONS)) out(`  --${name}${'value' in spec ? ` <${spec.value}>` : ''}`.padEnd(30) + spec.description);
  process.exit(0);
}
let flags: ReturnType<typeof parseArgs>['flags'];
try {
  flags = parseArgs(args, OPTIONS).flags;
} catch (err) {
  process.stderr.write(`error: ${(err as Error).message}\n`);
  process.exit(2);
}
const whole = (name: string, fallback: number): number => {
  const raw = str(flags[name]);
  const n = raw === undefined ? fallback : Number(raw);
  if (!Number.isInteger(n) || n < 1) {
    process.stderr.write(`--${name} must be a whole number above 0 (got "${raw}")\n`);
    process.exit(2);
  }
  return n;
};
const duration = whole('duration', 5);
const connections = whole('connections', 50);
const loginConnections = whole('login-connections', 10);
const markdown = Boolean(flags.markdown);
const onlyDialect = str(flags.dialect);
if (onlyDialect !== undefined && onlyDialect !== 'sqlite' && onlyDialect !== 'mysql') {
  process.stderr.write(`--dialect must be sqlite or mysql (got "${onlyDialect}")\n`);
  process.exit(2);
}
const dialects: Dialect[] = onlyDialect ? [onlyDialect as Dialect] : ['sqlite', 'mysql'];

const step = latestAppStep();
const target = solutionDir(step);
const mysqlUrl = serverUrlOf(process.env.WORKSHOP_MYSQL_URL ?? 'mysql://root@127.0.0.1:3306');

const onSignal = () => {
  stopAllCannons();
  killAllHarnesses();
  process.stderr.write('Interrupted: the apps under test were stopped.\n');
  process.exit(130);
};
process.once('SIGINT', onSignal);
process.once('SIGTERM', onSignal);
process.once('exit', () => killAllHarnesses());

// Every run is bounded: start-ups, seeding and each scenario with its warm-up. Past this, something hangs.
const hardLimitS = dialects.length * (120 + 8 * (duration + 20)) + duration + 60;
setTimeout(() => {
  stopAllCannons();
  killAllHarnesses();
  process.stderr.write(`error: the benchmark did not finish within ${hardLimitS} s: an app under test stopped answering\n`);
  process.exit(1);
}, hardLimitS * 1000).unref();

const progress = (line: string) => process.stderr.write(c.dim(`${line}\n`));

/** bcrypt.compare of the right password, as many at once as libuv has threads (4 by default), for `seconds`. */
async function bcryptPerSecond(hash: string, seconds: number): Promise<number> {
  const parallel = Number(process.env.UV_THREADPOOL_SIZE ?? 4) || 4;
  const end = Date.now() + seconds * 1000;
  const started = Date.now();
  let done = 0;
  await Promise.all(
    Array.from({ length: parallel }, async () => {
      while (Date.now() < end) {
        await bcrypt.compare(LOAD_PASSWORD, hash);
        done++;
      }
    }),
  );
  return done / ((Date.now() - started) / 1000);
}

interface DialectResult {
  dialect: Dialect;
  rows: Measured[];
  login?: Measured;
  probe?: Measured;
  bcrypt?: number;
  listBytes?: number;
  problem?: string;
}

async function benchDialect(dialect: Dialect): Promise<DialectResult> {
  let harness: Harness | undefined;
  try {
    const unusable = dialect === 'mysql' ? await mysqlProblem(mysqlUrl) : undefined;
    if (unusable) return { dialect, rows: [], problem: unusable };
    progress(`${dialect}: starting ${shortPath(target)} and seeding…`);
    harness = await startHarness({ mode: 'app', target, dialect }, { mysqlUrl });
    const { ready } = harness;
    const auth = await login(harness.port, ready.seeded.viewerEmail);
    const listBytes = await listAnswerBytes(harness.port);
    const rows: Measured[] = [];
    for (const scenario of loadScenarios(ready, auth)) {
      progress(`${dialect}: ${scenario.name}${scenario.skip ? ' (skipped)' : ''}`);
      rows.push(await measure(harness, scenario, { duration, connections }));
    }

    progress(`${dialect}: raw bcrypt.compare, then login with a tags probe beside it`);
    const hash = await bcrypt.hash(LOAD_PASSWORD, 10);
    const rawBcrypt = await bcryptPerSecond(hash, Math.min(duration, 3));
    const scenario = loginScenario(ready);
    const probeScenario: Scenario = { name: 'tags (during login)', method: 'GET', paths: ['/api/tags'] };
    await cannon(harness.port, scenario, { connections: loginConnections, amount: loginConnections * 2 });
    const before = await settledStats(harness);
    const [loginResult, probeResult] = await Promise.all([
      cannon(harness.port, scenario, { connections: loginConnections, duration }),
      // One connection at 20 requests a second: a probe, not a second load.
      cannon(harness.port, probeScenario, { connections: 1, duration, rate: 20 }),
    ]);
    const after = await settledStats(harness);
    // The probe's requests and statements are in the counts too: taken out, at the tags scenario's rate.
    const probes = probeResult.requests.total;
    const tagsStatements = rows.find((r) => r.scenario === 'tags')?.statementsPerRequest ?? 0;
    const logins = after.received - before.received - probes;
    const loginStatements = logins > 0 ? (after.statements - before.statements - probes * tagsStatements) / logins : NaN;
    return {
      dialect,
      rows,
      login: toMeasured('login', loginResult, loginStatements),
      probe: toMeasured(probeScenario.name, probeResult, NaN),
      bcrypt: rawBcrypt,
      listBytes,
    };
  } catch (err) {
    if (err instanceof LoadTargetError) return { dialect, rows: [], problem: err.message };
    throw err;
  } finally {
    await harness?.stop();
  }
}

async function ceiling(bodyBytes: number): Promise<Measured> {
  const harness = await startHarness({ mode: 'ceiling', target: '', dialect: 'sqlite', bodyBytes });
  try {
    progress(`ceiling: plain Express, a fixed ${bodyBytes}-byte JSON answer`);
    return await measure(harness, { name: 'ceiling', method: 'GET', paths: ['/api/articles'] }, { duration, connections });
  } finally {
    await harness.stop();
  }
}

out(
  c.dim(
    `${shortPath(target)}; ${os.cpus().length} cores, Node ${process.versions.node}, load ${os.loadavg().map((l) => l.toFixed(1)).join(' ')}; ${duration} s per scenario at ${connections} connections (login at ${loginConnections})`,
  ),
);

const results: DialectResult[] = [];
for (const dialect of dialects) results.push(await benchDialect(dialect));
const listBytes = results.find((r) => r.listBytes)?.listBytes;
const top = listBytes ? await ceiling(listBytes) : undefined;

const ratio = (a: number, b: number | undefined) => (b && Number.isFinite(a) && Number.isFinite(b) ? `${fmt((100 * a) / b)} %` : '-');
const rows: string[][] = [];
for (const r of results) {
  if (r.problem) {
    rows.push(['(all)', r.dialect, '-', '-', '-', '-', '-', 'failed: see below']);
    continue;
  }
  for (const m of r.rows) {
    rows.push(
      m.skip
        ? [m.scenario, r.dialect, '-', '-', '-', '-', '-', 'skipped']
        : [m.scenario, r.dialect, fmt(m.rps), ratio(m.rps, top?.rps), fmt(m.p50, 1), fmt(m.p99, 1), fmt(m.statementsPerRequest, 1), String(m.non2xx + m.errors)],
    );
  }
}
if (top) rows.push(['ceiling (plain Express)', '-', fmt(top.rps), '100 %', fmt(top.p50, 1), fmt(top.p99, 1), '0', String(top.non2xx + top.errors)]);
out('');
if (markdown) {
  out(
    `${connections} connections, ${duration} s per scenario, on ${os.cpus().length} cores at a load average of ${os.loadavg()[0].toFixed(1)}. Ceiling: plain Express answering a fixed ${listBytes ?? '?'}-byte JSON body (the size of the list answer); a smaller answer (tags) can pass it.`,
    '',
  );
}
out(...renderTable(['scenario', 'database', 'req/s', 'of ceiling', 'p50 ms', 'p99 ms', 'statements/req', 'non-2xx'], rows, { markdown }));

const loginRows = results
  .filter((r) => r.login && r.probe)
  .map((r) => {
    const l = r.login as Measured;
    const p = r.probe as Measured;
    return [r.dialect, fmt(l.rps), fmt(r.bcrypt ?? NaN), ratio(l.rps, r.bcrypt), fmt(l.p50, 1), fmt(l.p99, 1), fmt(l.statementsPerRequest, 1), String(l.non2xx + l.errors), fmt(p.p99, 1)];
  });
if (loginRows.length) {
  out('');
  if (markdown) out(`login at ${loginConnections} connections; raw bcrypt.compare measured in the same run, ${Number(process.env.UV_THREADPOOL_SIZE ?? 4) || 4} at a time; a tags probe on one connection beside the login load.`, '');
  out(...renderTable(['login', 'req/s', 'bcrypt.compare/s', 'of bcrypt', 'p50 ms', 'p99 ms', 'statements/req', 'non-2xx', 'tags p99 ms meanwhile'], loginRows, { markdown }));
}
const failed = results.filter((r) => r.problem);
for (const r of failed) process.stderr.write(`${c.red('error:')} ${r.dialect}: ${r.problem}\n`);
killAllHarnesses();
process.exit(failed.length ? 1 : 0);
