/**
 * Grading a class: finding the submissions, running the instructor's checks on a private copy
 * of each, and turning the runs into one record per learner that every report reads.
 *
 * A grade is only worth something if it can be reproduced and tampering can be seen: the checks
 * always come from this workshop (a submission's own `checks/` or `test/` are never copied), and
 * the record carries a hash of the check files and of each submission's graded files.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { copyProject, listFiles, SKIPPED } from './fsutil.js';
import { dirs, ROOT, scratchDir } from './paths.js';
import type { CheckState, RunResult } from './results.js';
import type { Step } from './steps.js';
import { unpackZip, ZipError } from './zip.js';

/** Bumped whenever a field of GradeReport changes meaning or goes away. */
export const GRADES_SCHEMA = 'workshop-grades/1';

export interface Submission {
  /** The learner, from the folder or zip file name. */
  name: string;
  /** The folder holding the step folders (`…/alice/workspace` or `…/alice`). */
  root: string;
  /** What was handed in, when it is not `root` itself: the zip file. */
  source?: string;
  /** Why nothing of it can be graded (a zip that cannot be unpacked): every step gets this reason. */
  problem?: string;
}

const STEP_FOLDER = /^\d\d-[\w-]+$/;
const hasSteps = (dir: string): boolean => {
  try {
    return fs.readdirSync(dir, { withFileTypes: true }).some((e) => e.isDirectory() && STEP_FOLDER.test(e.name));
  } catch {
    return false;
  }
};

/** A clone of the workshop itself: its steps/ and solutions/ are not the learner's work. */
const isWorkshopClone = (dir: string): boolean => ['checks', 'runner', 'steps'].every((d) => fs.existsSync(path.join(dir, d)));

/**
 * One submission's step folders: in `<dir>/workspace/`, or in `<dir>` itself. A clone of the
 * workshop with no workspace/ yet is a learner who has handed in nothing (never its steps/ or
 * solutions/ folders taken for learners).
 */
function submissionAt(dir: string, name: string): Submission | undefined {
  if (hasSteps(path.join(dir, 'workspace')) || isWorkshopClone(dir)) return { name, root: path.join(dir, 'workspace') };
  if (hasSteps(dir)) return { name, root: dir };
  return undefined;
}

const isZip = (file: string): boolean => /\.zip$/i.test(file) && fs.existsSync(file) && fs.statSync(file).isFile();

/**
 * A zip file handed in: unpacked into `unpackDir`, then found as a folder would be, or one level
 * down (a zip of the `alice/` folder, or GitHub's `conduit-workshop-main/`). A zip that cannot be
 * unpacked, or holds no step folders, is still a learner: graded 0 with the reason.
 */
function submissionInZip(file: string, unpackDir: string): Submission {
  const name = path.basename(file).replace(/\.zip$/i, '');
  const dest = path.join(unpackDir, `${fileNameOf(name)}-${crypto.createHash('sha1').update(file).digest('hex').slice(0, 8)}`);
  try {
    unpackZip(file, dest);
  } catch (err) {
    return { name, root: dest, source: file, problem: `the zip could not be unpacked: ${err instanceof ZipError ? err.message : String(err)}` };
  }
  const inside = fs.readdirSync(dest, { withFileTypes: true }).filter((e) => e.isDirectory());
  const found = submissionAt(dest, name) ?? (inside.length === 1 ? submissionAt(path.join(dest, inside[0].name), name) : undefined);
  return found ? { ...found, source: file } : { name, root: dest, source: file, problem: 'the zip holds no step folders (NN-slug, in a workspace/ folder or at its top)' };
}

/**
 * The submissions in the folders and zip files given: each is one learner's (a clone of the
 * workshop, a folder of step folders, or a zip of either), or a class folder with one such folder
 * or zip per learner. Zips are unpacked into `unpackDir`.
 */
export function findSubmissions(folders: string[], unpackDir: string = path.join(scratchDir, 'grade', 'unpacked')): { submissions: Submission[]; empty: string[] } {
  const submissions: Submission[] = [];
  const empty: string[] = [];
  for (const folder of folders) {
    const abs = path.resolve(folder);
    if (isZip(abs)) {
      submissions.push(submissionInZip(abs, unpackDir));
      continue;
    }
    const name = path.basename(abs) === 'workspace' ? path.basename(path.dirname(abs)) : path.basename(abs);
    const one = submissionAt(abs, name);
    if (one) {
      submissions.push(one);
      continue;
    }
    let found = 0;
    const entries = fs.existsSync(abs) && fs.statSync(abs).isDirectory() ? fs.readdirSync(abs, { withFileTypes: true }) : [];
    for (const e of entries.filter((x) => !x.name.startsWith('.')).sort((a, b) => a.name.localeCompare(b.name))) {
      const at = path.join(abs, e.name);
      const s = e.isDirectory() ? submissionAt(at, e.name) : e.isFile() && isZip(at) ? submissionInZip(at, unpackDir) : undefined;
      if (s) {
        submissions.push(s);
        found++;
      }
    }
    if (found === 0) empty.push(folder);
  }
  // Two learners of the same name in different class folders stay apart.
  const seen = new Map<string, number>();
  for (const s of submissions) {
    const n = (seen.get(s.name) ?? 0) + 1;
    seen.set(s.name, n);
    if (n > 1) s.name = `${s.name}-${n}`;
  }
  return { submissions, empty };
}

