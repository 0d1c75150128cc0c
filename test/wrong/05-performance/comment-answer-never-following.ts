import type { WrongSubmission } from '../types.js';

export default {
  description:
    "POST /api/articles/:slug/comments answers the new comment with author.following false without asking (one statement saved: who follows themselves?), where the starter says true for an author who follows themselves",
  caughtBy: 'any sequence of articles, favorites, follows, comments and reads answers exactly what the starter answers, each read within its statement cap',
  edits: [
    {
      file: 'src/comments/comments.service.ts',
      find: '      return toRecord(saved, (await Follow.count({ where: { followerId: author.id, followedId: author.id } })) > 0);',
      replace: '      return toRecord(saved, false);',
    },
  ],
} satisfies WrongSubmission;
