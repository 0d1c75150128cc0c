import type { WrongSubmission } from '../types.js';

export default {
  description: 'GET /api/articles/:slug answers the list item (without body) instead of the whole article',
  caughtBy: 'GET /api/articles/:slug answers 200 with the whole article, body included, and 404 for an unknown slug',
  edits: [
    {
      file: 'src/articles/articles.handlers.ts',
      find: '    const article = await articles.get(req.params.slug);\n    res.json({ article: articleJson(article) });',
      replace: '    const article = await articles.get(req.params.slug);\n    res.json({ article: listItemJson(article) });',
    },
  ],
} satisfies WrongSubmission;
