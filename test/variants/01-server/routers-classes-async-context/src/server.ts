import 'dotenv/config';
import { createApp } from './app.js';
import { ConfigError, loadConfig } from './config.js';
import { createLogger } from './logger.js';

try {
  const config = loadConfig(process.env);
  const logger = createLogger(config.logLevel);
  createApp({ config, logger })
    .listen(config.port, (err) => {
      if (err) {
        logger.error(`cannot listen on port ${config.port}: ${err.message}`);
        process.exit(1);
      }
      logger.info('listening', { url: `http://localhost:${config.port}` });
    });
} catch (err) {
  if (!(err instanceof ConfigError)) throw err;
  process.stderr.write(`${err.message}\n`);
  process.exit(1);
}