/** A sha256 over relative paths and contents, in a stable order. */
export function hashFiles(dir: string, files: string[] = listFiles(dir)): string {
  const h = crypto.createHash('sha256');
  for (const rel of [...files].sort()) {
    h.update(rel).update('\0').update(fs.readFileSync(path.join(dir, rel))).update('\0');
  }
  return h.digest('hex');
}

/** What the learner's settings would change about the grading, and secrets: left out of the copy. */
const NOT_GRADED: ReadonlySet<string> = new Set([...SKIPPED, '.env', '.workshop']);

/** A learner's name as a file or folder name. */
export const fileNameOf = (name: string): string => name.replace(/[^\w.-]/g, '_');

/** Where one grading run keeps its copies: of all learners, or of one. */
export const gradingDir = (runId: string, learner?: string): string => path.join(scratchDir, 'grade', runId, ...(learner === undefined ? [] : [fileNameOf(learner)]));

/**
 * A private copy of one submitted step, inside the workshop (so its imports find the workshop's
 * packages), without the learner's installed packages, database files or `.env` (the instructor
 * decides where the checks' databases are). Returns the copy and the hash of what was copied.
 */
export function copyForGrading(submission: Submission, step: Step, runId: string): { dir: string; hash: string } | undefined {
  const from = path.join(submission.root, step.slug);
  if (!fs.existsSync(from) || !fs.statSync(from).isDirectory()) return undefined;
  const dir = path.join(gradingDir(runId, submission.name), step.slug);
  fs.rmSync(dir, { recursive: true, force: true });
  copyProject(from, dir, { skip: NOT_GRADED });
  return { dir, hash: hashFiles(dir, listFiles(dir, NOT_GRADED)) };
}

/** The hash of every check file and of the harness they use: what a grade was measured with. */
export const checksHash = (): string => hashFiles(dirs.checks);

/** A check's id: stable while its file and title stay, whatever the order of the checklist. */
export const checkId = (file: string, title: string): string =>
  `${file.replace(/\.test\.ts$/, '')}:${crypto.createHash('sha1').update(`${file}\0${title}`).digest('hex').slice(0, 10)}`;

export interface GradedCheck {
  id: string;
  title: string;
  /** The step whose lesson the check belongs to (earlier steps' checks run in later steps too). */
  checkStep: string;
  state: CheckState;
  message?: string;
  /** It failed by running out of time, not by a verdict: a busy grading machine, or code that hangs. */
  timedOut?: true;
  points: number;
  earned: number;
}

export interface GradedStep {
  step: string;
  submitted: boolean;
  /** Hash of the graded files of this step (absent when not submitted). */
  hash?: string;
  /** Why the checks could not run normally (did not compile, hung, …). */
  problem?: string;
  passed: number;
  total: number;
  points: number;
  earned: number;
  durationMs: number;
  checks: GradedCheck[];
}

export interface GradedLearner {
  name: string;
  source: string;
  /** Hash over the step hashes: one value to compare two gradings of the same work. */
  hash: string;
  steps: GradedStep[];
  passed: number;
  total: number;
  points: number;
  earned: number;
  percent: number;
  /**
   * Set by `--collect` when the learner was graded with other check files than this workshop's
   * (their hash): the grade is not comparable, and the checks may have been edited.
   */
  otherChecks?: string;
}

export interface GradeReport {
  schema: typeof GRADES_SCHEMA;
  gradedAt: string;
  workshop: { name: string; version: string; checksHash: string; dialect: string };
  steps: string[];
  learners: GradedLearner[];
}

export interface ExpectedCheck {
  file: string;
  title: string;
  checkStep: string;
}

/** Points per check: `grading/points.json` ({"default": 1, "<check id or title>": n}) when the instructor wrote one. */
export function readPoints(file = path.join(ROOT, 'grading', 'points.json')): (check: ExpectedCheck) => number {
  let table: Record<string, number> = {};
  try {
    table = JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, number>;
  } catch {
    table = {};
  }
  const fallback = typeof table.default === 'number' ? table.default : 1;
  return (check) => table[checkId(check.file, check.title)] ?? table[check.title] ?? fallback;
}

