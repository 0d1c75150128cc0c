import type { WrongSubmission } from '../types.js';

export default {
  description: 'the delete tests (the author’s, the admin’s, and the one about the tags a deleted article takes along) check the 204 and stop there: no test reads the article or the tags again, so a DELETE that answers 204 and deletes nothing goes unnoticed',
  caughtBy: 'your tests notice when deleting an article answers 204 and leaves the article in place',
  edits: [
    {
      file: 'test/articles.test.ts',
      find: `    const res = await t.http().delete(\`/api/articles/\${article.slug}\`).set(ada.auth);
    expect(res.status).toBe(204);
    expect((await t.http().get(\`/api/articles/\${article.slug}\`)).status).toBe(404);`,
      replace: `    const res = await t.http().delete(\`/api/articles/\${article.slug}\`).set(ada.auth);
    expect(res.status).toBe(204);`,
    },
    {
      file: 'test/articles.test.ts',
      find: `    const res = await t.http().delete(\`/api/articles/\${article.slug}\`).set(moderator.auth);
    expect(res.status).toBe(204);
    expect((await t.http().get(\`/api/articles/\${article.slug}\`)).status).toBe(404);`,
      replace: `    const res = await t.http().delete(\`/api/articles/\${article.slug}\`).set(moderator.auth);
    expect(res.status).toBe(204);`,
    },
    {
      file: 'test/lists.test.ts',
      find: `    expect((await t.http().delete(\`/api/articles/\${article.slug}\`).set(ada.auth)).status).toBe(204);
    const after = await t.http().get('/api/tags');
    expect(after.status).toBe(200);
    expect(after.body.tags).not.toContain(tag);`,
      replace: `    expect((await t.http().delete(\`/api/articles/\${article.slug}\`).set(ada.auth)).status).toBe(204);`,
    },
  ],
} satisfies WrongSubmission;
