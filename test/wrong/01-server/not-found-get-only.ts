import type { WrongSubmission } from '../types.js';

export default {
  description: 'the 404 fallback is registered with app.get, so an unknown POST, PUT or DELETE gets Express\'s HTML page',
  caughtBy: 'an unknown route answers 404 with the JSON error envelope, whatever the method and path',
  edits: [{ file: 'src/app.ts', find: '  app.use(notFound());\n', replace: "  app.get('/*splat', notFound());\n" }],
} satisfies WrongSubmission;
