/**
 * Story: a member writes, edits and deletes their own articles, and the app keeps them honest:
 * no blank fields, a slug that follows the title, an updatedAt that only edits move.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStage, type Stage } from './helpers/stage.js';
import { fresh, signUp, writes, type Persona } from './helpers/personas.js';

let stage: Stage;
let author: Persona;
beforeAll(async () => {
  stage = await openStage();
  author = await signUp(stage, 'author');
});
afterAll(() => stage.close());

describe('an author publishes', () => {
  it('gets 201 and the article as readers will see it', async () => {
    const at = stage.clock.at('2026-08-01T10:00:00.000Z');
    const res = await author.api.write({ title: 'Why Rust', description: 'and why not', body: 'Because.', tagList: ['rust', 'opinion'] });
    expect(res.status).toBe(201);
    expect(res.body.article).toMatchObject({
      slug: expect.stringMatching(/^why-rust/),
      title: 'Why Rust',
      description: 'and why not',
      body: 'Because.',
      tagList: ['opinion', 'rust'],
      createdAt: at,
      updatedAt: at,
      favorited: false,
      favoritesCount: 0,
      author: { username: author.username },
    });
  });

  it('needs to be signed in', async () => {
    const res = await stage.anonymous.write({ title: 'Anonymous', description: 'd', body: 'b' });
    expect(res.status).toBe(401);
  });

  for (const field of ['title', 'description', 'body'] as const) {
    it(`is told the ${field} cannot be blank when it is only spaces`, async () => {
      const article = { title: fresh('Fine title '), description: 'fine', body: 'fine', [field]: '   ' };
      const res = await author.api.write(article);
      expect(res.status).toBe(422);
      expect(res.body.errors).toEqual({ [field]: ["can't be blank"] });
    });

    it(`is told the ${field} cannot be blank when it is left out`, async () => {
      const article: Record<string, string> = { title: fresh('Fine title '), description: 'fine', body: 'fine' };
      delete article[field];
      const res = await author.api.write(article);
      expect(res.status).toBe(422);
      expect(res.body.errors).toEqual({ [field]: ["can't be blank"] });
    });
  }
});

describe('an author edits', () => {
  it('a new title brings a new slug; the old slug is gone', async () => {
    const before = await writes(author, { title: fresh('Old name ') });
    const res = await author.api.edit(before.slug, { title: 'Completely New Name' });
    expect(res.status).toBe(200);
    const slug: string = res.body.article.slug;
    expect(slug).toMatch(/^completely-new-name/);
    expect(slug).not.toBe(before.slug);
    expect((await stage.anonymous.article(slug)).body.article.title).toBe('Completely New Name');
    expect((await stage.anonymous.article(before.slug)).status).toBe(404);
  });

  it('an edit of the body keeps the slug and moves updatedAt to the time of the edit', async () => {
    const created = stage.clock.at('2026-08-02T10:00:00.000Z');
    const { slug } = await writes(author);
    const edited = stage.clock.tick(3600);
    const res = await author.api.edit(slug, { body: 'Second draft' });
    expect(res.status).toBe(200);
    expect(res.body.article).toMatchObject({ slug, body: 'Second draft', createdAt: created, updatedAt: edited });
  });
});

describe('an author deletes', () => {
  it('204, and then readers get 404', async () => {
    const { slug } = await writes(author);
    const res = await author.api.remove(slug);
    expect(res.status).toBe(204);
    expect((await stage.anonymous.article(slug)).status).toBe(404);
  });

  it('a slug that names no article: 404', async () => {
    const res = await author.api.remove(fresh('never-written-'));
    expect(res.status).toBe(404);
    expect(res.body.errors).toEqual({ article: ['not found'] });
  });

  it('takes its tags along: a tag nobody else uses leaves the tag list', async () => {
    const tag = fresh('lonely');
    const { slug } = await writes(author, { tagList: [tag] });
    expect((await stage.anonymous.tags()).body.tags).toContain(tag);
    expect((await author.api.remove(slug)).status).toBe(204);
    expect((await stage.anonymous.tags()).body.tags).not.toContain(tag);
  });
});
