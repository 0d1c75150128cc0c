import type { WrongSubmission } from '../types.js';

// Docker restarts unhealthy containers in some setups: a database outage would restart every instance.
export default {
  description: "the image's HEALTHCHECK asks /health/ready",
  caughtBy: "the image declares EXPOSE 3000 and a HEALTHCHECK on /health/live that works with what the image contains (node, not curl where the image has no curl)",
  edits: [
    { file: "Dockerfile", find: "/health/live').then", replace: "/health/ready').then" },
  ],
} satisfies WrongSubmission;
