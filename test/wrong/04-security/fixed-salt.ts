import type { WrongSubmission } from '../types.js';

export default {
  description: 'bcrypt with one salt made at start-up and shared by every password: equal passwords get equal hashes',
  caughtBy: 'the users table keeps a bcrypt hash of the password (cost 10 or more), never the password itself',
  edits: [
    {
      file: 'src/auth/passwords.ts',
      find: 'export function hashPassword(password: string): Promise<string> {\n  return bcrypt.hash(password, BCRYPT_COST);',
      replace: 'const SALT = bcrypt.genSaltSync(BCRYPT_COST);\n\nexport function hashPassword(password: string): Promise<string> {\n  return bcrypt.hash(password, SALT);',
    },
  ],
} satisfies WrongSubmission;
