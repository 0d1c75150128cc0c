import type { WrongSubmission } from '../types.js';

export default {
  description: "the error handler sends the unexpected error's own message to the client",
  caughtBy: 'an unexpected error answers 500 with a generic message and no stack trace',
  edits: [
    {
      file: 'src/http/error-handler.ts',
      find: "res.status(500).json({ errors: { server: ['something went wrong; the request id is ' + req.id] } });",
      replace: 'res.status(500).json({ errors: { server: [err instanceof Error ? err.message : String(err)] } });',
    },
  ],
} satisfies WrongSubmission;
