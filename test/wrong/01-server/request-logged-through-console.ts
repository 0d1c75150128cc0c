import type { WrongSubmission } from '../types.js';

export default {
  description: 'the request line is printed with console.log(JSON.stringify(...)) instead of the logger createApp receives',
  caughtBy: 'each request is logged once, when it is answered, with its method, path, status, request id and duration',
  files: {
    'src/http/request-logger.ts': `import type { RequestHandler } from 'express';
import type { Logger } from '../logger.js';

export function requestLogger(_logger: Logger): RequestHandler {
  return (req, res, next) => {
    const started = process.hrtime.bigint();
    res.on('finish', () => {
      const durationMs = Number(process.hrtime.bigint() - started) / 1e6;
      console.log(JSON.stringify({ level: 'info', message: 'request', requestId: req.id, method: req.method, path: req.originalUrl, status: res.statusCode, durationMs }));
    });
    next();
  };
}
`,
  },
} satisfies WrongSubmission;
