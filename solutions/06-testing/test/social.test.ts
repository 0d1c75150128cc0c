import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, type TestApp } from './support/app.js';
import { addComment, createArticle, follow, registerUser, type TestUser } from './support/builders.js';

let t: TestApp;
let ada: TestUser;
let bob: TestUser;
beforeAll(async () => {
  t = await testApp();
  ada = await registerUser(t, 'ada');
  bob = await registerUser(t, 'bob');
});
afterAll(() => t.drop());

describe('comments', () => {
  it('adds a comment: 201 with the comment and its author', async () => {
    const article = await createArticle(t, ada);
    t.clock.set('2026-05-06T07:08:09.000Z');
    const res = await t.http().post(`/api/articles/${article.slug}/comments`).set(bob.auth).send({ comment: { body: 'Great read' } });
    expect(res.status).toBe(201);
    expect(res.body.comment).toMatchObject({ id: expect.any(Number), body: 'Great read', createdAt: '2026-05-06T07:08:09.000Z', author: { username: bob.username } });
  });

  it("lists the article's comments oldest first, and no other article's", async () => {
    const article = await createArticle(t, ada);
    const elsewhere = await createArticle(t, bob);
    t.clock.advance(1000);
    const first = await addComment(t, bob, article.slug, 'first');
    await addComment(t, ada, elsewhere.slug, 'on another article');
    t.clock.advance(1000);
    const second = await addComment(t, ada, article.slug, 'second');
    const res = await t.http().get(`/api/articles/${article.slug}/comments`);
    expect(res.status).toBe(200);
    expect(res.body.comments.map((c: { id: number }) => c.id)).toEqual([first.id, second.id]);
  });

  it('refuses a comment made of spaces only', async () => {
    const article = await createArticle(t, ada);
    const res = await t.http().post(`/api/articles/${article.slug}/comments`).set(bob.auth).send({ comment: { body: '   ' } });
    expect(res.status).toBe(422);
    expect(res.body).toEqual({ errors: { body: ["can't be blank"] } });
  });

  it('answers 403 when someone else deletes a comment, and keeps it', async () => {
    const article = await createArticle(t, ada);
    const comment = await addComment(t, bob, article.slug);
    const res = await t.http().delete(`/api/articles/${article.slug}/comments/${comment.id}`).set(ada.auth);
    expect(res.status).toBe(403);
    expect(res.body.errors.comment).toEqual(expect.any(Array));
    const list = await t.http().get(`/api/articles/${article.slug}/comments`);
    expect(list.body.comments.map((c: { id: number }) => c.id)).toEqual([comment.id]);
  });

  it('lets the author delete their comment', async () => {
    const article = await createArticle(t, ada);
    const comment = await addComment(t, bob, article.slug);
    const res = await t.http().delete(`/api/articles/${article.slug}/comments/${comment.id}`).set(bob.auth);
    expect(res.status).toBe(204);
    expect((await t.http().get(`/api/articles/${article.slug}/comments`)).body.comments).toEqual([]);
  });
});

describe('profiles and follows', () => {
  it('shows following: true to a follower, and false the other way round and to everyone else', async () => {
    const [fan, star] = [await registerUser(t, 'fan'), await registerUser(t, 'star')];
    await follow(t, fan, star);
    const asFan = await t.http().get(`/api/profiles/${star.username}`).set(fan.auth);
    expect(asFan.status).toBe(200);
    expect(asFan.body.profile).toEqual({ username: star.username, bio: null, image: null, following: true });
    const asStar = await t.http().get(`/api/profiles/${fan.username}`).set(star.auth);
    expect(asStar.status).toBe(200);
    expect(asStar.body.profile.following).toBe(false);
    // Someone who follows nobody: "following" is the viewer's, not "has followers".
    const asAda = await t.http().get(`/api/profiles/${star.username}`).set(ada.auth);
    expect(asAda.body.profile.following).toBe(false);
  });

  it('unfollows: 200 with following false, and the profile says so afterwards', async () => {
    const [fan, star] = [await registerUser(t, 'fan'), await registerUser(t, 'star')];
    await follow(t, fan, star);
    const res = await t.http().delete(`/api/profiles/${star.username}/follow`).set(fan.auth);
    expect(res.status).toBe(200);
    expect(res.body.profile).toMatchObject({ username: star.username, following: false });
    expect((await t.http().get(`/api/profiles/${star.username}`).set(fan.auth)).body.profile.following).toBe(false);
  });

  it('answers 404 for an unknown username', async () => {
    const res = await t.http().get('/api/profiles/nobody-by-that-name');
    expect(res.status).toBe(404);
    expect(res.body).toEqual({ errors: { profile: ['not found'] } });
  });
});
