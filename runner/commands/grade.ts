/**
 * `npm run grade -- <folders…>`: the instructor's checks on every submission of a class, each on
 * a private copy, two at a time by default, into a terminal summary, an HTML report, a CSV
 * gradebook, a JSON record (versioned schema, stable check ids, hashes), a JUnit file per learner
 * and Exercism's results.json per step; `--classroom` also reports to GitHub Classroom, and
 * `--collect` merges the grades.json files of Classroom runs into the same reports.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { str } from '../lib/args.js';
import type { Command } from '../lib/command.js';
import { UsageError } from '../lib/errors.js';
import {
  checksHash,
  classroomResults,
  copyForGrading,
  exercismResults,
  mergeReports,
  readReports,
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
import { renderLearnerJunit } from '../reporters/junit.js';
import { renderGradeHtml } from '../reporters/grade-html.js';

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

async function gradeOne(submission: Submission, steps: Step[], expected: Map<string, ExpectedCheck[]>, runId: string, onStep: (s: GradedStep) => void): Promise<GradedLearner> {
  const points = readPoints();
  const graded: GradedStep[] = [];
  const own = gradingDir(runId, submission.name);
  try {
    for (const step of steps) {
      const copy = submission.problem ? undefined : copyForGrading(submission, step, runId);
      const run = copy ? await runChecks({ step, target: copy.dir }) : undefined;
      const g = gradeStep(step, expected.get(step.slug) ?? [], run, points, copy?.hash, submission.problem);
      graded.push(g);
      onStep(g);
    }
  } finally {
    fs.rmSync(own, { recursive: true, force: true });
  }
  return learnerRecord(submission, graded);
}

function workshopInfo(): GradeReport['workshop'] {
  const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { name: string; version: string };
  return { name: pkg.name, version: pkg.version, checksHash: checksHash(), dialect: process.env.WORKSHOP_DB_DIALECT ?? 'sqlite' };
}

/** Every report of a class, from one record: what grading and collecting both end with. */
function writeReports(report: GradeReport, outDir: string): string[] {
  fs.mkdirSync(outDir, { recursive: true });
  fs.writeFileSync(path.join(outDir, 'grades.json'), `${JSON.stringify(report, null, 2)}\n`);
  fs.writeFileSync(path.join(outDir, 'grades.csv'), renderCsv(report));
  fs.writeFileSync(path.join(outDir, 'report.html'), renderGradeHtml(report));
  for (const learner of report.learners) {
    const file = fileNameOf(learner.name);
    fs.writeFileSync(path.join(outDir, `${file}.junit.xml`), renderLearnerJunit(learner));
    for (const step of learner.steps) {
      const dir = path.join(outDir, 'exercism', file, step.step);
      fs.mkdirSync(dir, { recursive: true });
      fs.writeFileSync(path.join(dir, 'results.json'), `${JSON.stringify(exercismResults(step), null, 2)}\n`);
    }
  }
  return ['report.html', 'grades.csv', `grades.json (${GRADES_SCHEMA})`, 'one <learner>.junit.xml each', 'exercism/<learner>/<step>/results.json'];
}

/**
 * In a GitHub Actions run (the Classroom workflow): the learner's points for Classroom's reporter,
 * as the step output `result` (base64 JSON), and a job summary.
 */
