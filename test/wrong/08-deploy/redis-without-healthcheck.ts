import type { WrongSubmission } from '../types.js';

// Redis without a healthcheck: what waits for it can only wait for its container to start.
export default {
  description: "the redis service has no healthcheck",
  caughtBy: "docker-compose.yml has a MySQL database and a Redis, each with a healthcheck, so that what waits for them waits until they answer",
  edits: [
    { file: "docker-compose.yml", find: "    healthcheck:\n      test: [\"CMD-SHELL\", \"redis-cli ping | grep -q PONG\"]\n      interval: 5s\n      timeout: 3s\n      retries: 10\n", replace: "" },
  ],
} satisfies WrongSubmission;
