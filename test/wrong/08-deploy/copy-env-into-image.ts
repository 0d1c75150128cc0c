import type { WrongSubmission } from '../types.js';

// The developer's .env copied into the image, secrets and all.
export default {
  description: "the final stage copies .env",
  caughtBy: "no secret is baked into the image: no ENV or ARG named like a secret, password or token in any stage, and no .env copied in",
  edits: [
    { file: "Dockerfile", find: "COPY --from=build /app/dist ./dist\n", replace: "COPY --from=build /app/dist ./dist\nCOPY .env ./\n" },
  ],
} satisfies WrongSubmission;
