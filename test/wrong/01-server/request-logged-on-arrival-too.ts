import type { WrongSubmission } from '../types.js';

export default {
  description: 'an extra "request started" line is logged when the request arrives, so every request gets two lines',
  caughtBy: 'each request is logged once, when it is answered, with its method, path, status, request id and duration',
  edits: [
    {
      file: 'src/http/request-logger.ts',
      find: '    const started = process.hrtime.bigint();\n',
      replace: "    const started = process.hrtime.bigint();\n    logger.info('request started', { requestId: req.id, method: req.method, path: req.originalUrl });\n",
    },
  ],
} satisfies WrongSubmission;
