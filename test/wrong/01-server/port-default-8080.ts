import type { WrongSubmission } from '../types.js';

export default {
  description: 'PORT defaults to 8080 instead of 3000',
  caughtBy: 'with PORT, NODE_ENV and LOG_LEVEL unset, the server listens on 3000 and prints each request as one JSON line',
  edits: [{ file: 'src/config.ts', find: "const portText = env.PORT ?? '3000';", replace: "const portText = env.PORT ?? '8080';" }],
} satisfies WrongSubmission;
