import type { WrongSubmission } from '../types.js';

export default {
  description: 'the handler reads req.body.article without checking there is a body: no JSON at all crashes (500)',
  caughtBy: 'a request body without the {"article": {...}} wrapper answers 422, not 500',
  edits: [
    {
      file: 'src/articles/articles.handlers.ts',
      find: 'const article = await articles.create(currentUser(req), req.body?.article);',
      replace: 'const article = await articles.create(currentUser(req), req.body.article);',
    },
  ],
} satisfies WrongSubmission;
