/**
 * `npm run bench:checks [-- --runs N] [-- --step N] [-- --only once|watch]`: how long a learner
 * waits, measured the way they wait. Speed is measured here, never asserted in tests.
 *
 * - once: `check N --solution` as a whole CLI process (median of several runs, after a warm-up).
 * - watch: `npm run step N` on a copy of the solution with one realistic mistake in it (the
 *   first wrong submission of the step, from test/wrong/). The mistake is fixed by saving the
 *   file, and the clock runs from the save to the verdict on screen of the check that was
 *   failing (now passing) and to the end of the full re-check; then the mistake is saved back.
 *   Each save comes 3 s after the previous re-check ended (a learner reads, then edits).
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs, str } from './lib/args.js';
import { copyProject } from './lib/fsutil.js';
import { ROOT, scratchDir, tsxLoader } from './lib/paths.js';
import { freePort } from './lib/processes.js';
import { availableSteps, findAvailableStep, type Step } from './lib/steps.js';
import { c, out } from './lib/ui.js';
import { applyWrong } from '../test/support/submissions.js';
import type { WrongSubmission } from '../test/wrong/types.js';

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

const progress = (line: string) => process.stderr.write(c.dim(`${line}\n`));

const median = (xs: number[]): number => {
  if (xs.length === 0) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
};
/** Between a verdict and the next save: the learner reading it and editing. */
const READING_MS = 3000;
const f = (ms: number) => (Number.isFinite(ms) ? `${(ms / 1000).toFixed(2)} s` : '-').padStart(8);

const { flags } = parseArgs(process.argv.slice(2), {
  runs: { value: true, description: 'runs per step (default 5)' },
  step: { value: true, description: 'only this step' },
  only: { value: true, description: 'once or watch (default both)' },
});
const runs = Number(str(flags.runs) ?? 5);
const steps = flags.step ? [findAvailableStep(String(flags.step))] : availableSteps();
const which = str(flags.only);
let failed = false;

out(c.dim(`${os.cpus().length} cores, Node ${process.versions.node}, load ${os.loadavg().map((l) => l.toFixed(1)).join(' ')}; ${runs} runs each`));

if (which !== 'watch') {
  out('', c.bold('check N --solution (a whole CLI run)'));
  out(`${'step'.padEnd(12)} ${'median'.padStart(8)} ${'min'.padStart(8)} ${'max'.padStart(8)}  result`);
  for (const step of steps) {
    // One warm-up run, as a learner's second check run would find the machine.
    await timeOnce(['check', step.slug, '--solution']);
    const times: number[] = [];
    let code: number | null = 0;
    for (let i = 0; i < runs; i++) {
      progress(`${step.slug}: check --solution, run ${i + 1} of ${runs}`);
      const r = await timeOnce(['check', step.slug, '--solution']);
      times.push(r.ms);
      code = r.code ?? code;
    }
    if (code !== 0) failed = true;
    out(`${step.slug.padEnd(12)} ${f(median(times))} ${f(Math.min(...times))} ${f(Math.max(...times))}  ${code === 0 ? c.green('pass') : c.red(`exit ${code}`)}`);
  }
}

interface WatchEvent {
  t: number;
  type: string;
  title?: string;
  state?: string;
  passed?: boolean;
}

/** A typical mistake per step, fixed by saving one file: the same ones every time, so figures compare. */
const TYPICAL: Record<string, string> = {
  '01-server': 'error-handler-sends-stack.ts',
  '02-api': 'blank-accepted.ts',
  '03-database': 'blank-comment-accepted.ts',
  '04-security': 'admin-cannot-delete.ts',
};

/** The step's typical wrong submission, else its first one that only edits files (saving the original fixes it). */
async function firstMistake(step: Step): Promise<WrongSubmission | undefined> {
  const dir = path.join(ROOT, 'test', 'wrong', step.slug);
  if (!fs.existsSync(dir)) return undefined;
  const names = fs.readdirSync(dir).sort();
  const typical = TYPICAL[step.slug];
  for (const name of typical && names.includes(typical) ? [typical, ...names] : names) {
    const wrong = ((await import(pathToFileURL(path.join(dir, name)).href)) as { default: WrongSubmission }).default;
    if (wrong.edits?.length && !wrong.files && !wrong.remove) return wrong;
  }
  return undefined;
}

