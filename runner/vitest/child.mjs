// @ts-check
/**
 * The check process: one vitest, kept warm between check runs. The runner starts it as a child
 * (its own process group) and sends it requests over IPC; results stream back through the IPC
 * reporter. Argument: a JSON object { files: string[] } (every check file it may be asked to run).
 *
 * Requests (runner → here):
 *   { type: 'run', id, files, pattern?, flags?, env, target }   run these files (in this order),
 *       only the checks whose full name matches `pattern` (a RegExp source) when given; `env` is
 *       the run's environment (target, step, progress file, database…), applied in each worker
 *   { type: 'collect', id, files, env, target }   list the checks without running them
 *   { type: 'cancel' }   stop the run in progress at once: its worker processes (and whatever they
 *       started: learner servers) are killed; vitest itself stays, with fresh workers
 *   { type: 'close' }
 * Messages (here → runner): { type: 'ready' }, the reporter's events, { type: 'finished', id }.
 *
 * What stays warm: vitest and its transforms of the check files, and worker processes that have
 * already loaded the heavy packages (preload.mjs) before they are given a file. What never does:
 * every check file starts on a clean slate (file-runner.mjs: its modules, the learner's among
 * them, evaluated afresh, and process.env as before), the learner's transforms are invalidated
 * before every run, and vitest replaces the workers after every run, so each run sees every
 * change and inherits no state.
 *
 * Plain JavaScript on purpose: loading a TypeScript loader first would cost a third of a second
 * on every start. Vitest itself compiles the TypeScript reporter and check files it loads.
 */
import { spawnSync } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { createVitest } from 'vitest/node';

const here = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.resolve(here, '..', '..');
/** @type {{ files: string[] }} */
const { files: allFiles } = JSON.parse(process.argv[2] ?? '{}');
// Hooks (opening the file's database) get more time on a slow machine (runner/lib/speed.ts).
const scale = Math.max(1, Number(process.env.WORKSHOP_TIME_SCALE) || 1);
const cores = typeof os.availableParallelism === 'function' ? os.availableParallelism() : os.cpus().length;
const workers = Math.max(1, Math.min(2, cores));

/** @type {(message: object) => void} */
const send = (message) => {
  if (process.send && process.connected) process.send(message);
};

/** The order the runner asked for, kept: this step's files first, earlier steps' last. */
let order = /** @type {string[]} */ ([]);
class KeepOrder {
  /** @param {unknown} _ctx */
  constructor(_ctx) {}
  /** @param {import('vitest/node').TestSpecification[]} specs */
  async shard(specs) {
    return specs;
  }
  /** @param {import('vitest/node').TestSpecification[]} specs */
  async sort(specs) {
    const at = (/** @type {string} */ id) => {
      const i = order.indexOf(path.resolve(id));
      return i === -1 ? order.length : i;
    };
    return [...specs].sort((a, b) => at(a.moduleId) - at(b.moduleId));
  }
}

const vitest = await createVitest(
  'test',
  {
    root: ROOT,
    config: false,
    watch: false,
    include: allFiles,
    // One file at a time per worker, each on a clean slate, with the packages kept loaded.
    runner: path.join(here, 'file-runner.mjs'),
    setupFiles: [path.join(ROOT, 'checks', 'support', 'setup.ts')],
    reporters: [[path.join(here, 'ipc-reporter.ts'), {}]],
    // Worker processes started ahead of time with the heavy packages loaded, each serving several
    // check files in turn (file-runner.mjs gives each file a clean slate).
    pool: 'forks',
    poolOptions: { forks: { isolate: false, execArgv: ['--import', pathToFileURL(path.join(here, 'preload.mjs')).href] } },
    fileParallelism: true,
    maxWorkers: workers,
    // Every worker the run may use is started ahead, so a file never waits for one to load.
    minWorkers: workers,
    sequence: { sequencer: KeepOrder },
    env: {},
    // Each check sets its own limit (checks/support/requirement.ts); this is for anything else.
    testTimeout: Math.round(10_000 * scale),
    hookTimeout: Math.round(20_000 * scale),
    teardownTimeout: 2_000,
    passWithNoTests: true,
  },
  {
    // The checks need no cache dir of their own and must not write into a learner's folder.
    cacheDir: path.join(ROOT, 'node_modules', '.vite-checks'),
    logLevel: 'silent',
    server: { watch: null },
  },
);
const specs = await vitest.globTestSpecifications();
// Vitest ends the process on any unhandled rejection. Killing a worker mid-run (a cancel) makes
// the pool reject a message to it: expected here, and no reason to lose the warm process.
process.removeAllListeners('unhandledRejection');
process.on('unhandledRejection', (err) => {
  const e = /** @type {NodeJS.ErrnoException} */ (err);
  if (e?.code === 'ERR_IPC_CHANNEL_CLOSED' || /Channel closed|Worker exited unexpectedly/.test(String(e?.message))) return;
  process.stderr.write(`unhandled rejection in the check process: ${e?.stack ?? e}\n`);
});

/**
 * Forgets every transform of a file inside the learner's folder, so the next run reads it from
 * disk again. Cheap (esbuild re-transforms a small project in milliseconds) and complete: no
 * save can be missed, whatever the file watcher saw.
 * @param {string} target
 */
