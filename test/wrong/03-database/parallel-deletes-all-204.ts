import type { WrongSubmission } from '../types.js';

export default {
  description: 'DELETE /api/articles/:slug answers 204 whenever it found the article, even when another delete removed it first',
  caughtBy: 'parallel DELETEs of one article, or of one comment, answer 204 once and 404 for the others',
  edits: [
    {
      file: 'src/articles/articles.service.ts',
      find: "      if (!(await articles.remove(article.id))) throw new NotFoundError('article');",
      replace: '      await articles.remove(article.id);',
    },
  ],
} satisfies WrongSubmission;
