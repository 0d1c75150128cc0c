import type { WrongSubmission } from '../types.js';

export default {
  description: 'LOG_LEVEL defaults to warn instead of info, so a server started without it prints no request lines',
  caughtBy: 'with PORT, NODE_ENV and LOG_LEVEL unset, the server listens on 3000 and prints each request as one JSON line',
  edits: [{ file: 'src/config.ts', find: "const logLevel = env.LOG_LEVEL ?? 'info';", replace: "const logLevel = env.LOG_LEVEL ?? 'warn';" }],
} satisfies WrongSubmission;
