import type { WrongSubmission } from '../types.js';

export default {
  description: 'the error handler sends err.stack to the client "to help debugging"',
  caughtBy: 'an unexpected error answers 500 with a generic message and no stack trace',
  edits: [
    {
      file: 'src/http/error-handler.ts',
      find: "res.status(500).json({ errors: { server: ['something went wrong; the request id is ' + req.id] } });",
      replace: "res.status(500).json({ errors: { server: [String((err as Error).stack ?? err)] } });",
    },
  ],
} satisfies WrongSubmission;
