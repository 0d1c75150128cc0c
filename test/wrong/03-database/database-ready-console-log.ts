import type { WrongSubmission } from '../types.js';

// Step 01's rule holds in every later step: the server's output is JSON lines, start-up included.
export default {
  description: 'server.ts prints "database ready" with console.log once the database opens: a plain-text line in a log of JSON lines',
  caughtBy: 'with PORT, NODE_ENV and LOG_LEVEL unset, the server listens on 3000 and prints each request as one JSON line',
  edits: [
    {
      file: 'src/server.ts',
      find: '  const app = createApp({ config, logger, db });',
      replace: "  console.log('database ready');\n  const app = createApp({ config, logger, db });",
    },
  ],
} satisfies WrongSubmission;
