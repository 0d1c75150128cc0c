import type { WrongSubmission } from '../types.js';

// The report's test proves that a favorite does not move updatedAt; nothing proves that an edit
// does. A "fix" that stops writing updatedAt altogether passes the whole suite.
export default {
  description: 'the suite checks that readers leave updatedAt alone, and never that the author’s edit moves it',
  caughtBy: "your tests notice when an edit leaves the article's updatedAt where it was",
  edits: [
    {
      file: 'test/articles.test.ts',
      find: `  it('moves updatedAt to the time of the edit, and keeps createdAt', async () => {
    t.clock.set('2026-02-10T08:00:00.000Z');
    const article = await createArticle(t, ada);
    t.clock.advance(60 * 60 * 1000);
    const res = await t.http().put(\`/api/articles/\${article.slug}\`).set(ada.auth).send({ article: { body: 'Second draft' } });
    expect(res.status).toBe(200);
    expect(res.body.article).toMatchObject({ body: 'Second draft', createdAt: '2026-02-10T08:00:00.000Z', updatedAt: '2026-02-10T09:00:00.000Z' });
    const read = await t.http().get(\`/api/articles/\${article.slug}\`);
    expect(read.body.article).toMatchObject({ createdAt: '2026-02-10T08:00:00.000Z', updatedAt: '2026-02-10T09:00:00.000Z' });
  });
`,
      replace: '',
    },
  ],
} satisfies WrongSubmission;
