import type { WrongSubmission } from '../types.js';

export default {
  description: 'login says "is not registered" for an unknown email, so anyone can find out who has an account',
  caughtBy: 'a wrong password and an unknown email get the same 401 and the very same body',
  edits: [
    {
      file: 'src/users/users.service.ts',
      find: '      const ok = await verifyPassword(password!, user?.passwordHash ?? DUMMY_HASH);\n      if (!user || !ok) {',
      replace: "      if (!user) throw new UnauthorizedError({ email: ['is not registered'] });\n      const ok = await verifyPassword(password!, user.passwordHash);\n      if (!ok) {",
    },
  ],
} satisfies WrongSubmission;
