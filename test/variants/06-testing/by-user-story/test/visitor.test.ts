/**
 * Story: someone without an account browses Conduit. They see the health of the service, lists
 * of articles (newest first, paged, filtered by tag), single articles, comments, tags, profiles.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStage, type Stage } from './helpers/stage.js';
import { comments, fresh, series, signUp, slugs, writes, type Persona } from './helpers/personas.js';

let stage: Stage;
let writer: Persona;
let critic: Persona;
beforeAll(async () => {
  stage = await openStage();
  writer = await signUp(stage, 'writer');
  critic = await signUp(stage, 'critic');
});
afterAll(() => stage.close());

describe('a visitor checks the service is up', () => {
  it('sees ok and the time of the app clock', async () => {
    const now = stage.clock.at('2026-07-08T09:10:11.000Z');
    const health = await stage.anonymous.health();
    expect(health.status).toBe(200);
    expect(health.body).toMatchObject({ status: 'ok', time: now });
  });
});

describe('a visitor reads the list of articles', () => {
  it('sees the newest first, without bodies, and a count of all matches', async () => {
    const { tag, newestFirst } = await series(stage, writer, 3);
    const res = await stage.anonymous.articles({ tag });
    expect(res.status).toBe(200);
    expect(slugs(res)).toEqual(newestFirst);
    expect(res.body.articlesCount).toBe(3);
    for (const article of res.body.articles) expect(article).not.toHaveProperty('body');
  });

  it('sees articles written in the same instant with the later one first', async () => {
    const tag = fresh('sameinstant');
    stage.clock.tick(5);
    const a = await writes(writer, { tagList: [tag] });
    const b = await writes(writer, { tagList: [tag] });
    const c = await writes(writer, { tagList: [tag] });
    expect(new Set([a.createdAt, b.createdAt, c.createdAt]).size).toBe(1);
    const res = await stage.anonymous.articles({ tag });
    expect(slugs(res)).toEqual([c.slug, b.slug, a.slug]);
  });

  it('turns the pages: each page holds the next articles and the count stays the total', async () => {
    const { tag, newestFirst } = await series(stage, writer, 5);
    const pages = [];
    for (const offset of [0, 2, 4]) pages.push(await stage.anonymous.articles({ tag, limit: 2, offset }));
    expect(pages.map((p) => p.status)).toEqual([200, 200, 200]);
    expect(pages.map(slugs)).toEqual([newestFirst.slice(0, 2), newestFirst.slice(2, 4), newestFirst.slice(4)]);
    expect(pages.map((p) => p.body.articlesCount)).toEqual([5, 5, 5]);
  });

  it('narrows the list to one tag', async () => {
    const wanted = fresh('wanted');
    const other = fresh('other');
    const match = await writes(writer, { tagList: [other, wanted] });
    await writes(critic, { tagList: [other] });
    const res = await stage.anonymous.articles({ tag: wanted });
    expect(res.status).toBe(200);
    expect(slugs(res)).toEqual([match.slug]);
    expect(res.body.articlesCount).toBe(1);
    const both = await stage.anonymous.articles({ tag: other });
    expect(both.body.articlesCount).toBe(2);
  });

  it("narrows the list to one writer's articles", async () => {
    const topic = fresh('topic');
    const mine = await writes(critic, { tagList: [topic] });
    await writes(writer, { tagList: [topic] });
    const res = await stage.anonymous.articles({ tag: topic, author: critic.username });
    expect(res.status).toBe(200);
    expect(slugs(res)).toEqual([mine.slug]);
    expect(res.body.articlesCount).toBe(1);
  });

  it('may ask for 1 to 100 articles a page, not 0 and not 101', async () => {
    expect((await stage.anonymous.articles({ limit: 100 })).status).toBe(200);
    expect((await stage.anonymous.articles({ limit: 1 })).status).toBe(200);
    const none = await stage.anonymous.articles({ limit: 0 });
    expect(none.status).toBe(422);
    expect(Object.keys(none.body.errors)).toEqual(['limit']);
    const res = await stage.anonymous.articles({ limit: 101 });
    expect(res.status).toBe(422);
    expect(Object.keys(res.body.errors)).toEqual(['limit']);
  });
});

describe('a visitor opens one article', () => {
  it('reads its body, tags (sorted) and author', async () => {
    stage.clock.at('2026-07-09T12:00:00.000Z');
    const res = await writer.api.write({ title: 'Tea Ceremonies Explained', description: 'short', body: 'Long text.', tagList: ['tea', 'japan'] });
    expect(res.status).toBe(201);
    const read = await stage.anonymous.article(res.body.article.slug);
    expect(read.status).toBe(200);
    expect(read.body.article).toMatchObject({
      slug: expect.stringMatching(/^tea-ceremonies-explained/),
      title: 'Tea Ceremonies Explained',
      body: 'Long text.',
      tagList: ['japan', 'tea'],
      createdAt: '2026-07-09T12:00:00.000Z',
      updatedAt: '2026-07-09T12:00:00.000Z',
      favorited: false,
      favoritesCount: 0,
      author: { username: writer.username, following: false },
    });
  });

  it('gets 404 for a slug that names no article', async () => {
    const res = await stage.anonymous.article(fresh('never-written-'));
    expect(res.status).toBe(404);
    expect(res.body).toEqual({ errors: { article: ['not found'] } });
    expect(res.body).not.toHaveProperty('article');
  });

  it("reads the comments in the order they were written, and only that article's", async () => {
    const { slug } = await writes(writer);
    const other = await writes(critic);
    stage.clock.tick();
    const first = await comments(critic, slug, 'first!');
    await comments(writer, other.slug, 'on the other one');
    stage.clock.tick();
    const second = await comments(writer, slug, 'thanks');
    stage.clock.tick();
    const third = await comments(critic, slug, 'you are welcome');
    const res = await stage.anonymous.comments(slug);
    expect(res.status).toBe(200);
    expect(res.body.comments.map((c: { id: number; body: string }) => [c.id, c.body])).toEqual([
      [first, 'first!'],
      [second, 'thanks'],
      [third, 'you are welcome'],
    ]);
  });
});

describe('a visitor browses tags and profiles', () => {
  it('finds the tag of an article published after they last looked', async () => {
    const tag = fresh('brandnew');
    const before = await stage.anonymous.tags();
    expect(before.status).toBe(200);
    expect(before.body.tags).not.toContain(tag);
    await writes(writer, { tagList: [tag] });
    const after = await stage.anonymous.tags();
    expect(after.status).toBe(200);
    expect(after.body.tags).toContain(tag);
  });

  it('sees a profile, and 404 for a name nobody has', async () => {
    const res = await stage.anonymous.profile(writer.username);
    expect(res.status).toBe(200);
    expect(res.body.profile).toEqual({ username: writer.username, bio: null, image: null, following: false });
    const missing = await stage.anonymous.profile(fresh('ghost'));
    expect(missing.status).toBe(404);
  });
});
