import 'dotenv/config';
import type { AddressInfo } from 'node:net';
import { createApp } from './app.js';
import { ConfigError, DEV_JWT_SECRET, loadConfig, type Config } from './config.js';
import { openDatabase } from './db/index.js';
import { createLogger } from './logger.js';

/** The process entry: the only file that reads the environment, connects and listens. */
async function main(): Promise<void> {
  let config: Config;
  try {
    config = loadConfig(process.env);
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(err.message);
      process.exit(1);
    }
    throw err;
  }
  const logger = createLogger(config.logLevel);
  if (config.jwtSecret === DEV_JWT_SECRET) {
    logger.warn('JWT_SECRET is not set: using the public development secret. Set JWT_SECRET in .env before anyone else can reach this server.');
  }
  let db;
  try {
    // No sync() here: the schema is the migrations' job (npm run db:migrate), never the app's.
    db = await openDatabase(config.database, { logging: (sql) => logger.debug('sql', { sql }) });
  } catch (err) {
    const where = config.database.dialect === 'sqlite' ? config.database.storage : config.database.url.replace(/\/\/[^@]*@/, '//***@');
    logger.error(`cannot open the database (${config.database.dialect}, ${where}): ${(err as Error).message}`);
    process.exit(1);
  }
  const app = createApp({ config, logger, db });
  const server = app.listen(config.port, (err?: Error) => {
    // Express 5 calls this on a listen error too; the 'error' listener below reports those.
    if (err) return;
    // The port really bound: with PORT=0 the system picks one, and config.port is 0.
    const { port } = server.address() as AddressInfo;
    logger.info(`listening on http://localhost:${port}`, { port, env: config.env, database: config.database.dialect });
  });
  server.on('error', (err: NodeJS.ErrnoException) => {
    logger.error(err.code === 'EADDRINUSE' ? `port ${config.port} is already in use: set PORT in .env to another port` : err.message);
    process.exit(1);
  });
  // On Ctrl-C (or a SIGTERM from a process manager): stop accepting connections, let the requests
  // in flight finish, and only then close the database (which folds SQLite's write-ahead log back
  // into the file). Closing it first would fail the very requests we are waiting for.
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      // A client that never finishes its request must not keep the process alive for ever.
      setTimeout(() => process.exit(1), 10_000).unref();
      // close() also ends the keep-alive connections that carry no request right now.
      server.close(() => {
        void db.close().finally(() => process.exit(0));
      });
    });
  }
}

void main();
