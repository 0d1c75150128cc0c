/**
 * The vitest process of one check run. The runner starts it as a child so that it can kill it,
 * workers and learner servers included, when learner code hangs (even in a busy loop).
 * Arguments: a JSON object { files: string[] } ; the target comes in WORKSHOP_TARGET.
 */
import { startVitest } from 'vitest/node';
import { ROOT } from '../lib/paths.js';
import type { ChildEvent } from '../lib/results.js';
import { IpcReporter } from './ipc-reporter.js';

const { files } = JSON.parse(process.argv[2] ?? '{}') as { files: string[] };

const send = (event: ChildEvent): void => {
  if (process.send) process.send(event);
  else process.stdout.write(`${JSON.stringify(event)}\n`);
};

const vitest = await startVitest(
  'test',
  [],
  {
    root: ROOT,
    config: false,
    watch: false,
    include: files,
    setupFiles: [`${ROOT}/checks/support/setup.ts`],
    reporters: [new IpcReporter(send)],
    // One worker thread per check file, no per-file isolation cost beyond that: the files share
    // nothing, and the runner kills the whole process on a hard timeout anyway.
    pool: 'threads',
    fileParallelism: true,
    testTimeout: 10_000,
    hookTimeout: 20_000,
    teardownTimeout: 2_000,
    passWithNoTests: false,
    silent: false,
  },
  {
    // The checks need no cache dir of their own and must not write into a learner's folder.
    cacheDir: `${ROOT}/node_modules/.vite-checks`,
    logLevel: 'silent',
    server: { watch: null },
  },
);

await vitest?.close();
// Learner code may leave handles open (timers, servers): the run is over, so leave now.
process.exit(0);
