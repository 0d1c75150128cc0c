/** The real Redis client, made once by server.ts (the app only knows src/redis.ts's RedisConnection). */
import { createClient } from 'redis';
import type { Logger } from './logger.js';
import { DEPENDENCY_TIMEOUT_MS } from './redis.js';

export type RedisClient = ReturnType<typeof createClient>;

/**
 * A node-redis client for `url`, connecting in the background: the server starts (and answers
 * /health/live) while Redis is down, and the client reconnects by itself when it comes back.
 *
 * - `disableOfflineQueue`: while disconnected, a command fails at once instead of waiting in a
 *   queue for a Redis that may never come back (the login answers 503, readiness says so).
 * - An 'error' listener: without one, a lost connection is an unhandled 'error' event, and that
 *   ends the process.
 */
export function connectRedis(url: string, logger: Logger): RedisClient {
  const client = createClient({
    url,
    disableOfflineQueue: true,
    socket: {
      connectTimeout: DEPENDENCY_TIMEOUT_MS,
      // 100 ms, 200 ms, … up to 2 s between attempts, for ever: it comes back when Redis does.
      reconnectStrategy: (retries) => Math.min((retries + 1) * 100, 2000),
    },
  });
  let down = false;
  client.on('error', (err: Error) => {
    // One line when it goes away, not one per reconnection attempt.
    if (!down) logger.warn('redis is unavailable', { error: err.message });
    down = true;
  });
  client.on('ready', () => {
    if (down) logger.info('redis is back');
    down = false;
  });
  client.connect().catch((err: Error) => logger.warn('redis: could not connect', { error: err.message }));
  return client;
}
