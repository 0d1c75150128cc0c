import type { WrongSubmission } from '../types.js';

// One stage: the compiler, the dev dependencies and the sources all ship in the image.
export default {
  description: "the Dockerfile builds and runs in one stage",
  caughtBy: "the Dockerfile builds in one stage and runs in another: a build stage runs the build, the final stage installs production dependencies only (npm ci, from the folder's own package-lock.json) and copies dist/ from it, and every stage starts from a Node 20 image with an explicit tag",
  files: {
    "Dockerfile": "FROM node:20.20.2-bookworm-slim\nENV NODE_ENV=production\nWORKDIR /app\nCOPY package.json package-lock.json ./\nRUN npm ci --no-audit --no-fund\nCOPY tsconfig.json tsconfig.build.json ./\nCOPY src ./src\nRUN npm run build\nUSER node\nEXPOSE 3000\nHEALTHCHECK --interval=10s --timeout=3s --start-period=15s --retries=3 \\\n  CMD [\"node\", \"-e\", \"fetch('http://127.0.0.1:3000/health/live').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))\"]\nCMD [\"node\", \"dist/server.js\"]\n",
  },
} satisfies WrongSubmission;
