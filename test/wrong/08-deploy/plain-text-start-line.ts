import type { WrongSubmission } from '../types.js';

// One console.log left from development: a line the log collector cannot parse.
export default {
  description: "server.ts prints a plain-text line when it starts listening",
  caughtBy: "every line the server prints is one JSON object with a time, a msg and the level as a label (\"info\", \"warn\", \u2026), from start-up to shutdown, and LOG_LEVEL=warn leaves out every info and debug line",
  edits: [
    { file: "src/server.ts", find: "    if (err) return;\n    // The port really bound", replace: "    if (err) return;\n    console.log(`Server ready on port ${config.port}`);\n    // The port really bound" },
  ],
} satisfies WrongSubmission;
