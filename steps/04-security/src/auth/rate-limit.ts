/**
 * Counts attempts per key (a client address, or a client address and an email) in a fixed window.
 * After `max` attempts a key waits until its window ends. In memory, per app: one process is enough
 * for this workshop; several processes behind a load balancer would share the counts in Redis.
 *
 * An attempt is counted *before* the work it guards (`take`), never after: between "may they try?"
 * and "count the failure" sits a bcrypt check that takes 60 ms, and fifty requests sent at once would
 * all pass the question before the first failure is counted (check-then-act, docs/04-security.md).
 * An attempt that turns out not to count (the right password) is given back.
 */
export interface AttemptLimiter {
  /** Counts one attempt for `key` and answers 0; or, when `key` has none left, counts nothing and answers the seconds to wait. */
  take(key: string): number;
  /** Gives back one attempt taken by `take` (it succeeded, so it does not count). */
  giveBack(key: string): void;
  /** Forgets every attempt of `key`. */
  reset(key: string): void;
}

export interface AttemptLimits {
  max: number;
  windowMs: number;
}

const FIFTEEN_MINUTES = 15 * 60 * 1000;

/** 5 failed logins per client address and email in 15 minutes: generous for a person, useless for a script. */
export const LOGIN_LIMITS: AttemptLimits = { max: 5, windowMs: FIFTEEN_MINUTES };
/** 50 failed logins per client address in 15 minutes, whatever the emails: one address trying many accounts. */
export const CLIENT_LOGIN_LIMITS: AttemptLimits = { max: 50, windowMs: FIFTEEN_MINUTES };
/** 20 registrations per client address in 15 minutes: nobody opens more accounts by hand. */
export const REGISTRATION_LIMITS: AttemptLimits = { max: 20, windowMs: FIFTEEN_MINUTES };

/** Above this many keys, expired ones are swept out: a flood of made-up emails cannot fill memory. */
const SWEEP_ABOVE = 10_000;

export function createAttemptLimiter({ max, windowMs }: AttemptLimits, clock: () => Date): AttemptLimiter {
  // TODO(04-security): remember the attempts per key (a Map of count and end of window, timed by
  // `clock`). take(key) counts one and answers 0, unless the key already has `max` in its current
  // window: then it counts nothing and answers the seconds left (at least 1). The check and the
  // count happen together, in take(), so no request can slip in between. giveBack(key) uncounts
  // one; reset(key) forgets the key. Until then, this limiter never limits anything.
  return {
    take: () => 0,
    giveBack: () => undefined,
    reset: () => undefined,
  };
}
