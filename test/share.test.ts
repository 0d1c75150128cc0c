/**
 * Scaffolding that fades: the learner's share of each step's work rises as the course goes on.
 *
 * The share of step N is the lines the reference solution adds to the pristine starter
 * (steps/N → solutions/N) over the lines the step adds to the course (solutions/N-1 →
 * solutions/N): what the learner writes, out of everything the step brings. Lines are counted per
 * file the way `git diff --no-index --numstat` counts them (the added lines, summed; identical
 * files add nothing; a binary file counts 0), so the figures here are the ones a reviewer gets
 * from git. Generated files (npm's lock file) are nobody's writing and are left out.
 * docs/authoring.md has the table and what each starter leaves to the learner.
 *
 * Cheap: no servers, a few git calls per step.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { listFiles } from '../runner/lib/fsutil.js';
import { ROOT } from '../runner/lib/paths.js';
import { availableSteps, type Step } from '../runner/lib/steps.js';
import { solutionDir, starterDir } from '../runner/lib/workspace.js';

/** The learner writes at least half of every step from 02 on, and at least 70% from 06 on. */
const AT_LEAST_HALF_FROM = 2;
const SEVENTY_PERCENT_FROM = 6;
const SEVENTY_PERCENT = 0.7;

/**
 * Steps whose share may stay below step 02's. Step 05 hands the learner a complete, correct and
 * slow backend (the rest of Conduit, written the naive way) and asks only that it get fast without
 * changing an answer: its starter is the checks' oracle (checks/05-performance.shared.ts), so every
 * line of behaviour is given by design, and the learner's share is the performance work alone.
 */
const BELOW_STEP_02_BY_DESIGN = new Set(['05-performance']);
/**
 * For the same reason those steps may fall a little under half (the fewer lines the fast version
 * takes, the lower it reads: the hand-written queries of step 05 are shorter than the ORM calls
 * they replace), but not far: a starter that hands over the performance work too drops below this.
 */
const BY_DESIGN_FLOOR = 0.45;

/** Files that a tool writes, not a person: they count for neither side. */
const GENERATED = new Set(['package-lock.json']);

/** Lines in a text file as git counts them: a last line without a newline counts too. */
function lineCount(file: string): number {
  const data = fs.readFileSync(file);
  if (data.includes(0)) return 0;
  if (data.length === 0) return 0;
  let lines = 0;
  for (const byte of data) if (byte === 0x0a) lines++;
  return data[data.length - 1] === 0x0a ? lines : lines + 1;
}

/** Lines `git diff --no-index --numstat` reports as added from `a` to `b` (two files that exist). */
function addedLines(a: string, b: string): number {
  let stdout = '';
  try {
    stdout = execFileSync('git', ['diff', '--no-index', '--numstat', '--', a, b], { cwd: ROOT, encoding: 'utf8' });
  } catch (err) {
    // git diff exits with 1 when the files differ: that is the answer, not a failure.
    const e = err as { status?: number; stdout?: string };
    if (e.status !== 1) throw err;
    stdout = e.stdout ?? '';
  }
  const added = stdout.trim().split('\t')[0];
  return /^\d+$/.test(added) ? Number(added) : 0;
}

/** Lines added going from folder `from` to folder `to`, file by file; identical files add nothing. */
function linesAdded(from: string, to: string): number {
  let total = 0;
  for (const rel of listFiles(to)) {
    if (GENERATED.has(path.basename(rel))) continue;
    const [a, b] = [path.join(from, rel), path.join(to, rel)];
    if (!fs.existsSync(a)) total += lineCount(b);
    else if (!fs.readFileSync(a).equals(fs.readFileSync(b))) total += addedLines(a, b);
  }
  return total;
}

interface Share {
  step: Step;
  /** Lines the solution adds to the starter: the learner's. */
  learner: number;
  /** Lines the solution adds to the previous step's solution: the whole step. */
  stepTotal: number;
  share: number;
}

const steps = availableSteps();
const shares: Share[] = steps.slice(1).map((step, i) => {
  const learner = linesAdded(starterDir(step), solutionDir(step));
  const stepTotal = linesAdded(solutionDir(steps[i]), solutionDir(step));
  return { step, learner, stepTotal, share: stepTotal === 0 ? 1 : learner / stepTotal };
});

const percent = (x: number) => `${Math.round(x * 100)}%`;
const table = [
  'step               learner / step   share',
  ...shares.map((s) => `${s.step.slug.padEnd(18)} ${String(s.learner).padStart(7)} / ${String(s.stepTotal).padEnd(6)} ${percent(s.share).padStart(5)}`),
].join('\n');

describe('the learner\'s share of each step (git diff --numstat: steps/N → solutions/N over solutions/N-1 → solutions/N)', () => {
  it('prints the table', () => {
    console.log(`\n${table}\n`);
    expect(shares.length).toBeGreaterThan(0);
  });

  it(`is at least half from step ${String(AT_LEAST_HALF_FROM).padStart(2, '0')} on (${percent(BY_DESIGN_FLOOR)} for the steps below by design)`, () => {
    const low = shares.filter((s) => s.step.number >= AT_LEAST_HALF_FROM && s.share < (BELOW_STEP_02_BY_DESIGN.has(s.step.slug) ? BY_DESIGN_FLOOR : 0.5));
    expect(low.map((s) => `${s.step.slug}: ${percent(s.share)}`), table).toEqual([]);
  });

  it(`is at least ${percent(SEVENTY_PERCENT)} from step ${String(SEVENTY_PERCENT_FROM).padStart(2, '0')} on`, () => {
    const low = shares.filter((s) => s.step.number >= SEVENTY_PERCENT_FROM && s.share < SEVENTY_PERCENT);
    expect(low.map((s) => `${s.step.slug}: ${percent(s.share)}`), table).toEqual([]);
  });

  it('is, from step 03 on, at least step 02\'s (but for the steps below it by design)', () => {
    const base = shares.find((s) => s.step.number === 2);
    expect(base, table).toBeDefined();
    const low = shares.filter((s) => s.step.number >= 3 && !BELOW_STEP_02_BY_DESIGN.has(s.step.slug) && s.share < base!.share);
    expect(low.map((s) => `${s.step.slug}: ${percent(s.share)} < ${percent(base!.share)}`), table).toEqual([]);
  });
});
