import type { WrongSubmission } from '../types.js';

// node:lts-slim moves: next month's rebuild runs on another Node.
export default {
  description: "the build stage starts from node:lts-slim",
  caughtBy: "the Dockerfile builds in one stage and runs in another: a build stage runs the build, the final stage installs production dependencies only (npm ci, from the folder's own package-lock.json) and copies dist/ from it, and every stage starts from a Node 20 image with an explicit tag",
  edits: [
    { file: "Dockerfile", find: "FROM node:20.20.2-bookworm-slim AS build", replace: "FROM node:lts-slim AS build" },
  ],
} satisfies WrongSubmission;
