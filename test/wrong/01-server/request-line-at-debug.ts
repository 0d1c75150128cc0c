import type { WrongSubmission } from '../types.js';

export default {
  description: 'request lines are logged at debug level, so with the default LOG_LEVEL (info) the server prints none',
  caughtBy: 'with PORT, NODE_ENV and LOG_LEVEL unset, the server listens on 3000 and prints each request as one JSON line',
  edits: [{ file: 'src/http/request-logger.ts', find: "      logger.info('request', {", replace: "      logger.debug('request', {" }],
} satisfies WrongSubmission;
