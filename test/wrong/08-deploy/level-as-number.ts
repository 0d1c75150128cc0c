import type { WrongSubmission } from '../types.js';

// pino's default: "level":30, which people and many log tools cannot read.
export default {
  description: "the log lines carry the level as a number",
  caughtBy: "every line the server prints is one JSON object with a time, a msg and the level as a label (\"info\", \"warn\", \u2026), from start-up to shutdown, and LOG_LEVEL=warn leaves out every info and debug line",
  edits: [
    { file: "src/logger.ts", find: "      formatters: { level: (label) => ({ level: label }) },\n", replace: "" },
  ],
} satisfies WrongSubmission;
