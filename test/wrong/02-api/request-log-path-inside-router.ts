import type { WrongSubmission } from '../types.js';

export default {
  description: 'the request line logs req.path: a request answered inside a router mounted at /api logs "/articles" for GET /api/articles',
  caughtBy: 'each request is logged once, when it is answered, with its method, path, status, request id and duration',
  edits: [
    {
      file: 'src/http/request-logger.ts',
      find: '        path: req.originalUrl,',
      replace: '        path: req.path,',
    },
  ],
} satisfies WrongSubmission;
