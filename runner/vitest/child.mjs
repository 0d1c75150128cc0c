// @ts-check
/**
 * The vitest process of one check run. The runner starts it as a child so that it can kill it,
 * workers and learner servers included, when learner code hangs (even in a busy loop).
 * Argument: a JSON object { files: string[], only?: string }; the target comes in WORKSHOP_TARGET.
 *
 * Plain JavaScript on purpose: this file starts on every check run, and loading a TypeScript
 * loader first would cost a third of a second each time. Vitest itself compiles the TypeScript
 * reporter and check files it loads.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startVitest } from 'vitest/node';

const here = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.resolve(here, '..', '..');
/** @type {{ files: string[], only?: string }} */
const { files, only } = JSON.parse(process.argv[2] ?? '{}');
const escape = (/** @type {string} */ s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
// Hooks (opening the file's database) get more time on a slow machine (runner/lib/speed.ts).
const scale = Math.max(1, Number(process.env.WORKSHOP_TIME_SCALE) || 1);

const vitest = await startVitest(
  'test',
  [],
  {
    root: ROOT,
    config: false,
    watch: false,
    include: files,
    setupFiles: [path.join(ROOT, 'checks', 'support', 'setup.ts')],
    reporters: [[path.join(here, 'ipc-reporter.ts'), {}]],
    // `--only`: every check whose title contains the text (case-insensitive).
    ...(only !== undefined && { testNamePattern: new RegExp(escape(only), 'i') }),
    pool: 'threads',
    fileParallelism: true,
    // Each check sets its own limit (checks/support/requirement.ts); this is for anything else.
    testTimeout: Math.round(10_000 * scale),
    hookTimeout: Math.round(20_000 * scale),
    teardownTimeout: 2_000,
    passWithNoTests: false,
  },
  {
    // The checks need no cache dir of their own and must not write into a learner's folder.
    cacheDir: path.join(ROOT, 'node_modules', '.vite-checks'),
    logLevel: 'silent',
    server: { watch: null },
  },
);

await vitest?.close();
// Learner code may leave handles open (timers, servers): the run is over, so leave now.
process.exit(0);
