import type { WrongSubmission } from '../types.js';

// curl in a HEALTHCHECK on a slim image that has none: the container is unhealthy for ever.
export default {
  description: "the HEALTHCHECK calls curl on node:20-slim",
  caughtBy: "the image declares EXPOSE 3000 and a HEALTHCHECK on /health/live that works with what the image contains (node, not curl where the image has no curl)",
  edits: [
    { file: "Dockerfile", find: "  CMD [\"node\", \"-e\", \"fetch('http://127.0.0.1:' + (process.env.PORT || 3000) + '/health/live').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))\"]", replace: "  CMD curl -fsS http://127.0.0.1:3000/health/live || exit 1" },
  ],
} satisfies WrongSubmission;
