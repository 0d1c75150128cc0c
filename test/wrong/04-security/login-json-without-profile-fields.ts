import type { WrongSubmission } from '../types.js';

export default {
  description: 'login answers its own short user, {email, token, username}, without the bio and image keys the Conduit user always has',
  caughtBy: 'POST /api/users/login answers 200 with the user and a working token, and 422 without an email or a password',
  edits: [
    {
      file: 'src/users/users.handlers.ts',
      find: '    res.json({ user: userJson(user, tokens.issue(user)) });\n  };\n\n  // GET and PUT',
      replace: '    res.json({ user: { email: user.email, token: tokens.issue(user), username: user.username } });\n  };\n\n  // GET and PUT',
    },
  ],
} satisfies WrongSubmission;
