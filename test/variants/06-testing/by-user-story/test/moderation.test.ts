/**
 * Story: members meet each other's content. Comments are theirs to write and delete; nobody may
 * change or delete what someone else wrote, and a refusal leaves the content as it was.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStage, type Stage } from './helpers/stage.js';
import { comments, signUp, writes, type Persona } from './helpers/personas.js';

let stage: Stage;
let owner: Persona;
let intruder: Persona;
beforeAll(async () => {
  stage = await openStage();
  owner = await signUp(stage, 'owner');
  intruder = await signUp(stage, 'intruder');
});
afterAll(() => stage.close());

const idsOf = async (slug: string) => (await stage.anonymous.comments(slug)).body.comments.map((c: { id: number }) => c.id);

describe("someone else's article", () => {
  it('cannot be edited by another member (403), and stays as written', async () => {
    const { slug } = await writes(owner, { body: 'My words' });
    const res = await intruder.api.edit(slug, { body: 'Their words', title: 'Hijacked' });
    expect(res.status).toBe(403);
    const read = await stage.anonymous.article(slug);
    expect(read.status).toBe(200);
    expect(read.body.article.body).toBe('My words');
  });

  it('cannot be deleted by another member (403), and is still there', async () => {
    const { slug } = await writes(owner);
    expect((await intruder.api.remove(slug)).status).toBe(403);
    expect((await stage.anonymous.article(slug)).status).toBe(200);
  });

  it('cannot be touched without a token (401)', async () => {
    const { slug } = await writes(owner);
    expect((await stage.anonymous.edit(slug, { body: 'x' })).status).toBe(401);
    expect((await stage.anonymous.remove(slug)).status).toBe(401);
  });
});

describe('comments', () => {
  it('a member comments: 201 with the comment, its time and its author', async () => {
    const { slug } = await writes(owner);
    const at = stage.clock.at('2026-10-10T10:10:10.000Z');
    const res = await intruder.api.comment(slug, 'Interesting');
    expect(res.status).toBe(201);
    expect(res.body.comment).toMatchObject({ id: expect.any(Number), body: 'Interesting', createdAt: at, author: { username: intruder.username } });
  });

  it('a comment of spaces only is refused', async () => {
    const { slug } = await writes(owner);
    const res = await intruder.api.comment(slug, '  \t ');
    expect(res.status).toBe(422);
    expect(res.body.errors).toEqual({ body: ["can't be blank"] });
    expect(await idsOf(slug)).toEqual([]);
  });

  it("a comment cannot be deleted by anyone but its author, not even the article's author", async () => {
    const { slug } = await writes(owner);
    const id = await comments(intruder, slug, 'mine');
    const res = await owner.api.uncomment(slug, id);
    expect(res.status).toBe(403);
    expect(await idsOf(slug)).toEqual([id]);
  });

  it('its author deletes it: 204, and only that one goes', async () => {
    const { slug } = await writes(owner);
    stage.clock.tick();
    const keep = await comments(owner, slug, 'keep');
    stage.clock.tick();
    const drop = await comments(intruder, slug, 'drop');
    expect((await intruder.api.uncomment(slug, drop)).status).toBe(204);
    expect(await idsOf(slug)).toEqual([keep]);
  });
});

describe('an admin', () => {
  it("may delete a member's article (the role lives in the database)", async () => {
    const { slug } = await writes(owner);
    const admin = await signUp(stage, 'admin');
    await stage.db.query('UPDATE users SET role = ? WHERE username = ?', { replacements: ['admin', admin.username] });
    expect((await admin.api.remove(slug)).status).toBe(204);
    expect((await stage.anonymous.article(slug)).status).toBe(404);
  });
});
