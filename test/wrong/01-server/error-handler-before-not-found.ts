import type { WrongSubmission } from '../types.js';

export default {
  description: 'the error handler is registered before the 404 fallback, so the NotFoundError it passes on reaches Express\'s default handler',
  caughtBy: 'an unknown route answers 404 with the JSON error envelope, whatever the method and path',
  edits: [{ file: 'src/app.ts', find: '  app.use(notFound());\n  app.use(errorHandler(logger));\n', replace: '  app.use(errorHandler(logger));\n  app.use(notFound());\n' }],
} satisfies WrongSubmission;
