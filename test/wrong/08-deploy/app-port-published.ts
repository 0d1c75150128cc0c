import type { WrongSubmission } from '../types.js';

// An app instance published beside the proxy: a way in that skips it.
export default {
  description: "app1 publishes port 3000",
  caughtBy: "docker-compose.yml publishes one port, the proxy's: at least two app instances behind it, and the apps, the database and Redis publish no port",
  edits: [
    { file: "docker-compose.yml", find: "  app1:\n    build: .\n", replace: "  app1:\n    build: .\n    ports:\n      - \"3000:3000\"\n" },
  ],
} satisfies WrongSubmission;
