import 'dotenv/config';
import type { Sequelize } from 'sequelize';
import { createApp } from './app.js';
import { ConfigError, DEV_JWT_SECRET, loadConfig, withoutPassword, type Config } from './config.js';
import { openDatabase } from './db/index.js';
import { currentRequestLogger } from './http/access-log.js';
import { manageLifecycle } from './lifecycle.js';
import { createLogger } from './logger.js';
import { connectRedis } from './redis-client.js';

/** The process entry: the only file that reads the environment, connects and listens. */
async function main(): Promise<void> {
  let config: Config;
  try {
    config = loadConfig(process.env);
  } catch (err) {
    if (err instanceof ConfigError) {
      // Every problem, one per line, and no stack: the fix is in the environment, not the code.
      console.error(err.message);
      process.exit(1);
    }
    throw err;
  }
  const logger = createLogger(config.logLevel);
  if (config.jwtSecret === DEV_JWT_SECRET) {
    logger.warn('JWT_SECRET is not set: using the public development secret. Set JWT_SECRET in .env before anyone else can reach this server.');
  }
  if (config.corsOrigins.length === 0 && config.env !== 'test') {
    logger.info('CORS_ORIGINS is empty: no web page on another origin may call this API. List the front end\'s origin in CORS_ORIGINS to allow it.');
  }
  let db: Sequelize;
  try {
    // No sync() here: the schema is the migrations' job (npm run migrate), never the app's.
    // Each SQL line (LOG_LEVEL=debug) goes through the logger of the request that ran it, with its reqId.
    db = await openDatabase(config.database, { logging: (sql, ms) => (currentRequestLogger() ?? logger).debug('sql', { sql, ms }) });
  } catch (err) {
    const where = config.database.dialect === 'sqlite' ? config.database.storage : withoutPassword(config.database.url);
    logger.error(`cannot open the database (${config.database.dialect}, ${where}): ${(err as Error).message}`);
    process.exit(1);
  }
  // Connects in the background: the server starts, and answers /health/live, while Redis is down.
  const redis = config.redisUrl ? connectRedis(config.redisUrl, logger) : undefined;

  const app = createApp({ config, logger, db, redis });
  const server = app.listen(config.port, (err?: Error) => {
    // Express 5 calls this on a listen error too; the 'error' listener below reports those.
    if (err) return;
    logger.info(`listening on http://localhost:${config.port} (API documentation: http://localhost:${config.port}/api/docs)`, {
      port: config.port,
      env: config.env,
      database: config.database.dialect,
      redis: redis ? 'shared limits' : 'in-process limits',
      corsOrigins: config.corsOrigins,
    });
  });
  // A client that sends its headers or its body a byte at a time holds a connection (and memory)
  // for as long as we let it: a few thousand of them and nobody else gets in. Bound both.
  server.headersTimeout = 10_000;
  server.requestTimeout = 30_000;
  // Longer than a load balancer's idle timeout (often 60 s), so the proxy closes first, never us mid-request.
  server.keepAliveTimeout = 65_000;
  server.on('error', (err: NodeJS.ErrnoException) => {
    logger.error(err.code === 'EADDRINUSE' ? `port ${config.port} is already in use: set PORT in .env to another port` : err.message);
    process.exit(1);
  });

  /** QUIT when Redis answers (pending commands are answered first); otherwise drop the socket. */
  const closeRedis = async () => {
    if (!redis?.isOpen) return;
    if (redis.isReady) await redis.close();
    else redis.destroy();
  };
  const dropRedis = async () => {
    if (redis?.isOpen) redis.destroy();
  };
  manageLifecycle({
    server,
    logger,
    timeoutMs: config.shutdownTimeoutMs,
    onStopping: () => {
      app.locals.shuttingDown = true;
    },
    // Each on its own: a Redis that is down must not keep the database open, nor the other way round.
    closeDependencies: async () => {
      await Promise.allSettled([db.close(), closeRedis()]);
    },
    dropDependencies: async () => {
      await Promise.allSettled([db.close(), dropRedis()]);
    },
  });
}

void main();
