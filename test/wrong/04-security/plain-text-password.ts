import type { WrongSubmission } from '../types.js';

export default {
  description: 'the password is stored as it was typed, and login compares the two strings',
  caughtBy: 'the users table keeps a bcrypt hash of the password (cost 10 or more), never the password itself',
  edits: [
    { file: 'src/auth/passwords.ts', find: '  return bcrypt.hash(password, BCRYPT_COST);', replace: '  return Promise.resolve(password);' },
    { file: 'src/auth/passwords.ts', find: '  return bcrypt.compare(password, hash);', replace: '  return Promise.resolve(password === hash);' },
  ],
} satisfies WrongSubmission;
