import 'dotenv/config';
import { createApp } from './app.js';
import { ConfigError, loadConfig, type Config } from './config.js';
import { createLogger } from './logger.js';

let config: Config;
try {
  config = loadConfig(process.env);
} catch (err) {
  if (err instanceof ConfigError) {
    console.error(`Cannot start:\n${err.message}`);
    process.exit(1);
  }
  throw err;
}

const logger = createLogger(config.logLevel);
const server = createApp({ config, logger }).listen(config.port);
server.on('listening', () => logger.info(`up on http://localhost:${config.port}`));
server.on('error', (err) => {
  logger.error(err.message);
  process.exit(1);
});
