import type { WrongSubmission } from '../types.js';

// Security set once for the whole document, the routes anyone may call left without their own:
// they inherit the global requirement, and the document says logging in needs a token.
export default {
  description: 'security [{ Token: [] }] is set for the whole document, and the public routes (login, register, tags) do not override it',
  caughtBy: 'routes that need a token require the Token scheme (apiKey in the Authorization header), and the routes anyone may call do not require one',
  edits: [
    { file: 'src/http/openapi.ts', find: '  none: [],', replace: '  none: undefined,' },
    { file: 'src/http/openapi.ts', find: '    paths,\n', replace: '    security: [{ Token: [] }],\n    paths,\n' },
  ],
} satisfies WrongSubmission;
