import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, type TestApp } from './support/app.js';
import { createArticle, favorite, registerUser, type TestUser } from './support/builders.js';

let t: TestApp;
// Three users serve every test here: bcrypt is slow on purpose, and each test makes its own articles.
let ada: TestUser;
let bob: TestUser;
let cy: TestUser;
beforeAll(async () => {
  t = await testApp();
  ada = await registerUser(t, 'ada');
  bob = await registerUser(t, 'bob');
  cy = await registerUser(t, 'cy');
});
afterAll(() => t.drop());

describe('POST /api/articles', () => {
  it('answers 201 with the article, its slug made from the title, its tags sorted', async () => {
    t.clock.set('2026-02-03T04:05:06.000Z');
    const res = await t.http().post('/api/articles').set(ada.auth).send({ article: { title: 'How to Train Your Dragon', description: 'Ever wonder how?', body: 'Very carefully.', tagList: ['training', 'dragons'] } });
    expect(res.status).toBe(201);
    expect(res.body.article).toMatchObject({
      slug: expect.stringMatching(/^how-to-train-your-dragon/),
      title: 'How to Train Your Dragon',
      description: 'Ever wonder how?',
      body: 'Very carefully.',
      tagList: ['dragons', 'training'],
      createdAt: '2026-02-03T04:05:06.000Z',
      updatedAt: '2026-02-03T04:05:06.000Z',
      favorited: false,
      favoritesCount: 0,
      author: { username: ada.username, following: false },
    });
  });

  it('refuses a title made of spaces only, naming the field', async () => {
    const res = await t.http().post('/api/articles').set(ada.auth).send({ article: { title: '   ', description: 'd', body: 'b' } });
    expect(res.status).toBe(422);
    expect(res.body).toEqual({ errors: { title: ["can't be blank"] } });
  });

  it('refuses an article without a body, naming the field', async () => {
    const res = await t.http().post('/api/articles').set(ada.auth).send({ article: { title: 'No body', description: 'd' } });
    expect(res.status).toBe(422);
    expect(res.body).toEqual({ errors: { body: ["can't be blank"] } });
  });

  it('answers 401 without a token', async () => {
    const res = await t.http().post('/api/articles').send({ article: { title: 't', description: 'd', body: 'b' } });
    expect(res.status).toBe(401);
    expect(res.body.errors.token).toEqual(expect.any(Array));
  });
});

describe('GET /api/articles/:slug', () => {
  it('answers the article', async () => {
    const article = await createArticle(t, ada, { body: 'The whole text' });
    const res = await t.http().get(`/api/articles/${article.slug}`);
    expect(res.status).toBe(200);
    expect(res.body.article).toMatchObject({ slug: article.slug, body: 'The whole text', author: { username: ada.username } });
  });

  it('answers 404 for a slug no article has', async () => {
    const res = await t.http().get('/api/articles/no-such-article-here');
    expect(res.status).toBe(404);
    expect(res.body).toEqual({ errors: { article: ['not found'] } });
  });
});

describe('PUT /api/articles/:slug', () => {
  it('changes the slug with the title', async () => {
    const article = await createArticle(t, ada, { title: 'Before the change' });
    const res = await t.http().put(`/api/articles/${article.slug}`).set(ada.auth).send({ article: { title: 'After the change' } });
    expect(res.status).toBe(200);
    expect(res.body.article).toMatchObject({ title: 'After the change', slug: expect.stringMatching(/^after-the-change/) });
    expect((await t.http().get(`/api/articles/${res.body.article.slug}`)).status).toBe(200);
    expect((await t.http().get(`/api/articles/${article.slug}`)).status).toBe(404);
  });

  it('answers 403 to someone who is not the author, and changes nothing', async () => {
    const article = await createArticle(t, ada, { body: 'Original' });
    const res = await t.http().put(`/api/articles/${article.slug}`).set(bob.auth).send({ article: { body: 'Defaced' } });
    expect(res.status).toBe(403);
    expect(res.body.errors.article).toEqual(expect.any(Array));
    expect((await t.http().get(`/api/articles/${article.slug}`)).body.article.body).toBe('Original');
  });

  it('moves updatedAt to the time of the edit, and keeps createdAt', async () => {
    t.clock.set('2026-02-10T08:00:00.000Z');
    const article = await createArticle(t, ada);
    t.clock.advance(60 * 60 * 1000);
    const res = await t.http().put(`/api/articles/${article.slug}`).set(ada.auth).send({ article: { body: 'Second draft' } });
    expect(res.status).toBe(200);
    expect(res.body.article).toMatchObject({ body: 'Second draft', createdAt: '2026-02-10T08:00:00.000Z', updatedAt: '2026-02-10T09:00:00.000Z' });
    const read = await t.http().get(`/api/articles/${article.slug}`);
    expect(read.body.article).toMatchObject({ createdAt: '2026-02-10T08:00:00.000Z', updatedAt: '2026-02-10T09:00:00.000Z' });
  });
});

