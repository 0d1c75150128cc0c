import type { WrongSubmission } from '../types.js';

// On a route that needs a user, "no user" is a 401 whichever way the middleware got there: only a
// public route shows whether the deleted user's token is refused or read as "anonymous".
export default {
  description: 'the deleted-user token is tried on GET /api/user only, a route that answers 401 to anonymous visitors anyway; never on a public route',
  caughtBy: 'your tests notice when the token of a deleted user is taken for an anonymous visitor instead of a 401',
  edits: [
    {
      file: 'test/users.test.ts',
      find: `    expect(own.status).toBe(401);
    const list = await t.http().get('/api/articles').set(gone.auth);
    expect(list.status).toBe(401);
    expect(list.body).toEqual({ errors: { token: ['is invalid'] } });`,
      replace: `    expect(own.status).toBe(401);`,
    },
  ],
} satisfies WrongSubmission;
