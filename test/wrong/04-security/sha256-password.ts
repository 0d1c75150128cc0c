import type { WrongSubmission } from '../types.js';

export default {
  description: 'passwords are hashed with a fast, unsalted sha256 instead of bcrypt',
  caughtBy: 'the users table keeps a bcrypt hash of the password (cost 10 or more), never the password itself',
  edits: [
    { file: 'src/auth/passwords.ts', find: "import { randomBytes } from 'node:crypto';", replace: "import { createHash, randomBytes } from 'node:crypto';" },
    {
      file: 'src/auth/passwords.ts',
      find: '  return bcrypt.hash(password, BCRYPT_COST);',
      replace: "  return Promise.resolve(createHash('sha256').update(password).digest('hex'));",
    },
    {
      file: 'src/auth/passwords.ts',
      find: '  return bcrypt.compare(password, hash);',
      replace: "  return Promise.resolve(createHash('sha256').update(password).digest('hex') === hash);",
    },
  ],
} satisfies WrongSubmission;
