import type { WrongSubmission } from '../types.js';

export default {
  description: 'POST /api/articles/:slug/favorite answers the article read without its viewer: favorited false right after favoriting it',
  caughtBy: 'any sequence of articles, favorites, follows, comments and reads answers exactly what the starter answers, each read within its statement cap',
  edits: [
    {
      file: 'src/articles/articles.service.ts',
      find: '        throw err;\n      }\n      return findOr404(slug, user.id);',
      replace: '        throw err;\n      }\n      return findOr404(slug);',
    },
  ],
} satisfies WrongSubmission;
