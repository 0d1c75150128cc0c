import type { WrongSubmission } from '../types.js';

export default {
  description: 'the password-change test checks that the answer carries a new token and that it works; the old token is never tried again',
  caughtBy: 'your tests notice when a token issued before a password change still works',
  edits: [
    {
      file: 'test/users.test.ts',
      find: `    const old = await t.http().get('/api/user').set(ada.auth);
    expect(old.status).toBe(401);
`,
      replace: ``,
    },
  ],
} satisfies WrongSubmission;