async function benchWatch(step: Step): Promise<{ first: number[]; full: number[]; note?: string }> {
  const wrong = await firstMistake(step);
  if (!wrong) return { first: [], full: [], note: 'no wrong submission to fix' };
  const root = path.join(scratchDir, `bench-${process.pid}-${step.slug}`);
  fs.rmSync(root, { recursive: true, force: true });
  const dir = path.join(root, 'workspace', step.slug);
  copyProject(path.join(ROOT, 'solutions', step.slug), dir);
  const files = new Map(wrong.edits!.map((e) => [e.file, fs.readFileSync(path.join(dir, e.file), 'utf8')]));
  applyWrong(dir, wrong);
  const broken = new Map([...files.keys()].map((file) => [file, fs.readFileSync(path.join(dir, file), 'utf8')]));
  const events = path.join(root, 'events.log');
  fs.writeFileSync(events, '');
  const read = (): WatchEvent[] =>
    fs
      .readFileSync(events, 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l) as WatchEvent);
  const waitFor = async (test: (e: WatchEvent) => boolean, after: number, limitMs = 300_000): Promise<WatchEvent | undefined> => {
    const deadline = Date.now() + limitMs;
    while (Date.now() < deadline) {
      const hit = read().find((e) => e.t >= after && test(e));
      if (hit) return hit;
      await new Promise((r) => setTimeout(r, 20));
    }
    return undefined;
  };
  const child = spawn(process.execPath, ['--import', tsxLoader, path.join(ROOT, 'runner', 'cli.ts'), 'step', step.slug], {
    cwd: ROOT,
    env: { ...process.env, CI: '1', NO_COLOR: '1', PORT: String(await freePort()), WORKSHOP_WORKSPACE: path.join(root, 'workspace'), WORKSHOP_STATE: path.join(root, 'state'), WORKSHOP_WATCH_EVENTS: events },
    stdio: 'ignore',
  });
  const first: number[] = [];
  const full: number[] = [];
  try {
    // The session starts with the mistake in place: the first full run finds it.
    progress(`${step.slug}: npm run step ${step.slug} with one mistake in it (${wrong.description}), its first full run…`);
    if (!(await waitFor((e) => e.type === 'done', 0))) return { first, full, note: 'the first run never ended' };
    for (let i = 0; i < runs; i++) {
      // The learner reads the failure and edits: a few seconds, as the warm processes expect.
      await new Promise((r) => setTimeout(r, READING_MS));
      // Fix: save the reference's file back. The check that was failing runs first.
      const saved = Date.now();
      for (const [file, text] of files) fs.writeFileSync(path.join(dir, file), text);
      // The verdict the learner waits for: the check that was failing (others that failed with it may come first).
      const verdict = await waitFor((e) => e.type === 'result' && e.title === wrong.caughtBy, saved);
      const done = await waitFor((e) => e.type === 'done', saved);
      if (!verdict || !done) return { first, full, note: 'a re-check never ended' };
      if (verdict.state !== 'pass') return { first, full, note: `${verdict.title} still fails once fixed` };
      first.push(verdict.t - saved);
      full.push(done.t - saved);
      // Each run is two full re-checks (the fix, then the mistake again): about a minute and a
      // half in step 04, so say where it is rather than sit silent.
      progress(`${step.slug}: run ${i + 1} of ${runs}: first verdict ${f(verdict.t - saved).trim()}, full re-check ${f(done.t - saved).trim()}`);
      // Break it again, and wait until that re-check is over.
      const again = Date.now();
      for (const [file, text] of broken) fs.writeFileSync(path.join(dir, file), text);
      if (!(await waitFor((e) => e.type === 'done', again))) return { first, full, note: 'a re-check never ended' };
    }
    return { first, full };
  } finally {
    child.kill('SIGINT');
    await new Promise((r) => child.once('exit', r));
    fs.rmSync(root, { recursive: true, force: true });
  }
}

if (which !== 'once') {
  out('', c.bold('npm run step N: save a fix, then the first verdict (the failing check) and the full re-check'));
  out(`${'step'.padEnd(12)} ${'first'.padStart(8)} ${'min'.padStart(8)} ${'max'.padStart(8)} ${'full'.padStart(8)}  mistake fixed`);
  for (const step of steps) {
    const r = await benchWatch(step);
    if (r.note) failed = true;
    out(`${step.slug.padEnd(12)} ${f(median(r.first))} ${f(Math.min(...r.first))} ${f(Math.max(...r.first))} ${f(median(r.full))}  ${r.note ? c.red(r.note) : c.dim(r.first.length ? 'ok' : '-')}`);
  }
}
process.exitCode = failed ? 1 : 0;
