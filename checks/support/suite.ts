/**
 * Step 06: the learner's own test suite, run by the checks. The suite runs against the
 * workshop's reference code (solutions/06-testing with the learner's `test/` folder put in), and
 * against mutants of it: copies with one realistic bug planted. A suite that passes on the
 * reference and fails on a mutant has noticed that bug.
 *
 * Each run is a vitest process of its own in a scratch copy, bounded in time (the whole process
 * tree is killed when it runs over), with its temporary files inside the copy and its MySQL
 * databases named after the check run, so nothing outlives it.
 */
import { spawn } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { copyProject, listFiles } from '../../runner/lib/fsutil.js';
import { dirs, ROOT, scratchDir } from '../../runner/lib/paths.js';
import { killTree, leashModule } from '../../runner/lib/processes.js';
import { dropSchemasLike, SCHEMA_PREFIX } from '../../runner/lib/check-db.js';
import { budget } from './budget.js';
import { mysqlServerUrl, testDialect } from './db.js';

/** One text replacement in a copy of the reference code; `find` occurs exactly once. */
export interface Edit {
  file: string;
  find: string;
  replace: string;
}

export interface Mutant {
  id: string;
  /** Completes "your tests notice when …". */
  bug: string;
  edits: Edit[];
}

export interface FailedTest {
  /** The test's describe blocks and title, as vitest names it. */
  name: string;
  /** The test file, relative to the step folder. */
  file: string;
  /** The first lines of its failure. */
  message: string;
}

export interface SuiteRun {
  /**
   * passed: every test passed; failed: at least one test failed; no-tests: nothing to run;
   * broken: a test file did not load (an import, a syntax error) or the process failed without
   * results; timeout: the run went over its time limit and was stopped.
   */
  outcome: 'passed' | 'failed' | 'no-tests' | 'broken' | 'timeout';
  tests: number;
  failures: FailedTest[];
  /** For broken runs: the load error or the end of the process output. */
  detail?: string;
  /** The shuffle seed of the reported round. */
  seed?: number;
  /**
   * Set when the run wrote the development database (DEV_DATABASE, where the app's config points
   * by default): the tests ran on the developer's data instead of fresh databases of their own.
   */
  devDatabase?: string;
  /**
   * Set when two test files made their apps on one database, or a file on a database older than
   * the run (kept from an earlier one): what was seen, in words. Seen on SQLite only, where a
   * database is a file (see plantProbe).
   */
  sharedDatabase?: string;
  /** The dialects of the databases the suite's apps were made on (seen by the probe), when it saw any. */
  appDialects?: string[];
  durationMs: number;
}

export interface SuiteOptions {
  /** The bug to plant in the reference code before the run. */
  mutant?: Mutant;
  /**
   * Run the test files and the tests within them in an order shuffled with this seed (and the
   * seeds after it, one per round).
   */
  shuffleSeed?: number;
  /** Run the suite this many times in a row in the same copy (default 1); the first failing run is reported. */
  times?: number;
  /** Stop at the first failing test: enough to know a mutant was noticed. */
  bail?: boolean;
  /** Milliseconds the run may take on the development machine (default SUITE_LIMIT_MS). */
  limitMs?: number;
  /**
   * Whether each test file gets fresh modules (vitest's default). Without, the app's modules load
   * once per worker instead of once per file: half the CPU of a run, for suites that allow it.
   */
  isolate?: boolean;
}

/** What the lesson promises: a suite run is stopped after 60 s on the development machine. */
export const SUITE_LIMIT_MS = 60_000;

/**
 * The development database: where loadConfig puts a SQLite database when no variable says
 * otherwise (src/config.ts, DEFAULT_SQLITE_STORAGE), relative to the folder the suite runs in,
 * and where `npm run dev` keeps its data. The suite's copy never has one before the run.
 */
export const DEV_DATABASE = '.data/conduit.sqlite';

