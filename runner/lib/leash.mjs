// @ts-check
/**
 * Loaded first in a learner's server that the runner started (`npm run step`, `npm run solution`):
 * the server ends when the runner is gone, however it went (killed, its terminal closed). The
 * server runs in its own process group so that Ctrl-C reaches the runner alone, and the runner
 * stops it; this covers the case where the runner never got the chance.
 *
 * With WORKSHOP_LEASH_GROUP=1 the process leads a process group of its own (spawned detached)
 * and takes the whole group with it: a learner's test suite run by the step-06 checks, whose
 * vitest workers and the servers its tests started would otherwise outlive a stopped check run.
 */
const parent = Number(process.env.WORKSHOP_LEASH_PID);
const group = process.env.WORKSHOP_LEASH_GROUP === '1' && process.platform !== 'win32';
// A descendant that inherited the --import (a worker forked with the same options) has another
// parent: the leash is not its to act on.
const parentAlive = () => {
  try {
    process.kill(parent, 0);
    return true;
  } catch (err) {
    return /** @type {NodeJS.ErrnoException} */ (err).code === 'EPERM';
  }
};
const watched = Number.isInteger(parent) && parent > 0;
const inherited = watched && process.platform !== 'win32' && process.ppid !== parent && parentAlive();
if (watched && !inherited) {
  const timer = setInterval(() => {
    const alive = parentAlive();
    if (!alive || (process.platform !== 'win32' && process.ppid !== parent)) {
      if (group) {
        try {
          process.kill(-process.pid, 'SIGKILL');
        } catch {
          // Not a group leader after all: this process alone.
        }
      }
      process.exit(0);
    }
  }, 500);
  timer.unref();
}
