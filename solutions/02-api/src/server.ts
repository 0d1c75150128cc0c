import 'dotenv/config';
import type { AddressInfo } from 'node:net';
import { createApp } from './app.js';
import { ConfigError, loadConfig } from './config.js';
import { createLogger } from './logger.js';

/** The process entry: the only file that reads the environment and listens. */
function main(): void {
  let config;
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
  const app = createApp({ config, logger });
  const server = app.listen(config.port, (err?: Error) => {
    // Express 5 calls this on a listen error too; the 'error' listener below reports those.
    if (err) return;
    // The port really bound: with PORT=0 the system picks one, and config.port is 0.
    const { port } = server.address() as AddressInfo;
    logger.info(`listening on http://localhost:${port}`, { port, env: config.env });
  });
  server.on('error', (err: NodeJS.ErrnoException) => {
    logger.error(err.code === 'EADDRINUSE' ? `port ${config.port} is already in use: set PORT in .env to another port` : err.message);
    process.exit(1);
  });
}

main();
