/**
 * Step 06 · Testing and debugging: the learner's own suite, graded by what it notices. It runs
 * against the workshop's reference code (where it must pass: a suite that fails correct code is
 * wrong), then against mutants of it, each with one bug a backend developer really ships: a suite
 * that still passes there did not notice that bug. Each mutant is a check of its own, so the
 * checklist shows which behaviours are still untested.
 *
 * Every run is a vitest process of its own (support/suite.ts), bounded in time; the checks of
 * this file run side by side, two suites at a time.
 */
import { BlockedFailure, fail, lessonLink, requirement, targetDir, testDialect } from './support/index.js';
import { budget, timeout } from './support/budget.js';
import { DEV_DATABASE, runSuite, SUITE_LIMIT_MS, testFiles, type SuiteRun } from './support/suite.js';
import { MUTANTS, PLANTED_BUG } from './06-testing.mutants.js';
import { ENV } from '../runner/lib/results.js';

const dir = targetDir('06-testing');
const lesson = lessonLink('06-testing');
const L = {
  suite: lesson('your-suite'),
  freshDb: lesson('a-fresh-database-per-file'),
  isolated: lesson('independent-tests'),
  mutants: lesson('tests-that-catch-bugs'),
  bug: lesson('the-bug-report'),
};

/** Long enough to wait for a free slot behind the other suite runs of this file, then run. */
const SUITE_CHECK_MS = 8 * SUITE_LIMIT_MS;

const dialectName = (d: string) => (d === 'mysql' ? 'MySQL/MariaDB' : d === 'sqlite' ? 'SQLite' : d);
const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;
const stillPass = (n: number) => (n === 1 ? 'your one test still passes' : `all ${n} of your tests still pass`);

function describeRun(run: SuiteRun): string {
  switch (run.outcome) {
    case 'no-tests':
      return 'no tests: test/ holds no *.test.ts file with a test in it';
    case 'passed':
      return `all ${plural(run.tests, 'test')} passed`;
    case 'timeout':
      return `the suite was still running after its time limit and was stopped${run.detail ? `; its last output:\n${run.detail}` : ''}`;
    case 'broken':
      return `the suite did not run: ${run.detail ?? 'vitest failed without results'}`;
    case 'failed': {
      const shown = run.failures.slice(0, 3).map((f) => `✗ ${f.file} › ${f.name}\n    ${f.message.split('\n').join('\n    ')}`);
      const more = run.failures.length > 3 ? `\n… and ${run.failures.length - 3} more` : '';
      return `${plural(run.failures.length, 'test')} of ${run.tests} failed:\n${shown.join('\n')}${more}`;
    }
  }
}

/** A run that went over its limit is a timeout, never a verdict: the check is tried again with more time. */
function timeoutOf(run: SuiteRun, what: string): void {
  if (run.outcome !== 'timeout') return;
  timeout({ expected: `${what}, within the time limit of a suite run`, got: describeRun(run), lesson: L.suite, operation: what });
}

// The run on the reference code is shared by every check of this file, one per time limit: a
// check tried again after a timeout has a larger limit, and runs it again once for all of them.
// Suites run without vitest's module isolation between files when they pass that way (half the
// CPU per run, and there are twenty runs); a suite that needs it keeps it.
const onReference = new Map<number, Promise<{ run: SuiteRun; isolate: boolean }>>();
async function referenceRun(): Promise<SuiteRun> {
  const limit = budget(SUITE_LIMIT_MS);
  if (!onReference.has(limit)) {
    onReference.set(
      limit,
      (async () => {
        const shared = await runSuite(dir, { isolate: false });
        if (shared.outcome !== 'failed' && shared.outcome !== 'broken') return { run: shared, isolate: false };
        return { run: await runSuite(dir), isolate: true };
      })(),
    );
  }
  return (await onReference.get(limit)!).run;
}
/** How the suite runs: with the isolation it needs (known once the reference run is done). */
async function isolation(): Promise<boolean> {
  return (await onReference.get(budget(SUITE_LIMIT_MS)))?.isolate ?? true;
}

/** The mutant checks mean something only once the suite passes on correct code. */
async function passingOnReference(): Promise<SuiteRun> {
  const run = await referenceRun();
  timeoutOf(run, 'your suite on the reference code');
  if (run.outcome !== 'passed') {
    throw new BlockedFailure(
      'your suite passes on the workshop’s reference code first (the check “your suite passes on the workshop’s reference code”)',
      describeRun(run),
      L.suite,
    );
  }
  return run;
}

