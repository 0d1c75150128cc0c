import type { WrongSubmission } from '../types.js';

// The migration job starts with MySQL's container, seconds before MySQL accepts connections.
export default {
  description: "the migrate service does not wait for a healthy database",
  caughtBy: "docker-compose.yml runs the migrations once, before the apps: a migration service that waits for a healthy database and does not restart, and app services that wait for it to complete successfully and for a healthy database and Redis",
  edits: [
    { file: "docker-compose.yml", find: "    depends_on:\n      db:\n        condition: service_healthy\n    restart: \"no\"", replace: "    restart: \"no\"" },
  ],
} satisfies WrongSubmission;
