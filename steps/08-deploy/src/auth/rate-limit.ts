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
// TODO(08-deploy): with REDIS_URL, count in Redis, shared by every instance
// (docs/08-deploy.md#several-instances-one-limit).
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
  const attempts = new Map<string, { count: number; windowEnds: number }>();

  function current(key: string, now: number) {
    const entry = attempts.get(key);
    if (entry && entry.windowEnds <= now) {
      attempts.delete(key);
      return undefined;
    }
    return entry;
  }

  function sweep(now: number): void {
    if (attempts.size < SWEEP_ABOVE) return;
    for (const [key, entry] of attempts) if (entry.windowEnds <= now) attempts.delete(key);
  }

  return {
    take(key) {
      const now = clock().getTime();
      const entry = current(key, now);
      if (!entry) {
        sweep(now);
        attempts.set(key, { count: 1, windowEnds: now + windowMs });
        return 0;
      }
      // Checked and counted in one synchronous step: no other request runs in between.
      if (entry.count >= max) return Math.max(1, Math.ceil((entry.windowEnds - now) / 1000));
      entry.count += 1;
      return 0;
    },
    giveBack(key) {
      const entry = current(key, clock().getTime());
      if (entry && entry.count > 0) entry.count -= 1;
    },
    reset(key) {
      attempts.delete(key);
    },
  };
}