function reportToClassroom(learner: GradedLearner): void {
  const results = classroomResults(learner);
  const encoded = Buffer.from(JSON.stringify(results)).toString('base64');
  if (process.env.GITHUB_OUTPUT) fs.appendFileSync(process.env.GITHUB_OUTPUT, `result=${encoded}\n`);
  else out(`result=${encoded}`);
  if (process.env.GITHUB_STEP_SUMMARY) {
    const rows = learner.steps.map((s) => `| ${s.step} | ${s.submitted ? `${s.passed}/${s.total}` : 'not submitted'} | ${s.earned}/${s.points} |`);
    fs.appendFileSync(process.env.GITHUB_STEP_SUMMARY, ['## Workshop checks', '', '| step | checks | points |', '|---|---|---|', ...rows, '', `**${learner.earned}/${learner.points} points (${learner.percent}%)**`, ''].join('\n'));
  }
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

async function collect(paths: string[], outDir: string): Promise<number> {
  const { reports, refused } = readReports(paths);
  for (const r of refused) out(c.yellow(`${sym.fail} left out: ${r}`));
  if (reports.length === 0) throw new UsageError('no grades.json found there: download the "grades" artefacts of the learners\' Classroom runs into one folder, then npm run grade -- --collect <that folder>');
  const report = mergeReports(reports, workshopInfo(), availableSteps().map((s) => s.slug));
  const written = writeReports(report, outDir);
  out('', ...summaryTable(report), '');
  const other = report.learners.filter((l) => l.otherChecks);
  if (other.length) out(c.yellow(`${sym.fail} graded with other checks than this workshop's (edited, or another version): ${other.map((l) => l.name).join(', ')}. Their grades are marked; grade their submissions here to be sure.`));
  out(`Collected ${report.learners.length} learner${report.learners.length === 1 ? '' : 's'} from ${reports.length} report${reports.length === 1 ? '' : 's'}. Reports in ${shortPath(outDir)}: ${written.join(', ')}.`);
  return 0;
}

const command: Command = {
  async run({ positionals, flags }) {
    // Every verdict is earned in this run: a remembered suite verdict (checks/support/suite.ts) is a
    // file one submission's code could have written for itself.
    process.env.WORKSHOP_SUITE_CACHE = 'off';
    const outDir = userPath(str(flags.out) ?? 'grades');
    if (flags.collect) {
      if (positionals.length === 0) throw new UsageError('collect from where? e.g. npm run grade -- --collect ../downloads (the grades.json files of the Classroom runs)');
      return collect(positionals.map(userPath), outDir);
    }
    if (positionals.length === 0) throw new UsageError('which submissions? e.g. npm run grade -- ../class (a folder of learners\' clones or zip files), or several folders and zips');
    const steps = chooseSteps(str(flags.steps));
    const jobs = Number(str(flags.jobs) ?? 2);
    if (!Number.isInteger(jobs) || jobs < 1 || jobs > 16) throw new UsageError(`--jobs must be a whole number from 1 to 16 (got "${str(flags.jobs)}")`);
    const runId = crypto.randomBytes(4).toString('hex');
    const unpacked = `${gradingDir(runId)}-zips`;
    try {
      const { submissions, empty } = findSubmissions(positionals.map(userPath), unpacked);
      for (const e of empty) out(c.yellow(`${sym.fail} ${e}: no submission there (a folder with workspace/NN-slug folders, or with NN-slug folders, or a zip of one)`));
      if (submissions.length === 0) throw new UsageError('no submissions found');
      const name = str(flags.name);
      if (name !== undefined) {
        if (submissions.length !== 1) throw new UsageError(`--name names one learner, and ${submissions.length} submissions were found`);
        submissions[0].name = name;
      }
      for (const s of submissions.filter((x) => x.problem)) out(c.yellow(`${sym.fail} ${s.name}: ${s.problem}`));

      out(c.bold(`Grading ${submissions.length} submission${submissions.length > 1 ? 's' : ''}, steps ${steps.map((s) => s.slug.slice(0, 2)).join(' ')}, ${jobs} at a time`));
      const expected = new Map<string, ExpectedCheck[]>();
      for (const step of steps) expected.set(step.slug, await expectedChecks(step));

      const learners: GradedLearner[] = new Array(submissions.length);
      const queue = submissions.map((s, i) => ({ s, i }));
      const started = Date.now();
      await Promise.all(
        Array.from({ length: Math.min(jobs, submissions.length) }, async () => {
          for (let item = queue.shift(); item; item = queue.shift()) {
            const { s, i } = item;
            learners[i] = await gradeOne(s, steps, expected, runId, (g) =>
              out(`  ${g.passed === g.total ? c.green(sym.pass) : c.red(sym.fail)} ${s.name} ${g.step} ${g.submitted ? `${g.passed}/${g.total}` : 'not submitted'}${g.problem ? c.dim(` (${g.problem.length > 100 ? `${g.problem.slice(0, 100)}…` : g.problem})`) : ''}`),
            );
          }
        }),
      );

      const report: GradeReport = { schema: GRADES_SCHEMA, gradedAt: new Date().toISOString(), workshop: workshopInfo(), steps: steps.map((s) => s.slug), learners };
      const written = writeReports(report, outDir);
      if (flags.classroom) {
        if (learners.length !== 1) throw new UsageError('--classroom reports one learner: grade the repository itself (npm run grade -- . --classroom)');
        reportToClassroom(learners[0]);
      }
      out('', ...summaryTable(report), '');
      const timedOut = report.learners.flatMap((l) => l.steps.filter((g) => g.checks.some((ch) => ch.timedOut)).map((g) => `${l.name} ${g.step}`));
      if (timedOut.length) {
        out(c.yellow(`${sym.fail} checks that failed by running out of time (a busy machine, or code that hangs): ${timedOut.join(', ')}. Grade them again with --jobs 1 on a quiet machine before recording a grade (grades.json marks each such check "timedOut").`));
      }
      out(`Graded in ${Math.round((Date.now() - started) / 1000)} s. Reports in ${shortPath(outDir)}: ${written.join(', ')}.`);
      out(c.dim(`Checks sha256 ${report.workshop.checksHash.slice(0, 16)}…: the same checks and the same submission hash give the same grade.`));
      return 0;
    } finally {
      fs.rmSync(gradingDir(runId), { recursive: true, force: true });
      fs.rmSync(unpacked, { recursive: true, force: true });
    }
  },
};

export default command;
