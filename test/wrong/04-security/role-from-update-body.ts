import type { WrongSubmission } from '../types.js';

export default {
  description: 'PUT /api/user copies a "role" from the body into the row (mass assignment): anyone can make themselves admin',
  caughtBy: 'sending "role": "admin" when registering or updating does not make anyone an admin',
  edits: [
    {
      file: 'src/users/users.service.ts',
      find: '      if (fields.username !== undefined) changes.username = readUsername(errors, fields.username);\n',
      replace:
        '      if (fields.username !== undefined) changes.username = readUsername(errors, fields.username);\n      if (fields.role !== undefined) Object.assign(changes, { role: fields.role });\n',
    },
  ],
} satisfies WrongSubmission;
