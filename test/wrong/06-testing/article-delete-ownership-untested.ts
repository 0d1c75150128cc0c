import type { WrongSubmission } from '../types.js';

// Ownership tested on the first route that came to mind: a stranger's PUT gets its 403 test, a
// stranger's DELETE none.
export default {
  description: 'ownership of articles is tested on PUT only: no test has someone else delete an article',
  caughtBy: "your tests notice when anyone signed in can delete someone else's article",
  edits: [
    {
      file: 'test/articles.test.ts',
      find: `  it('answers 403 when someone else deletes the article, and keeps it', async () => {
    const article = await createArticle(t, ada);
    const res = await t.http().delete(\`/api/articles/\${article.slug}\`).set(bob.auth);
    expect(res.status).toBe(403);
    expect(res.body.errors.article).toEqual(expect.any(Array));
    expect((await t.http().get(\`/api/articles/\${article.slug}\`)).status).toBe(200);
  });

`,
      replace: '',
    },
  ],
} satisfies WrongSubmission;
