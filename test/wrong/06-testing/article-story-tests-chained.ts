import type { WrongSubmission } from '../types.js';

const story = `import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, type TestApp } from './support/app.js';
import { registerUser, type TestUser } from './support/builders.js';

let t: TestApp;
let ada: TestUser;
beforeAll(async () => {
  t = await testApp();
  ada = await registerUser(t, 'ada');
});
afterAll(() => t.drop());

// One article, followed through its life: each test picks up where the one above left it.
describe('an article, from first draft to deletion', () => {
  let slug = '';

  it('is written: 201 with its slug', async () => {
    const res = await t.http().post('/api/articles').set(ada.auth).send({ article: { title: 'A story in four acts', description: 'Acts', body: 'first draft' } });
    expect(res.status).toBe(201);
    slug = res.body.article.slug;
  });

  it('is read back as written', async () => {
    const res = await t.http().get(\`/api/articles/\${slug}\`);
    expect(res.status).toBe(200);
    expect(res.body.article.body).toBe('first draft');
  });

  it('is edited by its author', async () => {
    const res = await t.http().put(\`/api/articles/\${slug}\`).set(ada.auth).send({ article: { body: 'second draft' } });
    expect(res.status).toBe(200);
    expect(res.body.article.body).toBe('second draft');
  });

  it('is deleted by its author: 204, then 404', async () => {
    expect((await t.http().delete(\`/api/articles/\${slug}\`).set(ada.auth)).status).toBe(204);
    expect((await t.http().get(\`/api/articles/\${slug}\`)).status).toBe(404);
  });
});
`;

export default {
  description: 'a "story" test file whose tests share one article in a variable: each reads, edits or deletes what the test above it made, so they pass only in the order they are written',
  caughtBy: 'your suite passes twice in a row and in a shuffled order: no test depends on another’s data or order',
  files: { 'test/article-story.test.ts': story },
} satisfies WrongSubmission;
