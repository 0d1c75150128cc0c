import type { WrongSubmission } from '../types.js';

// The logger is made at a fixed level: LOG_LEVEL=warn still prints every request.
export default {
  description: "pino is created at level info whatever LOG_LEVEL says",
  caughtBy: "every line the server prints is one JSON object with a time, a msg and the level as a label (\"info\", \"warn\", \u2026), from start-up to shutdown, and LOG_LEVEL=warn leaves out every info and debug line",
  edits: [
    { file: "src/logger.ts", find: "    {\n      level,\n", replace: "    {\n      level: level === 'silent' ? 'silent' : 'info',\n" },
  ],
} satisfies WrongSubmission;
