import type { WrongSubmission } from '../types.js';

// A build argument with credentials: build arguments stay in the image history.
export default {
  description: "the build stage declares ARG DATABASE_URL with a password in it",
  caughtBy: "no secret is baked into the image: no ENV or ARG named like a secret, password or token in any stage, and no .env copied in",
  edits: [
    { file: "Dockerfile", find: "FROM node:20.20.2-bookworm-slim AS build\n", replace: "FROM node:20.20.2-bookworm-slim AS build\nARG DATABASE_URL=mysql://conduit:conduit@db:3306/conduit\n" },
  ],
} satisfies WrongSubmission;
