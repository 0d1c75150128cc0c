import { ServiceUnavailableError } from '../http/errors.js';
import { redisCommand, redisTransaction, type RedisConnection } from '../redis.js';

/**
 * Counts attempts per key (a client address, or a client address and an email) in a fixed window.
 * After `max` attempts a key waits until its window ends.
 *
 * An attempt is counted *before* the work it guards (`take`), never after: between "may they try?"
 * and "count the failure" sits a bcrypt check that takes 60 ms, and fifty requests sent at once would
 * all pass the question before the first failure is counted (check-then-act, docs/04-security.md).
 * An attempt that turns out not to count (the right password) is given back.
 *
 * Two stores behind one interface: this process's memory (one instance), or Redis, shared by every
 * instance behind the load balancer (docs/08-deploy.md#several-instances-one-limit). Either way the
 * check and the count are one step that nothing can come between (here, a synchronous block; in
 * Redis, a MULTI … EXEC transaction).
 */
export interface AttemptLimiter {
  /** Counts one attempt for `key` and answers 0; or, when `key` has none left, counts nothing and answers the seconds to wait. */
  take(key: string): Promise<number>;
  /** Gives back one attempt taken by `take` (it succeeded, so it does not count). */
  giveBack(key: string): Promise<void>;
  /** Forgets every attempt of `key`. */
  reset(key: string): Promise<void>;
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

/** The in-process store: right for one instance, wrong for two (each would count its own attempts). */
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
    async take(key) {
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
    async giveBack(key) {
      const entry = current(key, clock().getTime());
      if (entry && entry.count > 0) entry.count -= 1;
    },
    async reset(key) {
      attempts.delete(key);
    },
  };
}

// ── Redis ───────────────────────────────────────────────────────────────────────────────────────

/** What a login or a registration answers when the limits cannot be counted: fail closed, 503. */
export const limitsUnavailable = (): ServiceUnavailableError => new ServiceUnavailableError({ service: ['is temporarily unavailable'] });

/**
 * The store shared by every instance: one counter per key in Redis, under `prefix`
 * (`conduit:login`), so two servers on one Redis hold one limit.
 *
 * An attempt is one MULTI … EXEC transaction, which Redis runs without another client's command in
 * between: SET … NX PX creates the counter at 0 with its expiry when there is none (the window
 * starts, and a crash can never leave a counter without one), INCR counts the attempt, and PTTL
 * says how long the window has left. A counter above `max` means no attempt left: that attempt is
 * refused (counted, and harmless: the window's end does not move). No check-then-count gap exists,
 * since nothing is checked before counting.
 *
 * When Redis cannot answer, `take` throws a 503: a limiter that cannot count lets nothing through.
 * `giveBack` and `reset` only ever loosen a limit, so when they fail the attempt stays counted.
 */
export function createRedisAttemptLimiter(redis: RedisConnection, prefix: string, { max, windowMs }: AttemptLimits): AttemptLimiter {
  const keyOf = (key: string) => `${prefix}:${key}`;
  const window = String(windowMs);
  return {
    async take(key) {
      const counter = keyOf(key);
      let count: number;
      let leftMs: number;
      try {
        const [, counted, ttl] = await redisTransaction(redis, [
          ['SET', counter, '0', 'PX', window, 'NX'],
          ['INCR', counter],
          ['PTTL', counter],
        ]);
        count = Number(counted);
        leftMs = Number(ttl);
      } catch {
        throw limitsUnavailable();
      }
      if (!Number.isFinite(count)) throw limitsUnavailable();
      if (count <= max) return 0;
      // No time left on a full counter (a key someone set by hand): a whole window from now.
      if (!(leftMs > 0)) {
        await redisCommand(redis, ['PEXPIRE', counter, window]).catch(() => undefined);
        leftMs = windowMs;
      }
      return Math.max(1, Math.ceil(leftMs / 1000));
    },
    async giveBack(key) {
      const counter = keyOf(key);
      // A counter that expired since the attempt is made again at 1 (with its expiry) and brought to 0.
      await redisTransaction(redis, [
        ['SET', counter, '1', 'PX', window, 'NX'],
        ['DECR', counter],
      ]).catch(() => undefined);
    },
    async reset(key) {
      await redisCommand(redis, ['DEL', keyOf(key)]).catch(() => undefined);
    },
  };
}
