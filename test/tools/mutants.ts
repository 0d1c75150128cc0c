/**
 * Proves step 06-testing's mutants and its reference suite fit together: the reference suite
 * (solutions/06-testing/test) passes on the unmutated solution, and fails on every mutant of
 * checks/06-testing.mutants.ts and on the starter's planted bug.
 *
 *   node --import tsx test/tools/mutants.ts                 # reference, then every mutant and the planted bug
 *   node --import tsx test/tools/mutants.ts limit-cap-missing feed-offset-from-limit
 *   TEST_DB_DIALECT=mysql node --import tsx test/tools/mutants.ts
 *   node --import tsx test/tools/mutants.ts --typecheck    # also tsc --noEmit on every copy: each mutant must compile
 *
 * Each run is a copy of solutions/06-testing under .workshop/tmp/ (inside the repository, so
 * node_modules resolve from its root) with the mutant's edits applied, and `vitest run --bail=1`
 * in it. A `find` that is missing, or found more than once, is an error: the mutant no longer
 * says what it changes.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { copyProject } from '../../runner/lib/fsutil.js';
import { ROOT } from '../../runner/lib/paths.js';
import { MUTANTS, PLANTED_BUG, type Mutant } from '../../checks/06-testing.mutants.js';

const SOLUTION = path.join(ROOT, 'solutions', '06-testing');
const SCRATCH = path.join(ROOT, '.workshop', 'tmp', 'mutants-06');
const VITEST = path.join(ROOT, 'node_modules', 'vitest', 'vitest.mjs');
const REFERENCE: Mutant = { id: 'reference', bug: 'nothing (the unmutated solution)', edits: [] };

function countOf(text: string, find: string): number {
  let count = 0;
  for (let at = text.indexOf(find); at >= 0; at = text.indexOf(find, at + 1)) count++;
  return count;
}

/** A fresh copy of the solution with the mutant's edits; throws when an edit does not apply exactly once. */
function prepare(mutant: Mutant): string {
  const dir = path.join(SCRATCH, mutant.id);
  fs.rmSync(dir, { recursive: true, force: true });
  copyProject(SOLUTION, dir);
  for (const { file, find, replace } of mutant.edits) {
    const target = path.join(dir, file);
    if (!fs.existsSync(target)) throw new Error(`${mutant.id}: ${file} does not exist in solutions/06-testing`);
    const text = fs.readFileSync(target, 'utf8');
    const count = countOf(text, find);
    if (count !== 1) throw new Error(`${mutant.id}: ${file} holds ${JSON.stringify(find)} ${count} times, not once`);
    fs.writeFileSync(target, text.replace(find, () => replace));
  }
  return dir;
}

interface JsonReport {
  numFailedTests: number;
  numPassedTests: number;
  testResults: { name: string; message?: string; assertionResults: { fullName: string; status: string }[] }[];
}

interface Outcome {
  passed: boolean;
  /** The first failing test, "file > describe > test", or why the run failed without one. */
  firstFailure?: string;
  passedTests: number;
  seconds: number;
}

function runSuite(dir: string): Outcome {
  const report = path.join(dir, 'vitest-report.json');
  const started = Date.now();
  const run = spawnSync(process.execPath, [VITEST, 'run', '--root', dir, '--bail=1', '--reporter=json', `--outputFile=${report}`], {
    cwd: dir,
    encoding: 'utf8',
    env: { ...process.env, FORCE_COLOR: '0' },
    timeout: 300_000,
  });
  const seconds = (Date.now() - started) / 1000;
  if (!fs.existsSync(report)) return { passed: false, firstFailure: `no report (exit ${run.status}): ${(run.stderr || run.stdout).slice(-400)}`, passedTests: 0, seconds };
  const json = JSON.parse(fs.readFileSync(report, 'utf8')) as JsonReport;
  for (const file of json.testResults) {
    const failed = file.assertionResults.find((a) => a.status === 'failed');
    if (failed) return { passed: false, firstFailure: `${path.relative(dir, file.name)} > ${failed.fullName}`, passedTests: json.numPassedTests, seconds };
  }
  const broken = json.testResults.find((f) => f.message);
  if (broken) return { passed: false, firstFailure: `${path.relative(dir, broken.name)}: ${broken.message?.split('\n')[0]}`, passedTests: json.numPassedTests, seconds };
  return { passed: run.status === 0, firstFailure: run.status === 0 ? undefined : `exit ${run.status}`, passedTests: json.numPassedTests, seconds };
}

const all = [REFERENCE, ...MUTANTS, PLANTED_BUG];
const ids = new Set(all.map((m) => m.id));
if (ids.size !== all.length) throw new Error('two mutants share an id');
const typecheck = process.argv.includes('--typecheck');
const asked = process.argv.slice(2).filter((arg) => arg !== '--typecheck');
for (const id of asked) if (!ids.has(id)) throw new Error(`no mutant ${id}; known: ${[...ids].join(', ')}`);
// The reference first, always: a mutant "killed" by a suite that fails anyway proves nothing.
const chosen = [REFERENCE, ...all.filter((m) => m !== REFERENCE && (asked.length === 0 || asked.includes(m.id)))];

// Every edit is checked before anything runs: a stale find string fails at once.
const dirs = new Map(chosen.map((m) => [m.id, prepare(m)]));
console.log(`dialect: ${process.env.TEST_DB_DIALECT ?? 'sqlite'}`);
let wrong = 0;
const TSC = path.join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc');
for (const mutant of chosen) {
  if (typecheck) {
    const tsc = spawnSync(process.execPath, [TSC, '--noEmit', '-p', dirs.get(mutant.id)!], { encoding: 'utf8' });
    if (tsc.status !== 0) {
      console.log(`NO BUILD ${mutant.id}: ${tsc.stdout.trim().split('\n').slice(0, 3).join(' | ')}`);
      wrong++;
      continue;
    }
  }
  const outcome = runSuite(dirs.get(mutant.id)!);
  const time = `${outcome.seconds.toFixed(1)} s`;
  if (mutant === REFERENCE) {
    console.log(`${outcome.passed ? 'PASS    ' : 'FAIL    '} reference (${outcome.passedTests} tests, ${time})${outcome.passed ? '' : `: ${outcome.firstFailure}`}`);
    if (!outcome.passed) {
      wrong++;
      break;
    }
  } else {
    console.log(`${outcome.passed ? 'SURVIVED' : 'killed  '} ${mutant.id} (${time})${outcome.passed ? `: ${mutant.bug}` : `: ${outcome.firstFailure}`}`);
    if (outcome.passed) wrong++;
  }
}
fs.rmSync(SCRATCH, { recursive: true, force: true });
if (wrong > 0) {
  console.log(`${wrong} wrong`);
  process.exitCode = 1;
}
