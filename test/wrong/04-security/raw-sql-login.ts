import type { WrongSubmission } from '../types.js';

export default {
  description: 'login looks the email up with SQL built from a template string: the email can rewrite the query',
  caughtBy: 'SQL injection payloads in the login, ?tag=, ?author= and slugs never log anyone in, never list anything, never crash, and every table survives',
  edits: [
    {
      file: 'src/users/users.service.ts',
      find: "      const user = await User.scope('withPassword').findOne({ where: { email: email! } });",
      replace: [
        '      const [found] = (await db.query(`SELECT id FROM users WHERE email = \'${email}\'`)) as [{ id: number }[], unknown];',
        "      const user = found[0] ? await User.scope('withPassword').findByPk(found[0].id) : null;",
      ].join('\n'),
    },
  ],
} satisfies WrongSubmission;
