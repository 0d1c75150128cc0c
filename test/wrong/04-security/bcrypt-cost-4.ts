import type { WrongSubmission } from '../types.js';

export default {
  description: 'bcrypt with a cost of 4 "because the tests were slow": 64 times less work for an attacker',
  caughtBy: 'the users table keeps a bcrypt hash of the password (cost 10 or more), never the password itself',
  edits: [{ file: 'src/auth/passwords.ts', find: 'export const BCRYPT_COST = 10;', replace: 'export const BCRYPT_COST = 4;' }],
} satisfies WrongSubmission;
