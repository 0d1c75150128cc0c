import { ServiceUnavailableError } from '../http/errors.js';
import { redisCommand, type RedisConnection } from '../redis.js';

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
 * check and the count are one step that nothing can come between.
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

/**
 * One attempt, in one step on the Redis server (a Lua script runs alone: no other command of any
 * instance comes between its lines). The counter gets its expiry in the same step it is created,
 * so a crash can never leave a key that blocks someone for ever.
 * KEYS[1]: the counter. ARGV[1]: max. ARGV[2]: the window, in ms. Answers 0, or the ms to wait.
 */
const TAKE = `
local count = tonumber(redis.call('GET', KEYS[1]) or '0')
if count >= tonumber(ARGV[1]) then
  local ttl = redis.call('PTTL', KEYS[1])
  if ttl < 0 then
    redis.call('PEXPIRE', KEYS[1], ARGV[2])
    ttl = tonumber(ARGV[2])
  end
  return ttl
end
count = redis.call('INCR', KEYS[1])
if count == 1 or redis.call('PTTL', KEYS[1]) < 0 then
  redis.call('PEXPIRE', KEYS[1], ARGV[2])
end
return 0
`;

/** Gives one attempt back, never below zero, keeping the counter's expiry. */
const GIVE_BACK = `
if tonumber(redis.call('GET', KEYS[1]) or '0') > 0 then
  redis.call('DECR', KEYS[1])
end
return 0
`;

/** What a login or a registration answers when the limits cannot be counted: fail closed, 503. */
export const limitsUnavailable = (): ServiceUnavailableError => new ServiceUnavailableError({ service: ['is temporarily unavailable'] });

/**
 * The store shared by every instance: counters in Redis under `prefix` (`conduit:login`), so two
 * servers on one Redis hold one limit. When Redis cannot answer, `take` throws a 503: a limiter that
 * cannot count does not let attempts through (fail closed). `giveBack` and `reset` only ever make a
 * limit looser, so when they fail the attempt stays counted until its window ends.
 */
export function createRedisAttemptLimiter(redis: RedisConnection, prefix: string, { max, windowMs }: AttemptLimits): AttemptLimiter {
  const keyOf = (key: string) => `${prefix}:${key}`;
  return {
    async take(key) {
      let waitMs: number;
      try {
        waitMs = Number(await redisCommand(redis, ['EVAL', TAKE, '1', keyOf(key), String(max), String(windowMs)]));
      } catch {
        throw limitsUnavailable();
      }
      return waitMs > 0 ? Math.max(1, Math.ceil(waitMs / 1000)) : 0;
    },
    async giveBack(key) {
      await redisCommand(redis, ['EVAL', GIVE_BACK, '1', keyOf(key)]).catch(() => undefined);
    },
    async reset(key) {
      await redisCommand(redis, ['DEL', keyOf(key)]).catch(() => undefined);
    },
  };
}
