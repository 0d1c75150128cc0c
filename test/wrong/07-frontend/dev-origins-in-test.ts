import type { WrongSubmission } from '../types.js';
// "Development defaults unless it is production" reads naturally, and the test environment (CI, a
// staging box someone set to NODE_ENV=test) then lets the localhost front end in: the lesson says
// the defaults are for development only.
export default {
  description: 'with CORS_ORIGINS unset, the localhost defaults apply everywhere but production (NODE_ENV=test included)',
  caughtBy: 'with CORS_ORIGINS unset, the development server allows http://localhost:4100 and http://127.0.0.1:4100, and a server in production, in test or with NODE_ENV unset allows no origin',
  edits: [
    {
      file: 'src/config.ts',
      find: "  if (value === undefined) return nodeEnv === 'development' ? [...DEV_CORS_ORIGINS] : [];",
      replace: "  if (value === undefined) return nodeEnv !== 'production' ? [...DEV_CORS_ORIGINS] : [];",
    },
  ],
} satisfies WrongSubmission;
