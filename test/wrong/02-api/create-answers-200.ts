import type { WrongSubmission } from '../types.js';

export default {
  description: 'POST /api/articles answers 200 instead of 201 Created',
  caughtBy: 'POST /api/articles answers 201 with the new article in the Conduit shape, timed by the app clock',
  edits: [
    {
      file: 'src/articles/articles.handlers.ts',
      find: 'res.status(201).json({ article: articleJson(article) });',
      replace: 'res.json({ article: articleJson(article) });',
    },
  ],
} satisfies WrongSubmission;