/**
 * One step of one learner, against the checks the step must have: a check that did not run (the
 * project did not load, the run was stopped, the step was not submitted) counts as failed, so
 * every learner is graded out of the same total.
 */
export function gradeStep(step: Step, expected: ExpectedCheck[], run: RunResult | undefined, points: (c: ExpectedCheck) => number, hash?: string, unreadable?: string): GradedStep {
  const byKey = new Map((run?.results ?? []).map((r) => [`${r.file ?? ''}\0${r.title}`, r]));
  const reason = !run ? (unreadable ?? 'this step was not submitted') : run.problem ? run.problem.message : 'this check did not run';
  const checks = expected.map((e): GradedCheck => {
    const r = byKey.get(`${e.file}\0${e.title}`);
    const state: CheckState = r?.state === 'pass' ? 'pass' : 'fail';
    const p = points(e);
    return {
      id: checkId(e.file, e.title),
      title: e.title,
      checkStep: e.checkStep,
      state,
      ...(state === 'fail' && { message: r?.message ?? reason }),
      ...(state === 'fail' && r?.timedOut && { timedOut: true as const }),
      points: p,
      earned: state === 'pass' ? p : 0,
    };
  });
  const sum = (f: (c: GradedCheck) => number) => checks.reduce((n, c) => n + f(c), 0);
  return {
    step: step.slug,
    submitted: Boolean(run),
    ...(hash && { hash }),
    ...(run?.problem && { problem: run.problem.message }),
    ...(!run && unreadable && { problem: unreadable }),
    passed: checks.filter((c) => c.state === 'pass').length,
    total: checks.length,
    points: sum((c) => c.points),
    earned: sum((c) => c.earned),
    durationMs: run?.durationMs ?? 0,
    checks,
  };
}

/** Earned points as a percentage of the points, to one decimal (0 when there are no points). */
export const percentOf = (earned: number, points: number): number => (points ? Math.round((earned / points) * 1000) / 10 : 0);

/** A learner's figures over their graded steps. */
function totalsOf(steps: GradedStep[]): Pick<GradedLearner, 'passed' | 'total' | 'points' | 'earned' | 'percent'> {
  const sum = (f: (s: GradedStep) => number) => steps.reduce((n, s) => n + f(s), 0);
  const points = sum((s) => s.points);
  const earned = sum((s) => s.earned);
  return { passed: sum((s) => s.passed), total: sum((s) => s.total), points, earned, percent: percentOf(earned, points) };
}

export function learnerRecord(submission: Submission, steps: GradedStep[]): GradedLearner {
  return {
    name: submission.name,
    source: submission.source ?? submission.root,
    hash: crypto.createHash('sha256').update(steps.map((s) => `${s.step}:${s.hash ?? '-'}`).join('\n')).digest('hex'),
    steps,
    ...totalsOf(steps),
  };
}

