/**
 * Redis: the state several instances of the app share (the attempt limits of src/auth/rate-limit.ts).
 *
 * The app sees only `RedisConnection`, the one method it needs; server.ts makes the real client
 * (node-redis, src/redis-client.ts) and passes it to createApp, as it does the database. So createApp
 * opens no connection and loads no client library, and a test can pass a fake.
 */

export interface RedisConnection {
  /** Sends one command (`['PING']`, `['DEL', key]`) and resolves with its reply. */
  sendCommand(args: string[], options?: { timeout?: number }): Promise<unknown>;
  /** Starts a MULTI … EXEC transaction: its commands run one after the other, nothing in between. */
  multi(): RedisTransaction;
}

/** node-redis's multi(): commands queued here are sent together and run atomically by EXEC. */
export interface RedisTransaction {
  addCommand(args: string[]): RedisTransaction;
  /** Resolves with the replies, in order; rejects when the transaction could not run. */
  exec(): Promise<unknown>;
}

/** No answer from a dependency within this long, and it counts as down: a probe, a login. */
export const DEPENDENCY_TIMEOUT_MS = 1000;

export class DependencyTimeoutError extends Error {
  constructor(what: string, ms: number) {
    super(`${what} did not answer within ${ms} ms`);
    this.name = 'DependencyTimeoutError';
  }
}

/** `work`, or a DependencyTimeoutError after `ms`: a dependency that hangs must not hang the request. */
export async function answerWithin<T>(work: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new DependencyTimeoutError(what, ms)), ms);
  });
  try {
    return await Promise.race([work, late]);
  } finally {
    clearTimeout(timer);
  }
}

/** Runs `commands` as one transaction, answered within DEPENDENCY_TIMEOUT_MS or rejected. */
export async function redisTransaction(redis: RedisConnection, commands: string[][]): Promise<unknown[]> {
  const transaction = redis.multi();
  for (const command of commands) transaction.addCommand(command);
  const replies = await answerWithin(transaction.exec(), DEPENDENCY_TIMEOUT_MS, 'Redis');
  if (!Array.isArray(replies)) throw new Error('Redis: a transaction answered no replies');
  return replies;
}

/** One Redis command, answered within DEPENDENCY_TIMEOUT_MS or rejected. */
export const redisCommand = (redis: RedisConnection, args: string[]): Promise<unknown> =>
  answerWithin(redis.sendCommand(args, { timeout: DEPENDENCY_TIMEOUT_MS }), DEPENDENCY_TIMEOUT_MS, 'Redis');
