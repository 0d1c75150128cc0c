import type { WrongSubmission } from '../types.js';

export default {
  description: 'the development origins are the default whenever NODE_ENV is neither production nor test: a server started with NODE_ENV unset (which runs as production) lets http://localhost:4100 call it',
  caughtBy: 'with CORS_ORIGINS unset, the development server allows http://localhost:4100 and http://127.0.0.1:4100, and a server in production, in test or with NODE_ENV unset allows no origin',
  edits: [
    {
      file: 'src/config.ts',
      find: "if (value === undefined) return nodeEnv === 'development' ? [...DEV_CORS_ORIGINS] : [];",
      replace: "if (value === undefined) return env.NODE_ENV !== 'production' && env.NODE_ENV !== 'test' ? [...DEV_CORS_ORIGINS] : [];",
    },
  ],
} satisfies WrongSubmission;
