/**
 * The command table: every command's name, arguments, options and summary, in one place. The
 * CLI's usage and `--help` are generated from it (they cannot drift), the parser accepts exactly
 * these options, and the workshop's tests check the README against it. A command's code is
 * loaded only when it runs.
 */
import type { CommandEntry } from '../lib/command.js';

export const COMMANDS: CommandEntry[] = [
  {
    name: 'step',
    summary: 'start or continue a step: the brief, your server with reload on save, a live checklist',
    args: '<N>',
    options: {
      once: { description: 'set up the step, print the brief and the checklist once, and exit (no watching)' },
      'from-mine': { description: "start the step from your own previous step: your code with the new step's scaffolding merged in (conflicts marked)" },
      yes: { description: 'with --from-mine: replace a copy of the step you already have without asking (it is backed up first)' },
      'no-web': { description: 'do not serve the step page (the lesson, the live checklist, hints and the diff on http://127.0.0.1:4321/)' },
    },
    load: () => import('./step.js'),
  },
  {
    name: 'check',
    summary: 'run the checks once; exit 0 only if all pass',
    args: '<N>',
    options: {
      solution: { description: 'check the reference solutions/ instead of your workspace/' },
      starter: { description: 'check the pristine starters in steps/ (they should fail)' },
      target: { value: 'dir', description: 'check the step folders inside this folder (shaped like workspace/)' },
      all: { description: 'check every step' },
      only: { value: 'title|number', description: 'run only one check: its number in the checklist, or text from its title' },
      failed: { description: 'run only the checks that failed last time' },
      'failing-first': { description: 'run the checks that failed last time first, and say at once whether they pass now' },
      seed: { value: 'n', description: 'the seed for the checks that try random sequences (printed when one fails), to replay it' },
      reporter: { value: 'pretty|json|junit', description: 'the report format (default pretty)' },
      out: { value: 'file', description: 'write the report to this file instead of the terminal' },
      verbose: { description: 'explain every failure, not only the first' },
    },
    load: () => import('./check.js'),
  },
  {
    name: 'solution',
    summary: 'run the reference server of a step (on PORT, default 3000)',
    args: '<N>',
    options: {},
    load: () => import('./solution.js'),
  },
  {
    name: 'frontend',
    summary: "serve the workshop's Conduit web client (on http://localhost:4100) against your API; your API's CORS_ORIGINS must allow it",
    options: {
      api: { value: 'url', description: 'the origin of the API to call, without /api (default http://localhost:3000)' },
      port: { value: 'n', description: 'the port to serve the client on (default 4100; another free one if it is taken, and said so)' },
    },
    load: () => import('./frontend.js'),
  },
  {
    name: 'load',
    summary: "load-test a step's app (default 05, your workspace copy): req/s, p50/p99 and SQL statements per request",
    args: '[N]',
    options: {
      solution: { description: 'load-test the reference solutions/ instead of your workspace/' },
      target: { value: 'dir', description: 'load-test the step folder inside this folder (shaped like workspace/)' },
      duration: { value: 's', description: 'seconds per scenario, after a short warm-up (default 5)' },
      connections: { value: 'n', description: 'concurrent connections (default 10)' },
      dialect: { value: 'sqlite|mysql', description: "the database to run on (default: your step's .env, else sqlite)" },
    },
    load: () => import('./load.js'),
  },
  {
    name: 'hint',
    summary: 'the next hint for your first failing check',
    args: '<N>',
    options: {
      all: { description: 'show every hint of the section at once' },
    },
    load: () => import('./hint.js'),
  },
  {
    name: 'diff',
    summary: 'your step beside the reference solution',
    args: '<N>',
    options: {
      context: { value: 'lines', description: 'unchanged lines shown around each change (default 3)' },
      full: { description: 'show whole files, not only the changes' },
    },
    load: () => import('./diff.js'),
  },
  {
    name: 'reset',
    summary: 'start a step over from the starter (your files are backed up first)',
    args: '<N>',
    options: {
      yes: { description: 'do not ask for confirmation' },
    },
    load: () => import('./reset.js'),
  },
  {
    name: 'restore',
    summary: 'bring back a backup that reset (or restore) made',
    args: '<N>',
    options: {
      list: { description: 'list the backups of the step and exit' },
      from: { value: 'backup', description: 'the backup to restore (its name from --list; default the latest)' },
      yes: { description: 'do not ask for confirmation' },
    },
    load: () => import('./restore.js'),
  },
  {
    name: 'grade',
    summary: "grade a class: every submission's steps on a private copy, into an HTML report, a CSV gradebook, JSON and JUnit",
    args: '<folders or zips…>',
    options: {
      steps: { value: 'N,M|all', description: 'the steps to grade (default all)' },
      out: { value: 'dir', description: 'where the reports go (default grades/)' },
      jobs: { value: 'n', description: 'submissions graded at once (default 2)' },
      name: { value: 'learner', description: 'the learner\'s name, when grading one submission (default: its folder or zip name)' },
      classroom: { description: 'in GitHub Actions: report the points to GitHub Classroom (step output `result`) and write a job summary' },
      collect: { description: 'merge the grades.json files under the folders given (Classroom runs\' artefacts) into one class report, marking learners graded with other checks' },
    },
    load: () => import('./grade.js'),
  },
  {
    name: 'progress',
    summary: 'every step, passed/total, and what to do next',
    options: {
      fresh: { description: "run every started step's checks now instead of reusing results for unchanged files" },
    },
    load: () => import('./progress.js'),
  },
  {
    name: 'db',
    script: 'db:<migrate|seed|reset|rollback|status>',
    summary: 'your database: apply migrations, add demo data, rebuild it, undo every migration, list pending ones',
    args: '[N]',
    options: {},
    load: () => import('./db.js'),
  },
  {
    name: 'doctor',
    summary: 'check Node, npm, dependencies, .env files, databases, ports and machine speed, with fixes',
    options: {},
    load: () => import('./doctor.js'),
  },
];
