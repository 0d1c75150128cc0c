import type { WrongSubmission } from '../types.js';

// Started, not completed: the apps start while the migrations are still running.
export default {
  description: "the apps wait for the migrate service to start, not to complete",
  caughtBy: "docker-compose.yml runs the migrations once, before the apps: a migration service that waits for a healthy database and does not restart, and app services that wait for it to complete successfully and for a healthy database and Redis",
  edits: [
    { file: "docker-compose.yml", find: "  migrate:\n    condition: service_completed_successfully", replace: "  migrate:\n    condition: service_started" },
  ],
} satisfies WrongSubmission;