/** The modules of src/ a suite may import: the step contract (docs/06-testing.md#the-contract). */
export const CONTRACT_MODULES = ['src/app.ts', 'src/config.ts', 'src/logger.ts', 'src/db/index.ts'];

const reference = () => path.join(dirs.solutions, '06-testing');
const vitestBin = () => path.join(path.dirname(createRequire(import.meta.url).resolve('vitest/package.json')), 'vitest.mjs');
const VITEST_CONFIGS = ['vitest.config.ts', 'vitest.config.mts', 'vitest.config.js', 'vitest.config.mjs'];
/** What of the reference code a run leaves out: its own tests and config make way for the learner's. */
const REFERENCE_SKIP: ReadonlySet<string> = new Set(['node_modules', 'test', '.env', '.data', 'coverage', 'dist', ...VITEST_CONFIGS]);

/** Whether the learner's folder holds any test file at all. */
export function testFiles(learnerDir: string): string[] {
  const root = path.join(learnerDir, 'test');
  if (!fs.existsSync(root)) return [];
  return (fs.readdirSync(root, { recursive: true }) as string[]).filter((f) => /\.test\.[cm]?[jt]s$/.test(f)).map((f) => path.join('test', f).split(path.sep).join('/'));
}

/**
 * The reference code with the learner's tests in it: solutions/06-testing without its own test/
 * folder and vitest config, then the learner's test/ and vitest config (when they have one).
 */
function assemble(learnerDir: string, mutant: Mutant | undefined, run: string): string {
  fs.mkdirSync(scratchDir, { recursive: true });
  // Named after the check run: the runner removes what a killed run leaves behind.
  const copy = fs.mkdtempSync(path.join(scratchDir, `run-${run}-suite-`));
  copyProject(reference(), copy, { skip: REFERENCE_SKIP });
  plantProbe(copy);
  if (fs.existsSync(path.join(learnerDir, 'test'))) copyProject(path.join(learnerDir, 'test'), path.join(copy, 'test'), { skip: new Set(['node_modules']) });
  const config = VITEST_CONFIGS.find((f) => fs.existsSync(path.join(learnerDir, f)));
  const from = config ? path.join(learnerDir, config) : path.join(reference(), 'vitest.config.ts');
  if (fs.existsSync(from)) fs.copyFileSync(from, path.join(copy, path.basename(from)));
  for (const edit of mutant?.edits ?? []) {
    const file = path.join(copy, edit.file);
    const text = fs.readFileSync(file, 'utf8');
    const at = text.indexOf(edit.find);
    // The workshop's own mistake, not the learner's: say so loudly.
    if (at < 0 || text.indexOf(edit.find, at + 1) >= 0) throw new Error(`mutant ${mutant?.id}: ${edit.file} must contain its text exactly once: ${edit.find}`);
    fs.writeFileSync(file, text.slice(0, at) + edit.replace + text.slice(at + edit.find.length));
  }
  return copy;
}

/*
 * Which database each test file ran on. The copy's src/app.ts calls a probe first thing in
 * createApp: it appends to the file WORKSHOP_SUITE_PROBE names the test file that is running
 * (vitest's worker state), the database's dialect and, for SQLite, its file with inode and birth time (a file
 * deleted and made again under the same name is another database). Nothing else changes: the
 * probe never throws, and writes nowhere the suite looks.
 */
const PROBE_MODULE = 'src/workshop-suite-probe.ts';
const PROBE_SOURCE = `// Written by the workshop's checks into their copy of the reference code (checks/support/suite.ts).
import fs from 'node:fs';
import path from 'node:path';

export function probeApp(deps: unknown): void {
  try {
    const out = process.env.WORKSHOP_SUITE_PROBE;
    const db = (deps as { db?: { getDialect?: () => string; options?: { storage?: string } } } | undefined)?.db;
    const dialect = db?.getDialect?.();
    if (!out || !dialect) return;
    const test = (globalThis as { __vitest_worker__?: { filepath?: string } }).__vitest_worker__?.filepath ?? null;
    const line = (more: object) => fs.appendFileSync(out, JSON.stringify({ test, dialect, ...more }) + '\\n');
    const storage = db?.options?.storage;
    if (dialect !== 'sqlite' || !storage || storage === ':memory:' || storage.startsWith('file:')) return line({});
    const file = path.resolve(storage);
    const stat = fs.statSync(file);
    line({ storage: file, ino: stat.ino, born: stat.birthtimeMs });
  } catch {
    // Seeing nothing is no verdict.
  }
}
`;

