import type { WrongSubmission } from '../types.js';

export default {
  description: "any X-Request-Id the caller sends is trusted, junk and 500-character ids included",
  caughtBy: 'an unsafe X-Request-Id (empty, spaces, markup, over 128 characters) is replaced with a fresh one',
  edits: [
    {
      file: 'src/http/request-id.ts',
      find: 'req.id = incoming && SAFE_ID.test(incoming) ? incoming : randomUUID();',
      replace: 'req.id = incoming || randomUUID();',
    },
  ],
} satisfies WrongSubmission;
