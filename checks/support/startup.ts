import os from 'node:os';
import { accepts, startTsProcess, startupDeadline, whenIdle } from '../../runner/lib/processes.js';
import { ensure, fail, containsStackTrace } from './expect.js';
import { budget, seconds, timeout, track } from './budget.js';

export interface StartupRefusal {
  /** The environment that must make the server refuse to start. */
  env: NodeJS.ProcessEnv;
  /** The situation, for messages: "PORT=not-a-port". */
  situation: string;
  /** What the message must name, e.g. /\bport\b/i. */
  mentions: RegExp;
  /** Words for the failure message: "PORT", "JWT_SECRET". */
  variable: string;
  lesson: string;
  /** Hints for a server that keeps running, and one that crashes with a stack trace. */
  hints: { running: string; stack: string };
  /**
   * How long to wait for a server that keeps working (using CPU) without exiting, listening or
   * going idle, on the development machine (scaled to this one). A correct server refuses in about
   * a second; this is only a backstop for one that is still busy, so it is generous: on a crowded
   * machine a TypeScript start-up alone has been seen to take over 20 s. Past it, a process that is
   * still using CPU gets more time, up to a CPU limit that only a loop that never ends reaches.
   */
  waitMs?: number;
}

/**
 * Start-ups at a time. Checks run side by side, and a dozen TypeScript start-ups at once on a
 * two-core machine made each one wait for the others: the wait below measured the queue, not
 * the server. A start-up waits for a free slot before its own clock starts.
 */
const SLOTS = Math.max(1, os.availableParallelism());
let running = 0;
const queue: (() => void)[] = [];

async function slot(): Promise<() => void> {
  if (running >= SLOTS) await new Promise<void>((resolve) => queue.push(resolve));
  running++;
  return () => {
    running--;
    queue.shift()?.();
  };
}

/**
 * Starts `src/server.ts` with a bad configuration and expects it to stop at start-up: a
 * non-zero exit, a message that names the variable, and no stack trace.
 *
 * "It did not refuse" is decided from what the server does, not from a clock: it listens on the
 * PORT it was given, or it sits idle (no CPU used for a while: waiting for requests). Only where
 * neither can be seen does the wait run out, and that is reported as a timeout.
 */
export async function expectStartupRefusal(dir: string, r: StartupRefusal): Promise<void> {
  const release = await track(slot());
  try {
    await refusal(dir, r);
  } finally {
    release();
  }
}

async function refusal(dir: string, r: StartupRefusal): Promise<void> {
  const waitMs = budget(r.waitMs ?? 15_000);
  const proc = startTsProcess({ cwd: dir, env: r.env });
  const deadline = startupDeadline(proc, waitMs, { cpuLimitMs: budget(20_000), graceMs: budget(2000) });
  const port = Number(r.env.PORT);
  const watchPort = Number.isInteger(port) && port > 0 && port < 65536;
  const idle = whenIdle(proc.child);
  let stopPolling = false;
  // One poll for what can only be seen by asking: the port taken, or the wait over.
  const watched = (async (): Promise<'listening' | 'waited'> => {
    while (!stopPolling) {
      if (watchPort && (await accepts('127.0.0.1', port, 500))) return 'listening';
      if (deadline.expired()) return 'waited';
      await new Promise((res) => setTimeout(res, 100));
    }
    return new Promise<never>(() => undefined);
  })();
  let outcome: number | string;
  try {
    outcome = await track(
      Promise.race([
        proc.exited,
        watched,
        idle.idle.then(() => 'idle' as const),
      ]),
    );
  } finally {
    stopPolling = true;
    idle.cancel();
    await proc.stop(500);
  }
  const output = proc.logs.last().join('\n').trim();
  const printed = output.split('\n').filter((l) => l.trim());
  const shown = output ? `\n          | ${printed.slice(0, 6).join('\n          | ')}${printed.length > 6 ? '\n          | …' : ''}` : ' (no output)';
  const expected = `with ${r.situation}, the server refuses to start`;
  if (outcome === 'listening') {
    fail({ expected, got: `it started anyway and listened on port ${port}${shown}`, hint: r.hints.running, lesson: r.lesson });
  }
  if (outcome === 'idle') {
    fail({ expected, got: `it kept running (started, then sat waiting)${shown}`, hint: r.hints.running, lesson: r.lesson });
  }
  if (outcome === 'waited') {
    timeout({ expected, got: `it was still running after ${seconds(deadline.elapsedMs())}${shown}`, hint: `${r.hints.running}. If it does refuse and the machine is busy, run the checks again (docs/troubleshooting.md#the-checks-time-out)`, lesson: r.lesson });
  }
  ensure(typeof outcome === 'number' && outcome !== 0, { expected: `with ${r.situation}, the server exits with a non-zero code`, got: `exit code ${outcome}${shown}`, lesson: r.lesson });
  ensure(!containsStackTrace(output), { expected: `a short message naming ${r.variable}, not a stack trace`, got: `the server crashed with a stack trace:${shown}`, hint: r.hints.stack, lesson: r.lesson });
  ensure(r.mentions.test(output), {
    expected: `a message that names the variable to fix, ${r.variable}`,
    got: output ? `exit code ${outcome}${shown}` : `exit code ${outcome} and no output`,
    lesson: r.lesson,
  });
}
