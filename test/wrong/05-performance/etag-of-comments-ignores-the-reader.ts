import type { WrongSubmission } from '../types.js';

export default {
  description:
    "the comments' ETag is made from how many there are and the newest one's id: a new comment changes it, but a reader who follows a commenter and one who does not (author.following differs) share it, and an unfollow keeps it",
  caughtBy: "GET answers carry an ETag; the same request with If-None-Match answers 304 with no body, and after a favorite, a follow, an edit, the author's new bio, a comment or a new tag it answers 200 with the new answer",
  edits: [
    {
      file: 'src/comments/comments.routes.ts',
      find: '    res.json({ comments: (await comments.list(req.params.slug, req.user)).map(commentJson) });',
      replace:
        "    const list = await comments.list(req.params.slug, req.user);\n    const etag = `W/\"${req.params.slug}-${list.length}-${list.reduce((max, c) => Math.max(max, c.id), 0)}\"`;\n    res.set('ETag', etag);\n    if (req.get('If-None-Match') === etag) {\n      res.status(304).end();\n      return;\n    }\n    res.json({ comments: list.map(commentJson) });",
    },
  ],
} satisfies WrongSubmission;
