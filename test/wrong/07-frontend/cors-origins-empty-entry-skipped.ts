import type { WrongSubmission } from '../types.js';

// .filter(Boolean) after a split is a reflex: "a,,b" then starts quietly, and the typo (an origin
// that was meant to be between the commas) is never heard of.
export default {
  description: 'empty entries of CORS_ORIGINS ("a,,b", a trailing comma) are skipped instead of stopping the server',
  caughtBy: 'an invalid CORS_ORIGINS stops the server at start-up naming CORS_ORIGINS: *, an origin without a scheme, one with a path, a query, a fragment, a user name or a port that is not a number, an empty entry',
  edits: [
    {
      file: 'src/config.ts',
      find: "  for (const entry of value.split(',').map((part) => part.trim())) {",
      replace: "  for (const entry of value.split(',').map((part) => part.trim()).filter(Boolean)) {",
    },
  ],
} satisfies WrongSubmission;
