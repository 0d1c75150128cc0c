/**
 * Story: a reader becomes a fan. They favorite articles (and take it back), follow writers, and
 * read a feed of the writers they follow. A popular article must not look "edited" for it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStage, type Stage } from './helpers/stage.js';
import { expectStatus, signUp, slugs, writes, type Persona } from './helpers/personas.js';

let stage: Stage;
let writer: Persona;
let fan: Persona;
let otherFan: Persona;
beforeAll(async () => {
  stage = await openStage();
  writer = await signUp(stage, 'writer');
  fan = await signUp(stage, 'fan');
  otherFan = await signUp(stage, 'otherfan');
});
afterAll(() => stage.close());

const countOf = async (slug: string, viewer?: Persona) => {
  const res = expectStatus(await (viewer?.api ?? stage.anonymous).article(slug), 200);
  return { favorited: res.body.article.favorited as boolean, favoritesCount: res.body.article.favoritesCount as number };
};

describe('a fan favorites articles', () => {
  it('a new article has no favorites; one favorite makes one', async () => {
    const { slug } = await writes(writer);
    expect(await countOf(slug)).toEqual({ favorited: false, favoritesCount: 0 });
    const res = await fan.api.favorite(slug);
    expect(res.status).toBe(200);
    expect(res.body.article).toMatchObject({ slug, favorited: true, favoritesCount: 1 });
    expect(await countOf(slug, fan)).toEqual({ favorited: true, favoritesCount: 1 });
    expect(await countOf(slug, writer)).toEqual({ favorited: false, favoritesCount: 1 });
  });

  it('favoriting twice still counts once; two fans count two', async () => {
    const { slug } = await writes(writer);
    await fan.api.favorite(slug);
    expect((await fan.api.favorite(slug)).body.article.favoritesCount).toBe(1);
    expect((await otherFan.api.favorite(slug)).body.article).toMatchObject({ favorited: true, favoritesCount: 2 });
  });

  it("taking a favorite back removes that fan's only", async () => {
    const { slug } = await writes(writer);
    await fan.api.favorite(slug);
    await otherFan.api.favorite(slug);
    const res = await fan.api.unfavorite(slug);
    expect(res.status).toBe(200);
    expect(res.body.article).toMatchObject({ favorited: false, favoritesCount: 1 });
    expect(await countOf(slug, otherFan)).toEqual({ favorited: true, favoritesCount: 1 });
  });

  it('the favorite count shows in lists too', async () => {
    const tag = `fav${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
    const { slug } = await writes(writer, { tagList: [tag] });
    await fan.api.favorite(slug);
    const res = await stage.anonymous.articles({ tag });
    expect(res.body.articles).toMatchObject([{ slug, favoritesCount: 1, favorited: false }]);
  });

  // The support ticket: popular articles showed "edited". Reading, liking and un-liking is not editing.
  it("a fan's favorites are a list of their own (?favorited=)", async () => {
    const tag = `liked${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
    const liked = await writes(writer, { tagList: [tag] });
    await writes(writer, { tagList: [tag] });
    expectStatus(await otherFan.api.favorite(liked.slug), 200);
    const res = await stage.anonymous.articles({ tag, favorited: otherFan.username });
    expect(res.status).toBe(200);
    expect(slugs(res)).toEqual([liked.slug]);
    expect(res.body.articlesCount).toBe(1);
  });

  it("favorites and unfavorites at later times leave the article's updatedAt alone", async () => {
    const written = stage.clock.at('2026-09-01T08:00:00.000Z');
    const { slug } = await writes(writer);
    stage.clock.tick(3 * 3600);
    const liked = await fan.api.favorite(slug);
    expect(liked.body.article).toMatchObject({ createdAt: written, updatedAt: written });
    stage.clock.tick(3600);
    await otherFan.api.favorite(slug);
    stage.clock.tick(3600);
    await fan.api.unfavorite(slug);
    const read = await stage.anonymous.article(slug);
    expect(read.body.article).toMatchObject({ createdAt: written, updatedAt: written });
  });
});

describe('a fan follows writers', () => {
  it('sees following: true on the writer; the writer sees false on the fan', async () => {
    const [star, admirer] = [await signUp(stage, 'star'), await signUp(stage, 'admirer')];
    const res = await admirer.api.follow(star.username);
    expect(res.status).toBe(200);
    expect(res.body.profile).toEqual({ username: star.username, bio: null, image: null, following: true });
    expect((await admirer.api.profile(star.username)).body.profile.following).toBe(true);
    expect((await star.api.profile(admirer.username)).body.profile.following).toBe(false);
    expect((await stage.anonymous.profile(star.username)).body.profile.following).toBe(false);
    expect((await otherFan.api.profile(star.username)).body.profile.following).toBe(false);
  });

  it('unfollows, and the profile says so', async () => {
    const [star, admirer] = [await signUp(stage, 'star'), await signUp(stage, 'admirer')];
    await admirer.api.follow(star.username);
    const res = await admirer.api.unfollow(star.username);
    expect(res.status).toBe(200);
    expect(res.body.profile).toMatchObject({ username: star.username, following: false });
    expect((await admirer.api.profile(star.username)).body.profile.following).toBe(false);
  });
});

describe("a fan reads their feed", () => {
  it("holds the followed writers' articles, newest first, none of their own and none of writers they do not follow", async () => {
    const [columnist, subscriber, blogger] = [await signUp(stage, 'columnist'), await signUp(stage, 'subscriber'), await signUp(stage, 'blogger')];
    stage.clock.tick();
    const older = await writes(columnist);
    stage.clock.tick();
    await writes(subscriber);
    await writes(blogger);
    stage.clock.tick();
    const newer = await writes(columnist);
    await subscriber.api.follow(columnist.username);
    const res = await subscriber.api.feed();
    expect(res.status).toBe(200);
    expect(slugs(res)).toEqual([newer.slug, older.slug]);
    expect(res.body.articlesCount).toBe(2);
  });

  it('pages like the article list', async () => {
    const [columnist, subscriber] = [await signUp(stage, 'columnist'), await signUp(stage, 'subscriber')];
    const written: string[] = [];
    for (let i = 0; i < 5; i++) {
      stage.clock.tick();
      written.unshift((await writes(columnist)).slug);
    }
    await subscriber.api.follow(columnist.username);
    const first = await subscriber.api.feed({ limit: 2, offset: 0 });
    const middle = await subscriber.api.feed({ limit: 2, offset: 2 });
    const rest = await subscriber.api.feed({ offset: 3, limit: 10 });
    expect(slugs(first)).toEqual(written.slice(0, 2));
    expect(slugs(middle)).toEqual(written.slice(2, 4));
    expect(slugs(rest)).toEqual(written.slice(3));
    expect([first.body.articlesCount, middle.body.articlesCount, rest.body.articlesCount]).toEqual([5, 5, 5]);
  });

  it('is only for members', async () => {
    expect((await stage.anonymous.feed()).status).toBe(401);
  });
});
