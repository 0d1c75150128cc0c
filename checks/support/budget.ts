/**
 * Time budgets that adapt to the machine. A check never fails only because the machine is slow:
 *
 * - every wait in the harness is `budget(ms)`: the time it takes on the development machine,
 *   multiplied by the machine's slowness (WORKSHOP_TIME_SCALE, measured by the runner, or set by
 *   the learner), so a laptop three times slower waits three times longer;
 * - a wait that runs out throws a `TimeoutFailure`, and `requirement()` runs the check once more
 *   with every budget RETRY_FACTOR times larger before it reports anything;
 * - what it reports then is a timeout ("did not answer within N s: your code or a busy machine"),
 *   never a content failure, so no hint sends the learner to change code that may be correct.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { CheckFailure } from './expect.js';
import { ENV } from '../../runner/lib/results.js';

/** How much larger every budget is on the second attempt of a check that timed out. */
export const RETRY_FACTOR = 4;

/** The slowness of this machine relative to the development machine (1 = as fast or faster). */
export function timeScale(): number {
  const raw = Number(process.env[ENV.timeScale]);
  return Number.isFinite(raw) && raw >= 1 ? Math.min(raw, 50) : 1;
}

interface Attempt {
  /** 1 on the first run of a check, RETRY_FACTOR on the retry. */
  factor: number;
  /** Work a timed-out attempt may still have in flight (a request the app is still answering). */
  pending: Set<Promise<unknown>>;
}

const attempts = new AsyncLocalStorage<Attempt>();

/** `ms` as measured on the development machine, scaled to this machine and this attempt. */
export function budget(ms: number): number {
  return Math.round(ms * timeScale() * (attempts.getStore()?.factor ?? 1));
}

/** Seconds, for messages: "4 s", "1.5 s". */
export const seconds = (ms: number): string => `${Number((ms / 1000).toFixed(1))} s`;

/** What a learner can do about a timeout: always the same two sentences. */
export const TIMEOUT_ADVICE =
  'this is either your code (an await that never settles, a response never sent, a loop that never ends) or a busy machine: run the checks again; if it keeps happening on a slow machine, set WORKSHOP_TIME_SCALE=4 (see docs/troubleshooting.md#the-checks-time-out)';

/**
 * A wait ran out. Not a verdict on the learner's code: the check is retried with larger budgets,
 * and a timeout that remains is reported as a timeout.
 */
export class TimeoutFailure extends CheckFailure {
  constructor(
    expected: string,
    got: string,
    lesson?: string,
    hint?: string,
    /** What ran out of time ("GET /health"): the same operation timing out again is not retried. */
    readonly operation?: string,
  ) {
    super(expected, got, lesson, hint ?? TIMEOUT_ADVICE);
    this.name = 'TimeoutFailure';
  }
}

export function timeout(f: { expected: string; got: string; lesson?: string; hint?: string; operation?: string }): never {
  throw new TimeoutFailure(f.expected, f.got, f.lesson, f.hint, f.operation);
}

/**
 * Operations that timed out on both attempts of a check: not a busy spell but code that never
 * answers there. Later checks of the file that time out on them are not retried, so a handler
 * that never answers costs the learner one long wait, not one per check.
 */
const hangs = new Set<string>();

/** Remembers work that may outlive a timed-out attempt, so the retry starts after it settles. */
export function track<T>(work: Promise<T>): Promise<T> {
  const attempt = attempts.getStore();
  if (!attempt) return work;
  attempt.pending.add(work);
  const forget = () => attempt.pending.delete(work);
  work.then(forget, forget);
  return work;
}

/** Fails with a TimeoutFailure when `work` does not settle within `ms` (already a budget). */
export async function within<T>(ms: number, f: { expected: string; got?: string; lesson?: string; hint?: string }, work: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const expired = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new TimeoutFailure(f.expected, f.got ?? `it did not finish within ${seconds(ms)}`, f.lesson, f.hint)), ms);
  });
  try {
    return await Promise.race([track(work), expired]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Runs one check: once with normal budgets, and once more with budgets RETRY_FACTOR times
 * larger if the first attempt timed out. Work still in flight from the first attempt is given
 * time to settle first, so it cannot write into the retry's database.
 */
export async function withRetryOnTimeout(fn: () => Promise<void> | void): Promise<void> {
  const first: Attempt = { factor: 1, pending: new Set() };
  let operation: string | undefined;
  try {
    await attempts.run(first, async () => fn());
    return;
  } catch (err) {
    if (!(err instanceof TimeoutFailure)) throw err;
    if (err.operation !== undefined && hangs.has(err.operation)) throw err;
    operation = err.operation;
  }
  if (first.pending.size > 0) {
    const settle = Promise.allSettled([...first.pending]);
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([settle, new Promise((r) => (timer = setTimeout(r, budget(10_000) * RETRY_FACTOR)))]);
    clearTimeout(timer);
  }
  try {
    await attempts.run({ factor: RETRY_FACTOR, pending: new Set() }, async () => fn());
  } catch (err) {
    if (err instanceof TimeoutFailure && err.operation !== undefined && err.operation === operation) hangs.add(operation);
    throw err;
  }
}

/** How long vitest lets a check run in all: both attempts, and room to report. */
export function checkTimeout(baseMs: number): number {
  return Math.round(baseMs * timeScale() * (1 + RETRY_FACTOR) + 5000);
}
