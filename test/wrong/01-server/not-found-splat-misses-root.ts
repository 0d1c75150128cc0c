import type { WrongSubmission } from '../types.js';

export default {
  description: 'the 404 fallback is app.all("/*splat", ...), the catch-all the lesson mentions: in Express 5 a splat needs at least one character, so GET / gets Express\'s HTML page',
  caughtBy: 'an unknown route answers 404 with the JSON error envelope, whatever the method and path',
  edits: [{ file: 'src/app.ts', find: '  app.use(notFound());', replace: "  app.all('/*splat', notFound());" }],
} satisfies WrongSubmission;