const csvCell = (v: string | number): string => {
  const s = String(v);
  // A cell starting with = + - @ is a formula in a spreadsheet: a learner's name must not run.
  const safe = /^[=+\-@\t\r]/.test(s) ? `'${s}` : s;
  return /[",\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
};

/** One row per learner, a column pair per step (points earned, percent), then the total. */
export function renderCsv(report: GradeReport): string {
  const head = ['learner', ...report.steps.flatMap((s) => [`${s} points`, `${s} %`]), 'points', 'max points', '%', 'submission sha256'];
  const rows = report.learners.map((l) => [
    l.name,
    ...l.steps.flatMap((s) => [s.earned, percentOf(s.earned, s.points)]),
    l.earned,
    l.points,
    l.percent,
    l.hash,
  ]);
  return `${[head, ...rows].map((r) => r.map(csvCell).join(',')).join('\n')}\n`;
}

/**
 * Exercism's test-runner result (version 3: https://exercism.org/docs/building/tooling/test-runners/interface),
 * one per graded step, for platforms that read that format. A step that could not run at all is
 * an `error` with the reason; otherwise each check is a test.
 */
export interface ExercismResults {
  version: 3;
  status: 'pass' | 'fail' | 'error';
  message?: string;
  tests: { name: string; status: 'pass' | 'fail' | 'error'; message: string | null; task_id?: number }[];
}

export function exercismResults(step: GradedStep): ExercismResults {
  if (!step.submitted) return { version: 3, status: 'error', message: 'this step was not submitted', tests: [] };
  if (step.problem && step.passed === 0) return { version: 3, status: 'error', message: step.problem, tests: [] };
  const tests = step.checks.map((c) => ({ name: c.title, status: c.state === 'pass' ? ('pass' as const) : ('fail' as const), message: c.state === 'pass' ? null : (c.message ?? null) }));
  return { version: 3, status: tests.every((t) => t.status === 'pass') ? 'pass' : 'fail', tests };
}

/**
 * GitHub Classroom's autograding result (what `classroom-resources/autograding-grading-reporter`
 * reads, base64-encoded, from `<RUNNER>_RESULTS`): one test per check, scored with its points.
 */
export interface ClassroomResults {
  version: 1;
  status: 'pass' | 'fail' | 'error';
  max_score: number;
  tests: { name: string; status: 'pass' | 'fail' | 'error'; message: string; test_code: string; filename: string; line_no: number; execution_time: string; score: number }[];
}

export function classroomResults(learner: GradedLearner): ClassroomResults {
  const tests = learner.steps.flatMap((s) =>
    s.checks.map((c) => ({
      name: `${s.step}: ${c.title}`,
      status: c.state === 'pass' ? ('pass' as const) : ('fail' as const),
      message: c.state === 'pass' ? '' : (c.message ?? 'failed'),
      test_code: c.id,
      filename: '',
      line_no: 0,
      execution_time: `${(s.durationMs / 1000).toFixed(1)}s`,
      score: c.earned,
    })),
  );
  const unreadable = learner.steps.length > 0 && learner.steps.every((s) => !s.submitted);
  return { version: 1, status: unreadable ? 'error' : tests.every((t) => t.status === 'pass') ? 'pass' : 'fail', max_score: learner.points, tests };
}

/** A `grades.json` read back for `--collect`, and whether it was graded with these very checks. */
export interface CollectedReport {
  file: string;
  report: GradeReport;
  sameChecks: boolean;
}

/**
 * Reads the `grades.json` files under the folders given (artefacts downloaded from the learners'
 * Classroom runs). A file that is not a grades report of this schema is named and left out.
 */
export function readReports(paths: string[], checks = checksHash()): { reports: CollectedReport[]; refused: string[] } {
  const files: string[] = [];
  for (const p of paths.map((x) => path.resolve(x))) {
    if (!fs.existsSync(p)) files.push(p);
    else if (fs.statSync(p).isFile()) files.push(p);
    else files.push(...listFiles(p).filter((f) => path.basename(f) === 'grades.json').sort().map((f) => path.join(p, f)));
  }
  const reports: CollectedReport[] = [];
  const refused: string[] = [];
  for (const file of files) {
    let report: GradeReport;
    try {
      report = JSON.parse(fs.readFileSync(file, 'utf8')) as GradeReport;
    } catch (err) {
      refused.push(`${file}: ${(err as Error).message}`);
      continue;
    }
    if (report?.schema !== GRADES_SCHEMA || !Array.isArray(report.learners) || !Array.isArray(report.steps)) {
      refused.push(`${file}: not a ${GRADES_SCHEMA} report`);
      continue;
    }
    reports.push({ file, report, sameChecks: report.workshop?.checksHash === checks });
  }
  return { reports, refused };
}

/**
 * One class report from several: every learner of every report, on the union of their steps
 * (a step a report did not grade counts as not submitted, out of the same total as the others
 * where another report knows its checks). Learners graded with other checks are marked.
 */
export function mergeReports(collected: CollectedReport[], workshop: GradeReport['workshop'], stepOrder: string[]): GradeReport {
  const known = new Set(collected.flatMap((c) => c.report.steps));
  const steps = [...stepOrder.filter((s) => known.has(s)), ...[...known].filter((s) => !stepOrder.includes(s)).sort()];
  const template = new Map<string, GradedStep>();
  for (const c of collected) for (const l of c.report.learners) for (const s of l.steps) if (s.submitted && !template.has(s.step)) template.set(s.step, s);
  const learners = collected.flatMap((c) =>
    c.report.learners.map((l): GradedLearner => {
      const mine = new Map(l.steps.map((s) => [s.step, s]));
      const graded = steps.map((slug): GradedStep => {
        const own = mine.get(slug);
        if (own) return own;
        const like = template.get(slug);
        const checks = (like?.checks ?? []).map((x) => ({ ...x, state: 'fail' as const, message: 'this step was not graded for this learner', earned: 0 }));
        return { step: slug, submitted: false, problem: 'this step was not graded for this learner', passed: 0, total: checks.length, points: checks.reduce((n, x) => n + x.points, 0), earned: 0, durationMs: 0, checks };
      });
      return {
        ...l,
        source: `${l.source} (from ${c.file})`,
        steps: graded,
        ...totalsOf(graded),
        ...(!c.sameChecks && { otherChecks: c.report.workshop?.checksHash ?? 'unknown' }),
      };
    }),
  );
  // The same learner twice (two uploads): keep both, apart, as findSubmissions does.
  const seen = new Map<string, number>();
  for (const l of learners) {
    const n = (seen.get(l.name) ?? 0) + 1;
    seen.set(l.name, n);
    if (n > 1) l.name = `${l.name}-${n}`;
  }
  return { schema: GRADES_SCHEMA, gradedAt: new Date().toISOString(), workshop, steps, learners };
}