requirement(
  'your suite passes on the workshop’s reference code, within its time limit',
  { lesson: L.suite, covers: ['suite-passes'], timeout: SUITE_CHECK_MS, concurrent: true },
  async () => {
    const run = await referenceRun();
    timeoutOf(run, 'your suite on the reference code');
    const asked = testDialect();
    if (run.outcome === 'passed' && run.appDialects && !run.appDialects.includes(asked)) {
      // Green on the other database: the one asked for was never tried.
      fail({
        expected: `your apps made on ${dialectName(asked)}, the database the checks asked for (TEST_DB_DIALECT=${asked}, with TEST_MYSQL_URL and TEST_DB_PREFIX): the suite passes on SQLite and on MySQL, and a suite that always makes the same kind of database proves only one`,
        got: `your suite passed, on ${run.appDialects.map(dialectName).join(' and ')} only: every app it made ran there, whatever TEST_DB_DIALECT said`,
        hint: 'build each file’s database with freshDatabase() of test/support/db.ts, or read TEST_DB_DIALECT, TEST_MYSQL_URL and TEST_DB_PREFIX the way it does',
        lesson: L.freshDb,
      });
    }
    if (run.outcome === 'passed') return;
    const focused = run.failures.some((f) => f.message.includes('Unexpected .only modifier'));
    fail({
      ...(focused && { hint: 'remove the .only left on a test or a describe: vitest then runs only that one and skips the rest of its file without a word (on CI it refuses the run, as here)' }),
      ...(run.devDatabase && {
        hint: `your suite wrote to ${run.devDatabase}, the development database: test files running side by side on one database clash (each migrates it, each sees the others’ rows); build each file’s app on freshDatabase() (test/support/db.ts)`,
      }),
      expected:
        run.outcome === 'no-tests'
          ? `test files in ${testFiles(dir).length === 0 ? 'test/ (test/**/*.test.ts)' : 'test/'} whose tests pass on the workshop’s reference code`
          : 'every test of test/ passes on the workshop’s reference code (a copy of solutions/06-testing with your test/ folder in it): a test that fails on correct code is wrong, or reaches into src/ further than src/app.ts, src/config.ts, src/logger.ts and src/db/index.ts',
      got: describeRun(run),
      lesson: L.suite,
    });
  },
);

requirement(
  'your suite passes twice in a row and in a shuffled order: no test depends on another’s data or order',
  { lesson: L.isolated, covers: ['suite-isolated'], timeout: SUITE_CHECK_MS, concurrent: true },
  async () => {
    await passingOnReference();
    const fromEnv = Number(process.env[ENV.seed]);
    const seed = Number.isInteger(fromEnv) && fromEnv > 0 ? fromEnv : 1 + Math.floor(Math.random() * 99_999);
    const run = await runSuite(dir, { shuffleSeed: seed, times: 2, isolate: await isolation() });
    timeoutOf(run, 'your suite, shuffled, twice');
    if (run.outcome === 'passed' && run.devDatabase) {
      // Green, and on the developer's data: each run adds to it, and the tests see whatever it holds.
      fail({
        expected: 'each test file on a fresh database of its own (freshDatabase() of test/support/db.ts, or one made the same way), deleted when the file is done: the development database is nobody’s test fixture',
        got: `your suite wrote to ${run.devDatabase}, the development database (where loadConfig puts one when no variable says otherwise, and what npm run dev uses): every test run adds its users and articles to the developer’s data, and the tests see whatever is already in it`,
        hint: 'build each file’s app on freshDatabase(), not on openDatabase(config.database)',
        lesson: L.freshDb,
      });
    }
    if (run.outcome === 'passed' && run.sharedDatabase) {
      // Green, and only because each test picks unique names: the files still see each other's rows.
      fail({
        expected: 'each test file on a fresh database of its own, made for it when the file starts (freshDatabase() of test/support/db.ts, or one made the same way): no two files on one database, and none on a database an earlier run left',
        got: `your suite passed, twice and shuffled, but ${run.sharedDatabase}`,
        hint: 'make the database inside testApp() (or whatever each file calls in its beforeAll): not once for the whole run in a globalSetup, not once per worker, not kept for the next run',
        lesson: L.freshDb,
      });
    }
    if (run.outcome === 'passed') return;
    fail({
      expected: 'the suite that passes in its own order also passes with its files and tests shuffled, and again right after in another shuffled order, in the same folder',
      got: `${describeRun(run)}\n(replay this order in your step folder: npx vitest run --sequence.shuffle --sequence.seed=${run.seed ?? seed})`,
      lesson: L.isolated,
    });
  },
);

requirement(
  'your suite has a test that fails on the reported bug',
  { lesson: L.bug, covers: ['bug-test'], timeout: SUITE_CHECK_MS, concurrent: true },
  async () => {
    const passing = await passingOnReference();
    const run = await runSuite(dir, { mutant: PLANTED_BUG, bail: true, isolate: await isolation() });
    timeoutOf(run, 'your suite on the reference code with the reported bug put back');
    if (run.outcome === 'failed' || run.outcome === 'broken') return;
    fail({
      expected: 'with the bug of the report put back into the reference code, at least one of your tests fails: the test that reproduced the report stays in the suite, so the bug cannot come back unnoticed',
      got: `${stillPass(passing.tests)} with the bug back`,
      lesson: L.bug,
    });
  },
);

for (const mutant of MUTANTS) {
  requirement(
    `your tests notice when ${mutant.bug}`,
    { lesson: L.mutants, covers: ['kills-mutants'], timeout: SUITE_CHECK_MS, concurrent: true },
    async () => {
      const passing = await passingOnReference();
      const run = await runSuite(dir, { mutant, bail: true, isolate: await isolation() });
      timeoutOf(run, `your suite on the reference code where ${mutant.bug}`);
      if (run.outcome === 'failed' || run.outcome === 'broken') return;
      fail({
        expected: `at least one of your tests fails on a copy of the reference code where ${mutant.bug}`,
        got: `${stillPass(passing.tests)} there: nothing in your suite looks at this behaviour closely enough`,
        lesson: L.mutants,
      });
    },
  );
}
