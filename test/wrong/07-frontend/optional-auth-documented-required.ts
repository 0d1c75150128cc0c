import type { WrongSubmission } from '../types.js';

// "These routes take a token" becomes "these routes need a token": listing articles, reading one,
// a profile and the comments then look closed to anonymous visitors in the document.
export default {
  description: 'routes where a token is optional are documented with security [{ Token: [] }], without the anonymous alternative {}',
  caughtBy: 'routes that need a token require the Token scheme (apiKey in the Authorization header), and the routes anyone may call do not require one',
  edits: [{ file: 'src/http/openapi.ts', find: '  optional: [{}, { Token: [] }],', replace: '  optional: [{ Token: [] }],' }],
} satisfies WrongSubmission;
