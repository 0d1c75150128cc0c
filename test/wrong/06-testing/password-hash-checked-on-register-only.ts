import type { WrongSubmission } from '../types.js';

export default {
  description: 'what a user answer leaves out (the password hash) is checked on the registration answer only; the login test looks at the username and email it expects',
  caughtBy: 'your tests notice when the login answer carries the password hash',
  edits: [
    {
      file: 'test/users.test.ts',
      find: `    expect(res.status).toBe(200);
    expect(Object.keys(res.body.user).sort()).toEqual(USER_KEYS);
    expect(res.body.user).toMatchObject({ username: ada.username, email: ada.email });
    expect(JSON.stringify(res.body)).not.toMatch(/\\$2[aby]\\$/);`,
      replace: `    expect(res.status).toBe(200);
    expect(res.body.user).toMatchObject({ username: ada.username, email: ada.email, token: expect.any(String) });`,
    },
  ],
} satisfies WrongSubmission;