describe('DELETE /api/articles/:slug', () => {
  it('lets the author delete their article: 204, then 404', async () => {
    const article = await createArticle(t, ada);
    const res = await t.http().delete(`/api/articles/${article.slug}`).set(ada.auth);
    expect(res.status).toBe(204);
    expect((await t.http().get(`/api/articles/${article.slug}`)).status).toBe(404);
  });

  it('answers 404 for a slug no article has', async () => {
    const res = await t.http().delete('/api/articles/no-such-article-to-delete').set(ada.auth);
    expect(res.status).toBe(404);
    expect(res.body).toEqual({ errors: { article: ['not found'] } });
  });

  it('answers 403 when someone else deletes the article, and keeps it', async () => {
    const article = await createArticle(t, ada);
    const res = await t.http().delete(`/api/articles/${article.slug}`).set(bob.auth);
    expect(res.status).toBe(403);
    expect(res.body.errors.article).toEqual(expect.any(Array));
    expect((await t.http().get(`/api/articles/${article.slug}`)).status).toBe(200);
  });

  it('lets an admin delete anyone\'s article (the role is read from the database)', async () => {
    const article = await createArticle(t, ada);
    const moderator = await registerUser(t, 'moderator');
    await t.db.query("UPDATE users SET role = 'admin' WHERE username = :username", { replacements: { username: moderator.username } });
    const res = await t.http().delete(`/api/articles/${article.slug}`).set(moderator.auth);
    expect(res.status).toBe(204);
    expect((await t.http().get(`/api/articles/${article.slug}`)).status).toBe(404);
  });
});

describe('favorites', () => {
  it('counts each user who favorited the article once, and shows the viewer their own flag', async () => {
    const article = await createArticle(t, ada);
    await favorite(t, bob, article.slug);
    const res = await t.http().post(`/api/articles/${article.slug}/favorite`).set(cy.auth);
    expect(res.status).toBe(200);
    expect(res.body.article).toMatchObject({ slug: article.slug, favorited: true, favoritesCount: 2 });
    const asAda = await t.http().get(`/api/articles/${article.slug}`).set(ada.auth);
    expect(asAda.body.article).toMatchObject({ favorited: false, favoritesCount: 2 });
  });

  it('starts at zero, and favoriting twice counts once', async () => {
    const article = await createArticle(t, ada);
    expect((await t.http().get(`/api/articles/${article.slug}`)).body.article.favoritesCount).toBe(0);
    await favorite(t, bob, article.slug);
    const again = await t.http().post(`/api/articles/${article.slug}/favorite`).set(bob.auth);
    expect(again.status).toBe(200);
    expect(again.body.article).toMatchObject({ favorited: true, favoritesCount: 1 });
  });

  it("unfavoriting removes only the caller's favorite", async () => {
    const article = await createArticle(t, ada);
    await favorite(t, bob, article.slug);
    await favorite(t, cy, article.slug);
    const res = await t.http().delete(`/api/articles/${article.slug}/favorite`).set(bob.auth);
    expect(res.status).toBe(200);
    expect(res.body.article).toMatchObject({ favorited: false, favoritesCount: 1 });
    const asCy = await t.http().get(`/api/articles/${article.slug}`).set(cy.auth);
    expect(asCy.body.article).toMatchObject({ favorited: true, favoritesCount: 1 });
  });

  // The bug report of the lesson: liked articles showed "edited". A favorite is not an edit.
  it('leaves the article untouched: favoriting and unfavoriting later do not move its updatedAt', async () => {
    t.clock.set('2026-04-01T09:00:00.000Z');
    const article = await createArticle(t, ada);
    t.clock.advance(60 * 60 * 1000);
    const liked = await t.http().post(`/api/articles/${article.slug}/favorite`).set(bob.auth);
    expect(liked.body.article).toMatchObject({ createdAt: '2026-04-01T09:00:00.000Z', updatedAt: '2026-04-01T09:00:00.000Z' });
    t.clock.advance(60 * 60 * 1000);
    await t.http().delete(`/api/articles/${article.slug}/favorite`).set(bob.auth).expect(200);
    const read = await t.http().get(`/api/articles/${article.slug}`);
    expect(read.body.article).toMatchObject({ createdAt: '2026-04-01T09:00:00.000Z', updatedAt: '2026-04-01T09:00:00.000Z' });
  });
});
