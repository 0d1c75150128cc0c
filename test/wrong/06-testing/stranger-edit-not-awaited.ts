import type { WrongSubmission } from '../types.js';

// supertest sends a request only when it is awaited (or .end() is called): without the await,
// the stranger's PUT never leaves, and "the article is unchanged" is true of any app.
export default {
  description: 'the test of editing someone else’s article forgot the await on the stranger’s PUT (… .expect(403);): the request is never sent, and the article is of course unchanged',
  caughtBy: "your tests notice when anyone signed in can change someone else's article",
  edits: [
    {
      file: 'test/articles.test.ts',
      find: `    const res = await t.http().put(\`/api/articles/\${article.slug}\`).set(bob.auth).send({ article: { body: 'Defaced' } });
    expect(res.status).toBe(403);
    expect(res.body.errors.article).toEqual(expect.any(Array));`,
      replace: `    t.http().put(\`/api/articles/\${article.slug}\`).set(bob.auth).send({ article: { body: 'Defaced' } }).expect(403);`,
    },
  ],
} satisfies WrongSubmission;
