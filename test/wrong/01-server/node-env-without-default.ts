import type { WrongSubmission } from '../types.js';

export default {
  description: 'NODE_ENV has no default: with NODE_ENV unset the server refuses to start',
  caughtBy: 'with PORT, NODE_ENV and LOG_LEVEL unset, the server listens on 3000 and prints each request as one JSON line',
  edits: [{ file: 'src/config.ts', find: "const nodeEnv = env.NODE_ENV ?? 'development';", replace: "const nodeEnv = env.NODE_ENV ?? '';" }],
} satisfies WrongSubmission;
