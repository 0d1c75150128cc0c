/**
 * `npm run grade -- <folders…>`: the instructor's checks on every submission of a class, each on
 * a private copy, two at a time by default, into a terminal summary, a CSV gradebook, a JSON
 * record (versioned schema, stable check ids, hashes) and a JUnit file per learner.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { str } from '../lib/args.js';
import type { Command } from '../lib/command.js';
import { UsageError } from '../lib/errors.js';
import {
  checksHash,
  copyForGrading,
  exercismResults,
  fileNameOf,
  gradingDir,
  findSubmissions,
  gradeStep,
  GRADES_SCHEMA,
  learnerRecord,
  readPoints,
  renderCsv,
  type ExpectedCheck,
  type GradedLearner,
  type GradedStep,
  type GradeReport,
  type Submission,
} from '../lib/grading.js';
import { ROOT, shortPath } from '../lib/paths.js';
import { listChecks, runChecks, stepOfCheckFile } from '../lib/run-checks.js';
import { availableSteps, findAvailableStep, type Step } from '../lib/steps.js';
import { solutionDir, userPath } from '../lib/workspace.js';
import { c, out, sym } from '../lib/ui.js';
import { renderJunit } from '../reporters/junit.js';
import type { RunResult } from '../lib/results.js';

function chooseSteps(value: string | undefined): Step[] {
  if (value === undefined || value === 'all') return availableSteps();
  return value.split(',').map((s) => findAvailableStep(s.trim()));
}

/** Every check a step must pass (its own and the earlier steps'), as the reference lists them. */
async function expectedChecks(step: Step): Promise<ExpectedCheck[]> {
  const listed = await listChecks(step, solutionDir(step));
  if ('error' in listed) throw new Error(`cannot list the checks of ${step.slug}: ${listed.error}`);
  return listed.map((c) => ({ ...c, checkStep: stepOfCheckFile(c.file) }));
}

async function gradeOne(submission: Submission, steps: Step[], expected: Map<string, ExpectedCheck[]>, runId: string, onStep: (s: GradedStep) => void): Promise<{ learner: GradedLearner; runs: RunResult[] }> {
  const points = readPoints();
  const graded: GradedStep[] = [];
  const runs: RunResult[] = [];
  const own = gradingDir(runId, submission.name);
  try {
    for (const step of steps) {
      const copy = copyForGrading(submission, step, runId);
      const run = copy ? await runChecks({ step, target: copy.dir }) : undefined;
      if (run) runs.push(run);
      const g = gradeStep(step, expected.get(step.slug) ?? [], run, points, copy?.hash);
      graded.push(g);
      onStep(g);
    }
  } finally {
    fs.rmSync(own, { recursive: true, force: true });
  }
  return { learner: learnerRecord(submission, graded), runs };
}

function summaryTable(report: GradeReport): string[] {
  const name = Math.max(7, ...report.learners.map((l) => l.name.length));
  const head = [`${'learner'.padEnd(name)}`, ...report.steps.map((s) => s.slice(0, 2).padStart(7)), '  total'].join(' ');
  const rows = report.learners.map((l) =>
    [
      l.name.padEnd(name),
      ...l.steps.map((s) => (s.submitted ? `${s.passed}/${s.total}` : '—').padStart(7)),
      `${String(l.percent).padStart(6)}%`,
    ].join(' '),
  );
  return [c.bold(head), ...rows];
}

const command: Command = {
  async run({ positionals, flags }) {
    if (positionals.length === 0) throw new UsageError('which submissions? e.g. npm run grade -- ../class (a folder of learners\' clones), or several folders');
    const steps = chooseSteps(str(flags.steps));
    const jobs = Number(str(flags.jobs) ?? 2);
    if (!Number.isInteger(jobs) || jobs < 1 || jobs > 16) throw new UsageError(`--jobs must be a whole number from 1 to 16 (got "${str(flags.jobs)}")`);
    const outDir = userPath(str(flags.out) ?? 'grades');
    const { submissions, empty } = findSubmissions(positionals.map(userPath));
    for (const e of empty) out(c.yellow(`${sym.fail} ${e}: no submission there (a folder with workspace/NN-slug folders, or with NN-slug folders)`));
    if (submissions.length === 0) throw new UsageError('no submissions found');

    out(c.bold(`Grading ${submissions.length} submission${submissions.length > 1 ? 's' : ''}, steps ${steps.map((s) => s.slug.slice(0, 2)).join(' ')}, ${jobs} at a time`));
    const expected = new Map<string, ExpectedCheck[]>();
    for (const step of steps) expected.set(step.slug, await expectedChecks(step));

    const runId = crypto.randomBytes(4).toString('hex');
    const results: { learner: GradedLearner; runs: RunResult[] }[] = new Array(submissions.length);
    const queue = submissions.map((s, i) => ({ s, i }));
    const started = Date.now();
    await Promise.all(
      Array.from({ length: Math.min(jobs, submissions.length) }, async () => {
        for (let item = queue.shift(); item; item = queue.shift()) {
          const { s, i } = item;
          results[i] = await gradeOne(s, steps, expected, runId, (g) =>
            out(`  ${g.passed === g.total ? c.green(sym.pass) : c.red(sym.fail)} ${s.name} ${g.step} ${g.submitted ? `${g.passed}/${g.total}` : 'not submitted'}${g.problem ? c.dim(` (${g.problem.length > 100 ? `${g.problem.slice(0, 100)}…` : g.problem})`) : ''}`),
          );
        }
      }),
    );
    fs.rmSync(gradingDir(runId), { recursive: true, force: true });

    const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { name: string; version: string };
    const report: GradeReport = {
      schema: GRADES_SCHEMA,
      gradedAt: new Date().toISOString(),
      workshop: { name: pkg.name, version: pkg.version, checksHash: checksHash(), dialect: process.env.WORKSHOP_DB_DIALECT ?? 'sqlite' },
      steps: steps.map((s) => s.slug),
      learners: results.map((r) => r.learner),
    };
    fs.mkdirSync(outDir, { recursive: true });
    fs.writeFileSync(path.join(outDir, 'grades.json'), `${JSON.stringify(report, null, 2)}\n`);
    fs.writeFileSync(path.join(outDir, 'grades.csv'), renderCsv(report));
    for (const r of results) {
      const file = fileNameOf(r.learner.name);
      fs.writeFileSync(path.join(outDir, `${file}.junit.xml`), renderJunit(r.runs));
      for (const step of r.learner.steps) {
        const dir = path.join(outDir, 'exercism', file, step.step);
        fs.mkdirSync(dir, { recursive: true });
        fs.writeFileSync(path.join(dir, 'results.json'), `${JSON.stringify(exercismResults(step), null, 2)}\n`);
      }
    }

    out('', ...summaryTable(report), '');
    out(`Graded in ${Math.round((Date.now() - started) / 1000)} s. Reports in ${shortPath(outDir)}: grades.csv, grades.json (${GRADES_SCHEMA}), one <learner>.junit.xml each, exercism/<learner>/<step>/results.json.`);
    out(c.dim(`Checks sha256 ${report.workshop.checksHash.slice(0, 16)}…: the same checks and the same submission hash give the same grade.`));
    return 0;
  },
};

export default command;