/** Puts the probe into the copy; without the expected createApp line, no probe (and no verdict on sharing). */
function plantProbe(copy: string): void {
  const app = path.join(copy, 'src', 'app.ts');
  if (!fs.existsSync(app)) return;
  const text = fs.readFileSync(app, 'utf8');
  const at = text.indexOf('export function createApp(');
  const eol = at < 0 ? -1 : text.indexOf('\n', at);
  if (eol < 0 || !text.slice(at, eol).trimEnd().endsWith('{')) return;
  fs.writeFileSync(path.join(copy, PROBE_MODULE), PROBE_SOURCE);
  const call = '  __workshopProbe(arguments[0]);\n';
  fs.writeFileSync(app, `import { probeApp as __workshopProbe } from './workshop-suite-probe.js';\n${text.slice(0, eol + 1)}${call}${text.slice(eol + 1)}`);
}

interface ProbeLine {
  test: string | null;
  dialect: string;
  storage?: string;
  ino?: number;
  born?: number;
}

function probeLines(probeFile: string): ProbeLine[] {
  try {
    return fs
      .readFileSync(probeFile, 'utf8')
      .split('\n')
      .filter((l) => l.trim())
      .map((l) => JSON.parse(l) as ProbeLine);
  } catch {
    return [];
  }
}

/**
 * What the probe saw of one round that started at `since`: two test files on one database, or a
 * database made before the round (a birth time a second or more before it: file times may lag
 * the clock by a tick).
 */
function sharedDatabase(copy: string, lines: ProbeLine[], since: number): string | undefined {
  const shown = (file: string) => {
    const rel = path.relative(copy, file);
    return rel.startsWith('..') || path.isAbsolute(rel) ? file : rel.split(path.sep).join('/');
  };
  const databases = new Map<string, { storage: string; born: number; tests: string[] }>();
  for (const line of lines) {
    // No birth time on this file system: a file made again could not be told from the old one.
    if (!line.storage || !line.born || !line.test) continue;
    const key = `${line.storage}\0${line.ino}\0${line.born}`;
    const known = databases.get(key) ?? { storage: line.storage, born: line.born, tests: [] as string[] };
    if (!known.tests.includes(line.test)) known.tests.push(line.test);
    databases.set(key, known);
  }
  for (const d of databases.values()) {
    if (d.tests.length > 1) {
      const files = d.tests.map(shown).sort();
      const named = files.length > 3 ? `${files.slice(0, 3).join(', ')} and ${files.length - 3} more` : `${files.slice(0, -1).join(', ')} and ${files.at(-1)}`;
      return `${named} made their apps on one database, ${shown(d.storage)}: each sees the rows the others write`;
    }
  }
  for (const d of databases.values()) {
    if (d.born < since - 1000) {
      return `${shown(d.tests[0])} made its app on ${shown(d.storage)}, a database made before this run started (at ${new Date(d.born).toISOString()}): the rows of an earlier run are still in it`;
    }
  }
  return undefined;
}

interface JsonReport {
  numTotalTests?: number;
  numFailedTests?: number;
  testResults?: {
    name: string;
    status: string;
    message?: string;
    assertionResults?: { fullName?: string; title: string; ancestorTitles?: string[]; status: string; failureMessages?: string[] }[];
  }[];
}

