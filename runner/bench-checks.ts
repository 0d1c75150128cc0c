/**
 * `npm run bench:checks [-- --runs N] [-- --step N]`: times `check N --solution` for each step
 * as a learner runs it (a whole CLI process), several runs, and prints the median.
 * Speed is measured here, never asserted in tests.
 */
import { spawn } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import { parseArgs, str } from './lib/args.js';
import { ROOT, tsxLoader } from './lib/paths.js';
import { availableSteps, findAvailableStep } from './lib/steps.js';
import { c, out } from './lib/ui.js';

function timeOnce(args: string[]): Promise<{ ms: number; code: number | null }> {
  const started = process.hrtime.bigint();
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', tsxLoader, path.join(ROOT, 'runner', 'cli.ts'), ...args], {
      cwd: ROOT,
      env: { ...process.env, CI: '1' },
      stdio: 'ignore',
    });
    child.on('exit', (code) => resolve({ ms: Number(process.hrtime.bigint() - started) / 1e6, code }));
  });
}

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
};

const { flags } = parseArgs(process.argv.slice(2), {
  runs: { value: true, description: 'runs per step (default 5)' },
  step: { value: true, description: 'only this step' },
});
const runs = Number(str(flags.runs) ?? 5);
const steps = flags.step ? [findAvailableStep(String(flags.step))] : availableSteps();

out(c.bold(`check N --solution, ${runs} runs each`) + c.dim(`  (${os.cpus().length} cores, Node ${process.versions.node})`));
out(`${'step'.padEnd(12)} ${'median'.padStart(8)} ${'min'.padStart(8)} ${'max'.padStart(8)}  result`);
let failed = false;
for (const step of steps) {
  // One warm-up run fills the transform cache, as a learner's second check run would find it.
  await timeOnce(['check', step.slug, '--solution']);
  const times: number[] = [];
  let code: number | null = 0;
  for (let i = 0; i < runs; i++) {
    const r = await timeOnce(['check', step.slug, '--solution']);
    times.push(r.ms);
    code = r.code ?? code;
  }
  if (code !== 0) failed = true;
  const f = (ms: number) => `${(ms / 1000).toFixed(2)} s`.padStart(8);
  out(`${step.slug.padEnd(12)} ${f(median(times))} ${f(Math.min(...times))} ${f(Math.max(...times))}  ${code === 0 ? c.green('pass') : c.red(`exit ${code}`)}`);
}
process.exitCode = failed ? 1 : 0;
