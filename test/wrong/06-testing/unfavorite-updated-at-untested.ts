import type { WrongSubmission } from '../types.js';

// The test of the report stops at the favorite it was written for: the unfavorite, a request of
// the same family ("whatever readers do with it"), is never looked at.
export default {
  description: 'the updatedAt test of the report checks the favorite only; an unfavorite that moves updatedAt goes unnoticed',
  caughtBy: 'your tests notice when unfavoriting an article moves its updatedAt',
  edits: [
    {
      file: 'test/articles.test.ts',
      find: `    expect(liked.body.article).toMatchObject({ createdAt: '2026-04-01T09:00:00.000Z', updatedAt: '2026-04-01T09:00:00.000Z' });
    t.clock.advance(60 * 60 * 1000);
    await t.http().delete(\`/api/articles/\${article.slug}/favorite\`).set(bob.auth).expect(200);
    const read`,
      replace: `    expect(liked.body.article).toMatchObject({ createdAt: '2026-04-01T09:00:00.000Z', updatedAt: '2026-04-01T09:00:00.000Z' });
    const read`,
    },
  ],
} satisfies WrongSubmission;
