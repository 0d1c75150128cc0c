import type { WrongSubmission } from '../types.js';

export default {
  description: 'the test of deleting someone else’s comment checks the 403 and stops there: it never looks whether the comment is still there',
  caughtBy: 'your tests notice when the comment is deleted before the ownership check: a stranger is told 403, and the comment is gone anyway',
  edits: [
    {
      file: 'test/social.test.ts',
      find: `    expect(res.status).toBe(403);
    expect(res.body.errors.comment).toEqual(expect.any(Array));
    const list = await t.http().get(\`/api/articles/\${article.slug}/comments\`);
    expect(list.body.comments.map((c: { id: number }) => c.id)).toEqual([comment.id]);`,
      replace: `    expect(res.status).toBe(403);
    expect(res.body.errors.comment).toEqual(expect.any(Array));`,
    },
  ],
} satisfies WrongSubmission;
