/**
 * The reliability suite's own parts that need no server (the suite itself runs as a script:
 * `npm run reliability`, docs/authoring.md#the-reliability-suite).
 */
import { describe, expect, it } from 'vitest';
import { drawSpecs, encodeAny, ENDPOINT_NAMES, isErrorEnvelope } from './fuzz.js';
import { Model } from './model.js';

describe('reliability suite', () => {
  it('draws the same fuzz list from the same seed, and another from another seed', () => {
    const a = JSON.stringify(drawSpecs(42, 60));
    expect(JSON.stringify(drawSpecs(42, 60))).toBe(a);
    expect(JSON.stringify(drawSpecs(43, 60))).not.toBe(a);
  });

  it('draws every endpoint and every body transport in a default-sized run', () => {
    const specs = drawSpecs(20261130, 400);
    expect(new Set(specs.map((s) => s.endpoint))).toEqual(new Set(ENDPOINT_NAMES.base));
    expect(new Set(specs.map((s) => s.transport)).size).toBeGreaterThanOrEqual(14);
  });

  it('draws the social routes (and hostile usernames, junk validators and encodings) only for a target that has them', () => {
    const specs = drawSpecs(20261130, 400, { social: true });
    expect(new Set(specs.map((s) => s.endpoint))).toEqual(new Set([...ENDPOINT_NAMES.base, ...ENDPOINT_NAMES.social]));
    const social = specs.filter((s) => ENDPOINT_NAMES.social.includes(s.endpoint as never));
    expect(new Set(social.map((s) => s.username)).size).toBeGreaterThanOrEqual(15);
    expect(new Set(specs.map((s) => s.ifNoneMatch)).size).toBe(11);
    expect(new Set(specs.map((s) => s.acceptEncoding)).size).toBeGreaterThanOrEqual(12);
  });

  it('knows the Conduit error envelope when it sees it', () => {
    expect(isErrorEnvelope({ errors: { body: ["can't be blank"] } })).toBe(true);
    expect(isErrorEnvelope({ errors: {} })).toBe(false);
    expect(isErrorEnvelope({ errors: { body: 'x' } })).toBe(false);
    expect(isErrorEnvelope({ message: 'Not Found' })).toBe(false);
    expect(isErrorEnvelope(undefined)).toBe(false);
  });

  it('puts a lone surrogate in a URL as the bytes of its code unit, and a pair as UTF-8', () => {
    expect(encodeAny('a\ud800b')).toBe('a%ED%A0%80b');
    expect(encodeAny('🐉 x')).toBe('%F0%9F%90%89%20x');
  });

  it('keeps comments with their article across a rename, and drops them with it', () => {
    const model = new Model();
    model.saveArticle({ slug: 'a', tagList: ['b', 'a'], author: { username: 'u' } });
    model.addComment('a', 1, 'u');
    model.saveArticle({ slug: 'a-2', tagList: [], author: { username: 'u' } }, 'a');
    expect(model.slugs()).toEqual(['a-2']);
    expect([...model.commentIds()]).toEqual([1]);
    expect(model.articles.get('a-2')?.tagCandidates).toEqual([[]]);
    model.removeArticle('a-2');
    expect(model.commentIds().size).toBe(0);
  });

  it('keeps favorites and follows across renames, drops favorites with their article, and leaves raced pairs open', () => {
    const model = new Model();
    const ada = { username: 'ada', email: 'ada@x', password: 'p', token: 't', client: '127.0.0.1' };
    const bob = { ...ada, username: 'bob', email: 'bob@x' };
    model.addUser(ada);
    model.addUser(bob);
    model.saveArticle({ slug: 'a', tagList: [], author: { username: 'bob' } });
    model.setFavorite('a', ada, true);
    model.setFavorite('a', bob, true, { raced: true });
    expect(model.favoritesCount('a')).toEqual({ min: 1, max: 2 });
    model.setFavorite('a', bob, false);
    expect(model.favoritesCount('a')).toEqual({ min: 1, max: 1 });
    model.setFollow(ada, bob, true);
    bob.username = 'robert';
    model.saveArticle({ slug: 'a-2', tagList: [], author: { username: 'robert' } }, 'a');
    expect(model.hasFavorited('a-2', ada)).toBe(true);
    expect(model.feedCount(ada)).toEqual({ min: 1, max: 1 });
    model.removeArticle('a-2');
    expect(model.favoritesOf(ada)).toEqual({ min: 0, max: 0 });
    expect(model.isFollowing(ada, bob)).toBe(true);
  });
});
