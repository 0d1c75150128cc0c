import type { WrongSubmission } from '../types.js';

export default {
  description: "GET …/comments checks that the article exists, then lists every comment in the table, not only the article's",
  caughtBy: "GET /api/articles/:slug/comments lists the article's comments oldest first, and no other article's",
  edits: [
    {
      file: 'src/comments/comments.service.ts',
      find: '      const comments = await Comment.findAll({\n        where: { articleId: await articleId(slug) },\n',
      replace: '      await articleId(slug);\n      const comments = await Comment.findAll({\n',
    },
  ],
} satisfies WrongSubmission;
