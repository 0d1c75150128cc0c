import type { WrongSubmission } from '../types.js';

export default {
  description:
    'compression is put on the article reads only (the list, the feed, one article: the big answers the lesson measures), not on the app: a long comments list goes out as it is',
  caughtBy: 'an answer over 1 KB is gzip-compressed when the request accepts gzip (with Vary: Accept-Encoding), and sent as it is when it is under 1 KB or the client does not accept gzip',
  edits: [
    { file: 'src/app.ts', find: '  app.use(compression({ threshold: 1024 }));\n', replace: '' },
    { file: 'src/app.ts', find: "import compression from 'compression';\n", replace: '' },
    { file: 'src/articles/articles.routes.ts', find: "import { Router } from 'express';", replace: "import { Router } from 'express';\nimport compression from 'compression';" },
    {
      file: 'src/articles/articles.routes.ts',
      find: "  router.get('/articles', optionalAuth, handlers.list);",
      replace: "  const gzip = compression({ threshold: 1024 });\n  router.get('/articles', gzip, optionalAuth, handlers.list);",
    },
    { file: 'src/articles/articles.routes.ts', find: "router.get('/articles/feed', requireAuth, handlers.feed);", replace: "router.get('/articles/feed', gzip, requireAuth, handlers.feed);" },
    { file: 'src/articles/articles.routes.ts', find: "router.get('/articles/:slug', optionalAuth, handlers.get);", replace: "router.get('/articles/:slug', gzip, optionalAuth, handlers.get);" },
  ],
} satisfies WrongSubmission;
