import type { WrongSubmission } from '../types.js';

export default {
  description: 'an update stamps updatedAt on the article before validating the changes, so a refused update still moves it',
  caughtBy: 'PUT /api/articles/:slug answers 422 for a blank or wrong-typed field and changes nothing',
  edits: [
    {
      file: 'src/articles/articles.service.ts',
      find: '      const article = findOr404(slug);\n      const changes',
      replace: '      const article = findOr404(slug);\n      store.update(article.id, { updatedAt: clock() });\n      const changes',
    },
  ],
} satisfies WrongSubmission;
