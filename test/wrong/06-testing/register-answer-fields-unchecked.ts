import type { WrongSubmission } from '../types.js';

export default {
  description: 'the registration test checks the fields it expects with toMatchObject, never what the answer leaves out: a 201 whose user carries the password hash passes',
  caughtBy: 'your tests notice when the registration answer carries the password hash',
  edits: [
    {
      file: 'test/users.test.ts',
      find: `    expect(res.status).toBe(201);
    expect(Object.keys(res.body.user).sort()).toEqual(USER_KEYS);
`,
      replace: `    expect(res.status).toBe(201);
`,
    },
  ],
} satisfies WrongSubmission;
