import type { WrongSubmission } from '../types.js';

// The secret written in the committed compose file.
export default {
  description: "docker-compose.yml holds a literal JWT_SECRET",
  caughtBy: "docker-compose.yml holds no secret: the apps get JWT_SECRET as ${JWT_SECRET:?message}, and every password, token and secret is a ${VARIABLE} reference without a default value, never a literal",
  edits: [
    { file: "docker-compose.yml", find: "  JWT_SECRET: ${JWT_SECRET:?set JWT_SECRET}", replace: "  JWT_SECRET: a-long-random-secret-for-the-stack-0123456789" },
  ],
} satisfies WrongSubmission;
