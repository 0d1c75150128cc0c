import type { WrongSubmission } from '../types.js';

export default {
  description: 'PUT /api/user checks a new email (format, taken) but the update leaves it out of the columns it saves: the answer is 200 and the email stays the old one',
  caughtBy: "PUT /api/user changes the caller's fields, accepts their own current email, and answers 422 for another user's email or username",
  edits: [
    {
      file: 'src/users/users.service.ts',
      find: '      await User.update({ ...changes, ...tokens, updatedAt: clock() }, { where: { id: current.id } });',
      replace: '      const { email: _notSaved, ...saved } = changes;\n      await User.update({ ...saved, ...tokens, updatedAt: clock() }, { where: { id: current.id } });',
    },
  ],
} satisfies WrongSubmission;
