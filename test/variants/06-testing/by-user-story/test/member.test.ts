/**
 * Story: someone opens an account, signs in, edits their settings, and their tokens behave:
 * they expire, a password change ends the old ones, a deleted account's token opens nothing.
 */
import jwt from 'jsonwebtoken';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { JWT_SECRET, openStage, type Stage } from './helpers/stage.js';
import { fresh, signUp } from './helpers/personas.js';

let stage: Stage;
beforeAll(async () => {
  stage = await openStage();
});
afterAll(() => stage.close());

const PUBLIC_USER_FIELDS = ['bio', 'email', 'image', 'token', 'username'];

describe('a newcomer opens an account', () => {
  it('gets 201 with their user, a token, and no other field', async () => {
    const username = fresh('newcomer');
    const res = await stage.anonymous.register({ username, email: `${username}@story.test`, password: 'a long enough password' });
    expect(res.status).toBe(201);
    expect(Object.keys(res.body.user).sort()).toEqual(PUBLIC_USER_FIELDS);
    expect(res.body.user).toMatchObject({ username, email: `${username}@story.test`, bio: null, image: null });
    const me = await stage.anonymous.signedInAs(res.body.user.token).me();
    expect(me.status).toBe(200);
    expect(me.body.user.username).toBe(username);
  });

  it('cannot take an email already in use, whatever its letter case', async () => {
    const first = await signUp(stage, 'first');
    const shouted = first.email.toUpperCase();
    const res = await stage.anonymous.register({ username: fresh('second'), email: shouted, password: 'a long enough password' });
    expect(res.status).toBe(422);
    expect(res.body.errors).toEqual({ email: ['has already been taken'] });
  });
  it('cannot take a username someone already has', async () => {
    const first = await signUp(stage, 'first');
    const res = await stage.anonymous.register({ username: first.username, email: `${fresh('second')}@story.test`, password: 'a long enough password' });
    expect(res.status).toBe(422);
    expect(res.body.errors).toEqual({ username: ['has already been taken'] });
  });
});

describe('a member signs in', () => {
  it('gets their user and a working token, never their password hash', async () => {
    const member = await signUp(stage, 'member');
    const res = await stage.anonymous.login(member.email, member.password);
    expect(res.status).toBe(200);
    expect(Object.keys(res.body.user).sort()).toEqual(PUBLIC_USER_FIELDS);
    expect(res.body.user).toMatchObject({ username: member.username, email: member.email });
    expect(JSON.stringify(res.body)).not.toMatch(/\$2[aby]?\$\d\d\$/);
    expect((await stage.anonymous.signedInAs(res.body.user.token).me()).status).toBe(200);
  });

  it('is refused with a wrong password', async () => {
    const member = await signUp(stage, 'member');
    const res = await stage.anonymous.login(member.email, 'not the password at all');
    expect(res.status).not.toBe(200);
    expect(res.body).not.toHaveProperty('user');
  });
});

describe('a member edits their settings', () => {
  it('may send their own username and email back unchanged', async () => {
    const member = await signUp(stage, 'member');
    const res = await member.api.updateMe({ username: member.username, email: member.email, bio: 'Likes tea' });
    expect(res.status).toBe(200);
    expect(res.body.user).toMatchObject({ username: member.username, email: member.email, bio: 'Likes tea' });
  });

  it("cannot take someone else's username", async () => {
    const [one, two] = [await signUp(stage, 'one'), await signUp(stage, 'two')];
    const res = await two.api.updateMe({ username: one.username });
    expect(res.status).toBe(422);
    expect(res.body.errors.username).toEqual(expect.any(Array));
  });

  it('after a password change, the old token stops working and the new one works', async () => {
    const member = await signUp(stage, 'member');
    const res = await member.api.updateMe({ password: 'another long password' });
    expect(res.status).toBe(200);
    const renewed: string = res.body.user.token;
    expect(renewed).not.toBe(member.token);
    expect((await member.api.me()).status).toBe(401);
    expect((await stage.anonymous.signedInAs(renewed).me()).status).toBe(200);
    expect((await stage.anonymous.login(member.email, 'another long password')).status).toBe(200);
  });
});

describe('tokens that must open nothing', () => {
  it('no token: 401 on a route that needs one', async () => {
    const res = await stage.anonymous.me();
    expect(res.status).toBe(401);
    expect(res.body.errors.token).toEqual(expect.any(Array));
  });

  it('a token signed with another secret: 401', async () => {
    const member = await signUp(stage, 'member');
    const payload = jwt.decode(member.token) as jwt.JwtPayload;
    const forged = jwt.sign({ ver: payload.ver, sub: payload.sub }, 'some-other-secret-of-enough-length-000000', { algorithm: 'HS256', expiresIn: '1h' });
    expect((await stage.anonymous.signedInAs(forged).me()).status).toBe(401);
  });

  it('a token whose expiry has passed: 401 "has expired"', async () => {
    const member = await signUp(stage, 'member');
    const payload = jwt.decode(member.token) as jwt.JwtPayload;
    // The same claims, signed with the app's secret, but issued two hours ago for one hour.
    const issuedAt = Math.floor(Date.now() / 1000) - 2 * 3600;
    const expired = jwt.sign({ ver: payload.ver, sub: payload.sub, iat: issuedAt, exp: issuedAt + 3600 }, JWT_SECRET, { algorithm: 'HS256' });
    const res = await stage.anonymous.signedInAs(expired).me();
    expect(res.status).toBe(401);
    expect(res.body).toEqual({ errors: { token: ['has expired'] } });
  });

  it('the token of a deleted account: 401, on a public route too', async () => {
    const member = await signUp(stage, 'leaving');
    await stage.db.query('DELETE FROM users WHERE username = :username', { replacements: { username: member.username } });
    expect((await member.api.me()).status).toBe(401);
    const list = await member.api.articles();
    expect(list.status).toBe(401);
    expect(list.body.errors.token).toEqual(expect.any(Array));
  });
});

describe('someone guessing a password', () => {
  it('is stopped after five wrong tries for one email: the sixth answers 429 with Retry-After, even with the right password', async () => {
    const target = await signUp(stage, 'target');
    for (let i = 0; i < 5; i++) expect((await stage.anonymous.login(target.email, `guess ${i}`)).status).toBe(401);
    const sixth = await stage.anonymous.login(target.email, target.password);
    expect(sixth.status).toBe(429);
    expect(Number(sixth.headers['retry-after'])).toBeGreaterThan(0);
  });
});
