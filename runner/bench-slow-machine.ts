/**
 * `npm run bench:slow [-- --quota 20] [-- --dialect sqlite|mysql|both] [-- --step N]`
 *
 * Proves that no check gives a verdict from timing: runs `check --all --solution` with the whole
 * process tree held to a fraction of one CPU (a Linux cgroup CPU quota: 20 = 20% of one core,
 * about ten times slower than the 2-core development machine) and reports every failure, which
 * on the reference solutions can only be a false one. CPU hogs do not reproduce a slow machine
 * (the scheduler favours the checks' short bursts); a quota does.
 *
 * Linux only, and it needs to create a cgroup (root, or a delegated cgroup). A benchmark, never a
 * test: it takes minutes.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs, str } from './lib/args.js';
import { ROOT, tsxLoader } from './lib/paths.js';
import { exitedAndDrained } from './lib/processes.js';
import { c, out } from './lib/ui.js';

interface JsonCheck {
  title: string;
  state: string;
  message?: string;
  timedOut?: boolean;
}
interface JsonReport {
  steps: { step: string; problem?: { message: string }; checks: JsonCheck[] }[];
}

/** A cgroup with a CPU quota, on cgroup v2 (cpu.max) or v1 (cpu.cfs_quota_us). */
function makeCgroup(percentOfOneCore: number): { procs: string; remove(): void } {
  const name = `workshop-slow-${process.pid}`;
  const v2 = '/sys/fs/cgroup';
  const periodUs = 100_000;
  const quotaUs = Math.round((periodUs * percentOfOneCore) / 100);
  if (fs.existsSync(path.join(v2, 'cgroup.controllers')) && fs.readFileSync(path.join(v2, 'cgroup.controllers'), 'utf8').includes('cpu')) {
    const dir = path.join(v2, name);
    fs.mkdirSync(dir);
    fs.writeFileSync(path.join(dir, 'cpu.max'), `${quotaUs} ${periodUs}`);
    return { procs: path.join(dir, 'cgroup.procs'), remove: () => fs.rmdirSync(dir) };
  }
  const v1 = '/sys/fs/cgroup/cpu';
  if (!fs.existsSync(path.join(v1, 'cpu.cfs_quota_us'))) throw new Error('no cgroup CPU controller found (Linux with cgroup v1 or v2 is needed)');
  const dir = path.join(v1, name);
  fs.mkdirSync(dir);
  fs.writeFileSync(path.join(dir, 'cpu.cfs_period_us'), String(periodUs));
  fs.writeFileSync(path.join(dir, 'cpu.cfs_quota_us'), String(quotaUs));
  return { procs: path.join(dir, 'cgroup.procs'), remove: () => fs.rmdirSync(dir) };
}

/** Runs the CLI inside the cgroup: a shell moves itself in, then becomes the CLI. */
function runInCgroup(procs: string, args: string[], env: NodeJS.ProcessEnv): Promise<{ stdout: string; stderr: string; code: number | null; ms: number }> {
  const started = Date.now();
  return new Promise((resolve) => {
    const child = spawn('sh', ['-c', 'echo $$ > "$0" && exec "$@"', procs, process.execPath, '--import', tsxLoader, path.join(ROOT, 'runner', 'cli.ts'), ...args], {
      cwd: ROOT,
      env: { ...process.env, CI: '1', NO_COLOR: '1', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    // The report is read from stdout: once the pipes are drained, not at 'exit'.
    void exitedAndDrained(child).then((code) => resolve({ stdout, stderr, code, ms: Date.now() - started }));
  });
}

const { flags } = parseArgs(process.argv.slice(2), {
  quota: { value: true, description: 'percent of one core (default 20)' },
  dialect: { value: true, description: 'sqlite, mysql or both (default both)' },
  step: { value: true, description: 'only this step (default: every step)' },
});
const quota = Number(str(flags.quota) ?? 20);
const dialects = (str(flags.dialect) ?? 'both') === 'both' ? ['sqlite', 'mysql'] : [str(flags.dialect) ?? 'sqlite'];
const which = str(flags.step) ? [str(flags.step) as string] : ['--all'];

out(c.bold(`check ${which.join(' ')} --solution with the process tree held to ${quota}% of one core`));
let falseFailures = 0;
for (const dialect of dialects) {
  const group = makeCgroup(quota);
  let result: Awaited<ReturnType<typeof runInCgroup>>;
  try {
    // The time scale is measured inside the quota, as a learner's slow machine would measure it.
    fs.rmSync(path.join(ROOT, '.workshop', 'speed.json'), { force: true });
    result = await runInCgroup(group.procs, ['check', ...which, '--solution', '--reporter', 'json'], { WORKSHOP_DB_DIALECT: dialect });
  } finally {
    try {
      group.remove();
    } catch {
      // Still busy for a moment after the last process left: the kernel removes nothing twice.
    }
  }
  let report: JsonReport;
  try {
    report = JSON.parse(result.stdout) as JsonReport;
  } catch {
    out(c.red(`${dialect}: no JSON report (exit ${result.code}):`), result.stderr.slice(-2000));
    falseFailures += 1;
    continue;
  }
  const scale = (() => {
    try {
      return (JSON.parse(fs.readFileSync(path.join(ROOT, '.workshop', 'speed.json'), 'utf8')) as { scale: number }).scale;
    } catch {
      return undefined;
    }
  })();
  out('', c.bold(`${dialect}`) + c.dim(`  (measured time scale ${scale ?? '?'}, ${(result.ms / 1000).toFixed(0)} s in all)`));
  out(`${'step'.padEnd(16)} ${'checks'.padStart(7)} ${'failed'.padStart(7)} ${'timed out'.padStart(10)}`);
  for (const step of report.steps) {
    const failed = step.checks.filter((ch) => ch.state === 'fail');
    falseFailures += failed.length + (step.problem ? 1 : 0);
    out(`${step.step.padEnd(16)} ${String(step.checks.length).padStart(7)} ${String(failed.length).padStart(7)} ${String(failed.filter((f) => f.timedOut).length).padStart(10)}`);
    if (step.problem) out(c.red(`  problem: ${step.problem.message}`));
    for (const f of failed) out(c.red(`  ✗ ${f.title}`), c.dim(`    ${(f.message ?? '').split('\n').join('\n    ')}`));
  }
}
out('', falseFailures === 0 ? c.green(c.bold('0 false failures')) : c.red(c.bold(`${falseFailures} false failures`)));
process.exitCode = falseFailures === 0 ? 0 : 1;
