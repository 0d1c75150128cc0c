import type { WrongSubmission } from '../types.js';

export default {
  description: 'the request id middleware is registered after express.json(): a malformed body is refused before it runs, so the 400 has no X-Request-Id',
  caughtBy: 'every response carries an X-Request-Id header, a different one per request',
  edits: [
    { file: 'src/app.ts', find: '  app.use(requestId());\n', replace: '' },
    { file: 'src/app.ts', find: "  app.use(express.json({ limit: '100kb' }));\n", replace: "  app.use(express.json({ limit: '100kb' }));\n  app.use(requestId());\n" },
  ],
} satisfies WrongSubmission;
