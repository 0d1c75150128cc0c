// @ts-check
/**
 * The test runner of the check workers (child.mjs): vitest's own, plus a fresh start for every
 * check file inside a worker process that serves several of them.
 *
 * Why not a fresh process per file (vitest's `isolate`): each one loaded Express, Sequelize and
 * the rest again, and that was a quarter of the CPU of a whole run of step 04's checks. Packages
 * are not where a learner's state lives; their modules are. So a worker keeps what Node loaded
 * from node_modules, and before each file it forgets everything else, as `isolate` would have:
 *
 * - every module vitest evaluated (the learner's code, the check and its support files), so the
 *   file imports them afresh: module-level state (a Map used as a store, a limiter's counters,
 *   a Sequelize instance) starts empty, as in a new process;
 * - `process.env` and the working directory as the worker had them before its first file: a
 *   learner's config that calls dotenv writes its `.env` into process.env, and the next file must
 *   not inherit it (its servers are spawned with this environment);
 * - `process.exitCode`;
 * - prom-client's default registry, the one global in the packages the course uses: metrics
 *   registered at import (step 08) would otherwise be "already registered" in the next file.
 *
 * A worker still runs one file at a time, and vitest replaces the workers after every run.
 */
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { VitestTestRunner } from 'vitest/runners';

/** What vitest itself keeps between files (its `resetModules`), and this module with its snapshot. */
const KEEP = [/\/vitest\/dist\//, /\/vite-node\/dist\//, /vitest-virtual-\w+\/dist/, /@vitest\/dist/];
const slashes = (/** @type {string} */ p) => p.replace(/\\/g, '/');
const self = slashes(fileURLToPath(import.meta.url));
const require = createRequire(import.meta.url);

/** The worker as it was before its first check file. */
let before;

function snapshot() {
  return {
    env: { ...process.env },
    cwd: process.cwd(),
  };
}

function restore(/** @type {ReturnType<typeof snapshot>} */ state) {
  for (const key of Object.keys(process.env)) if (!(key in state.env)) delete process.env[key];
  Object.assign(process.env, state.env);
  if (process.cwd() !== state.cwd) process.chdir(state.cwd);
  process.exitCode = undefined;
  clearPromDefaultRegistry();
}

function clearPromDefaultRegistry() {
  let id;
  try {
    id = require.resolve('prom-client');
  } catch {
    return;
  }
  const loaded = require.cache[id];
  loaded?.exports?.register?.clear?.();
}

export default class FileRunner extends VitestTestRunner {
  /** @param {import('vitest').RunnerTestFile} file */
  onCollectStart(file) {
    if (before) restore(before);
    else before = snapshot();
    const cache = /** @type {{ workerState: { moduleCache: Map<string, unknown> & { invalidateModule(mod: unknown): void } } }} */ (/** @type {unknown} */ (this)).workerState.moduleCache;
    cache.forEach((mod, id) => {
      if (slashes(id) !== self && !KEEP.some((re) => re.test(id))) cache.invalidateModule(mod);
    });
    super.onCollectStart(file);
  }
}
