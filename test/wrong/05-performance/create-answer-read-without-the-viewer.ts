import type { WrongSubmission } from '../types.js';

export default {
  description:
    "POST /api/articles answers the new article read without its viewer (a new article has no favorites anyway): author.following comes back false for an author who follows themselves",
  caughtBy: 'any sequence of articles, favorites, follows, comments and reads answers exactly what the starter answers, each read within its statement cap',
  edits: [
    {
      file: 'src/articles/articles.service.ts',
      find: "      return findOr404(slug ?? '', author.id);",
      replace: "      return findOr404(slug ?? '');",
    },
  ],
} satisfies WrongSubmission;
