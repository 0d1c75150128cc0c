import type { WrongSubmission } from '../types.js';

export default {
  description: 'the uniqueness check stops at the first taken field: registering with an email and a username that both exist names only the email',
  caughtBy: 'POST /api/users answers 422 when the email or the username is already taken',
  edits: [
    {
      file: 'src/users/users.service.ts',
      find: "        addError(errors, field, 'has already been taken');\n",
      replace: "        addError(errors, field, 'has already been taken');\n        return;\n",
    },
  ],
} satisfies WrongSubmission;
