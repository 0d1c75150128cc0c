import type { WrongSubmission } from '../types.js';

// The database published on the host: reachable from outside the stack.
export default {
  description: "the db service publishes port 3306",
  caughtBy: "docker-compose.yml publishes one port, the proxy's: at least two app instances behind it, and the apps, the database and Redis publish no port",
  edits: [
    { file: "docker-compose.yml", find: "    volumes:\n      - db-data:/var/lib/mysql\n", replace: "    ports:\n      - \"3306:3306\"\n    volumes:\n      - db-data:/var/lib/mysql\n" },
  ],
} satisfies WrongSubmission;
