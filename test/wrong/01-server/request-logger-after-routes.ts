import type { WrongSubmission } from '../types.js';

export default {
  description: 'the request logger is registered after the routes, so requests a route answers are never logged',
  caughtBy: 'each request is logged once, when it is answered, with its method, path, status, request id and duration',
  edits: [
    { file: 'src/app.ts', find: '  app.use(requestLogger(logger));\n', replace: '' },
    { file: 'src/app.ts', find: '  app.use(notFound());\n', replace: '  app.use(requestLogger(logger));\n  app.use(notFound());\n' },
  ],
} satisfies WrongSubmission;
