import type { WrongSubmission } from '../types.js';

// "The list is checked already, so the header can just say *": the allowed origins are answered
// with Access-Control-Allow-Origin: *, which tells every page it may read the answer.
export default {
  description: 'allowed origins are answered Access-Control-Allow-Origin: * instead of their own origin',
  caughtBy: 'no answer says Access-Control-Allow-Origin: * or Access-Control-Allow-Credentials, and every answer carries Vary: Origin',
  edits: [
    {
      file: 'src/http/cors.ts',
      find: "    origin: true, // reflect the request's Origin: only called for origins on the list, below",
      replace: "    origin: '*',",
    },
  ],
} satisfies WrongSubmission;
