import type { WrongSubmission } from '../types.js';

// The port the server listens on is documented nowhere in the image.
export default {
  description: "the Dockerfile has no EXPOSE",
  caughtBy: "the image declares EXPOSE 3000 and a HEALTHCHECK on /health/live that works with what the image contains (node, not curl where the image has no curl)",
  edits: [
    { file: "Dockerfile", find: "EXPOSE 3000\n", replace: "" },
  ],
} satisfies WrongSubmission;
