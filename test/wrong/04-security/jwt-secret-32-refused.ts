import type { WrongSubmission } from '../types.js';

export default {
  description: "a JWT_SECRET of exactly 32 characters is refused (<= instead of <)",
  caughtBy: "with NODE_ENV=production, a JWT_SECRET of 31 characters stops the server at start-up, and one of exactly 32 starts it",
  edits: [
    { file: "src/config.ts", find: "if (secret.length < MIN_JWT_SECRET_LENGTH) {", replace: "if (secret.length <= MIN_JWT_SECRET_LENGTH) {" },
  ],
} satisfies WrongSubmission;
