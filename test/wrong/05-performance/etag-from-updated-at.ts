import type { WrongSubmission } from '../types.js';

export default {
  description: "the article's ETag is made from updatedAt, so a favorite (which does not move updatedAt) is answered 304",
  caughtBy: "GET answers carry an ETag; the same request with If-None-Match answers 304 with no body, and after a favorite, a follow, an edit, the author's new bio, a comment or a new tag it answers 200 with the new answer",
  edits: [
    { file: "src/articles/articles.handlers.ts", find: "    const article = await articles.get(req.params.slug, req.user);\n    res.json({ article: articleJson(article) });", replace: "    const article = await articles.get(req.params.slug, req.user);\n    const etag = `W/\"${article.updatedAt.getTime()}-${req.user?.id ?? 0}\"`;\n    res.set('ETag', etag);\n    if (req.get('If-None-Match') === etag) {\n      res.status(304).end();\n      return;\n    }\n    res.json({ article: articleJson(article) });" },
  ],
} satisfies WrongSubmission;
