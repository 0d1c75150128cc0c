import type { WrongSubmission } from '../types.js';

// MySQL without a healthcheck: its container is "up" long before it accepts connections.
export default {
  description: "the db service has no healthcheck",
  caughtBy: "docker-compose.yml has a MySQL database and a Redis, each with a healthcheck, so that what waits for them waits until they answer",
  edits: [
    { file: "docker-compose.yml", find: "    healthcheck:\n      # -h 127.0.0.1: over TCP, so the temporary server of the first start-up (socket only) does not count.\n      test: [\"CMD-SHELL\", \"mysqladmin ping -h 127.0.0.1 -uconduit -p\\\"$$MYSQL_PASSWORD\\\" --silent\"]\n      interval: 5s\n      timeout: 3s\n      retries: 30\n      start_period: 30s\n", replace: "" },
  ],
} satisfies WrongSubmission;