function invalidateTarget(target) {
  const inside = (/** @type {string | null | undefined} */ file) => {
    if (!file) return false;
    const rel = path.relative(target, file);
    return !rel.startsWith('..') && !path.isAbsolute(rel);
  };
  for (const project of vitest.projects) {
    const graph = project.vite.moduleGraph;
    for (const mod of graph.idToModuleMap.values()) if (inside(mod.file)) graph.invalidateModule(mod);
    // vite-node keeps its own cache of fetched modules, keyed by file.
    const node = /** @type {any} */ (project).vitenode;
    for (const cache of [node?.fetchCache, node?.fetchCaches?.ssr, node?.fetchCaches?.web]) {
      if (!(cache instanceof Map)) continue;
      for (const key of [...cache.keys()]) if (inside(key)) cache.delete(key);
    }
  }
}

/** Environment of the current run, in every worker (vitest applies `env` before the setup files). */
let runEnvKeys = /** @type {string[]} */ ([]);
/** @param {Record<string, string>} env */
function setRunEnv(env) {
  const targets = [vitest.config.env, ...vitest.projects.map((p) => p.config.env)].filter(Boolean);
  for (const t of new Set(targets)) {
    for (const key of runEnvKeys) delete t[key];
    Object.assign(t, env);
  }
  runEnvKeys = Object.keys(env);
}

/** @param {string[]} files */
function specsFor(files) {
  const wanted = new Set(files.map((f) => path.resolve(f)));
  return specs.filter((s) => wanted.has(path.resolve(s.moduleId)));
}

/**
 * Kills the worker processes of the run in progress, and everything they started (learner
 * servers). True when done; false where the process table cannot be read (Windows, a minimal
 * `ps`): the caller then ends this whole process, which the runner replaces.
 * @returns {boolean}
 */
function killWorkers() {
  if (process.platform === 'win32') return false;
  const listing = spawnSync('ps', ['-A', '-o', 'pid=,ppid=,args='], { encoding: 'utf8' });
  if (listing.status !== 0 || !listing.stdout) return false;
  /** @type {Map<number, number[]>} */
  const children = new Map();
  const workerPids = [];
  for (const line of listing.stdout.split('\n')) {
    const m = /^\s*(\d+)\s+(\d+)\s+(.*)$/.exec(line);
    if (!m) continue;
    const [pid, ppid] = [Number(m[1]), Number(m[2])];
    if (!children.has(ppid)) children.set(ppid, []);
    children.get(ppid)?.push(pid);
    if (ppid === process.pid && m[3].includes('preload.mjs')) workerPids.push(pid);
  }
  const doomed = [];
  const walk = (/** @type {number} */ p) => {
    doomed.push(p);
    for (const c of children.get(p) ?? []) walk(c);
  };
  workerPids.forEach(walk);
  for (const p of doomed) {
    try {
      process.kill(p, 'SIGKILL');
    } catch {
      // Gone already.
    }
  }
  return true;
}

let queue = Promise.resolve();
/** The id of the request being handled. */
let current = /** @type {number | undefined} */ (undefined);
/** @param {any} request */
async function handle(request) {
  current = request.id;
  order = (request.files ?? []).map((/** @type {string} */ f) => path.resolve(f));
  setRunEnv(request.env ?? {});
  if (request.target) invalidateTarget(path.resolve(request.target));
  const chosen = specsFor(request.files ?? []);
  if (request.pattern) vitest.setGlobalTestNamePattern(new RegExp(request.pattern, request.flags ?? ''));
  else vitest.resetGlobalTestNamePattern();
  try {
    if (request.type === 'collect') {
      const { testModules } = await vitest.collectTests(chosen);
      for (const module of testModules) {
        for (const error of module.errors()) send({ type: 'file-error', file: path.basename(module.moduleId), message: String(error.message ?? error) });
        const tests = [...module.children.allTests()].map((t) => {
          const names = [];
          for (let p = t.parent; p && p.type === 'suite'; p = p.parent) names.unshift(p.name);
          return { title: t.name, path: names };
        });
        send({ type: 'collected', file: path.basename(module.moduleId), tests });
      }
    } else await vitest.runTestSpecifications(chosen, !request.pattern);
  } catch (err) {
    send({ type: 'file-error', file: '(runner)', message: String(/** @type {Error} */ (err)?.message ?? err) });
  }
  current = undefined;
  send({ type: 'finished', id: request.id });
}

let closing = false;
async function close() {
  if (closing) return;
  closing = true;
  killWorkers();
  // Learner code may leave handles open (timers, servers): leave without waiting for them.
  setTimeout(() => process.exit(0), 2000).unref();
  await vitest.close().catch(() => undefined);
  process.exit(0);
}

process.on('message', (/** @type {any} */ request) => {
  if (request?.type === 'cancel') {
    const running = current;
    void vitest.cancelCurrentRun('keyboard-input');
    if (!killWorkers()) process.exit(3);
    // A run that does not end once its workers are gone: this process goes, and the runner
    // starts a fresh one. Costs a second of start-up, never a stale result.
    setTimeout(() => {
      if (running !== undefined && current === running) process.exit(3);
    }, 2000).unref();
  } else if (request?.type === 'close') {
    void close();
  } else if (request?.type === 'run' || request?.type === 'collect') {
    queue = queue.then(() => handle(request));
  }
});
// The runner is gone (killed, or its terminal closed): so is this process and all it started.
process.on('disconnect', () => void close());

send({ type: 'ready' });
