import type { WrongSubmission } from '../types.js';

// A job with restart: unless-stopped runs the migrations again every time it exits.
export default {
  description: "the migrate service restarts unless stopped",
  caughtBy: "docker-compose.yml runs the migrations once, before the apps: a migration service that waits for a healthy database and does not restart, and app services that wait for it to complete successfully and for a healthy database and Redis",
  edits: [
    { file: "docker-compose.yml", find: "    restart: \"no\"", replace: "    restart: unless-stopped" },
  ],
} satisfies WrongSubmission;
