import type { WrongSubmission } from '../types.js';

export default {
  description: 'JWT_SECRET only has to be present: a short, guessable secret is accepted in production',
  caughtBy: 'with NODE_ENV=production and a JWT_SECRET shorter than 32 characters, the server stops at start-up naming JWT_SECRET',
  edits: [{ file: 'src/config.ts', find: '  if (secret.length < MIN_JWT_SECRET_LENGTH) {', replace: "  if (secret === '') {" }],
} satisfies WrongSubmission;
