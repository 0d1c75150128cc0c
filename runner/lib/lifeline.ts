import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { isAlive } from './processes.js';

/**
 * The processes between the runner and the terminal: the shell npm started it with, and npm.
 * An editor's stop button signals npm alone, and npm does not always pass the signal on: the
 * runner then outlives it, with the learner's server. Watching them, it stops with them.
 */
function ancestors(max = 4): number[] {
  const found: number[] = [];
  let pid = process.ppid;
  for (let i = 0; i < max && pid > 1; i++) {
    found.push(pid);
    if (process.platform === 'win32') break;
    const r = spawnSync('ps', ['-o', 'ppid=,args=', '-p', String(pid)], { encoding: 'utf8' });
    const m = /^\s*(\d+)\s+(.*)$/.exec((r.stdout ?? '').trim());
    if (!m) break;
    // npm is the last one that belongs to this command; above it is the learner's shell.
    if (/\bnpm(?:-cli\.js|\.cmd)?\b/.test(m[2])) break;
    pid = Number(m[1]);
  }
  return found;
}

/**
 * How often a process has woken up. A shell that only waits for the runner (`sh -c` under npm)
 * wakes up for one thing: a signal. Dash catches SIGINT while it waits and keeps it to itself
 * until its child exits, so npm passing on an editor's SIGINT would never reach the runner.
 * Linux only (other systems' `sh` is bash, which runs the runner in its place).
 */
function wakeUps(pid: number): number | undefined {
  if (process.platform !== 'linux') return undefined;
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const cmd = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
    // Only a shell that runs this command and nothing else.
    if (!/(^|\/)(sh|dash|ash)$/.test(cmd[0] ?? '') || cmd[1] !== '-c') return undefined;
    const m = /voluntary_ctxt_switches:\s*(\d+)/.exec(status);
    return m ? Number(m[1]) : undefined;
  } catch {
    return undefined;
  }
}

/** Calls `onGone` once when the runner's parent (or npm above it) is gone, or its shell got a signal. */
export function whenParentsGone(onGone: () => void, intervalMs = 500): () => void {
  const watched = process.env.npm_lifecycle_event ? ancestors() : [process.ppid];
  const parent = process.ppid;
  let shellWakeUps = wakeUps(parent);
  const timer = setInterval(() => {
    const now = wakeUps(parent);
    const signalled = shellWakeUps !== undefined && now !== undefined && now > shellWakeUps;
    shellWakeUps ??= now;
    if (signalled || (process.platform !== 'win32' && process.ppid !== parent) || watched.some((pid) => !isAlive(pid))) {
      clearInterval(timer);
      onGone();
    }
  }, intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}
