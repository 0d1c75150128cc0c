import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, type TestApp } from './support/app.js';
import { createArticle, createArticles, favorite, follow, registerUser, slugsOf, unique, type TestUser } from './support/builders.js';

let t: TestApp;
let ada: TestUser;
beforeAll(async () => {
  t = await testApp();
  ada = await registerUser(t, 'ada');
});
afterAll(() => t.drop());

// Every list test tags its articles with a tag of its own and filters on it: it sees only them.
describe('GET /api/articles', () => {
  it('lists the articles newest first, with articlesCount and without bodies', async () => {
    const tag = unique('newest');
    const [first, second, third] = await createArticles(t, ada, 3, { tagList: [tag] });
    const res = await t.http().get(`/api/articles?tag=${tag}`);
    expect(res.status).toBe(200);
    expect(slugsOf(res.body)).toEqual([third.slug, second.slug, first.slug]);
    expect(res.body.articlesCount).toBe(3);
    expect(res.body.articles[0]).not.toHaveProperty('body');
  });

  it('orders articles written at the same instant newest first too (the later id first)', async () => {
    const tag = unique('instant');
    t.clock.advance(1000);
    const first = await createArticle(t, ada, { tagList: [tag] });
    const second = await createArticle(t, ada, { tagList: [tag] });
    const third = await createArticle(t, ada, { tagList: [tag] });
    expect(first.createdAt).toBe(third.createdAt);
    const res = await t.http().get(`/api/articles?tag=${tag}`);
    expect(res.status).toBe(200);
    expect(slugsOf(res.body)).toEqual([third.slug, second.slug, first.slug]);
  });

  it('pages with ?limit and ?offset, and articlesCount counts every match', async () => {
    const tag = unique('paged');
    const created = (await createArticles(t, ada, 5, { tagList: [tag] })).reverse();
    const page1 = await t.http().get(`/api/articles?tag=${tag}&limit=2&offset=0`);
    const page2 = await t.http().get(`/api/articles?tag=${tag}&limit=2&offset=2`);
    const page3 = await t.http().get(`/api/articles?tag=${tag}&limit=2&offset=4`);
    expect([page1.status, page2.status, page3.status]).toEqual([200, 200, 200]);
    expect(slugsOf(page1.body)).toEqual([created[0].slug, created[1].slug]);
    expect(slugsOf(page2.body)).toEqual([created[2].slug, created[3].slug]);
    expect(slugsOf(page3.body)).toEqual([created[4].slug]);
    expect([page1.body.articlesCount, page2.body.articlesCount, page3.body.articlesCount]).toEqual([5, 5, 5]);
  });

  it('filters by tag', async () => {
    const tag = unique('only');
    const tagged = await createArticle(t, ada, { tagList: [tag, 'other'] });
    await createArticle(t, ada, { tagList: ['other'] });
    const res = await t.http().get(`/api/articles?tag=${tag}`);
    expect(res.status).toBe(200);
    expect(slugsOf(res.body)).toEqual([tagged.slug]);
    expect(res.body.articlesCount).toBe(1);
  });

  it('filters by author: only their articles, and articlesCount counts those', async () => {
    const tag = unique('by');
    const grace = await registerUser(t, 'grace');
    const hers = await createArticle(t, grace, { tagList: [tag] });
    await createArticle(t, ada, { tagList: [tag] });
    const res = await t.http().get(`/api/articles?tag=${tag}&author=${grace.username}`);
    expect(res.status).toBe(200);
    expect(slugsOf(res.body)).toEqual([hers.slug]);
    expect(res.body.articlesCount).toBe(1);
  });

  it('filters by favorited: only the articles that user favorited', async () => {
    const tag = unique('fav');
    const fan = await registerUser(t, 'fan');
    const [liked] = await createArticles(t, ada, 2, { tagList: [tag] });
    await favorite(t, fan, liked.slug);
    const res = await t.http().get(`/api/articles?tag=${tag}&favorited=${fan.username}`);
    expect(res.status).toBe(200);
    expect(slugsOf(res.body)).toEqual([liked.slug]);
    expect(res.body.articlesCount).toBe(1);
  });

  it('refuses a limit above 100, naming the parameter', async () => {
    const res = await t.http().get('/api/articles?limit=101');
    expect(res.status).toBe(422);
    expect(res.body.errors).toEqual({ limit: [expect.any(String)] });
    expect((await t.http().get('/api/articles?limit=100')).status).toBe(200);
  });

  it('refuses a limit of 0: a page holds at least one article', async () => {
    const res = await t.http().get('/api/articles?limit=0');
    expect(res.status).toBe(422);
    expect(res.body.errors).toEqual({ limit: [expect.any(String)] });
    expect((await t.http().get('/api/articles?limit=1')).status).toBe(200);
  });
});

describe('GET /api/articles/feed', () => {
  it("lists the followed users' articles newest first, and neither the reader's own nor anyone else's", async () => {
    const [writer, reader, stranger] = [await registerUser(t, 'writer'), await registerUser(t, 'reader'), await registerUser(t, 'stranger')];
    const [older, newer] = await createArticles(t, writer, 2);
    await createArticle(t, reader);
    await createArticle(t, stranger);
    await follow(t, reader, writer);
    const res = await t.http().get('/api/articles/feed').set(reader.auth);
    expect(res.status).toBe(200);
    expect(slugsOf(res.body)).toEqual([newer.slug, older.slug]);
    expect(res.body.articlesCount).toBe(2);
  });

  it('pages with ?limit and ?offset the way the article list does', async () => {
    const [writer, reader] = [await registerUser(t, 'writer'), await registerUser(t, 'reader')];
    const newestFirst = (await createArticles(t, writer, 5)).reverse().map((a) => a.slug);
    await follow(t, reader, writer);
    const page = (offset: number) => t.http().get(`/api/articles/feed?limit=2&offset=${offset}`).set(reader.auth);
    const [first, second, third] = [await page(0), await page(2), await page(4)];
    expect([first.status, second.status, third.status]).toEqual([200, 200, 200]);
    expect(slugsOf(first.body)).toEqual(newestFirst.slice(0, 2));
    expect(slugsOf(second.body)).toEqual(newestFirst.slice(2, 4));
    expect(slugsOf(third.body)).toEqual(newestFirst.slice(4));
    expect(first.body.articlesCount).toBe(5);
  });

  it('answers 401 without a token', async () => {
    const res = await t.http().get('/api/articles/feed');
    expect(res.status).toBe(401);
    expect(res.body.errors.token).toEqual(expect.any(Array));
  });
});

describe('GET /api/tags', () => {
  it('includes the tags of an article written after the list was last asked for', async () => {
    const before = await t.http().get('/api/tags');
    expect(before.status).toBe(200);
    const tag = unique('fresh');
    expect(before.body.tags).not.toContain(tag);
    await createArticle(t, ada, { tagList: [tag] });
    const after = await t.http().get('/api/tags');
    expect(after.status).toBe(200);
    expect(after.body.tags).toContain(tag);
  });

  it('forgets the tag of a deleted article that was the only one to carry it', async () => {
    const tag = unique('gone');
    const article = await createArticle(t, ada, { tagList: [tag] });
    expect((await t.http().get('/api/tags')).body.tags).toContain(tag);
    expect((await t.http().delete(`/api/articles/${article.slug}`).set(ada.auth)).status).toBe(204);
    const after = await t.http().get('/api/tags');
    expect(after.status).toBe(200);
    expect(after.body.tags).not.toContain(tag);
  });
});
