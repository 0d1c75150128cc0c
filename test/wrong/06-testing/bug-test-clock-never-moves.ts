import type { WrongSubmission } from '../types.js';

// The lesson warns: "in a test, time only moves when you move the clock: move it between the
// steps, or every timestamp is the same and the bug hides". This test favorites at the very
// instant the article was written, so the favorite's UPDATE writes the value already there.
export default {
  description: 'the test of the report favorites and unfavorites without moving the clock: the planted UPDATE writes updatedAt = the same frozen instant, and the test stays green with the bug back',
  caughtBy: 'your suite has a test that fails on the reported bug',
  edits: [
    {
      file: 'test/articles.test.ts',
      find: `    const article = await createArticle(t, ada);
    t.clock.advance(60 * 60 * 1000);
    const liked = await t.http().post(\`/api/articles/\${article.slug}/favorite\`).set(bob.auth);
    expect(liked.body.article).toMatchObject({ createdAt: '2026-04-01T09:00:00.000Z', updatedAt: '2026-04-01T09:00:00.000Z' });
    t.clock.advance(60 * 60 * 1000);
    await t.http()`,
      replace: `    const article = await createArticle(t, ada);
    const liked = await t.http().post(\`/api/articles/\${article.slug}/favorite\`).set(bob.auth);
    expect(liked.body.article).toMatchObject({ createdAt: '2026-04-01T09:00:00.000Z', updatedAt: '2026-04-01T09:00:00.000Z' });
    await t.http()`,
    },
  ],
} satisfies WrongSubmission;
