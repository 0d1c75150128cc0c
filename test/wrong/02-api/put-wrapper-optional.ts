import type { WrongSubmission } from '../types.js';

export default {
  description: 'PUT falls back to the whole body when there is no {"article": …} wrapper, so unwrapped fields change the article',
  caughtBy: 'a request body without the {"article": {...}} wrapper answers 422, not 500',
  edits: [
    {
      file: 'src/articles/articles.handlers.ts',
      find: 'await articles.update(req.params.slug, req.body?.article);',
      replace: 'await articles.update(req.params.slug, req.body?.article ?? req.body);',
    },
  ],
} satisfies WrongSubmission;
