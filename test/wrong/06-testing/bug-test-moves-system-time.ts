import type { WrongSubmission } from '../types.js';

export default {
  description: 'the test of the report moves time with vi.setSystemTime (the tool the lesson gives for jsonwebtoken) instead of the app’s clock: the app never sees time pass, and the planted UPDATE writes the same instant back',
  caughtBy: 'your suite has a test that fails on the reported bug',
  edits: [
    {
      file: 'test/articles.test.ts',
      find: `    t.clock.set('2026-04-01T09:00:00.000Z');
    const article = await createArticle(t, ada);
    t.clock.advance(60 * 60 * 1000);
    const liked = await t.http().post(\`/api/articles/\${article.slug}/favorite\`).set(bob.auth);
    expect(liked.body.article).toMatchObject({ createdAt: '2026-04-01T09:00:00.000Z', updatedAt: '2026-04-01T09:00:00.000Z' });
    t.clock.advance(60 * 60 * 1000);
    await t.http().delete(\`/api/articles/\${article.slug}/favorite\`).set(bob.auth).expect(200);
    const read = await t.http().get(\`/api/articles/\${article.slug}\`);
    expect(read.body.article).toMatchObject({ createdAt: '2026-04-01T09:00:00.000Z', updatedAt: '2026-04-01T09:00:00.000Z' });`,
      replace: `    t.clock.set('2026-04-01T09:00:00.000Z');
    const article = await createArticle(t, ada);
    vi.useFakeTimers({ toFake: ['Date'] });
    try {
      vi.setSystemTime(Date.now() + 20 * 60 * 1000);
      const liked = await t.http().post(\`/api/articles/\${article.slug}/favorite\`).set(bob.auth);
      expect(liked.body.article).toMatchObject({ createdAt: '2026-04-01T09:00:00.000Z', updatedAt: '2026-04-01T09:00:00.000Z' });
      vi.setSystemTime(Date.now() + 20 * 60 * 1000);
      await t.http().delete(\`/api/articles/\${article.slug}/favorite\`).set(bob.auth).expect(200);
      const read = await t.http().get(\`/api/articles/\${article.slug}\`);
      expect(read.body.article).toMatchObject({ createdAt: '2026-04-01T09:00:00.000Z', updatedAt: '2026-04-01T09:00:00.000Z' });
    } finally {
      vi.useRealTimers();
    }`,
    },
    {
      file: 'test/articles.test.ts',
      find: `import { afterAll, beforeAll, describe, expect, it } from 'vitest';`,
      replace: `import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';`,
    },
  ],
} satisfies WrongSubmission;
