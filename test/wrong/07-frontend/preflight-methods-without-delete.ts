import type { WrongSubmission } from '../types.js';

// The methods listed are the ones the learner thought of first (reading and writing); deleting an
// article, a comment, a favorite or a follow from the web client is then blocked by its preflight.
export default {
  description: 'the preflight allows GET, HEAD, POST and PUT but not DELETE',
  caughtBy: 'a preflight from an allowed origin answers 2xx before any authentication, allowing GET, POST, PUT and DELETE with Authorization and Content-Type, cached for 600 seconds',
  edits: [
    {
      file: 'src/http/cors.ts',
      find: "export const CORS_METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'DELETE'] as const;",
      replace: "export const CORS_METHODS = ['GET', 'HEAD', 'POST', 'PUT'] as const;",
    },
  ],
} satisfies WrongSubmission;
