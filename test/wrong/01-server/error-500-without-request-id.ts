import type { WrongSubmission } from '../types.js';

export default {
  description: 'the 500 answer is generic but does not give the request id, so nobody can match it with the log line',
  caughtBy: 'an unexpected error answers 500 with a generic message and no stack trace',
  edits: [
    {
      file: 'src/http/error-handler.ts',
      find: "res.status(500).json({ errors: { server: ['something went wrong; the request id is ' + req.id] } });",
      replace: "res.status(500).json({ errors: { server: ['internal server error'] } });",
    },
  ],
} satisfies WrongSubmission;