const firstLines = (text: string, n = 6) =>
  text
    .replace(/\x1b\[[0-9;]*m/g, '')
    .split('\n')
    .filter((l) => l.trim() && !/^\s+at /.test(l))
    .slice(0, n)
    .join('\n');

/** Suite runs at once per check process: each is a vitest with workers of its own. */
const MAX_PARALLEL = 2;
let active = 0;
const queue: (() => void)[] = [];
async function slot<T>(work: () => Promise<T>): Promise<T> {
  if (active >= MAX_PARALLEL) await new Promise<void>((resolve) => queue.push(resolve));
  active += 1;
  try {
    return await work();
  } finally {
    active -= 1;
    queue.shift()?.();
  }
}

let runCounter = 0;

/** Runs the learner's suite (the `test/` folder of `learnerDir`) against the reference code, or a mutant of it. */
export async function runSuite(learnerDir: string, options: SuiteOptions = {}): Promise<SuiteRun> {
  const key = cacheKey(learnerDir, options);
  const known = key ? remembered(key) : undefined;
  if (known) return known;
  const run = await slot(() => runSuiteNow(learnerDir, options));
  if (key) remember(key, run);
  return run;
}

/*
 * A suite run's verdict is remembered by everything it depends on: the learner's test/ folder and
 * vitest config, the reference code, the planted bug, the options, the dialect, and the versions
 * of Node and of the packages, and this file. The same inputs give the same verdict (a random
 * shuffle seed is an input, so the shuffled runs are never reused), and a save in step 06 that
 * leaves the suite as it was (src/, the reported bug's fix) costs none of its thirty runs. Timeouts and
 * broken runs are not remembered: they may be the machine's. Off while grading
 * (WORKSHOP_SUITE_CACHE=off, set by `npm run grade`): one submission's code could write a verdict
 * for its own suite there.
 */
const CACHE_DIR = path.join(dirs.state, 'cache', 'suite');
const CACHE_FORMAT = 1;

/**
 * What the workshop brings to every run, the same for the whole check process: read once, not for
 * each of the thirty runs. This file is in it (it decides how a run is made and read).
 */
let workshop: string | undefined;
function workshopDigest(): string {
  if (workshop) return workshop;
  const hash = crypto.createHash('sha256');
  const add = (label: string, value: string | Buffer) => hash.update(`${label}\0${value.length}\0`).update(value);
  add('format', String(CACHE_FORMAT));
  add('harness', fs.readFileSync(fileURLToPath(import.meta.url)));
  add('node', process.version);
  const lock = path.join(ROOT, 'package-lock.json');
  if (fs.existsSync(lock)) add('lock', fs.readFileSync(lock));
  for (const file of listFiles(reference(), REFERENCE_SKIP)) add(`reference/${file}`, fs.readFileSync(path.join(reference(), file)));
  workshop = hash.digest('hex');
  return workshop;
}

export function cacheKey(learnerDir: string, options: SuiteOptions): string | undefined {
  if (process.env.WORKSHOP_SUITE_CACHE === 'off') return undefined;
  try {
    const hash = crypto.createHash('sha256');
    const add = (label: string, value: string | Buffer) => hash.update(`${label}\0${value.length}\0`).update(value);
    add('workshop', workshopDigest());
    add('dialect', testDialect());
    add('options', JSON.stringify({ mutant: options.mutant ?? null, shuffleSeed: options.shuffleSeed ?? null, times: options.times ?? 1, bail: !!options.bail, isolate: options.isolate ?? true }));
    for (const file of listFiles(path.join(learnerDir, 'test'), new Set(['node_modules']))) add(`tests/${file}`, fs.readFileSync(path.join(learnerDir, 'test', file)));
    for (const config of VITEST_CONFIGS) {
      const file = path.join(learnerDir, config);
      if (fs.existsSync(file)) add(`config/${config}`, fs.readFileSync(file));
    }
    return hash.digest('hex');
  } catch {
    return undefined;
  }
}

function remembered(key: string): SuiteRun | undefined {
  try {
    return JSON.parse(fs.readFileSync(path.join(CACHE_DIR, `${key}.json`), 'utf8')) as SuiteRun;
  } catch {
    return undefined;
  }
}

function remember(key: string, run: SuiteRun): void {
  if (run.outcome === 'timeout' || run.outcome === 'broken') return;
  try {
    fs.mkdirSync(CACHE_DIR, { recursive: true });
    // Written whole, then renamed: a check process reading it meanwhile sees all of it or nothing.
    const tmp = path.join(CACHE_DIR, `${key}.${process.pid}.tmp`);
    fs.writeFileSync(tmp, JSON.stringify(run));
    fs.renameSync(tmp, path.join(CACHE_DIR, `${key}.json`));
  } catch {
    // A cache that cannot be written only costs time.
  }
}

async function runSuiteNow(learnerDir: string, options: SuiteOptions): Promise<SuiteRun> {
  const started = Date.now();
  if (testFiles(learnerDir).length === 0) return { outcome: 'no-tests', tests: 0, failures: [], durationMs: 0 };
  const run = (process.env.WORKSHOP_RUN_ID ?? `${Math.floor(Date.now() / 1000)}_${process.pid}`).replace(/\W/g, '_');
  const copy = assemble(learnerDir, options.mutant, run);
  const prefix = `${SCHEMA_PREFIX}${run}_s${++runCounter}${crypto.randomBytes(2).toString('hex')}_`;
  const tmp = path.join(copy, '.tmp');
  fs.mkdirSync(tmp);
  try {
    let last: SuiteRun | undefined;
    let shared: string | undefined;
    const dialects = new Set<string>();
    for (let i = 0; i < (options.times ?? 1); i++) {
      const since = Date.now();
      last = { ...(await vitestOnce(copy, tmp, prefix, options, i)), ...(options.shuffleSeed !== undefined && { seed: options.shuffleSeed + i }) };
      const seen = probeLines(probeFileOf(tmp, i));
      for (const line of seen) dialects.add(line.dialect);
      shared ??= sharedDatabase(copy, seen, since);
      if (last.outcome !== 'passed') break;
    }
    const devDatabase = fs.existsSync(path.join(copy, DEV_DATABASE)) ? DEV_DATABASE : undefined;
    return {
      ...(last as SuiteRun),
      ...(devDatabase && { devDatabase }),
      ...(shared && { sharedDatabase: shared }),
      ...(dialects.size > 0 && { appDialects: [...dialects].sort() }),
      durationMs: Date.now() - started,
    };
  } finally {
    if (testDialect() === 'mysql') await dropSchemasLike(mysqlServerUrl(), prefix);
    fs.rmSync(copy, { recursive: true, force: true, maxRetries: 5, retryDelay: 100 });
  }
}

const probeFileOf = (tmp: string, round: number) => path.join(tmp, `probe-${round}.jsonl`);

function suiteEnv(tmp: string, prefix: string): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  // Not the checks' own settings: the suite is a project of its own (and vitest inside vitest
  // would take the outer one's variables for its own).
  for (const [k, v] of Object.entries(process.env)) if (!/^(VITEST|WORKSHOP_|TEST_|DB_|DATABASE_URL$|NODE_OPTIONS$|JWT_)/.test(k)) env[k] = v;
  return {
    ...env,
    NODE_ENV: 'test',
    FORCE_COLOR: '0',
    NO_COLOR: '1',
    TMPDIR: tmp,
    TMP: tmp,
    TEMP: tmp,
    TEST_DB_DIALECT: testDialect(),
    TEST_DB_PREFIX: prefix,
    ...(testDialect() === 'mysql' && { TEST_MYSQL_URL: mysqlServerUrl() }),
  };
}

