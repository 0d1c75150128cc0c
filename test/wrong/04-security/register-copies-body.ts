import type { WrongSubmission } from '../types.js';

export default {
  description: 'registration spreads the whole request body into the new row, so "role": "admin" is saved too',
  caughtBy: 'sending "role": "admin" when registering or updating does not make anyone an admin',
  edits: [{ file: 'src/users/users.service.ts', find: '      const created = await User.create({\n        username: username!,', replace: '      const created = await User.create({\n        ...user,\n        username: username!,' }],
} satisfies WrongSubmission;
