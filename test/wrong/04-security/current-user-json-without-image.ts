import type { WrongSubmission } from '../types.js';

export default {
  description: 'GET and PUT /api/user leave out the keys whose value is null (a user without a bio or image gets no "bio"/"image" key)',
  caughtBy: 'GET /api/user answers the token\'s user, whether the token comes as "Token <jwt>" or "Bearer <jwt>"',
  edits: [
    {
      file: 'src/users/users.handlers.ts',
      find: '    const { user, token } = authenticated(req);\n    res.json({ user: userJson(user, token) });',
      replace: '    const { user, token } = authenticated(req);\n    res.json({ user: Object.fromEntries(Object.entries(userJson(user, token)).filter(([, v]) => v !== null)) });',
    },
  ],
} satisfies WrongSubmission;
