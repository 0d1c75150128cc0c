import type { WrongSubmission } from '../types.js';

export default {
  description: 'each request is logged when it arrives, before the response: every line says status 200',
  caughtBy: 'each request is logged once, when it is answered, with its method, path, status, request id and duration',
  files: {
    'src/http/request-logger.ts': `import type { RequestHandler } from 'express';
import type { Logger } from '../logger.js';

export function requestLogger(logger: Logger): RequestHandler {
  return (req, res, next) => {
    logger.info('request', { requestId: req.id, method: req.method, path: req.originalUrl, status: res.statusCode, durationMs: 0 });
    next();
  };
}
`,
  },
} satisfies WrongSubmission;
