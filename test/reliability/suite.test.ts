/**
 * The reliability suite's own parts that need no server (the suite itself runs as a script:
 * `npm run reliability`, docs/authoring.md#the-reliability-suite).
 */
import { describe, expect, it } from 'vitest';
import { drawSpecs, encodeAny } from './fuzz.js';
import { Model } from './model.js';

describe('reliability suite', () => {
  it('draws the same fuzz list from the same seed, and another from another seed', () => {
    const a = JSON.stringify(drawSpecs(42, 60));
    expect(JSON.stringify(drawSpecs(42, 60))).toBe(a);
    expect(JSON.stringify(drawSpecs(43, 60))).not.toBe(a);
  });

  it('draws every endpoint and every body transport in a default-sized run', () => {
    const specs = drawSpecs(20261130, 400);
    expect(new Set(specs.map((s) => s.endpoint)).size).toBe(16);
    expect(new Set(specs.map((s) => s.transport)).size).toBeGreaterThanOrEqual(14);
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
});
