import type { WrongSubmission } from '../types.js';

export default {
  description: "no 404 middleware after the routes: unknown routes get Express's HTML page",
  caughtBy: 'an unknown route answers 404 with the JSON error envelope, whatever the method and path',
  edits: [{ file: 'src/app.ts', find: '  app.use(notFound());\n', replace: '' }],
} satisfies WrongSubmission;
