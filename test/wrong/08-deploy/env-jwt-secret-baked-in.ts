import type { WrongSubmission } from '../types.js';

// A secret baked into the image: anyone who can pull it reads it with docker inspect.
export default {
  description: "the Dockerfile sets ENV JWT_SECRET",
  caughtBy: "no secret is baked into the image: no ENV or ARG named like a secret, password or token in any stage, and no .env copied in",
  edits: [
    { file: "Dockerfile", find: "ENV NODE_ENV=production\n", replace: "ENV NODE_ENV=production\nENV JWT_SECRET=change-me-in-production-0123456789abcdef\n" },
  ],
} satisfies WrongSubmission;
