import type { WrongSubmission } from '../types.js';

export default {
  description:
    "PUT /api/articles/:slug answers the edited article read without its viewer: favorited and author.following come back false, even when the author favorited their own article or follows themselves",
  caughtBy: 'any sequence of articles, favorites, follows, comments and reads answers exactly what the starter answers, each read within its statement cap',
  edits: [
    {
      file: 'src/articles/articles.service.ts',
      find: '      tagsChanged();\n      return findOr404(newSlug, user.id);',
      replace: '      tagsChanged();\n      return findOr404(newSlug);',
    },
  ],
} satisfies WrongSubmission;
