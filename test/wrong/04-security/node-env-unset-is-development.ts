import type { WrongSubmission } from '../types.js';

export default {
  description: "a missing NODE_ENV means development: a production server started without it signs tokens with the public secret",
  caughtBy: "with no NODE_ENV and no JWT_SECRET (and no .env), the server stops at start-up naming JWT_SECRET: unset runs as production",
  edits: [
    { file: "src/config.ts", find: "const nodeEnv = env.NODE_ENV || 'production';", replace: "const nodeEnv = env.NODE_ENV || 'development';" },
  ],
} satisfies WrongSubmission;
