import type { WrongSubmission } from '../types.js';
export default {
  description: "compression above 300 bytes",
  caughtBy: "an answer over 1 KB is gzip-compressed when the request accepts gzip (with Vary: Accept-Encoding), and sent as it is when it is under 1 KB or the client does not accept gzip",
  edits: [{ file: "src/app.ts", find: "compression({ threshold: 1024 })", replace: "compression({ threshold: 300 })" }],
} satisfies WrongSubmission;
