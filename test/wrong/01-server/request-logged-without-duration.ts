import type { WrongSubmission } from '../types.js';

export default {
  description: 'the request line has the method, path, status and id, but not how long the request took',
  caughtBy: 'each request is logged once, when it is answered, with its method, path, status, request id and duration',
  files: {
    'src/http/request-logger.ts': `import type { RequestHandler } from 'express';
import type { Logger } from '../logger.js';

export function requestLogger(logger: Logger): RequestHandler {
  return (req, res, next) => {
    res.on('finish', () => {
      logger.info('request', { requestId: req.id, method: req.method, path: req.originalUrl, status: res.statusCode });
    });
    next();
  };
}
`,
  },
} satisfies WrongSubmission;
