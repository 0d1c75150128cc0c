import type { WrongSubmission } from '../types.js';

// The default is written for the learner's laptop and applied everywhere: a production server
// deployed without CORS_ORIGINS lets any page served from localhost:4100 (anyone's) call it.
export default {
  description: 'with CORS_ORIGINS unset, the localhost:4100 defaults apply in every environment, production included',
  caughtBy: 'with CORS_ORIGINS unset, the development server allows http://localhost:4100 and http://127.0.0.1:4100, and a server in production, in test or with NODE_ENV unset allows no origin',
  edits: [
    {
      file: 'src/config.ts',
      find: "  if (value === undefined) return nodeEnv === 'development' ? [...DEV_CORS_ORIGINS] : [];",
      replace: '  if (value === undefined) return [...DEV_CORS_ORIGINS];',
    },
  ],
} satisfies WrongSubmission;