async function vitestOnce(copy: string, tmp: string, prefix: string, options: SuiteOptions, round: number): Promise<SuiteRun> {
  const started = Date.now();
  const report = path.join(tmp, `report-${round}.json`);
  // The leash ends vitest, its workers and whatever the tests started when this check process is
  // gone (a stopped or killed check run), not only when vitest is done.
  const args = ['--import', leashModule, vitestBin(), 'run', '--root', copy, '--reporter=json', `--outputFile=${report}`, '--maxWorkers=2', '--minWorkers=1'];
  // A test left with .only skips the others of its file without a word; vitest refuses it only
  // when CI is set. Refused everywhere, so that the verdict does not depend on the machine.
  args.push('--allowOnly=false');
  if (options.bail) args.push('--bail=1');
  if (options.isolate === false) args.push('--no-isolate');
  const seed = options.shuffleSeed === undefined ? undefined : options.shuffleSeed + round;
  if (seed !== undefined) args.push('--sequence.shuffle', `--sequence.seed=${seed}`);
  const child = spawn(process.execPath, args, {
    cwd: copy,
    env: { ...suiteEnv(tmp, prefix), WORKSHOP_SUITE_PROBE: probeFileOf(tmp, round), WORKSHOP_LEASH_PID: String(process.pid), WORKSHOP_LEASH_GROUP: '1' },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: process.platform !== 'win32',
    windowsHide: true,
  });
  let output = '';
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-20_000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const limit = budget(options.limitMs ?? SUITE_LIMIT_MS);
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    killTree(child, 'SIGKILL', true);
  }, limit);
  const code = await new Promise<number | null>((resolve) => {
    child.on('close', (c) => resolve(c));
    child.on('error', () => resolve(null));
  });
  clearTimeout(timer);
  // Workers (and servers a test started) that outlived vitest go with their group.
  killTree(child, 'SIGKILL', true);
  const durationMs = Date.now() - started;
  if (timedOut) return { outcome: 'timeout', tests: 0, failures: [], durationMs, detail: firstLines(output, 10) };
  let parsed: JsonReport | undefined;
  try {
    parsed = JSON.parse(fs.readFileSync(report, 'utf8')) as JsonReport;
  } catch {
    parsed = undefined;
  }
  const shown = (text: string) => firstLines(text.replaceAll(copy + path.sep, '').replaceAll(copy, '.'));
  if (!parsed) {
    if (/No test files found/i.test(output)) return { outcome: 'no-tests', tests: 0, failures: [], durationMs };
    return { outcome: 'broken', tests: 0, failures: [], durationMs, detail: shown(output) || `vitest exited with code ${code}` };
  }
  const files = parsed.testResults ?? [];
  const failures: FailedTest[] = [];
  let broken: string | undefined;
  for (const f of files) {
    const file = path.relative(copy, f.name).split(path.sep).join('/');
    const results = f.assertionResults ?? [];
    // A file that failed without a failing test did not load (an import, a syntax error) or
    // failed outside its tests (a beforeAll that threw, its tests then skipped): its message says why.
    if (f.status === 'failed' && !results.some((t) => t.status === 'failed')) broken ??= `${file}: ${shown(f.message || 'did not load')}`;
    for (const t of results) {
      if (t.status !== 'failed') continue;
      failures.push({ name: t.fullName ?? [...(t.ancestorTitles ?? []), t.title].join(' > '), file, message: shown((t.failureMessages ?? []).join('\n')) });
    }
  }
  const tests = parsed.numTotalTests ?? files.reduce((n, f) => n + (f.assertionResults?.length ?? 0), 0);
  if (broken !== undefined && failures.length === 0) return { outcome: 'broken', tests, failures, durationMs, detail: broken };
  if (failures.length > 0) return { outcome: 'failed', tests, failures, durationMs };
  if (tests === 0) return { outcome: 'no-tests', tests, failures, durationMs };
  if (code !== 0) return { outcome: 'broken', tests, failures, durationMs, detail: shown(output) || `vitest exited with code ${code}` };
  return { outcome: 'passed', tests, failures, durationMs };
}

