import type { WrongSubmission } from '../types.js';

export default {
  description: 'the test of an author deleting their own comment checks the 204 only; the comment list is never read again',
  caughtBy: 'your tests notice when deleting one’s own comment answers 204 and leaves the comment in place',
  edits: [
    {
      file: 'test/social.test.ts',
      find: `    expect(res.status).toBe(204);
    expect((await t.http().get(\`/api/articles/\${article.slug}/comments\`)).body.comments).toEqual([]);`,
      replace: `    expect(res.status).toBe(204);`,
    },
  ],
} satisfies WrongSubmission;
