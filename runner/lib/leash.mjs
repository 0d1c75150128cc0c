// @ts-check
/**
 * Loaded first in a learner's server that the runner started (`npm run step`, `npm run solution`):
 * the server ends when the runner is gone, however it went (killed, its terminal closed). The
 * server runs in its own process group so that Ctrl-C reaches the runner alone, and the runner
 * stops it; this covers the case where the runner never got the chance.
 */
const parent = Number(process.env.WORKSHOP_LEASH_PID);
if (Number.isInteger(parent) && parent > 0) {
  const timer = setInterval(() => {
    let alive = true;
    try {
      process.kill(parent, 0);
    } catch (err) {
      alive = /** @type {NodeJS.ErrnoException} */ (err).code === 'EPERM';
    }
    if (!alive || (process.platform !== 'win32' && process.ppid !== parent)) process.exit(0);
  }, 500);
  timer.unref();
}
