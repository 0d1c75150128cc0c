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
  const failures = new Map<string, { count: number; windowEnds: number }>();

  function current(key: string, now: number) {
    const entry = failures.get(key);
    if (entry && entry.windowEnds <= now) {
      failures.delete(key);
      return undefined;
    }
    return entry;
  }

  function sweep(now: number): void {
    if (failures.size < SWEEP_ABOVE) return;
    for (const [key, entry] of failures) if (entry.windowEnds <= now) failures.delete(key);
  }

  return {
    retryAfter(key) {
      const now = clock().getTime();
      const entry = current(key, now);
      return entry && entry.count >= max ? Math.ceil((entry.windowEnds - now) / 1000) : 0;
    },
    fail(key) {
      const now = clock().getTime();
      const entry = current(key, now);
      if (entry) {
        entry.count += 1;
      } else {
        sweep(now);
        failures.set(key, { count: 1, windowEnds: now + windowMs });
      }
    },
    succeed(key) {
      failures.delete(key);
    },
  };
}
