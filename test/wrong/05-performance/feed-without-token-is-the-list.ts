import type { WrongSubmission } from '../types.js';

export default {
  description: 'GET /api/articles/feed without a token answers the global list (a friendlier fallback), where the API and the starter answer 401',
  caughtBy: 'any sequence of articles, favorites, follows, comments and reads answers exactly what the starter answers, each read within its statement cap',
  edits: [
    { file: 'src/articles/articles.routes.ts', find: "router.get('/articles/feed', requireAuth, handlers.feed);", replace: "router.get('/articles/feed', optionalAuth, handlers.feed);" },
    {
      file: 'src/articles/articles.handlers.ts',
      find: '    const page = await articles.feed(req.query, currentUser(req));',
      replace: '    const page = req.user ? await articles.feed(req.query, req.user) : await articles.list({ limit: req.query.limit, offset: req.query.offset });',
    },
  ],
} satisfies WrongSubmission;
