import type { WrongSubmission } from '../types.js';

// The cors package's default is "*", so a learner lets CORS_ORIGINS=* mean "every origin" as a
// convenience, which is exactly what the lesson says must stop the server.
export default {
  description: 'CORS_ORIGINS=* is accepted and taken to mean every origin',
  caughtBy: 'an invalid CORS_ORIGINS stops the server at start-up naming CORS_ORIGINS: *, an origin without a scheme, one with a path, a query, a fragment, a user name or a port that is not a number, an empty entry',
  edits: [
    {
      file: 'src/config.ts',
      find: "  if (value.trim() === '') return [];",
      replace: "  if (value.trim() === '') return [];\n  // * : any origin may call the API\n  if (value.trim() === '*') return ['*'];",
    },
  ],
} satisfies WrongSubmission;
