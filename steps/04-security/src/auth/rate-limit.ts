/**
 * Counts failures per key (here: client IP + email) in a fixed window. After `max` failures the
 * key waits until the window ends. In memory, per app: one process is enough for this workshop;
 * several processes behind a load balancer would share the counts in Redis instead.
 */
export interface AttemptLimiter {
  /** Seconds until `key` may try again; 0 when it may try now. */
  retryAfter(key: string): number;
  /** One more failure for `key`. */
  fail(key: string): void;
  /** Success: forget `key`'s failures. */
  succeed(key: string): void;
}

export interface AttemptLimits {
  max: number;
  windowMs: number;
}

/** 5 failed logins per IP and email in 15 minutes: generous for a person, useless for a script. */
export const LOGIN_LIMITS: AttemptLimits = { max: 5, windowMs: 15 * 60 * 1000 };

/** Above this many keys, expired ones are swept out: a flood of made-up emails cannot fill memory. */
const SWEEP_ABOVE = 10_000;

export function createAttemptLimiter({ max, windowMs }: AttemptLimits, clock: () => Date): AttemptLimiter {
  // TODO(04-security): remember the failures per key (a Map of count and end of window, timed by
  // `clock`). Once a key has `max` failures, retryAfter(key) answers the seconds left in its
  // window; a success forgets the key. Until then, this limiter never limits anything.
  return {
    retryAfter: () => 0,
    fail: () => undefined,
    succeed: () => undefined,
  };
}
