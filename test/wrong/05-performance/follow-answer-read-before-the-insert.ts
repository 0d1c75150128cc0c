import type { WrongSubmission } from '../types.js';

export default {
  description: 'POST /api/profiles/:username/follow answers the profile as it was read before the follow was inserted: following false for a first follow',
  caughtBy: 'any sequence of articles, favorites, follows, comments and reads answers exactly what the starter answers, each read within its statement cap',
  edits: [
    {
      file: 'src/profiles/profiles.service.ts',
      find: '      return publicPart({ ...user, following: true });',
      replace: '      return publicPart(user);',
    },
  ],
} satisfies WrongSubmission;
