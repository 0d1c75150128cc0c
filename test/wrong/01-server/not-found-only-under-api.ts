import type { WrongSubmission } from '../types.js';

export default {
  description: 'the 404 fallback is mounted under /api only, so an unknown path outside /api gets Express\'s HTML page',
  caughtBy: 'an unknown route answers 404 with the JSON error envelope, whatever the method and path',
  edits: [{ file: 'src/app.ts', find: '  app.use(notFound());\n', replace: "  app.use('/api', notFound());\n" }],
} satisfies WrongSubmission;
