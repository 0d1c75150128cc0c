import type { WrongSubmission } from '../types.js';

// localhost and 127.0.0.1 are the same machine but two origins: a learner who opens the client at
// http://127.0.0.1:4100 (as some tools print it) is blocked by CORS.
export default {
  description: 'the development default allows http://localhost:4100 only, not http://127.0.0.1:4100',
  caughtBy: 'with CORS_ORIGINS unset, the development server allows http://localhost:4100 and http://127.0.0.1:4100, and a server in production, in test or with NODE_ENV unset allows no origin',
  edits: [
    {
      file: 'src/config.ts',
      find: "export const DEV_CORS_ORIGINS: readonly string[] = ['http://localhost:4100', 'http://127.0.0.1:4100'];",
      replace: "export const DEV_CORS_ORIGINS: readonly string[] = ['http://localhost:4100'];",
    },
  ],
} satisfies WrongSubmission;
