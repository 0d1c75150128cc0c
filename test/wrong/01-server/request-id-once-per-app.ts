import type { WrongSubmission } from '../types.js';

export default {
  description: 'the request id is made once, when the middleware is built, so every request shares it',
  caughtBy: 'every response carries an X-Request-Id header, a different one per request',
  edits: [
    {
      file: 'src/http/request-id.ts',
      find: 'export function requestId(): RequestHandler {\n',
      replace: 'export function requestId(): RequestHandler {\n  const id = randomUUID();\n',
    },
    {
      file: 'src/http/request-id.ts',
      find: 'req.id = incoming && SAFE_ID.test(incoming) ? incoming : randomUUID();',
      replace: 'req.id = incoming && SAFE_ID.test(incoming) ? incoming : id;',
    },
  ],
} satisfies WrongSubmission;
