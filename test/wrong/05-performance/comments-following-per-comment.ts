import type { WrongSubmission } from '../types.js';

export default {
  description: "the comments list asks, comment by comment, whether the viewer follows its author",
  caughtBy: "GET /api/articles/:slug, /api/profiles/:username and /api/articles/:slug/comments answer exactly what the starter answers, in at most 3 statements without a token and 4 with one, however many tags, favorites and comments",
  edits: [
    { file: "src/comments/comments.service.ts", find: "      return comments.map((c) => toRecord(c, Number(c.get('following')) === 1));", replace: "      const records: CommentRecord[] = [];\n      for (const c of comments) records.push(toRecord(c, viewer !== undefined && (await Follow.count({ where: { followerId: viewer.id, followedId: c.authorId } })) > 0));\n      return records;" },
  ],
} satisfies WrongSubmission;
