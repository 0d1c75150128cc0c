import type { WrongSubmission } from '../types.js';

// GET /api/tags asks Redis for the version and answers 500 when Redis is down, instead of reading the database
export default {
  description: "GET /api/tags asks Redis for the version and answers 500 when Redis is down, instead of reading the database",
  caughtBy: "with REDIS_URL set, /health/ready follows Redis: 503 with checks.redis \"unavailable\" while Redis cannot be reached or holds its answer past the probe's 1 s, 200 again when it is back, in the same process, while /health/live and the API that does not need Redis go on answering",
  edits: [
    { file: "src/tags/tags.service.ts", find: "      return reply === null || reply === undefined ? null : String(reply);\n    } catch {\n      return undefined;\n    }", replace: "      return reply === null || reply === undefined ? null : String(reply);\n    } finally {\n      // A Redis error goes to the caller.\n    }" },
  ],
} satisfies WrongSubmission;
